import Foundation
import Geo
import XCTest
@testable import ForestAssessment
@testable import ForestChange
@testable import ForestCheck
@testable import ForestMapCore
@testable import ForestSynth
@testable import PlanarKernel
@testable import ForestTestSupport

/// `Planar.ringIsSimple` (the allocation-free version with edge boxes) answers exactly as the plain pair loop it
/// replaced, and wherever it answers, as GEOS's validity does: on random rings, on rings from a small integer grid
/// (collinear edges, vertices on edges, self-touching rings), with spikes and repeated vertices put in, and at tiny
/// and huge coordinates.
final class PlanarRingTests: XCTestCase {

    /// The pair loop `ringIsSimple` was before: a copy of the ring, `relation` on every pair of non-adjacent edges.
    private func reference(_ raw: [Point], limit: Int = 80) -> Bool? {
        guard raw.count <= limit + 1 else { return nil }
        guard raw.count >= 4, raw.first == raw.last, raw.allSatisfy({ $0.x.isFinite && $0.y.isFinite }) else { return false }
        var ring: [Point] = [raw[0]]
        for p in raw.dropFirst() where p != ring[ring.count - 1] { ring.append(p) }
        let n = ring.count - 1
        guard n >= 3 else { return false }
        for i in 0..<n {
            let a = ring[i], b = ring[i + 1], c = i + 2 <= n ? ring[i + 2] : ring[1]
            if Planar.orientation(a, b, c) == nil, (b.x - a.x) * (c.x - b.x) + (b.y - a.y) * (c.y - b.y) <= 0 { return nil }
            guard i + 2 < n else { continue }
            for j in (i + 2)..<n where !(i == 0 && j == n - 1) {
                switch Planar.relation(a, b, ring[j], ring[j + 1]) {
                case .disjoint: continue
                case .cross, .same, .twin, .touch: return false
                case .uncertain: return nil
                }
            }
        }
        return true
    }

    /// A closed ring of `n` vertices drawn by `point`.
    private func ring(_ n: Int, _ point: () -> Point) -> [Point] {
        var r = (0..<n).map { _ in point() }
        r.append(r[0])
        return r
    }

    /// A star-shaped (so usually simple) ring of `n` vertices around (cx, cy) with radii up to `r`.
    private func star(_ random: inout SplitMix64, _ n: Int, cx: Double, cy: Double, r: Double) -> [Point] {
        var out: [Point] = []
        for k in 0..<n {
            let angle = 2 * Double.pi * (Double(k) + random.unit() * 0.8) / Double(n)
            let radius = r * (0.3 + 0.7 * random.unit())
            out.append(Point(cx + radius * cos(angle), cy + radius * sin(angle)))
        }
        out.append(out[0])
        return out
    }

    /// Puts in a spike (out to a point and straight back), a repeated vertex, or a vertex on an existing edge.
    private func disturb(_ ring: [Point], _ random: inout SplitMix64) -> [Point] {
        var r = ring
        let k = 1 + random.int(r.count - 2)
        switch random.int(4) {
        case 0: r.insert(contentsOf: [Point(r[k].x + 3, r[k].y + 2), r[k]], at: k + 1)   // spike
        case 1: r.insert(r[k], at: k)                                                     // repeated vertex
        case 2: r.insert(Point((r[k - 1].x + r[k].x) / 2, (r[k - 1].y + r[k].y) / 2), at: k)   // on its own edge
        default: r.insert(r[(k + r.count / 2) % (r.count - 1)], at: k)                   // back to another vertex
        }
        return r
    }

    /// Checks one ring: the same answer as the reference, and GEOS's validity wherever it answers.
    private func check(_ ring: [Point], _ context: GEOSContext, _ answered: inout Int, _ falses: inout Int,
                       file: StaticString = #filePath, line: UInt = #line) throws {
        let fast = Planar.ringIsSimple(ring)
        XCTAssertEqual(fast, reference(ring), "\(ring)", file: file, line: line)
        XCTAssertEqual(Planar.ringIsSimple(ring[...]), fast, "a slice answers as the array", file: file, line: line)
        guard let fast else { return }
        let valid = try Geometry(wkb: WKB(polygons: [PolygonRings(rings: [ring])]), context: context).invalidity == nil
        XCTAssertEqual(fast, valid, "\(ring)", file: file, line: line)
        answered += 1
        if !fast { falses += 1 }
    }

    func testRandomRingsAgreeWithTheReferenceAndGEOS() throws {
        var random = SplitMix64(seed: 101)
        let context = GEOSContext()
        var answered = 0, falses = 0
        for k in 0..<3_000 {
            let r = k % 2 == 0
                ? ring(3 + random.int(10)) { Point(random.unit() * 100, random.unit() * 100) }
                : star(&random, 5 + random.int(40), cx: 500_000, cy: 3_000_000, r: 50)
            try check(r, context, &answered, &falses)
        }
        XCTAssertGreaterThan(answered, 2_900)
        XCTAssertGreaterThan(falses, 800, "random rings that cross themselves are told apart")
    }

    func testGridRingsWithCollinearAndTouchingEdges() throws {
        // Vertices on a 4 × 4 integer grid: collinear edges, vertices on other edges, rings through one vertex twice.
        var random = SplitMix64(seed: 202)
        let context = GEOSContext()
        var answered = 0, falses = 0, unsure = 0
        for _ in 0..<4_000 {
            let r = ring(3 + random.int(7)) { Point(Double(random.int(4)), Double(random.int(4))) }
            if Planar.ringIsSimple(r) == nil { unsure += 1 }
            try check(r, context, &answered, &falses)
        }
        XCTAssertGreaterThan(answered, 1_000)
        XCTAssertGreaterThan(unsure, 100, "collinear contact is left to GEOS")
    }

    func testSpikesRepeatedVerticesAndVerticesOnEdges() throws {
        var random = SplitMix64(seed: 303)
        let context = GEOSContext()
        var answered = 0, falses = 0
        for _ in 0..<2_000 {
            var r = star(&random, 6 + random.int(20), cx: 380_000, cy: 2_920_000, r: 80)
            for _ in 0..<(1 + random.int(2)) { r = disturb(r, &random) }
            try check(r, context, &answered, &falses)
        }
        XCTAssertGreaterThan(answered, 500)
        // The fixed cases: a spike, a self-touching ring, a bow tie, repeated vertices only, too few vertices,
        // unclosed, not finite, and a clean square with every vertex doubled.
        let square = [Point(0, 0), Point(10, 0), Point(10, 10), Point(0, 10), Point(0, 0)]
        XCTAssertNotEqual(Planar.ringIsSimple([Point(0, 0), Point(10, 0), Point(5, 0), Point(5, 5), Point(0, 0)]), true)
        XCTAssertNotEqual(Planar.ringIsSimple([Point(0, 0), Point(10, 0), Point(10, 10), Point(5, 0), Point(0, 10), Point(0, 0)]), true)
        XCTAssertEqual(Planar.ringIsSimple([Point(0, 0), Point(10, 10), Point(10, 0), Point(0, 10), Point(0, 0)]), false)
        XCTAssertEqual(Planar.ringIsSimple([Point(1, 1), Point(1, 1), Point(1, 1), Point(1, 1)]), false)
        XCTAssertEqual(Planar.ringIsSimple([Point(0, 0), Point(1, 0), Point(0, 0)]), false)
        XCTAssertEqual(Planar.ringIsSimple(Array(square.dropLast())), false)
        XCTAssertEqual(Planar.ringIsSimple([Point(0, 0), Point(.nan, 0), Point(1, 1), Point(0, 1), Point(0, 0)]), false)
        XCTAssertEqual(Planar.ringIsSimple([Point(0, 0), Point(.infinity, 0), Point(1, 1), Point(0, 1), Point(0, 0)]), false)
        XCTAssertEqual(Planar.ringIsSimple(square.flatMap { [$0, $0] }), true)
        XCTAssertEqual(Planar.ringIsSimple(square), true)
        // Longer than the limit: GEOS decides.
        XCTAssertNil(Planar.ringIsSimple(star(&random, 100, cx: 0, cy: 0, r: 1)))
    }

    func testTinyAndHugeCoordinates() throws {
        var random = SplitMix64(seed: 404)
        let context = GEOSContext()
        var answered = 0, falses = 0
        // Geographic rings a few centimetres across (1e-7°), projected ones far from the origin at millimetre size,
        // and huge coordinates where a unit is the spacing of the doubles.
        let places: [(x: Double, y: Double, r: Double)] = [
            (106.712345678, 26.456789012, 1e-7), (0, 0, 1e-9), (380_000.123, 2_920_000.456, 0.003),
            (4.5e15, -4.5e15, 8), (1e12, 1e12, 1e-2),
        ]
        for k in 0..<3_000 {
            let place = places[k % places.count]
            var r = k % 3 == 0
                ? ring(3 + random.int(8)) { Point(place.x + (random.unit() - 0.5) * place.r, place.y + (random.unit() - 0.5) * place.r) }
                : star(&random, 4 + random.int(15), cx: place.x, cy: place.y, r: place.r)
            if k % 5 == 0 { r = disturb(r, &random) }
            try check(r, context, &answered, &falses)
        }
        XCTAssertGreaterThan(answered, 2_000)
    }
}

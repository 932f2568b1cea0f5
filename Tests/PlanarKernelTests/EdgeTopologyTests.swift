import Foundation
import Geo
import XCTest
@testable import ForestAssessment
@testable import ForestMapCore
@testable import ForestReport
@testable import ForestStats
@testable import ForestSynth
@testable import PlanarKernel
@testable import ForestTestSupport

/// The allocation-free `PairTest` answers exactly as the array-based test it replaced, and as GEOS wherever it
/// answers; `CoverageUnion`'s edge table cancels shared edges correctly on coverages large enough to make it probe,
/// wrap around and shift entries back.
final class EdgeTopologyTests: XCTestCase {

    /// The array-based test `PairTest.test` was before.
    private func reference(_ p: OrientedRings, _ q: OrientedRings, limit: Int = 4_096) -> PairTest.Outcome {
        let box = Envelope(minX: max(p.box.minX, q.box.minX), minY: max(p.box.minY, q.box.minY),
                           maxX: min(p.box.maxX, q.box.maxX), maxY: min(p.box.maxY, q.box.maxY))
        guard box.minX <= box.maxX, box.minY <= box.maxY else { return .apart }
        func edges(_ r: OrientedRings) -> [(Point, Point)] {
            var out: [(Point, Point)] = []
            for ring in r.rings {
                for k in 1..<ring.count {
                    let a = ring[k - 1], b = ring[k]
                    if max(a.x, b.x) < box.minX || min(a.x, b.x) > box.maxX || max(a.y, b.y) < box.minY || min(a.y, b.y) > box.maxY { continue }
                    out.append((a, b))
                }
            }
            return out
        }
        let ep = edges(p), eq = edges(q)
        guard ep.count * eq.count <= limit else { return .uncertain }
        var pFree = [Bool](repeating: true, count: ep.count), qFree = [Bool](repeating: true, count: eq.count)
        for i in ep.indices {
            for j in eq.indices {
                switch Planar.relation(ep[i].0, ep[i].1, eq[j].0, eq[j].1) {
                case .disjoint, .touch: continue
                case .twin: pFree[i] = false; qFree[j] = false
                case .same, .cross: return .overlap
                case .uncertain: return .uncertain
                }
            }
        }
        for (free, edges, other) in [(qFree, eq, p), (pFree, ep, q)] {
            let work = free.count * other.rings.reduce(0) { $0 + $1.count }
            for k in edges.indices where free[k] {
                let m = Point((edges[k].0.x + edges[k].1.x) / 2, (edges[k].0.y + edges[k].1.y) / 2)
                guard m.x >= other.box.minX, m.x <= other.box.maxX, m.y >= other.box.minY, m.y <= other.box.maxY else { continue }
                if work > 16 * limit { return .uncertain }
                switch Planar.locate(m, in: other.rings) {
                case .outside: continue
                case .inside: return .overlap
                case nil: return .uncertain
                }
            }
        }
        return .apart
    }

    /// Corners of an n × n jittered lattice (borders straight), so that cells share their edges exactly.
    private func corners(_ random: inout SplitMix64, _ n: Int, jitter: Double) -> [[Point]] {
        (0...n).map { j in
            (0...n).map { i in
                let dx = (i == 0 || i == n) ? 0 : (random.unit() - 0.5) * jitter, dy = (j == 0 || j == n) ? 0 : (random.unit() - 0.5) * jitter
                return Point(380_000 + (Double(i) + dx) * 50, 2_920_000 + (Double(j) + dy) * 50)
            }
        }
    }

    private func cell(_ c: [[Point]], _ i: Int, _ j: Int) -> [Point] {
        [c[j][i], c[j][i + 1], c[j + 1][i + 1], c[j + 1][i], c[j][i]]
    }

    private func oriented(_ rings: [Point]...) -> OrientedRings { OrientedRings([PolygonRings(rings: rings)])! }

    func testPairTestAnswersAsBeforeAndAsGEOS() throws {
        var random = SplitMix64(seed: 17)
        let context = GEOSContext()
        var compared = 0, overlaps = 0, aparts = 0
        for round in 0..<40 {
            let c = corners(&random, 5, jitter: 0.4)
            var cells: [[Point]] = []
            for j in 0..<5 { for i in 0..<5 { cells.append(cell(c, i, j)) } }
            // Disturb some: a vertex moved, a vertex put on a neighbour's edge, a repeated vertex, a cell shifted,
            // a cell with a hole, a cell mirrored (clockwise input).
            for _ in 0..<4 {
                let k = random.int(cells.count)
                var r = cells[k]
                switch (round + k) % 5 {
                case 0: r[1].x += (random.unit() - 0.5) * 30; r[1].y += (random.unit() - 0.5) * 30
                case 1: r.insert(Point((r[0].x + r[1].x) / 2, (r[0].y + r[1].y) / 2), at: 1)
                case 2: r.insert(r[2], at: 2)
                case 3: r = r.map { Point($0.x + 7, $0.y - 3) }
                default: r.reverse()
                }
                cells[k] = r
            }
            let rings = cells.map { OrientedRings([PolygonRings(rings: [$0])])! }
            let geometries = try cells.map { try Geometry(wkb: WKB(polygons: [PolygonRings(rings: [$0])]), context: context) }
            for a in cells.indices {
                for b in cells.indices where b != a {
                    let fast = PairTest.test(rings[a], rings[b])
                    XCTAssertEqual(fast, reference(rings[a], rings[b]), "round \(round) cells \(a) \(b)")
                    compared += 1
                    guard geometries[a].invalidity == nil, geometries[b].invalidity == nil else { continue }
                    // What the check relies on: apart means no overlap at all. An overlap may be a sliver of
                    // rounding size (a vertex put on an edge lands a little off it) that GEOS's area gives as 0,
                    // so there only meeting is asked of GEOS.
                    switch fast {
                    case .apart: XCTAssertEqual(try geometries[a].intersection(geometries[b]).area, 0, "round \(round) cells \(a) \(b)"); aparts += 1
                    case .overlap: XCTAssertTrue(geometries[a].intersects(geometries[b]), "round \(round) cells \(a) \(b)"); overlaps += 1
                    case .uncertain: break
                    }
                }
            }
        }
        XCTAssertGreaterThan(aparts, 20_000)
        XCTAssertGreaterThan(overlaps, 100)
        // A polygon with a hole and one inside the hole; one straddling the hole's edge; a small edge limit.
        let outer = oriented([Point(0, 0), Point(10, 0), Point(10, 10), Point(0, 10), Point(0, 0)],
                             [Point(3, 3), Point(3, 7), Point(7, 7), Point(7, 3), Point(3, 3)])
        let island = oriented([Point(3, 3), Point(7, 3), Point(7, 7), Point(3, 7), Point(3, 3)])
        let straddling = oriented([Point(2, 4), Point(5, 4), Point(5, 6), Point(2, 6), Point(2, 4)])
        XCTAssertEqual(PairTest.test(outer, island), .apart)
        XCTAssertEqual(PairTest.test(island, outer), .apart)
        XCTAssertEqual(PairTest.test(outer, straddling), .overlap)
        XCTAssertEqual(PairTest.test(outer, island, limit: 4), .uncertain)
        XCTAssertEqual(reference(outer, island, limit: 4), .uncertain)
    }

    func testCoverageUnionOfALargeCoverageAgreesWithGEOS() throws {
        // 40 × 40 cells (about 6,400 edges, most of them cancelling in pairs) with a few inner cells left out: holes.
        var random = SplitMix64(seed: 23)
        let context = GEOSContext()
        let c = corners(&random, 40, jitter: 0.5)
        var cells: [[Point]] = []
        for j in 0..<40 { for i in 0..<40 where !((i * 7 + j * 3) % 97 == 0 && i > 0 && j > 0 && i < 39 && j < 39) { cells.append(cell(c, i, j)) } }
        let union = try XCTUnwrap(CoverageUnion.union(cells.map { OrientedRings([PolygonRings(rings: [$0])])! }))
        let geos = try Geometry.union(cells.map { try Geometry(wkb: WKB(polygons: [PolygonRings(rings: [$0])]), context: context) }, context: context)
        let mine = try Geometry(wkb: WKB(polygons: union), context: context)
        XCTAssertNil(mine.invalidity)
        XCTAssertEqual(mine.area, geos.area, accuracy: 1e-6)
        XCTAssertEqual(try mine.difference(geos).area + geos.difference(mine).area, 0, accuracy: 1e-6)
        XCTAssertEqual(union.reduce(0) { $0 + $1.rings.count - 1 }, geos.polygonRings().reduce(0) { $0 + $1.rings.count - 1 }, "holes")
        XCTAssertGreaterThan(union.reduce(0) { $0 + $1.rings.count - 1 }, 5)
        // The same cell twice is no coverage.
        XCTAssertNil(CoverageUnion.union([cells[0], cells[1], cells[0]].map { OrientedRings([PolygonRings(rings: [$0])])! }))
    }
}

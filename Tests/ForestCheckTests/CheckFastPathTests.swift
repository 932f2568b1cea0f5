import Foundation
import Geo
import XCTest
@testable import ForestAssessment
@testable import ForestCheck
@testable import ForestMapCore
@testable import ForestReport
@testable import ForestStats
@testable import ForestSynth
@testable import PlanarKernel
@testable import ForestTestSupport

/// The Swift fast paths of the check (edge tests, ring simplicity, coverage union, township raster, area scale)
/// agree with GEOS and PROJ wherever they answer, on many random cases including shared edges and near misses.
final class CheckFastPathTests: XCTestCase {
    /// A jittered 4 × 4 lattice; cell (i, j)'s ring runs counter-clockwise through the shared jittered corners, so
    /// neighbouring cells share their edges exactly.
    private func lattice(_ random: inout SplitMix64, jitter: Double = 0.3) -> [[Point]] {
        var corners: [[Point]] = []
        for j in 0...4 {
            corners.append((0...4).map { i in
                let dx = (i == 0 || i == 4) ? 0 : (random.unit() - 0.5) * jitter, dy = (j == 0 || j == 4) ? 0 : (random.unit() - 0.5) * jitter
                return Point(500_000 + (Double(i) + dx) * 100, 3_000_000 + (Double(j) + dy) * 100)
            })
        }
        var cells: [[Point]] = []
        for j in 0..<4 {
            for i in 0..<4 {
                cells.append([corners[j][i], corners[j][i + 1], corners[j + 1][i + 1], corners[j + 1][i], corners[j][i]])
            }
        }
        return cells
    }

    private func oriented(_ ring: [Point]) -> OrientedRings { OrientedRings([PolygonRings(rings: [ring])])! }

    func testPairTestAgreesWithGEOS() throws {
        var random = SplitMix64(seed: 42)
        let context = GEOSContext()
        var decided = 0
        for round in 0..<60 {
            var cells = lattice(&random)
            // Disturb a few cells: shift one vertex, move a whole cell, or shrink one.
            for _ in 0..<3 {
                let k = Int(random.unit() * 16), v = Int(random.unit() * 4)
                var ring = cells[k]
                switch round % 3 {
                case 0: ring[v].x += (random.unit() - 0.5) * 40; ring[v].y += (random.unit() - 0.5) * 40
                case 1: ring = ring.map { Point($0.x + 15, $0.y) }
                default: let c = Point(ring[0].x + 50, ring[0].y + 50); ring = ring.map { Point(c.x + ($0.x - c.x) * 0.5, c.y + ($0.y - c.y) * 0.5) }
                }
                if v == 0 || round % 3 != 0 { ring[4] = ring[0] }
                cells[k] = ring
            }
            let geometries = try cells.map { try Geometry(wkb: WKB(polygons: [PolygonRings(rings: [$0])]), context: context) }
            for a in 0..<16 {
                for b in (a + 1)..<16 where geometries[a].invalidity == nil && geometries[b].invalidity == nil {
                    let overlap = try geometries[a].intersection(geometries[b]).area
                    switch PairTest.test(oriented(cells[a]), oriented(cells[b])) {
                    case .apart: XCTAssertEqual(overlap, 0, "round \(round) cells \(a) \(b)"); decided += 1
                    case .overlap: XCTAssertGreaterThan(overlap, 0, "round \(round) cells \(a) \(b)"); decided += 1
                    case .uncertain: break
                    }
                }
            }
        }
        XCTAssertGreaterThan(decided, 5_000, "the fast path decides most pairs")
    }

    func testContainmentTestAgreesWithGEOS() throws {
        var random = SplitMix64(seed: 7)
        let context = GEOSContext()
        var inside = 0
        for _ in 0..<40 {
            let cells = lattice(&random)
            // The "township": cells 0–7 (the lower half) as one polygon, traced along the shared corners.
            let township = try Geometry.union(cells[0..<8].map { try Geometry(wkb: WKB(polygons: [PolygonRings(rings: [$0])]), context: context) }, context: context)
            let rings = try XCTUnwrap(OrientedRings(township.polygonRings()))
            let prepared = try PreparedGeometry(township)
            for (k, cell) in cells.enumerated() {
                var ring = cell
                if k % 5 == 4 { ring[2].y += 30; ring[2].x += 10 }   // some poke out
                let g = try Geometry(wkb: WKB(polygons: [PolygonRings(rings: [ring])]), context: context)
                guard g.invalidity == nil else { continue }
                switch ContainmentTest.test(oriented(ring), in: rings) {
                case .inside: XCTAssertTrue(prepared.contains(g), "cell \(k)"); inside += 1
                case .notInside: XCTAssertFalse(prepared.contains(g), "cell \(k)")
                case .uncertain: break
                }
            }
        }
        XCTAssertGreaterThan(inside, 150)
    }

    func testRingSimplicityAgreesWithGEOS() throws {
        var random = SplitMix64(seed: 3)
        let context = GEOSContext()
        var answered = 0
        for _ in 0..<2_000 {
            let n = 3 + Int(random.unit() * 6)
            var ring = (0..<n).map { _ in Point(random.unit() * 100, random.unit() * 100) }
            ring.append(ring[0])
            let valid = try Geometry(wkb: WKB(polygons: [PolygonRings(rings: [ring])]), context: context).invalidity == nil
            if let simple = Planar.ringIsSimple(ring) {
                XCTAssertEqual(simple, valid, "\(ring)")
                answered += 1
            }
        }
        XCTAssertGreaterThan(answered, 1_900)
        // A spike and a self-touching ring.
        XCTAssertNotEqual(Planar.ringIsSimple([Point(0, 0), Point(10, 0), Point(5, 0), Point(5, 5), Point(0, 0)]), true)
        XCTAssertNotEqual(Planar.ringIsSimple([Point(0, 0), Point(10, 0), Point(10, 10), Point(5, 0), Point(0, 10), Point(0, 0)]), true)
        XCTAssertEqual(Planar.ringIsSimple([Point(0, 0), Point(10, 10), Point(10, 0), Point(0, 10), Point(0, 0)]), false)
    }

    func testCoverageUnionAgreesWithGEOS() throws {
        var random = SplitMix64(seed: 11)
        let context = GEOSContext()
        for round in 0..<30 {
            var cells = lattice(&random)
            // Holes where cells are left out; one ring of cells around a missing centre touches itself at corners.
            let missing = Set((0..<(round % 4)).map { _ in Int(random.unit() * 16) })
            cells = cells.enumerated().filter { !missing.contains($0.offset) }.map(\.element)
            let union = try XCTUnwrap(CoverageUnion.union(cells.map(oriented)), "round \(round)")
            let geos = try Geometry.union(cells.map { try Geometry(wkb: WKB(polygons: [PolygonRings(rings: [$0])]), context: context) }, context: context)
            let mine = try Geometry(wkb: WKB(polygons: union), context: context)
            XCTAssertNil(mine.invalidity, "round \(round)")
            XCTAssertEqual(mine.area, geos.area, accuracy: 1e-6)
            XCTAssertEqual(try mine.difference(geos).area + geos.difference(mine).area, 0, accuracy: 1e-6)
            XCTAssertEqual(union.reduce(0) { $0 + $1.rings.count - 1 }, geos.polygonRings().reduce(0) { $0 + $1.rings.count - 1 }, "holes")
        }
        // Overlapping polygons are not a coverage.
        let square = [Point(0, 0), Point(1, 0), Point(1, 1), Point(0, 1), Point(0, 0)]
        XCTAssertNil(CoverageUnion.union([oriented(square), oriented(square)]))
    }

    func testTownshipRasterNeverPlacesAPolygonWrongly() throws {
        var random = SplitMix64(seed: 5)
        let context = GEOSContext()
        let cells = lattice(&random, jitter: 0.6)
        let a = try Geometry.union(cells[0..<8].map { try Geometry(wkb: WKB(polygons: [PolygonRings(rings: [$0])]), context: context) }, context: context)
        let b = try Geometry.union(cells[8..<16].map { try Geometry(wkb: WKB(polygons: [PolygonRings(rings: [$0])]), context: context) }, context: context)
        let raster = TownshipRaster(parts: [("A", a.polygonRings().flatMap(\.rings)), ("B", b.polygonRings().flatMap(\.rings))], cellsPerSide: 64)
        let prepared = ["A": try PreparedGeometry(a), "B": try PreparedGeometry(b)]
        var placed = 0
        for _ in 0..<3_000 {
            let x = 500_000 + random.unit() * 400, y = 3_000_000 + random.unit() * 400, s = 1 + random.unit() * 30
            let box = Envelope(minX: x, minY: y, maxX: x + s, maxY: y + s)
            guard let code = raster.township(covering: box) else { continue }
            let square = try Geometry(wkb: WKB(polygons: [PolygonRings(rings: [[Point(x, y), Point(x + s, y), Point(x + s, y + s), Point(x, y + s), Point(x, y)]])]), context: context)
            XCTAssertTrue(prepared[code]!.contains(square), "\(box) in \(code)")
            placed += 1
        }
        XCTAssertGreaterThan(placed, 1_500)
    }

    func testAreaScaleMatchesTheExactEllipsoidalArea() throws {
        let srs = try SpatialReference(epsg: 4545)
        let calculator = try AreaCalculator(method: .ellipsoidal, spatialReference: srs, layerLabel: "test")
        let extent = Envelope(minX: 360_000, minY: 2_900_000, maxX: 400_000, maxY: 2_940_000)
        let scale = try AreaScale(extent: extent, method: .ellipsoidal, crsWKT: srs.wkt, label: "test")
        var random = SplitMix64(seed: 9)
        for _ in 0..<200 {
            let x = 360_000 + random.unit() * 39_000, y = 2_900_000 + random.unit() * 39_000, w = 10 + random.unit() * 900
            let polygon = PolygonRings(rings: [[Point(x, y), Point(x + w, y + w * 0.1), Point(x + w * 0.8, y + w), Point(x - w * 0.1, y + w * 0.7), Point(x, y)]])
            let exact = try calculator.squareMetres([polygon])
            // Within 1e-9, or 5e-5 m²: the exact area itself is only that good (PROJ's inverse projection and the
            // geodesic area carry about 1e-5 m² between them on polygons of 10 to 300 m).
            XCTAssertEqual(scale.squareMetres([polygon]), exact, accuracy: max(exact * 1e-9, 5e-5))
        }
        let planar = try AreaScale(extent: extent, method: .planar, crsWKT: srs.wkt, label: "test")
        XCTAssertEqual(planar.scale(at: Point(380_000, 2_920_000)), 1)
    }
}

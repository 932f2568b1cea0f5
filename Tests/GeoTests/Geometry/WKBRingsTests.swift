import Foundation
import XCTest
@testable import Geo

/// Reading WKB in place: ring visits, planar moments and the cheap validity test, against `polygons()`,
/// `PlanarArea`, hand-computed centroids and GEOS's own validity.
final class WKBRingsTests: XCTestCase {
    private let context = GEOSContext()

    func testRingsAreThoseOfPolygons() throws {
        for polygons in SampleLayer.polygons {
            var rings: [[Point]] = [], shells: [Bool] = []
            try WKB(polygons: polygons).forEachRing { isShell, ring in rings.append(Array(ring)); shells.append(isShell) }
            XCTAssertEqual(rings, polygons.flatMap(\.rings))
            XCTAssertEqual(shells, polygons.flatMap { p in p.rings.indices.map { $0 == 0 } })
            XCTAssertEqual(try WKB(polygons: polygons).envelope(), Envelope(polygons))
        }
    }

    func testForEachRingRefusesWhatPolygonsRefuses() {
        let bytes = WKB(polygons: SampleLayer.polygons[0]).bytes
        for length in [0, 1, 5, 9, 20, bytes.count - 1] {
            assertGeoError(.badGeometry) { try WKB(Array(bytes.prefix(length))).forEachRing { _, _ in } }
        }
        let point = WKB(point: Point(1, 2))
        assertGeoError(.badGeometry) { try point.polygons() }
        assertGeoError(.badGeometry) { try point.forEachRing { _, _ in } }
    }

    func testMomentsGiveThePlanarAreaAndTheAreaCentroid() throws {
        let x0 = SampleLayer.x0, y0 = SampleLayer.y0
        // 100 m square less a 40 m hole: centroid (10000·50 − 1600·40) / 8400 from the corner, on both axes.
        let holed = try PlanarMoments(WKB(polygons: SampleLayer.polygons[0]))
        XCTAssertEqual(holed.area, 8_400, accuracy: 1e-6)
        XCTAssertEqual(holed.centroid.x - x0, (10_000 * 50 - 1_600 * 40) / 8_400, accuracy: 1e-6)
        XCTAssertEqual(holed.centroid.y - y0, (10_000 * 50 - 1_600 * 40) / 8_400, accuracy: 1e-6)
        // Two rectangles: 50 × 50 centred (25, 325), 50 × 80 centred (125, 340).
        let two = try PlanarMoments(WKB(polygons: SampleLayer.polygons[2]))
        XCTAssertEqual(two.area, 6_500, accuracy: 1e-6)
        XCTAssertEqual(two.centroid.x - x0, (2_500 * 25 + 4_000 * 125) / 6_500, accuracy: 1e-6)
        XCTAssertEqual(two.centroid.y - y0, (2_500 * 325 + 4_000 * 340) / 6_500, accuracy: 1e-6)
        // Either way round, and from rings as from WKB.
        for polygons in SampleLayer.polygons {
            let reversed = polygons.map { PolygonRings(rings: $0.rings.map { Array($0.reversed()) }) }
            for p in [polygons, reversed] {
                let m = try PlanarMoments(WKB(polygons: p))
                XCTAssertEqual(m.area, PlanarArea.of(p), accuracy: 1e-6)
                XCTAssertEqual(m.envelope, Envelope(p))
                let r = PlanarMoments(p)
                XCTAssertEqual(r.area, m.area)
                XCTAssertEqual(r.centroid, m.centroid)
            }
        }
    }

    func testPlainPolygonsAreCertainlySimple() {
        XCTAssertTrue(WKB(polygons: SampleLayer.polygons[1]).isCertainlySimplePolygon)
        XCTAssertTrue(WKB(polygons: [PolygonRings(rings: [SampleLayer.square(0, 0, 1, 1)])]).isCertainlySimplePolygon)
        XCTAssertTrue(WKB(polygons: [PolygonRings(rings: [SampleLayer.square(0, 0, 1, 1).reversed()])]).isCertainlySimplePolygon)
        // A MultiPolygon of one part, as GeoPackage layers hold them (built by hand: WKB(polygons:) writes a Polygon).
        let single = WKB(polygons: SampleLayer.polygons[1]).bytes
        XCTAssertTrue(WKB([1, 6, 0, 0, 0, 1, 0, 0, 0] + single).isCertainlySimplePolygon)
        XCTAssertEqual(try WKB([1, 6, 0, 0, 0, 1, 0, 0, 0] + single).polygons(), SampleLayer.polygons[1])
    }

    /// Everything undecided goes to GEOS: holes, several parts, and each kind of invalid or degenerate ring.
    func testUndecidedShapesAreLeftToGEOS() {
        let undecided: [(String, [PolygonRings])] = [
            ("hole", SampleLayer.polygons[0]),
            ("two parts", SampleLayer.polygons[2]),
            ("bow tie", [PolygonRings(rings: [[Point(0, 0), Point(10, 10), Point(10, 0), Point(0, 10), Point(0, 0)]])]),
            ("spike", [PolygonRings(rings: [[Point(0, 0), Point(10, 0), Point(10, 10), Point(10, 20), Point(10, 10), Point(0, 10), Point(0, 0)]])]),
            ("repeated vertex", [PolygonRings(rings: [[Point(0, 0), Point(10, 0), Point(10, 0), Point(10, 10), Point(0, 10), Point(0, 0)]])]),
            ("collinear vertex", [PolygonRings(rings: [[Point(0, 0), Point(5, 0), Point(10, 0), Point(10, 10), Point(0, 10), Point(0, 0)]])]),
            ("touches itself", [PolygonRings(rings: [[Point(0, 0), Point(10, 0), Point(5, 5), Point(10, 10), Point(0, 10), Point(5, 5), Point(0, 0)]])]),
            ("vertex on an edge", [PolygonRings(rings: [[Point(0, 0), Point(10, 0), Point(10, 10), Point(5, 0), Point(0, 10), Point(0, 0)]])]),
            ("flat", [PolygonRings(rings: [[Point(0, 0), Point(10, 0), Point(20, 0), Point(0, 0)]])]),
            ("too few points", [PolygonRings(rings: [[Point(0, 0), Point(10, 0), Point(0, 0)]])]),
            ("not closed", [PolygonRings(rings: [[Point(0, 0), Point(10, 0), Point(10, 10), Point(0, 10)]])]),
            ("not finite", [PolygonRings(rings: [[Point(0, 0), Point(.nan, 0), Point(10, 10), Point(0, 0)]])]),
        ]
        for (name, polygons) in undecided {
            XCTAssertFalse(WKB(polygons: polygons).isCertainlySimplePolygon, name)
        }
    }

    /// Random rings, many self-intersecting, some on a coarse grid (collinear and touching vertices): whenever the
    /// cheap test says valid, GEOS agrees; and it decides nearly every valid ring of vertices in angle order at real
    /// coordinates.
    func testCertainlySimpleOnlyWhenGEOSFindsItValid() throws {
        var state: UInt64 = 42
        func random() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        var decided = 0, starShaped = 0, invalidSeen = 0  // starShaped: valid rings of vertices in angle order
        for trial in 0..<3_000 {
            let n = 3 + Int(random() * 40)
            let sorted = trial % 2 == 0, grid = trial % 3 == 0
            var angles = (0..<n).map { _ in random() * 2 * .pi }
            if sorted { angles.sort() }
            var ring = angles.map { a -> Point in
                let r = 20 + random() * 200
                var x = SampleLayer.x0 + r * cos(a), y = SampleLayer.y0 + r * sin(a)
                if grid { x = (x / 50).rounded() * 50; y = (y / 50).rounded() * 50 }
                return Point(x, y)
            }
            ring.append(ring[0])
            let plain = WKB(polygons: [PolygonRings(rings: [ring])])
            let wkb = trial % 5 == 0 ? WKB([1, 6, 0, 0, 0, 1, 0, 0, 0] + plain.bytes) : plain  // some as MultiPolygons
            let fast = wkb.isCertainlySimplePolygon
            guard let geos = try? Geometry(wkb: wkb, context: context) else {
                XCTAssertFalse(fast, "GEOS refuses the ring")
                continue
            }
            let invalid = geos.invalidity
            if invalid != nil { invalidSeen += 1 }
            if fast {
                XCTAssertNil(invalid, "\(ring)")
                decided += 1
            }
            if sorted, !grid, invalid == nil { starShaped += 1 }
        }
        XCTAssertGreaterThan(invalidSeen, 500, "the trial has many invalid rings")
        XCTAssertGreaterThanOrEqual(decided, starShaped * 95 / 100, "most valid rings are decided without GEOS")
    }
}

import Foundation
import XCTest
@testable import Geo

/// Reading WKB in place: ring visits and planar moments, against `polygons()`, `PlanarArea` and hand-computed
/// centroids.
final class WKBRingsTests: XCTestCase {
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
}

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
        // A 50 × 80 rectangle: second moments w³h/12 and wh³/12 about its centre, none across; the edges' bends
        // (left normal × length³) cancel on opposite sides.
        let rectangle = PlanarMoments([PolygonRings(rings: [SampleLayer.square(x0, y0, 50, 80)])])
        XCTAssertEqual(rectangle.secondMoments.xx, 50 * 50 * 50 * 80 / 12, accuracy: 1e-3)
        XCTAssertEqual(rectangle.secondMoments.yy, 50 * 80 * 80 * 80 / 12, accuracy: 1e-3)
        XCTAssertEqual(rectangle.secondMoments.xy, 0, accuracy: 1e-3)
        XCTAssertEqual(rectangle.bend.x, 0, accuracy: 1e-6)
        XCTAssertEqual(rectangle.bend.y, 0, accuracy: 1e-6)
        // Its bend moments: each side's midpoint offset from the centre times its normal × length³.
        let t = rectangle.bendMoments
        XCTAssertEqual(t.xx, -(80.0 * 80 * 80) * 50, accuracy: 1e-3, "east and west sides: ±25 × ∓80³")
        XCTAssertEqual(t.yy, -(50.0 * 50 * 50) * 80, accuracy: 1e-3, "north and south sides: ±40 × ∓50³")
        XCTAssertEqual(t.xy, 0, accuracy: 1e-3)
        XCTAssertEqual(t.yx, 0, accuracy: 1e-3)
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

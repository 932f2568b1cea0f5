import XCTest
@testable import Geo

/// `Geometry.isWithin(_:of:)` (GEOSDistanceWithin_r): how the boundary check joins mismatch pieces into stretches.
final class GeometryDistanceTests: XCTestCase {
    func testWithinADistanceTouchingIncluded() throws {
        let context = GEOSContext()
        func square(_ x: Double) throws -> Geometry {
            try Geometry(wkb: WKB(polygons: [PolygonRings(rings: [[Point(x, 0), Point(x + 10, 0), Point(x + 10, 10), Point(x, 10), Point(x, 0)]])]), context: context)
        }
        let a = try square(0)
        XCTAssertTrue(a.isWithin(0, of: try square(10)), "touching")
        XCTAssertTrue(a.isWithin(5, of: try square(14)))
        XCTAssertFalse(a.isWithin(3, of: try square(14)))
    }
}

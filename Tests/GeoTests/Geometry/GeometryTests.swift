import Foundation
import XCTest
@testable import Geo

/// `WKB.polygons()` on the forms GDAL, GEOS and PostGIS hand out.
final class WKBTests: XCTestCase {
    func testPolygonAndMultiPolygonRoundTrip() throws {
        let one = SampleLayer.polygons[0]
        let wkb = WKB(polygons: one)
        XCTAssertEqual(Array(wkb.bytes.prefix(5)), [1, 3, 0, 0, 0], "little-endian Polygon")
        XCTAssertEqual(try wkb.polygons(), one)

        let two = SampleLayer.polygons[2]
        let multi = WKB(polygons: two)
        XCTAssertEqual(Array(multi.bytes.prefix(5)), [1, 6, 0, 0, 0], "little-endian MultiPolygon")
        XCTAssertEqual(try multi.polygons(), two)
    }

    /// ISO 3D (type 1003) and big-endian WKB, built byte by byte.
    func testPolygonZAndBigEndian() throws {
        let ring = [(0.0, 0.0), (4.0, 0.0), (4.0, 3.0), (0.0, 0.0)]
        let expected = [PolygonRings(rings: [ring.map { Point($0.0, $0.1) }])]

        var z = WKBBytes(littleEndian: true)
        z.header(1003)
        z.u32(1); z.u32(UInt32(ring.count))
        for (x, y) in ring { z.f64(x); z.f64(y); z.f64(1234.5) }
        XCTAssertEqual(try WKB(z.bytes).polygons(), expected)

        var big = WKBBytes(littleEndian: false)
        big.header(6); big.u32(1)
        big.header(3); big.u32(1); big.u32(UInt32(ring.count))
        for (x, y) in ring { big.f64(x); big.f64(y) }
        XCTAssertEqual(big.bytes[0], 0)
        XCTAssertEqual(try WKB(big.bytes).polygons(), expected)

        // PostGIS EWKB: Z flag and SRID 4545.
        var ewkb = WKBBytes(littleEndian: true)
        ewkb.header(0xA000_0003); ewkb.u32(4545)
        ewkb.u32(1); ewkb.u32(UInt32(ring.count))
        for (x, y) in ring { ewkb.f64(x); ewkb.f64(y); ewkb.f64(9) }
        XCTAssertEqual(try WKB(ewkb.bytes).polygons(), expected)
    }

    func testTruncatedWKBIsBadGeometry() {
        let bytes = WKB(polygons: SampleLayer.polygons[0]).bytes
        for length in [0, 1, 5, 9, 20, bytes.count - 1] {
            assertGeoError(.badGeometry) { try WKB(Array(bytes.prefix(length))).polygons() }
        }
        var huge = WKBBytes(littleEndian: true)
        huge.header(3); huge.u32(0xFFFF_FFFF)
        assertGeoError(.badGeometry) { try WKB(huge.bytes).polygons() }
    }

    func testLineStringIsNotAPolygon() {
        var line = WKBBytes(littleEndian: true)
        line.header(2); line.u32(2)
        for v in [0.0, 0, 1, 1] { line.f64(v) }
        let error = assertGeoError(.badGeometry) { try WKB(line.bytes).polygons() }
        XCTAssertTrue(error?.message.contains("type 2") ?? false, error?.message ?? "")

        var collection = WKBBytes(littleEndian: true)
        collection.header(6); collection.u32(1); collection.header(2); collection.u32(0)
        assertGeoError(.badGeometry) { try WKB(collection.bytes).polygons() }
    }
}

/// Writes WKB by hand in either byte order.
private struct WKBBytes {
    let littleEndian: Bool
    var bytes: [UInt8] = []

    init(littleEndian: Bool) { self.littleEndian = littleEndian }

    mutating func header(_ type: UInt32) { bytes.append(littleEndian ? 1 : 0); u32(type) }
    mutating func u32(_ v: UInt32) {
        withUnsafeBytes(of: littleEndian ? v.littleEndian : v.bigEndian) { bytes.append(contentsOf: $0) }
    }
    mutating func f64(_ v: Double) {
        let bits = v.bitPattern
        withUnsafeBytes(of: littleEndian ? bits.littleEndian : bits.bigEndian) { bytes.append(contentsOf: $0) }
    }
}

/// GEOS geometry: validity, union and grid-snapped intersection.
final class GeometryTests: XCTestCase {
    private let context = GEOSContext()

    private func geometry(_ rings: [[Point]]) throws -> Geometry {
        try Geometry(wkb: WKB(polygons: [PolygonRings(rings: rings)]), context: context)
    }

    private func square(_ x: Double, _ y: Double, _ size: Double) -> [Point] {
        SampleLayer.square(x, y, size, size)
    }

    func testBowTieIsSelfIntersectingAtTheCrossing() throws {
        let bowTie = try geometry([[Point(0, 0), Point(10, 10), Point(10, 0), Point(0, 10), Point(0, 0)]])
        let invalidity = try XCTUnwrap(bowTie.invalidity)
        XCTAssertTrue(invalidity.reason.contains("Self-intersection"), invalidity.reason)
        XCTAssertEqual(invalidity.x, 5, accuracy: 1e-12)
        XCTAssertEqual(invalidity.y, 5, accuracy: 1e-12)
    }

    func testValidPolygonsHaveNoInvalidity() throws {
        XCTAssertNil(try geometry([square(0, 0, 1)]).invalidity)
        XCTAssertNil(try Geometry(wkb: WKB(polygons: SampleLayer.polygons[0]), context: context).invalidity, "square with a hole")
    }

    func testUnionOfAdjacentSquares() throws {
        let union = try Geometry.union([try geometry([square(0, 0, 1)]), try geometry([square(1, 0, 1)])], context: context)
        XCTAssertEqual(union.area, 2, accuracy: 1e-12)
        XCTAssertEqual(union.partCount, 1)
        XCTAssertFalse(union.isEmpty)
        let rings = try union.wkb.polygons()
        XCTAssertEqual(rings.count, 1)
        XCTAssertEqual(PlanarArea.of(rings), 2, accuracy: 1e-12)

        let apart = try Geometry.union([try geometry([square(0, 0, 1)]), try geometry([square(5, 0, 1)])], context: context)
        XCTAssertEqual(apart.partCount, 2)
        XCTAssertEqual(try apart.wkb.polygons().count, 2)
    }

    func testIntersectionOnAGrid() throws {
        let a = try geometry([square(0, 0, 1)])
        let b = try geometry([square(0.500_000_3, 0.499_999_8, 1)])
        let exact = try a.intersection(b)
        XCTAssertEqual(exact.area, 0.499_999_7 * 0.500_000_2, accuracy: 1e-12)

        let snapped = try a.intersection(b, gridSize: 0.001)
        XCTAssertEqual(snapped.area, 0.25, accuracy: 1e-12)
        for point in try snapped.wkb.polygons()[0].rings[0] {
            XCTAssertEqual(point.x * 1000, (point.x * 1000).rounded(), accuracy: 1e-9, "x on the 0.001 grid")
            XCTAssertEqual(point.y * 1000, (point.y * 1000).rounded(), accuracy: 1e-9, "y on the 0.001 grid")
        }

        let disjoint = try a.intersection(try geometry([square(3, 3, 1)]), gridSize: 0.001)
        XCTAssertTrue(disjoint.isEmpty)
        XCTAssertEqual(disjoint.area, 0)
    }

    func testUnreadableWKBIsBadGeometry() {
        assertGeoError(.badGeometry) { try Geometry(wkb: WKB([1, 3, 0, 0]), context: context) }
    }
}

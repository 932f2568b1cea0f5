import Foundation
import XCTest
@testable import Geo

/// GeoPackage tables read straight from SQLite give exactly the features GDAL's feature API gives: values, ids,
/// order and geometry bytes, whatever the geometries are (multi, Z, curves, empty, none) and whichever fields are
/// read; where the direct reader does not apply (a date field read) GDAL reads.
final class GeoPackageRowsTests: XCTestCase {
    private func features(_ layer: VectorLayer, reading: Set<Int>? = nil, throughGDAL: Bool) throws -> [Feature] {
        var all: [Feature] = []
        try layer.forEachFeature(reading: reading, throughGDAL: throughGDAL) { all.append($0) }
        return all
    }

    func testSameFeaturesAsGDAL() throws {
        let path = try makeTemporaryDirectory("gpkg-rows").appendingPathComponent("a.gpkg").path
        try SampleLayer.write(to: path, format: .geoPackage)
        let layer = try VectorDataset(reading: SourceReference(path: path)).layer(named: nil)
        XCTAssertNotNil(GeoPackageRows.open(path: path, driver: "GPKG", table: layer.name, fidColumn: "fid", geometryColumn: "geom",
                                            fields: layer.fields, read: layer.fields.map { _ in true }), "the direct reader applies")
        let gdal = try features(layer, throughGDAL: true)
        XCTAssertEqual(gdal.count, SampleLayer.rows.count)
        XCTAssertEqual(try features(layer, throughGDAL: false), gdal)
        XCTAssertEqual(try features(layer, reading: [0, 3], throughGDAL: false), try features(layer, reading: [0, 3], throughGDAL: true))
    }

    /// Both years of the bundled sample district, every field.
    func testSampleDataReadsTheSameBothWays() throws {
        let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("SampleData")
        for year in ["xiaoban_2020", "xiaoban_2021"] {
            let layer = try VectorDataset(reading: SourceReference(path: sample.appendingPathComponent("\(year).gpkg").path)).layer(named: year)
            let gdal = try features(layer, throughGDAL: true)
            XCTAssertGreaterThan(gdal.count, 2_000)
            XCTAssertEqual(try features(layer, throughGDAL: false), gdal, year)
        }
    }

    func testUnusualGeometriesAndFieldsComeOutAsThroughGDAL() throws {
        let path = try makeTemporaryDirectory("gpkg-odd").appendingPathComponent("odd.gpkg").path
        let writer = try VectorWriter(creating: path, format: .geoPackage)
        let fields = [FieldDefinition("NAME", .string), FieldDefinition("N", .integer64), FieldDefinition("X", .real),
                      FieldDefinition("DAY", .date)]
        let layer = try writer.createLayer(named: "odd", geometry: .unknown, spatialReference: try SpatialReference(epsg: 4545), fields: fields)
        let ring = SampleLayer.square(380_000, 2_920_000, 100, 50)
        let polygon = WKB(polygons: [PolygonRings(rings: [ring])])
        let multi = WKB(polygons: [PolygonRings(rings: [ring]), PolygonRings(rings: [SampleLayer.square(380_200, 2_920_000, 10, 10)])])
        let values: [[FieldValue]] = [
            [.string("polygon"), .integer(1), .real(0.5), .string("2021-05-03")],
            [.string("multi"), .integer(-7), .real(1e-9), .null],
            [.string("z"), .null, .null, .string("2020-01-01")],
            [.string("curve"), .integer(4_000_000_000), .real(-2.25), .null],
            [.string("empty"), .integer(0), .real(0), .null],
            [.null, .integer(5), .real(3), .null],
        ]
        let geometries: [WKB?] = [polygon, multi, Self.polygonZ(ring), Self.curvePolygon(), Self.emptyPolygon(), nil]
        try layer.write(zip(values, geometries).map { Feature(values: $0, geometry: $1) })
        try writer.close()

        let read = try VectorDataset(reading: SourceReference(path: path)).layer(named: "odd")
        let gdal = try features(read, throughGDAL: true)
        XCTAssertEqual(gdal.count, values.count)
        XCTAssertEqual(gdal[0].geometry, polygon)
        XCTAssertNil(gdal[5].geometry)
        // Without the date field the direct reader applies; with it GDAL reads (its date text is its own).
        XCTAssertEqual(try features(read, reading: [0, 1, 2], throughGDAL: false), try features(read, reading: [0, 1, 2], throughGDAL: true))
        XCTAssertEqual(try features(read, throughGDAL: false), gdal)
    }

    func testPlainPolygonalWKB() {
        func plain(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBytes { GeoPackageRows.isPlainPolygonal($0) } }
        let ring = SampleLayer.square(0, 0, 1, 1)
        let polygon = WKB(polygons: [PolygonRings(rings: [ring])]).bytes
        let multi = WKB(polygons: [PolygonRings(rings: [ring]), PolygonRings(rings: [ring])]).bytes
        XCTAssertTrue(plain(polygon))
        XCTAssertTrue(plain(multi))
        XCTAssertFalse(plain(polygon + [0]), "trailing bytes")
        XCTAssertFalse(plain(Array(polygon.dropLast())), "truncated")
        XCTAssertFalse(plain(Self.polygonZ(ring).bytes), "Z")
        XCTAssertFalse(plain([0, 0, 0, 0, 3] + polygon.dropFirst(5)), "big-endian")
        XCTAssertFalse(plain(Self.curvePolygon().bytes))
        XCTAssertFalse(plain([]))
    }

    private static func le32(_ v: UInt32) -> [UInt8] { withUnsafeBytes(of: v.littleEndian) { Array($0) } }
    private static func le64(_ v: Double) -> [UInt8] { withUnsafeBytes(of: v.bitPattern.littleEndian) { Array($0) } }

    /// ISO WKB Polygon Z (type 1003), z = 12.5.
    static func polygonZ(_ ring: [Point]) -> WKB {
        WKB([1] + le32(1003) + le32(1) + le32(UInt32(ring.count)) + ring.flatMap { le64($0.x) + le64($0.y) + le64(12.5) })
    }

    /// A CurvePolygon (type 10) whose ring is a circular string through three points back to the start.
    static func curvePolygon() -> WKB {
        let points = [Point(381_000, 2_920_000), Point(381_050, 2_920_050), Point(381_000, 2_920_100), Point(380_950, 2_920_050), Point(381_000, 2_920_000)]
        return WKB([1] + le32(10) + le32(1) + [1] + le32(8) + le32(UInt32(points.count)) + points.flatMap { le64($0.x) + le64($0.y) })
    }

    static func emptyPolygon() -> WKB { WKB([1] + le32(3) + le32(0)) }
}

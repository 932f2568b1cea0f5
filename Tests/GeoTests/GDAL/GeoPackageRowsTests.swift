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

    /// Curve types come out linear both ways, as Polygon and MultiPolygon: a CurvePolygon or MultiSurface of straight
    /// rings (what `ogr2ogr -nlt CURVEPOLYGON` writes) as exactly the polygon it holds, and true arcs (a
    /// CompoundCurve ring with a CircularString) approximated by lines.
    func testCurveTypesReadAsLinearPolygons() throws {
        let path = try makeTemporaryDirectory("gpkg-curves").appendingPathComponent("curves.gpkg").path
        let writer = try VectorWriter(creating: path, format: .geoPackage)
        let layer = try writer.createLayer(named: "curves", geometry: .unknown, spatialReference: try SpatialReference(epsg: 4545),
                                           fields: [FieldDefinition("NAME", .string)])
        let ring = SampleLayer.square(380_000, 2_920_000, 100, 50), other = SampleLayer.square(380_200, 2_920_000, 10, 10)
        let polygon = WKB(polygons: [PolygonRings(rings: [ring])])
        let multi = WKB(polygons: [PolygonRings(rings: [ring]), PolygonRings(rings: [other])])
        let geometries = [Self.curvePolygon(straight: ring), Self.multiSurface([ring, other]), Self.compoundArc()]
        try layer.write(geometries.enumerated().map { Feature(values: [.string("curve \($0.offset)")], geometry: $0.element) })
        try writer.close()

        let read = try VectorDataset(reading: SourceReference(path: path)).layer(named: "curves")
        let direct = try features(read, throughGDAL: false)
        XCTAssertEqual(direct, try features(read, throughGDAL: true))
        XCTAssertEqual(direct.map(\.geometry), [polygon, multi, direct[2].geometry])
        let arc = try XCTUnwrap(direct[2].geometry).polygons()
        XCTAssertEqual(arc.count, 1)
        XCTAssertGreaterThan(arc[0].rings[0].count, 20, "the half circle is approximated by many points")
        XCTAssertEqual(PlanarArea.of(arc), 100 * 100 + Double.pi * 50 * 50 / 2, accuracy: 5, "a 100 m square and a half disc of radius 50 m")
    }

    /// Blobs that are not standard GeoPackage binary (a SpatiaLite blob, extended GeoPackage binary) are read by
    /// GDAL for their feature, as on GDAL's path; one GDAL cannot read either is an error naming the feature.
    func testOtherGeometryBlobsAreReadByGDAL() throws {
        let path = try makeTemporaryDirectory("gpkg-blobs").appendingPathComponent("blobs.gpkg").path
        try SampleLayer.write(to: path, format: .geoPackage)
        let ring = SampleLayer.square(381_000, 2_921_000, 100, 100)
        let wkb = WKB(polygons: [PolygonRings(rings: [ring])])
        let spatiaLite = [0, 1] + Self.le32(4545) + [381_000, 2_921_000, 381_100, 2_921_100].flatMap(Self.le64) + [0x7C] + Self.le32(3)
            + Self.le32(1) + Self.le32(UInt32(ring.count)) + ring.flatMap { Self.le64($0.x) + Self.le64($0.y) } + [0xFE]
        let extended = Array("GP".utf8) + [0, 0x21] + Self.le32(4545) + wkb.bytes
        func replace(_ blobs: [Int: [UInt8]]) throws {
            let writer = try VectorWriter(appendingTo: SourceReference(path: path))
            for (fid, blob) in blobs {
                try writer.execute("UPDATE \(SampleLayer.name) SET geom = X'\(blob.map { String(format: "%02X", $0) }.joined())' WHERE fid = \(fid)")
            }
            try writer.close()
        }
        try replace([1: spatiaLite, 2: extended])
        let layer = try VectorDataset(reading: SourceReference(path: path)).layer(named: SampleLayer.name)
        let direct = try features(layer, throughGDAL: false)
        XCTAssertEqual(direct, try features(layer, throughGDAL: true))
        XCTAssertEqual(direct[0].geometry, wkb)
        XCTAssertEqual(direct[1].geometry, wkb)

        try replace([3: [0x42, 0x41, 0x44, 0, 1, 2, 3, 4, 5]])
        let broken = try VectorDataset(reading: SourceReference(path: path)).layer(named: SampleLayer.name)
        XCTAssertThrowsError(try features(broken, throughGDAL: false)) { e in
            let message = (e as? GeoError)?.message ?? "\(e)"
            XCTAssertTrue(message.contains("blobs.gpkg|layername=\(SampleLayer.name): feature 3 has a geometry blob GDAL cannot read"), message)
        }
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

    private static func lineString(_ points: [Point]) -> [UInt8] {
        [1] + le32(2) + le32(UInt32(points.count)) + points.flatMap { le64($0.x) + le64($0.y) }
    }

    /// A CurvePolygon (type 10) whose one ring is a straight LineString.
    static func curvePolygon(straight ring: [Point]) -> WKB { WKB([1] + le32(10) + le32(1) + lineString(ring)) }

    /// A MultiSurface (type 12) of CurvePolygons with straight rings.
    static func multiSurface(_ rings: [[Point]]) -> WKB {
        WKB([1] + le32(12) + le32(UInt32(rings.count)) + rings.flatMap { curvePolygon(straight: $0).bytes })
    }

    /// A CurvePolygon whose ring is a CompoundCurve: a 100 m square's south, east and west sides as a LineString,
    /// its north side bulging out as a half circle (CircularString) of radius 50 m.
    static func compoundArc() -> WKB {
        let (x, y) = (381_000.0, 2_921_000.0)
        let sides = lineString([Point(x, y + 100), Point(x, y), Point(x + 100, y), Point(x + 100, y + 100)])
        let arc = [Point(x + 100, y + 100), Point(x + 50, y + 150), Point(x, y + 100)]
        let circular = [1] + le32(8) + le32(3) + arc.flatMap { le64($0.x) + le64($0.y) }
        return WKB([1] + le32(10) + le32(1) + [1] + le32(9) + le32(2) + sides + circular)
    }
}

/// Text stored in a REAL or INTEGER column (SQLite keeps it: another tool wrote 'abc') is read as text, for the
/// reader of numbers to call it what it is, not as 0.
final class GeoPackageStoredTypeTests: XCTestCase {
    func testTextInANumericColumnStaysText() throws {
        let folder = try makeTemporaryDirectory("storedtype")
        let path = folder.appendingPathComponent("x.gpkg").path
        let writer = try VectorWriter(creating: path, format: .geoPackage)
        try writer.createLayer(named: "x", geometry: .polygon, spatialReference: SpatialReference(epsg: 4545),
                               fields: [FieldDefinition("V", .real), FieldDefinition("N", .integer)])
            .write([Feature(values: [.real(1.5), .integer(2)], geometry: WKB(polygons: SampleLayer.polygons[0]))])
        try writer.execute("UPDATE x SET V = 'abc', N = 'n/a'")
        try writer.close()
        let features = try VectorDataset(reading: SourceReference(path: path, layerName: "x")).layer(named: "x").readAll()
        XCTAssertEqual(features.first?.values, [.string("abc"), .string("n/a")])
    }
}

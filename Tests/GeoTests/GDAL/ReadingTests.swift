import Foundation
import XCTest
@testable import Geo

/// Reading sources as users deliver them: Shapefiles without a .cpg, CSV tables, and the errors a GIS officer
/// sees for wrong paths and layer names.
///
/// XLSX tables are read through GDAL's XLSX driver by the same `VectorDataset` code path; Geo cannot write
/// them through GDAL (`VectorFormat` has no XLSX), so that path is tested where ForestMap writes XLSX.
final class ReadingTests: XCTestCase {
    // MARK: Shapefile encodings

    /// Chinese offices often send GBK (CP936) Shapefiles with neither a .cpg nor a language driver byte:
    /// GDAL alone would read them as ISO-8859-1; `ShapefileEncoding` detects GBK.
    func testGBKShapefileWithoutCPGOrLDIDReadsChinese() throws {
        let directory = try makeTemporaryDirectory("gbk")
        let path = directory.appendingPathComponent("gbk.shp").path
        try SampleLayer.write(to: path, format: .shapefile, options: ["ENCODING": "CP936"])
        let dbf = directory.appendingPathComponent("gbk.dbf")
        XCTAssertNotNil(try Data(contentsOf: dbf).range(of: Data([0xC7, 0xE0, 0xD1, 0xD2, 0xD5, 0xF2])), "青岩镇 in GBK")
        try stripEncodingMarks(directory.appendingPathComponent("gbk.shp"))
        XCTAssertEqual(try ShapefileEncoding.detect(path: path), "CP936")

        let layer = try VectorDataset(reading: SourceReference(path: path)).layer(named: nil)
        let features = try layer.readAll()
        let xiang = try XCTUnwrap(layer.fieldIndex("XIANG")), dilei = try XCTUnwrap(layer.fieldIndex("DILEI"))
        XCTAssertEqual(features.map { $0.values[xiang] }, SampleLayer.rows.map { $0[1] })
        XCTAssertEqual(features.map { $0.values[dilei] }, SampleLayer.rows.map { $0[2] })

        // A caller's explicit encoding wins over detection: read as Latin-1 it is garbage.
        let latin1 = try VectorDataset(reading: SourceReference(path: path), openOptions: ["ENCODING": "ISO-8859-1"]).layer(named: nil)
        XCTAssertNotEqual(try latin1.readAll()[0].values[xiang], .string("青岩镇"))
    }

    func testUTF8ShapefileWithoutCPGReadsChinese() throws {
        let directory = try makeTemporaryDirectory("utf8")
        let path = directory.appendingPathComponent("utf8.shp").path
        try SampleLayer.write(to: path, format: .shapefile)
        try stripEncodingMarks(directory.appendingPathComponent("utf8.shp"))
        XCTAssertEqual(try ShapefileEncoding.detect(path: path), "UTF-8")

        let layer = try VectorDataset(reading: SourceReference(path: path)).layer(named: nil)
        let xiang = try XCTUnwrap(layer.fieldIndex("XIANG"))
        XCTAssertEqual(try layer.readAll().map { $0.values[xiang] }, SampleLayer.rows.map { $0[1] })
    }

    func testShapefileWithCPGIsLeftToGDAL() throws {
        let directory = try makeTemporaryDirectory("cpg")
        let path = directory.appendingPathComponent("a.shp").path
        try SampleLayer.write(to: path, format: .shapefile)
        XCTAssertNil(try ShapefileEncoding.detect(path: path))
        XCTAssertNil(try ShapefileEncoding.detect(path: directory.appendingPathComponent("a.gpkg").path), "not a Shapefile")
    }

    /// Reading only some fields: those come as a full read gives them, the others as null, in the layer's order.
    func testReadingSomeFieldsLeavesTheOthersNull() throws {
        let directory = try makeTemporaryDirectory("some-fields")
        let path = directory.appendingPathComponent("a.gpkg").path
        try SampleLayer.write(to: path, format: .geoPackage)
        let layer = try VectorDataset(reading: SourceReference(path: path)).layer(named: nil)
        let all = try layer.readAll()
        var some: [Feature] = []
        try layer.forEachFeature(reading: [1, 3]) { some.append($0) }
        XCTAssertEqual(some.count, all.count)
        for (a, s) in zip(all, some) {
            XCTAssertEqual(s.values.count, SampleLayer.fields.count)
            XCTAssertEqual(s.values[1], a.values[1])
            XCTAssertEqual(s.values[3], a.values[3])
            XCTAssertEqual([s.values[0], s.values[2], s.values[4]], [.null, .null, .null])
            XCTAssertEqual(s.geometry, a.geometry)
            XCTAssertEqual(s.fid, a.fid)
        }
        // The selection is for that pass only: the next full read has every field again.
        XCTAssertEqual(try layer.readAll(), all)
    }

    /// Removes the .cpg and zeroes the .dbf's language driver id (byte 29), as many delivered files are.
    private func stripEncodingMarks(_ shp: URL) throws {
        let base = shp.deletingPathExtension()
        let cpg = base.appendingPathExtension("cpg")
        if FileManager.default.fileExists(atPath: cpg.path) { try FileManager.default.removeItem(at: cpg) }
        let dbf = base.appendingPathExtension("dbf")
        var bytes = try Data(contentsOf: dbf)
        bytes[29] = 0
        try bytes.write(to: dbf)
    }

    /// A .shp cut short (an interrupted copy) must not read as if the last geometries were missing.
    func testTruncatedShapefileFailsInsteadOfDroppingGeometries() throws {
        let directory = try makeTemporaryDirectory("cut")
        let path = directory.appendingPathComponent("cut.shp").path
        try SampleLayer.write(to: path, format: .shapefile)
        let shp = directory.appendingPathComponent("cut.shp")
        let bytes = try Data(contentsOf: shp)
        try bytes.prefix(bytes.count - 40).write(to: shp)

        let layer = try VectorDataset(reading: SourceReference(path: path)).layer(named: nil)
        let error = assertGeoError(.notADataset) { try layer.readAll() }
        XCTAssertTrue(error?.message.contains("reading stopped") ?? false, error?.message ?? "")
    }

    // MARK: CSV

    func testCSVTableReadsAsTextWithoutGeometry() throws {
        let directory = try makeTemporaryDirectory("csv")
        let path = directory.appendingPathComponent("统计.csv")
        try "XBH,XIANG,MIANJI\n0001,青岩镇,0.84\n0002,\"花溪街道, 石板镇\",12.5\n".write(to: path, atomically: true, encoding: .utf8)

        let dataset = try VectorDataset(reading: SourceReference(path: path.path))
        XCTAssertEqual(dataset.driverName, "CSV")
        let layer = try dataset.layer(named: nil)
        XCTAssertEqual(layer.name, "统计")
        XCTAssertEqual(layer.geometryKind, .none)
        XCTAssertNil(layer.spatialReference)
        XCTAssertEqual(layer.fields.map(\.name), ["XBH", "XIANG", "MIANJI"])
        XCTAssertEqual(layer.fields.map(\.type), [.string, .string, .string])
        let features = try layer.readAll()
        XCTAssertEqual(features.map(\.values), [
            [.string("0001"), .string("青岩镇"), .string("0.84")],
            [.string("0002"), .string("花溪街道, 石板镇"), .string("12.5")],
        ])
        XCTAssertEqual(features[1].values[2].number, 12.5)
        XCTAssertNil(features[0].geometry)
    }

    // MARK: Errors

    func testMissingFileNamesThePath() throws {
        let path = try makeTemporaryDirectory("missing").appendingPathComponent("没有.gpkg").path
        let error = assertGeoError(.notFound) { try VectorDataset(reading: SourceReference(path: path)) }
        XCTAssertTrue(error?.message.contains(path) ?? false, error?.message ?? "")
    }

    func testTextFileIsNotADataset() throws {
        let url = try makeTemporaryDirectory("text").appendingPathComponent("notes.txt")
        try "这不是地图 / this is not a map\n".write(to: url, atomically: true, encoding: .utf8)
        let error = assertGeoError(.notADataset) { try VectorDataset(reading: SourceReference(path: url.path)) }
        XCTAssertTrue(error?.message.contains(url.path) ?? false, error?.message ?? "")
    }

    func testMissingLayerListsTheLayers() throws {
        let path = try makeTemporaryDirectory("layers").appendingPathComponent("two.gpkg").path
        try writeTwoLayers(path)
        let dataset = try VectorDataset(reading: SourceReference(path: path))
        let error = assertGeoError(.missingLayer) { try dataset.layer(named: "xiaoban_2020") }
        let message = error?.message ?? ""
        XCTAssertTrue(message.contains("xiaoban_2020") && message.contains("xiaoban_2023") && message.contains("xiaoban_2024"), message)
    }

    func testMultiLayerSourceNeedsALayerName() throws {
        let path = try makeTemporaryDirectory("multi").appendingPathComponent("two.gpkg").path
        try writeTwoLayers(path)
        let dataset = try VectorDataset(reading: SourceReference(path: path))
        let error = assertGeoError(.missingLayer) { try dataset.layer(named: nil) }
        let message = error?.message ?? ""
        XCTAssertTrue(message.contains("|layername="), message)
        XCTAssertTrue(message.contains("2 layers") && message.contains("xiaoban_2023"), message)

        let reference = try SourceReference(parsing: "\(path)|layername=xiaoban_2024")
        let layer = try VectorDataset(reading: reference).layer(named: reference.layerName)
        XCTAssertEqual(layer.name, "xiaoban_2024")
        XCTAssertEqual(layer.featureCount, 3)
        XCTAssertEqual(layer.label, "\(path)|layername=xiaoban_2024")
    }

    private func writeTwoLayers(_ path: String) throws {
        let writer = try VectorWriter(creating: path, format: .geoPackage)
        for name in ["xiaoban_2023", "xiaoban_2024"] {
            let layer = try writer.createLayer(named: name, geometry: .polygon, spatialReference: SpatialReference(epsg: 4545),
                                               fields: SampleLayer.fields)
            try layer.write(SampleLayer.features)
        }
        try writer.close()
    }

    /// A failed database connection masks the password in the message.
    func testFailedDatabaseConnectionMasksThePassword() throws {
        let reference = SourceReference(path: "PG:dbname=forestmap_nowhere host=/nonexistent-forestmap-socket port=1 user=nobody password=hunter2")
        let error = assertGeoError(.notADataset) { try VectorDataset(reading: reference) }
        let message = error?.message ?? ""
        XCTAssertFalse(message.contains("hunter2"), message)
        XCTAssertTrue(message.contains("password=***") && message.contains("cannot connect"), message)
    }

    // MARK: SourceReference

    func testSourceReferenceParsing() throws {
        let file = try SourceReference(parsing: "a.gpkg|layername=x")
        XCTAssertEqual(file, SourceReference(path: "a.gpkg", layerName: "x"))
        XCTAssertFalse(file.isDatabase)
        XCTAssertEqual(file.description, "a.gpkg|layername=x")

        XCTAssertEqual(try SourceReference(parsing: " 小班.shp "), SourceReference(path: "小班.shp"))
        XCTAssertEqual(try SourceReference(parsing: "a.gdb|LAYERNAME=xb").layerName, "xb")
        XCTAssertEqual(try SourceReference(parsing: "a.gdb|layer=xb").layerName, "xb")

        let pg = try SourceReference(parsing: "PG:dbname=x host=/tmp|layername=y")
        XCTAssertEqual(pg.path, "PG:dbname=x host=/tmp")
        XCTAssertEqual(pg.layerName, "y")
        XCTAssertTrue(pg.isDatabase)

        let bad = assertGeoError(.missingLayer) { try SourceReference(parsing: "a.gpkg|name=x") }
        XCTAssertTrue(bad?.message.contains("layername=NAME") ?? false, bad?.message ?? "")
        assertGeoError(.missingLayer) { try SourceReference(parsing: "a.gpkg|layername") }
        assertGeoError(.notFound) { try SourceReference(parsing: " |layername=x") }
    }

    func testDisplayPathMasksPasswords() throws {
        let pg = try SourceReference(parsing: "PG:host=/tmp dbname=forest user=gis password=s3cret|layername=xb")
        XCTAssertEqual(pg.displayPath, "PG:host=/tmp dbname=forest user=gis password=***")
        XCTAssertEqual(pg.description, "PG:host=/tmp dbname=forest user=gis password=***|layername=xb")
        XCTAssertFalse(pg.description.contains("s3cret"))
        XCTAssertEqual(pg.path, "PG:host=/tmp dbname=forest user=gis password=s3cret", "GDAL still gets the password")
        // libpq also allows spaces around '=' and single-quoted values with spaces and \' escapes.
        let quoted = SourceReference(path: #"PG:dbname=forest password = 'my s\'ecret' host=/tmp"#)
        XCTAssertEqual(quoted.displayPath, "PG:dbname=forest password=*** host=/tmp")
        XCTAssertEqual(SourceReference(path: "/data/password=1.gpkg").displayPath, "/data/password=1.gpkg", "files are shown as they are")
    }

    func testRelativePathsResolveAgainstTheConfigFolder() {
        let folder = URL(fileURLWithPath: "/data/2024")
        XCTAssertEqual(SourceReference(path: "in/xb.gpkg", layerName: "a").resolved(relativeTo: folder),
                       SourceReference(path: "/data/2024/in/xb.gpkg", layerName: "a"))
        XCTAssertEqual(SourceReference(path: "/abs/xb.shp").resolved(relativeTo: folder).path, "/abs/xb.shp")
        XCTAssertEqual(SourceReference(path: "PG:dbname=x").resolved(relativeTo: folder).path, "PG:dbname=x")
    }
}

import Foundation
import XCTest
@testable import Geo

/// Writes the sample layer with `VectorWriter` in each output format and reads it back with `VectorDataset`.
final class WritingTests: XCTestCase {
    func testGeoPackageRoundTrip() throws {
        let layer = try roundTrip(.geoPackage, "xiaoban.gpkg", driver: "GPKG")
        XCTAssertEqual(layer.fields.map(\.name), SampleLayer.fields.map(\.name))
        XCTAssertEqual(layer.fields.map(\.type), SampleLayer.fields.map(\.type))
        XCTAssertEqual(layer.fields.map(\.width), [20, 50, 50, 0, 0], "GeoPackage keeps TEXT(n) widths only")
        XCTAssertEqual(layer.geometryKind, .polygon)
        XCTAssertEqual(try layer.readAll().map(\.fid), [1, 2, 3])
    }

    func testFileGeodatabaseRoundTrip() throws {
        let directory = try makeTemporaryDirectory("gdb")
        // OpenFileGDB snaps projected coordinates to its default 0.0001 m resolution.
        let layer = try roundTrip(.fileGeodatabase, "xiaoban.gdb", driver: "OpenFileGDB", accuracy: 1e-4, in: directory)
        XCTAssertEqual(layer.geometryKind, .polygon)
        var isFolder: ObjCBool = false
        XCTAssertTrue(FileManager.default.fileExists(atPath: directory.appendingPathComponent("xiaoban.gdb").path, isDirectory: &isFolder))
        XCTAssertTrue(isFolder.boolValue, "a File Geodatabase is a folder")
    }

    func testShapefileRoundTripIsUTF8WithCPG() throws {
        let directory = try makeTemporaryDirectory("shp")
        let layer = try roundTrip(.shapefile, "xiaoban.shp", driver: "ESRI Shapefile", in: directory)
        XCTAssertEqual(layer.fields.map(\.type), [.string, .string, .string, .real, .integer])
        let cpg = try String(contentsOf: directory.appendingPathComponent("xiaoban.cpg"), encoding: .utf8)
        XCTAssertEqual(cpg.trimmingCharacters(in: .whitespacesAndNewlines).uppercased(), "UTF-8")
        let dbf = try Data(contentsOf: directory.appendingPathComponent("xiaoban.dbf"))
        let utf8Name = Data("黔陶布依族苗族乡".utf8)
        XCTAssertNotNil(dbf.range(of: utf8Name), "the .dbf holds UTF-8 bytes")
    }

    func testGeoJSONRoundTrip() throws {
        let layer = try roundTrip(.geoJSON, "xiaoban.geojson", driver: "GeoJSON")
        XCTAssertTrue([.polygon, .unknown].contains(layer.geometryKind))
    }

    func testFlatGeobufRoundTrip() throws {
        // GDAL's FlatGeobuf writer sorts features along a Hilbert curve for its spatial index (SPATIAL_INDEX=YES,
        // the default): the order is deterministic but not the order written.
        let layer = try roundTrip(.flatGeobuf, "xiaoban.fgb", driver: "FlatGeobuf", inWrittenOrder: false)
        XCTAssertEqual(layer.geometryKind, .polygon)
    }

    /// KML is always WGS84: GDAL reprojects the EPSG:4545 layer on writing. CGCS2000 and WGS84 differ by
    /// centimetres and PROJ treats them as the same datum, so the read-back lon/lat must match the inverse
    /// Gauss-Kruger projection of the input.
    func testKMLIsWrittenInWGS84() throws {
        let directory = try makeTemporaryDirectory("kml")
        let path = directory.appendingPathComponent("xiaoban.kml").path
        try SampleLayer.write(to: path, format: .kml)
        let layer = try VectorDataset(reading: SourceReference(path: path)).layer(named: nil)
        XCTAssertEqual(layer.spatialReference?.epsgCode, 4326)
        let features = try layer.readAll()
        XCTAssertEqual(features.count, 3)
        let toLonLat = try CoordinateTransform(from: SpatialReference(epsg: 4545), to: SpatialReference(epsg: 4490))
        for (feature, (row, polygons)) in zip(features, zip(SampleLayer.rows, SampleLayer.polygons)) {
            let values = try SampleLayer.fields.map { field in
                feature.values[try XCTUnwrap(layer.fieldIndex(field.name), "KML field \(field.name)")].text
            }
            XCTAssertEqual(values, row.map(\.text), "KML values by field name")
            let readBack = try XCTUnwrap(feature.geometry).polygons()
            assertSamePolygons(readBack, try toLonLat.transform(polygons), accuracy: 1e-8, "KML")
        }
        // (x0, y0) is (106.6E, 26.4N) to within its rounding to 0.1 mm.
        let shell = try XCTUnwrap(features.first?.geometry).polygons()[0].rings[0]
        XCTAssertTrue(shell.contains { abs($0.x - 106.6) < 1e-8 && abs($0.y - 26.4) < 1e-8 }, "\(shell)")
    }

    /// Same input and timestamp give the same bytes, so outputs can be compared and archived.
    func testGeoPackageIsDeterministic() throws {
        let directory = try makeTemporaryDirectory("det")
        let a = directory.appendingPathComponent("a.gpkg").path, b = directory.appendingPathComponent("b.gpkg").path
        try SampleLayer.write(to: a, format: .geoPackage, timestamp: "2024-12-31T00:00:00Z")
        try SampleLayer.write(to: b, format: .geoPackage, timestamp: "2024-12-31T00:00:00Z")
        let bytesA = try Data(contentsOf: URL(fileURLWithPath: a)), bytesB = try Data(contentsOf: URL(fileURLWithPath: b))
        XCTAssertGreaterThan(bytesA.count, 0)
        XCTAssertEqual(bytesA, bytesB)
        XCTAssertNotNil(bytesA.range(of: Data("2024-12-31T00:00:00".utf8)), "gpkg_contents.last_change is the given timestamp")
    }

    func testCreatingOverAnExistingFileIsRefused() throws {
        let directory = try makeTemporaryDirectory("exists")
        let path = directory.appendingPathComponent("xiaoban.gpkg").path
        try SampleLayer.write(to: path, format: .geoPackage)
        let error = assertGeoError(.cannotWrite) { try VectorWriter(creating: path, format: .geoPackage) }
        XCTAssertTrue(error?.message.contains(path) ?? false, error?.message ?? "")
    }

    func testAppendingALayerToAGeoPackage() throws {
        let directory = try makeTemporaryDirectory("append")
        let path = directory.appendingPathComponent("out.gpkg").path
        try SampleLayer.write(to: path, format: .geoPackage)
        let writer = try VectorWriter(appendingTo: SourceReference(path: path))
        let table = try writer.createLayer(named: "统计", geometry: .none, spatialReference: nil,
                                           fields: [FieldDefinition("地类", .string), FieldDefinition("面积", .real)])
        try table.write([Feature(values: [.string("乔木林地"), .real(12.5)], geometry: nil),
                         Feature(values: [.string("宜林地"), .null], geometry: nil)])
        try writer.close()

        let dataset = try VectorDataset(reading: SourceReference(path: path))
        XCTAssertEqual(Set(dataset.layerNames), ["xiaoban", "统计"])
        let layer = try dataset.layer(named: "统计")
        XCTAssertEqual(layer.geometryKind, .none)
        XCTAssertNil(layer.spatialReference)
        XCTAssertEqual(try layer.readAll().map(\.values), [[.string("乔木林地"), .real(12.5)], [.string("宜林地"), .null]])
    }

    // MARK: - helper

    /// Writes the sample layer as `format` and checks everything it can: driver, CRS, count, values, geometries.
    @discardableResult
    private func roundTrip(_ format: VectorFormat, _ fileName: String, driver: String, accuracy: Double = 1e-9,
                           in directory: URL? = nil, inWrittenOrder: Bool = true, file: StaticString = #filePath, line: UInt = #line) throws -> VectorLayer {
        let directory = try directory ?? makeTemporaryDirectory(format.rawValue)
        let path = directory.appendingPathComponent(fileName).path
        try SampleLayer.write(to: path, format: format)

        let dataset = try VectorDataset(reading: SourceReference(path: path))
        XCTAssertEqual(dataset.driverName, driver, file: file, line: line)
        let layer = try dataset.layer(named: nil)
        XCTAssertEqual(layer.featureCount, 3, file: file, line: line)
        XCTAssertEqual(layer.spatialReference?.epsgCode, SampleLayer.epsg, "\(format) CRS", file: file, line: line)
        XCTAssertEqual(layer.spatialReference?.centralMeridian, 108, file: file, line: line)

        var features = try layer.readAll()
        XCTAssertEqual(features.count, 3, file: file, line: line)
        if !inWrittenOrder, let key = layer.fieldIndex("XBH") {
            features.sort { ($0.values[key].text ?? "") < ($1.values[key].text ?? "") }
        }
        for (n, (feature, (row, polygons))) in zip(features, zip(SampleLayer.rows, SampleLayer.polygons)).enumerated() {
            for (i, field) in SampleLayer.fields.enumerated() {
                guard let index = layer.fieldIndex(field.name) else {
                    XCTFail("\(format): no field \(field.name) in \(layer.fields.map(\.name))", file: file, line: line)
                    continue
                }
                let value = feature.values[index]
                switch field.type {
                case .real, .integer:
                    XCTAssertEqual(try XCTUnwrap(value.number), try XCTUnwrap(row[i].number), accuracy: 1e-9,
                                   "\(format) feature \(n) \(field.name)", file: file, line: line)
                default:
                    XCTAssertEqual(value, row[i], "\(format) feature \(n) \(field.name)", file: file, line: line)
                }
            }
            let geometry = try XCTUnwrap(feature.geometry, "\(format) feature \(n) has no geometry", file: file, line: line)
            assertSamePolygons(try geometry.polygons(), polygons, accuracy: accuracy, "\(format) feature \(n)", file: file, line: line)
        }
        return layer
    }
}

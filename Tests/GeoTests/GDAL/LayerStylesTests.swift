import Foundation
import XCTest
@testable import Geo

/// A GeoPackage's layer styles (`layer_styles`, as QGIS keeps them): written with the layers, read back, registered
/// as an attributes table, the same bytes twice.
final class LayerStylesTests: XCTestCase {
    private func write(_ path: String, styles: [LayerStyle]) throws {
        let writer = try VectorWriter(creating: path, format: .geoPackage)
        let layer = try writer.createLayer(named: SampleLayer.name, geometry: .polygon, spatialReference: try SpatialReference(epsg: SampleLayer.epsg),
                                           fields: SampleLayer.fields)
        try layer.write(SampleLayer.features)
        try writer.writeLayerStyles(styles)
        try writer.close()
    }

    private let style = LayerStyle(layer: SampleLayer.name, qml: "<qgis labelsEnabled=\"1\"><renderer-v2 type=\"categorizedSymbol\"/></qgis>",
                                   sld: "<StyledLayerDescriptor/>", description: "小班 sub-compartments")

    func testStylesAreWrittenAsQGISKeepsThemAndReadBack() throws {
        let folder = try makeTemporaryDirectory()
        let path = folder.appendingPathComponent("styled.gpkg").path
        try write(path, styles: [style])
        let dataset = try VectorDataset(reading: SourceReference(path: path))
        XCTAssertEqual(dataset.layerNames.sorted(), ["layer_styles", SampleLayer.name].sorted(), "an attributes table in gpkg_contents")
        XCTAssertEqual(try dataset.layerStyles(), [style])
        let table = try dataset.layer(named: "layer_styles")
        XCTAssertEqual(table.geometryKind, .none)
        XCTAssertEqual(table.fields.map(\.name), ["f_table_catalog", "f_table_schema", "f_table_name", "f_geometry_column", "styleName",
                                                  "styleQML", "styleSLD", "useAsDefault", "description", "owner", "ui", "update_time"])
        let row = try XCTUnwrap(try table.readAll().first)
        let value = { (name: String) in row.values[table.fieldIndex(name)!] }
        // QGIS finds a layer's default style by f_table_schema = '' (not null), the table and its geometry column.
        XCTAssertEqual(value("f_table_schema"), .string(""))
        XCTAssertEqual(value("f_geometry_column"), .string("geom"))
        XCTAssertEqual(value("useAsDefault"), .integer(1))
        XCTAssertTrue(value("update_time").text?.hasPrefix("2000") == true, "the writer's timestamp, not the clock: \(value("update_time"))")
        // The layer itself is as it would be without its style.
        XCTAssertEqual(try dataset.layer(named: SampleLayer.name).readAll().map(\.values), SampleLayer.features.map(\.values))
    }

    func testTheSameStylesGiveTheSameBytes() throws {
        let folder = try makeTemporaryDirectory()
        let a = folder.appendingPathComponent("a.gpkg").path, b = folder.appendingPathComponent("b.gpkg").path
        try write(a, styles: [style])
        try write(b, styles: [style])
        XCTAssertEqual(FileManager.default.contents(atPath: a), FileManager.default.contents(atPath: b))
    }

    func testAStyleNeedsItsLayer() throws {
        let folder = try makeTemporaryDirectory()
        var other = style
        other.layer = "nope"
        assertGeoError(.cannotWrite) { try write(folder.appendingPathComponent("c.gpkg").path, styles: [other]) }
    }
}

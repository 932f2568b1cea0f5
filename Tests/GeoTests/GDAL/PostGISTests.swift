import Foundation
import XCTest
@testable import Geo

/// Writing to and reading from a real PostGIS database. `Scripts/test` starts a throwaway server
/// (`Scripts/pg-test-server`) and sets FORESTMAP_TEST_PG to its GDAL `PG:` connection string.
final class PostGISTests: XCTestCase {
    /// The connection string; skips the test without one, except on CI (CI=true), where that is a failure.
    /// The tables are left in the throwaway database; OVERWRITE=YES replaces them on the next run.
    private func connection() throws -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let url = environment["FORESTMAP_TEST_PG"], !url.isEmpty { return url }
        if environment["CI"] == "true" {
            XCTFail("FORESTMAP_TEST_PG not set: CI must run the tests through Scripts/test")
            return nil
        }
        throw XCTSkip("FORESTMAP_TEST_PG not set: run Scripts/test")
    }

    func testLayerRoundTripWithChineseText() throws {
        guard let url = try connection() else { return }
        let name = "geotests_xiaoban"
        let writer = try VectorWriter(appendingTo: SourceReference(path: url))
        let layer = try writer.createLayer(named: name, geometry: .polygon, spatialReference: SpatialReference(epsg: SampleLayer.epsg),
                                           fields: SampleLayer.fields, options: ["OVERWRITE": "YES"])
        try layer.write(SampleLayer.features)
        try writer.close()

        let reference = try SourceReference(parsing: "\(url)|layername=\(name)")
        XCTAssertEqual(reference.layerName, name)
        let dataset = try VectorDataset(reading: reference)
        XCTAssertEqual(dataset.driverName, "PostgreSQL")
        let read = try dataset.layer(named: reference.layerName)
        XCTAssertEqual(read.name, name)
        XCTAssertEqual(read.spatialReference?.epsgCode, SampleLayer.epsg)
        XCTAssertEqual(read.geometryKind, .polygon)
        XCTAssertEqual(read.featureCount, 3)
        XCTAssertEqual(read.fields.map { $0.name.uppercased() }, SampleLayer.fields.map(\.name), "PostgreSQL folds names to lower case")
        XCTAssertEqual(read.fields.map(\.type), SampleLayer.fields.map(\.type))

        let features = try read.readAll()
        XCTAssertEqual(features.map(\.values), SampleLayer.rows)
        for (feature, polygons) in zip(features, SampleLayer.polygons) {
            assertSamePolygons(try XCTUnwrap(feature.geometry).polygons(), polygons, accuracy: 1e-9, "PostGIS")
        }

        // Writing again with OVERWRITE=YES replaces the table instead of appending.
        let again = try VectorWriter(appendingTo: SourceReference(path: url))
        try again.createLayer(named: name, geometry: .polygon, spatialReference: SpatialReference(epsg: SampleLayer.epsg),
                              fields: SampleLayer.fields, options: ["OVERWRITE": "YES"]).write(Array(SampleLayer.features.prefix(1)))
        try again.close()
        XCTAssertEqual(try VectorDataset(reading: reference).layer(named: name).featureCount, 1)
    }

    func testMissingTableListsLayers() throws {
        guard let url = try connection() else { return }
        let dataset = try VectorDataset(reading: SourceReference(path: url))
        let error = assertGeoError(.missingLayer) { try dataset.layer(named: "geotests_no_such_table") }
        XCTAssertTrue(error?.message.contains("geotests_no_such_table") ?? false, error?.message ?? "")
    }
}

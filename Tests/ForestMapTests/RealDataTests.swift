import Foundation
import Geo
import XCTest
@testable import ForestAssessment
@testable import ForestChange
@testable import ForestMapCore
@testable import ForestSynth
@testable import ForestTestSupport

/// Runs the layer reader and area summary on real public layers (Examples/data, shipped with the repository;
/// Examples/data/README.md gives their origin and licence) with the user code tables in SampleData/classifications.
/// The producers' own stored areas are the independent computation the figures are checked against.
final class RealDataTests: XCTestCase {
    private var repository: URL { Repository.root }
    private var realdata: URL { repository.appendingPathComponent("Examples/data") }

    /// A layer of Examples/data; a missing file fails the test (the data is part of the repository).
    private func source(_ file: String, _ layer: String) throws -> SourceReference {
        let path = realdata.appendingPathComponent(file).path
        guard FileManager.default.fileExists(atPath: path) else { throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: path]) }
        return SourceReference(path: path, layerName: layer)
    }

    private func options(classField: String, table: String) throws -> LayerLoadOptions {
        var o = LayerLoadOptions()
        o.fields.diLei = classField
        o.landClassSystem = .user
        let path = repository.appendingPathComponent("SampleData/classifications/\(table)").path
        o.userTable = (try String(contentsOfFile: path, encoding: .utf8), path)
        return o
    }

    /// CORINE Malta: planar area in EPSG:32633 equals the producer's `shape_area` per class.
    func testCorineMaltaPlanarAreaMatchesTheProducersShapeArea() throws {
        for (layerName, field) in [("clc18_mt", "code_18"), ("clc24_mt", "code_24")] {
            let layer = try SubCompartmentLayer.load(try source("clc2024_mt.gpkg", layerName), options: try options(classField: field, table: "corine_clc.csv"))
            XCTAssertNil(layer.unknownCodes.first, "every CLC code is in the table")
            XCTAssertEqual(layer.subCompartments.count, 160)
            let summary = try LandClassAreaSummary.compute(layer, method: .planar)
            let shapeArea = try XCTUnwrap(layer.fieldNames.firstIndex(of: "shape_area"))
            var expected: [String: Double] = [:]
            for s in layer.subCompartments { expected[s.landClass!.key, default: 0] += s.attributes[shapeArea].number ?? 0 }
            for row in summary.rows {
                XCTAssertEqual(row.squareMetres, expected[row.key] ?? -1, accuracy: max(1, row.squareMetres * 1e-6), "\(layerName) \(row.key)")
            }
            // Ellipsoidal area differs from UTM planar area by the zone's scale (≤ about 0.1% here).
            let ellipsoidal = try LandClassAreaSummary.compute(layer, method: .ellipsoidal)
            XCTAssertEqual(ellipsoidal.totalSquareMetres / summary.totalSquareMetres, 1, accuracy: 0.002)
        }
    }

    /// Natura 2000 Czech sites: forest land by MAES class equals the source's own `is_forest` flag.
    func testNatura2000ForestAgreesWithTheSourcesFlag() throws {
        let layer = try SubCompartmentLayer.load(try source("n2k_cz_lclu_2006_2012.gpkg", "lclu_2012"), options: try options(classField: "land_class", table: "maes_n2k.csv"))
        XCTAssertEqual(layer.subCompartments.count, 1_027)
        XCTAssertTrue(layer.unknownCodes.isEmpty, "\(layer.unknownCodes)")
        let isForest = try XCTUnwrap(layer.fieldNames.firstIndex(of: "is_forest"))
        for s in layer.subCompartments {
            XCTAssertEqual(s.landClass?.countsTowardCoverage, s.attributes[isForest].number == 1, "feature \(s.fid) code \(s.landClassCode)")
        }
        let summary = try LandClassAreaSummary.compute(layer, method: .planar)
        XCTAssertEqual(summary.totalSquareMetres / 1e6, 124.7, accuracy: 0.1)   // Examples/data/README.md: 124.7 km², full coverage
    }

    /// Finnish forest stands: a layer with none of the default key fields is keyed by feature id.
    func testFinnishStandsWithoutClassesAreReadByFeatureId() throws {
        var o = LayerLoadOptions()
        o.fields.diLei = "land_class"
        o.landClassSystem = .user
        o.userTable = ("code,class\nforest,arbor\n", "inline")
        let layer = try SubCompartmentLayer.load(try source("qgis_rautjarvi_forest_stands_1994_2012.gpkg", "stands_2012"), options: o)
        XCTAssertEqual(layer.subCompartments.count, 74)
        XCTAssertTrue(layer.subCompartments.allSatisfy { $0.key.hasPrefix("fid:") })
    }
}

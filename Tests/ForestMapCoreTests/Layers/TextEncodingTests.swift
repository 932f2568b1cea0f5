import Foundation
@testable import Geo
import XCTest
@testable import ForestAssessment
@testable import ForestChange
@testable import ForestCheck
@testable import ForestMapCore
@testable import ForestSynth
@testable import ForestTestSupport

/// Text that is not the UTF-8 a layer declares: GBK is read as GBK with one warning naming the layer; bytes that
/// are neither are refused naming the feature and field (they were "�����" with exit 0).
final class TextEncodingTests: XCTestCase {
    private func layer(_ noteHex: [String]) throws -> (URL, SourceReference) {
        let folder = try Fixtures.temporaryFolder()
        let path = folder.appendingPathComponent("xiaoban.gpkg").path
        let writer = try VectorWriter(creating: path, format: .geoPackage)
        let fields = Fixtures.subCompartmentFields + [FieldDefinition("NOTE", .string)]
        try writer.createLayer(named: "xiaoban", geometry: .polygon, spatialReference: SpatialReference(epsg: 4545), fields: fields)
            .write(noteHex.indices.map { n in
                var row = Fixtures.row("101", String(format: "%04d", n + 1), "0111", Fixtures.square(380_000 + Double(n) * 100, 2_920_000, 100))
                row.values.append(.string("x"))
                return row
            })
        for (n, hex) in noteHex.enumerated() {
            try writer.execute("UPDATE xiaoban SET NOTE = CAST(X'\(hex)' AS TEXT) WHERE fid = \(n + 1)")
        }
        try writer.close()
        return (folder, SourceReference(path: path, layerName: "xiaoban"))
    }

    func testGBKIsReadAsGBKWithOneWarning() throws {
        // 青岩镇 in GBK, and plain ASCII.
        let (folder, source) = try layer(["C7E0D1D2D5F2", "616263"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let loaded = try SubCompartmentLayer.load(source, options: LayerLoadOptions())
        let note = try XCTUnwrap(loaded.fieldNames.firstIndex(of: "NOTE"))
        XCTAssertEqual(loaded.subCompartments.map { $0.attributes[note].text }, ["青岩镇", "abc"])
        XCTAssertEqual(loaded.readingNotes.count, 1)
        XCTAssertTrue(loaded.readingNotes[0].contains("1 text value was GBK"), loaded.readingNotes[0])
        XCTAssertTrue(loaded.codeSystemNotes.contains(loaded.readingNotes[0]))
    }

    func testBytesThatAreNeitherAreRefusedNamingTheFeatureAndField() throws {
        let (folder, source) = try layer(["616263", "FFFE41"])
        defer { try? FileManager.default.removeItem(at: folder) }
        XCTAssertThrowsError(try SubCompartmentLayer.load(source, options: LayerLoadOptions())) { e in
            let message = (e as? ForestMapError)?.message ?? "\(e)"
            XCTAssertTrue(message.contains("feature 2: field NOTE holds text that is neither UTF-8 nor GBK"), message)
            XCTAssertEqual((e as? ForestMapError)?.status, .badInput)
        }
    }

    /// GDAL's own reading path decodes the same way.
    func testGDALPathToo() throws {
        let (folder, source) = try layer(["C7E0D1D2D5F2"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let vector = try VectorDataset(reading: source).layer(named: "xiaoban")
        var texts: [String] = []
        try vector.forEachFeature(throughGDAL: true) { f in texts.append(f.values.last?.text ?? "") }
        XCTAssertEqual(texts, ["青岩镇"])
        XCTAssertEqual(vector.textReport.decodedAsGBK, 1)
    }

    /// Another department's layer (townships, permit red lines) whose name field holds `hex`.
    private func townshipLayer(nameHex: String) throws -> (URL, SourceReference) {
        let folder = try Fixtures.temporaryFolder()
        let path = folder.appendingPathComponent("townships.gpkg").path
        let writer = try VectorWriter(creating: path, format: .geoPackage)
        let fields = ["XZQDM", "XZQMC", "PZWH"].map { FieldDefinition($0, .string) }
        try writer.createLayer(named: "townships", geometry: .polygon, spatialReference: SpatialReference(epsg: 4545), fields: fields)
            .write([Feature(fid: 1, values: [.string("520111101"), .string("x"), .string("P1")], geometry: Fixtures.square(380_000, 2_920_000, 1000))])
        try writer.execute("UPDATE townships SET XZQMC = CAST(X'\(nameHex)' AS TEXT)")
        try writer.close()
        return (folder, SourceReference(path: path, layerName: "townships"))
    }

    /// The township and permit layers are held to the same rule as the sub-compartments: GBK is read as GBK, and
    /// bytes that are neither are refused naming the feature and field (a township's name was "�����").
    func testTownshipAndPermitLayersToo() throws {
        let crs = try SpatialReference(epsg: 4545).wkt
        let (folder, gbk) = try townshipLayer(nameHex: "C7E0D1D2D5F2")
        defer { try? FileManager.default.removeItem(at: folder) }
        let townships = try TownshipBoundaries.load(gbk, fields: TownshipFields(), districtCode: "520111", into: crs, towgs84: nil, encoding: nil)
        XCTAssertEqual(townships.townships.map(\.name), ["青岩镇"])

        let (other, neither) = try townshipLayer(nameHex: "FFFE41")
        defer { try? FileManager.default.removeItem(at: other) }
        for load in [{ _ = try TownshipBoundaries.load(neither, fields: TownshipFields(), districtCode: "520111", into: crs, towgs84: nil, encoding: nil) },
                     { _ = try PermitLayer.load(neither, config: ForestMapConfig(), into: crs) }] {
            XCTAssertThrowsError(try load()) { e in
                let message = (e as? ForestMapError)?.message ?? "\(e)"
                XCTAssertTrue(message.contains("townships.gpkg|layername=townships: feature 1: field XZQMC holds text that is neither UTF-8 nor GBK"), message)
                XCTAssertEqual((e as? ForestMapError)?.status, .badInput)
            }
        }
    }
}

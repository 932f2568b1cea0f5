import Foundation
import Geo
import XCTest

/// `forestmap check` as a user runs it: exit 0 with warnings only, 3 with errors (outputs written either way),
/// 2 with one line and nothing written for unusable input.
final class CheckCommandTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("forestmap-check-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    /// A 3 × 3 grid of 100 m squares (cells listed in `cells`), arbor forest, in EPSG:4545; returns the source.
    private func layer(_ name: String, cells: [(Int, Int)], mianJi: Double = 1) throws -> String {
        let path = folder.appendingPathComponent("\(name).gpkg").path
        let writer = try VectorWriter(creating: path, format: .geoPackage)
        let fields = ["XIAN", "XIANG", "CUN", "LIN_BAN", "XIAO_BAN", "DI_LEI", "YOU_SHI_SZ"].map { FieldDefinition($0, .string) }
            + [FieldDefinition("MIAN_JI", .real)]
        let layer = try writer.createLayer(named: name, geometry: .polygon, spatialReference: SpatialReference(epsg: 4545), fields: fields)
        try layer.write(cells.enumerated().map { n, c in
            let x = 380_000 + Double(c.0) * 100, y = 2_920_000 + Double(c.1) * 100
            let ring = [Point(x, y), Point(x + 100, y), Point(x + 100, y + 100), Point(x, y + 100), Point(x, y)]
            return Feature(values: [.string("520111"), .string("101"), .string("001"), .string("0001"), .string(String(format: "%04d", n + 1)),
                                    .string("0111"), .string("150100"), .real(mianJi)],
                           geometry: WKB(polygons: [PolygonRings(rings: [ring])]))
        })
        try writer.close()
        return "\(path)|layername=\(name)"
    }

    private let all = (0..<3).flatMap { j in (0..<3).map { i in (i, j) } }

    private func csvLines(_ file: URL) throws -> [String] {
        let data = try Data(contentsOf: file)
        XCTAssertEqual(Array(data.prefix(3)), [0xEF, 0xBB, 0xBF], "UTF-8 with BOM")
        return String(decoding: data.dropFirst(3), as: UTF8.self).split(separator: "\r\n").map(String.init)
    }

    func testACleanLayerExitsZero() throws {
        let out = folder.appendingPathComponent("out")
        let o = try forestmap("check", "--layer", try layer("xb", cells: all), "--out", out.path)
        XCTAssertEqual(o.status, 0, o.stderr)
        XCTAssertTrue(o.stdout.contains("0 errors, 0 warnings"), o.stdout)
        XCTAssertEqual(try csvLines(out.appendingPathComponent("check.csv")), ["check,severity,feature_id,township_code,detail,x,y"])
        let summary = try csvLines(out.appendingPathComponent("check_summary.csv"))
        XCTAssertEqual(summary.first, "check,check_name,severity,township_code,township_name,count,area_ha,note")
        XCTAssertTrue(summary.contains("overlap,小班重叠,error,total,合计,0,,"), "\(summary)")
        XCTAssertTrue(summary.contains { $0.hasPrefix("crosses_township,跨乡镇,error,total,合计,,,not run:") }, "\(summary)")
        let dataset = try VectorDataset(reading: SourceReference(path: out.appendingPathComponent("check.gpkg").path))
        XCTAssertTrue(dataset.layerNames.contains("overlap"))
        XCTAssertFalse(dataset.layerNames.contains("crosses_township"), "checks that did not run have no layer")
    }

    func testWarningsOnlyExitZeroAndErrorsExitThree() throws {
        // Stored areas 10% off: warnings only.
        let warn = try forestmap("check", "--layer", try layer("xb", cells: all, mianJi: 1.1), "--out", folder.path + "/warn")
        XCTAssertEqual(warn.status, 0, warn.stderr)
        XCTAssertTrue(warn.stdout.contains("0 errors, 9 warnings"), warn.stdout)

        // The centre cell missing: a gap, an error; the outputs are written all the same.
        var cells = all
        cells.remove(at: 4)
        let out = folder.appendingPathComponent("gap")
        let o = try forestmap("check", "--layer", try layer("holey", cells: cells), "--out", out.path)
        XCTAssertEqual(o.status, 3, o.stderr)
        let first = o.stderr.split(separator: "\n").first.map(String.init) ?? ""
        XCTAssertTrue(first.hasPrefix("forestmap: ") && first.contains("1 error found (gap 1)"), o.stderr)
        let rows = try csvLines(out.appendingPathComponent("check.csv"))
        XCTAssertEqual(rows.count, 2)
        XCTAssertTrue(rows[1].hasPrefix("gap,error,,520111101,\"gap of 9996."), rows[1])
        XCTAssertTrue(rows[1].hasSuffix(",380150.000,2920150.000"), rows[1])
        let gaps = try VectorDataset(reading: SourceReference(path: out.appendingPathComponent("check.gpkg").path)).layer(named: "gap").readAll()
        XCTAssertEqual(gaps.count, 1)
        XCTAssertEqual(PlanarArea.of(try XCTUnwrap(gaps[0].geometry).polygons()), 10_000, accuracy: 1e-6)

        // An existing output folder is kept without --overwrite.
        let again = try forestmap("check", "--layer", try layer("holey2", cells: cells), "--out", out.path)
        XCTAssertEqual(again.status, 2)
        XCTAssertTrue(again.stderr.contains("already exists; use --overwrite"), again.stderr)
    }

    /// A GeoJSON export with a ring that does not end where it starts (GEOS cannot read it) and SampleData with a
    /// feature moved by 1e15: each reported as invalid_geometry with the reason, the rest checked, exit 3.
    func testUnclosedRingsAndCoordinatesOutOfRangeAreReported() throws {
        let geojson = folder.appendingPathComponent("web.geojson")
        func feature(_ xiaoBan: String, _ ring: String) -> String {
            """
            {"type": "Feature", "properties": {"XIAN": "520111", "XIANG": "101", "CUN": "001", "LIN_BAN": "0001", "XIAO_BAN": "\(xiaoBan)", "DI_LEI": "0111", "YOU_SHI_SZ": "150100"},
             "geometry": {"type": "Polygon", "coordinates": [\(ring)]}}
            """
        }
        try Data("""
        {"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4545"}}, "features": [
        \(feature("0001", "[[380000, 2920000], [380100, 2920000], [380100, 2920100], [380000, 2920100], [380000, 2920000]]")),
        \(feature("0002", "[[380100, 2920000], [380200, 2920000], [380200, 2920100], [380100, 2920100]]")),
        \(feature("0003", "[[380200, 2920000], [380300, 2920000], [380300, 2920100], [380200, 2920100], [380200, 2920000]]"))]}
        """.utf8).write(to: geojson)
        let web = try forestmap("check", "--layer", geojson.path, "--out", folder.path + "/web")
        XCTAssertEqual(web.status, 3, web.stderr)
        let rows = try csvLines(folder.appendingPathComponent("web/check.csv")).filter { $0.hasPrefix("invalid_geometry,") }
        XCTAssertEqual(rows.count, 1, "\(rows)")
        XCTAssertTrue(rows.first?.contains("520111|101|001|0001|0002: ring not closed, ending at (380100.000, 2920100.000) instead of its start at (380100.000, 2920000.000)") == true, "\(rows)")
        let all = try csvLines(folder.appendingPathComponent("web/check.csv"))
        XCTAssertFalse(all.contains { $0.hasPrefix("gap,") || $0.hasPrefix("overlap,") }, "the closed ring fits between its neighbours: \(all)")

        let moved = try SampleLayerCopy.write(to: folder.appendingPathComponent("moved.gpkg").path) { n, wkb in
            n == 4 ? try SampleLayerCopy.shifted(wkb, by: 1e15) : wkb
        }
        let o = try forestmap("check", "--config", SampleLayerCopy.sampleData.appendingPathComponent("forestmap.toml").path, "--layer", moved,
                              "--out", folder.path + "/moved")
        XCTAssertEqual(o.status, 3, o.stderr)
        let invalid = try csvLines(folder.appendingPathComponent("moved/check.csv")).filter { $0.hasPrefix("invalid_geometry,") }
        XCTAssertEqual(invalid.count, 1, "\(invalid)")
        XCTAssertTrue(invalid.first?.contains(",5,") == true && invalid.first?.contains("coordinate (1e+15, ") == true
                      && invalid.first?.contains("is out of range") == true, "\(invalid)")
    }

    func testUnusableInputIsExitTwoWithNothingWritten() throws {
        let missing = try forestmap("check", "--layer", folder.path + "/nope.gpkg", "--out", folder.path + "/out")
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.hasPrefix("forestmap: ") && missing.stderr.contains("nope.gpkg"), missing.stderr)
        XCTAssertEqual(missing.stderr.split(separator: "\n").count, 1)

        let source = try layer("xb", cells: all)
        let badTownships = try forestmap("check", "--layer", source, "--townships", folder.path + "/none.gpkg", "--out", folder.path + "/out")
        XCTAssertEqual(badTownships.status, 2, badTownships.stderr)

        let config = folder.appendingPathComponent("c.toml")
        try Data("[check]\nboundary_tolerance = 5\n".utf8).write(to: config)
        let badConfig = try forestmap("check", "--layer", source, "--config", config.path, "--out", folder.path + "/out")
        XCTAssertEqual(badConfig.status, 2)
        XCTAssertTrue(badConfig.stderr.contains("unknown setting check.boundary_tolerance"), badConfig.stderr)

        let noLayer = try forestmap("check", "--out", folder.path + "/out")
        XCTAssertEqual(noLayer.status, 2)
        XCTAssertTrue(noLayer.stderr.contains("no sub-compartment layer"), noLayer.stderr)

        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        XCTAssertEqual(left, ["c.toml", "xb.gpkg"], "no output folder, partial or not")
    }
}

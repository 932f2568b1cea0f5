import Foundation
import Geo
import XCTest

/// Hostile values in the fields the statistics read, in the auxiliary layers and the settings: counted as missing
/// and said, never a crash (`FieldNumber`).
final class BadValueTests: XCTestCase {
    private var folder: URL!
    private var sample: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("SampleData")
    }

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("forestmap-badvalues-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: sample, to: folder)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    /// Rewrites a layer of the copied district with some values changed; `asText` makes the fields text.
    private func rewrite(_ file: String, layer name: String, asText: Set<String> = [], _ change: (Int, inout [String: FieldValue]) -> Void) throws {
        let path = folder.appendingPathComponent(file).path
        let dataset = try VectorDataset(reading: SourceReference(path: path, layerName: name))
        let layer = try dataset.layer(named: name)
        let fields = layer.fields.map { f in asText.contains(f.name) ? FieldDefinition(f.name, .string) : f }
        var features = try layer.readAll()
        let srs = layer.spatialReference
        for i in features.indices {
            var values = Dictionary(uniqueKeysWithValues: zip(layer.fields.map(\.name), features[i].values))
            for t in asText { if let v = values[t], let text = v.text { values[t] = .string(text) } }
            change(i, &values)
            features[i].values = layer.fields.map { values[$0.name] ?? .null }
        }
        try FileManager.default.removeItem(atPath: path)
        let writer = try VectorWriter(creating: path, format: .geoPackage)
        try writer.createLayer(named: name, geometry: .polygon, spatialReference: srs, fields: fields).write(features)
        try writer.close()
    }

    func testNoValuesNaNAndTextInTheStatisticsFieldsAreMissingAndSaid() throws {
        try rewrite("xiaoban_2021.gpkg", layer: "xiaoban_2021", asText: ["HUO_LMGQXJ", "YU_BI_DU"]) { i, v in
            switch i {
            case 3: v["HUO_LMGQXJ"] = .string("-1.7976931348623157e308")
            case 4: v["HUO_LMGQXJ"] = .string("nan")
            case 5: v["HUO_LMGQXJ"] = .string("1e400")
            case 6: v["HUO_LMGQXJ"] = .string("abc")
            case 7: v["HUO_LMGQXJ"] = .string("1,234.5")
            case 8: v["YU_BI_DU"] = .string("nan")
            case 9: v["MIAN_JI"] = .real(-1.7976931348623157e308)
            default: break
            }
        }
        let config = folder.appendingPathComponent("forestmap.toml").path
        let stats = try forestmap("stats", "--config", config, "--out", folder.appendingPathComponent("stats").path)
        XCTAssertEqual(stats.status, 0, stats.stderr)
        XCTAssertTrue(stats.stdout.contains("HUO_LMGQXJ: 4 values not numbers"), stats.stdout)
        XCTAssertTrue(stats.stdout.contains("HUO_LMGQXJ: 1 value written with thousands separators"), stats.stdout)
        XCTAssertTrue(stats.stdout.contains("MIAN_JI: 1 value not numbers (e.g. '-1.7976931348623157e+308' is ArcGIS's no-value)"), stats.stdout)

        let check = try forestmap("check", "--config", config, "--out", folder.appendingPathComponent("check").path)
        XCTAssertEqual(check.status, 3, check.stderr)
        let csv = try String(contentsOf: folder.appendingPathComponent("check/check.csv"), encoding: .utf8)
        let bad = csv.split(separator: "\r\n").filter { $0.hasPrefix("bad_number") }
        XCTAssertEqual(bad.filter { $0.contains(",error,") }.count, 6, bad.joined(separator: "\n"))   // 4 volumes, MIAN_JI, YU_BI_DU
        XCTAssertEqual(bad.filter { $0.contains(",warning,") }.count, 1)
        XCTAssertTrue(bad.contains { $0.contains("YU_BI_DU 'nan' is not a number (NaN)") }, bad.joined(separator: "\n"))

        let run = try forestmap("run", config, "--out", folder.appendingPathComponent("annual").path)
        XCTAssertEqual(run.status, 3, run.stderr)   // the check found the errors; everything is written all the same
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("annual/appendix1_targets.csv").path))
    }

    func testNoValuesInTheAuxiliaryAreasAreMissingAndNoted() throws {
        for (file, field) in [("fires.gpkg", "SHMJ"), ("pests.gpkg", "CZMJ"), ("afforestation_tasks.gpkg", "WCMJ")] {
            try rewrite(file, layer: String(file.dropLast(5))) { i, v in
                // Every record (some lie outside the period and are not read): ArcGIS's no-value or NaN.
                v[field] = i % 2 == 0 ? .real(-1.7976931348623157e308) : .real(.nan)
            }
        }
        let run = try forestmap("run", folder.appendingPathComponent("forestmap.toml").path, "--out", folder.appendingPathComponent("annual").path)
        XCTAssertTrue([0, 3].contains(run.status), run.stderr)
        // The tables stand (the no-values count as missing, not as -1.8e308 ha), and their notes say so.
        let table = try String(contentsOf: folder.appendingPathComponent("annual/appendix1_targets.csv"), encoding: .utf8)
        XCTAssertFalse(table.contains("e+"), "no absurd figure")
        let header = table.split(separator: "\r\n")[0].split(separator: ",").map(String.init)
        let total = table.split(separator: "\r\n").last!.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let burned = try XCTUnwrap(Double(total[try XCTUnwrap(header.firstIndex(of: "burned_forest_ha"))]))
        XCTAssertTrue(burned >= 0 && burned < 100_000, "\(burned)")
        let report = try String(contentsOf: folder.appendingPathComponent("annual/report.html"), encoding: .utf8)
        for field in ["SHMJ", "CZMJ", "WCMJ"] {
            XCTAssertNotNil(report.range(of: "\(field)：[0-9]+ 个数值无效", options: .regularExpression), "the notes name \(field)")
        }
    }

    /// Old 4-digit arbor codes among this year's new 6-digit ones: run says so first in its findings and on the
    /// terminal, check reports mixed_code_system with the counts.
    func testMixedCodeSystemsAreSaidFirst() throws {
        try rewrite("xiaoban_2021.gpkg", layer: "xiaoban_2021") { i, v in
            if i % 100 == 7, v["DI_LEI"]?.text == "030100" { v["DI_LEI"] = .string("0111") }
        }
        let config = folder.appendingPathComponent("forestmap.toml").path
        let run = try forestmap("run", config, "--out", folder.appendingPathComponent("annual").path)
        XCTAssertTrue([0, 3].contains(run.status), run.stderr)
        XCTAssertTrue(run.stdout.contains("carry old4 codes (0111 ×"), run.stdout)
        let findings = try String(contentsOf: folder.appendingPathComponent("annual/findings.txt"), encoding: .utf8)
        XCTAssertTrue(findings.hasPrefix("注意：本期小班图层地类代码体系混用") || findings.dropFirst().hasPrefix("注意：本期小班图层地类代码体系混用"), String(findings.prefix(200)))
        let check = try String(contentsOf: folder.appendingPathComponent("annual/check/check.csv"), encoding: .utf8)
        XCTAssertTrue(check.contains("mixed_code_system,error"), "check reports it")
    }

    func testSettingsAndYearsOutOfRangeAreRefused() throws {
        let config = folder.appendingPathComponent("forestmap.toml")
        let text = try String(contentsOf: config, encoding: .utf8)
        for (bad, key) in [("map_unit_mu = nan", "area.map_unit_mu"), ("map_unit_mu = inf", "area.map_unit_mu")] {
            try text.replacingOccurrences(of: "map_unit_mu = 1.0", with: bad).write(to: config, atomically: true, encoding: .utf8)
            assertOneLineError(try forestmap("stats", "--config", config.path, "--out", folder.appendingPathComponent("o").path), contains: [key, "not a finite number"])
        }
        try text.replacingOccurrences(of: "year = 2021", with: "year = 0").write(to: config, atomically: true, encoding: .utf8)
        assertOneLineError(try forestmap("change", "--config", config.path, "--out", folder.appendingPathComponent("o").path), contains: ["period.year = 0"])
        try text.write(to: config, atomically: true, encoding: .utf8)
        assertOneLineError(try forestmap("change", "--config", config.path, "--year", "0", "--out", folder.appendingPathComponent("o").path), status: 64, contains: ["--year 0"])
    }
}

/// A Shapefile copied without its .dbf: one line that says so, not "no land-class field DI_LEI; fields: ;".
final class MissingDBFTests: XCTestCase {
    func testAShapefileWithoutItsDBFIsNamed() throws {
        let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("SampleData/xiaoban_2021.gpkg")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("forestmap-nodbf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ogr2ogr")
        process.arguments = ["-f", "ESRI Shapefile", folder.appendingPathComponent("xb.shp").path, sample.path, "xiaoban_2021"]
        try process.run()
        process.waitUntilExit()
        try FileManager.default.removeItem(at: folder.appendingPathComponent("xb.dbf"))
        let o = try forestmap("stats", "--layer", folder.appendingPathComponent("xb.shp").path, "--out", folder.appendingPathComponent("out").path)
        assertOneLineError(o, contains: ["xb.shp", "without its .dbf"])
    }
}

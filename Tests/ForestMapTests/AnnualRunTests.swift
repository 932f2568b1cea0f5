import Foundation
import XCTest
import Geo
@testable import ForestAssessment
@testable import ForestChange
@testable import ForestCheck
@testable import ForestMap
@testable import ForestMapCore
@testable import ForestReport
@testable import ForestSynth
@testable import ForestTestSupport

/// The annual run on SampleData with a config written here: every step's outputs in one folder, the manifest,
/// and the tables following the config (a weight, a target) with nothing else edited.
final class AnnualRunTests: XCTestCase {
    private var sampleData: URL {
        Repository.sampleData
    }

    /// SampleData's config with absolute input paths and its targets file in `folder`; `edit` changes the text.
    private func config(in folder: URL, targets: String? = nil, edit: (String) -> String = { $0 }) throws -> String {
        var text = try String(contentsOf: sampleData.appendingPathComponent("forestmap.toml"), encoding: .utf8)
        for name in ["xiaoban_2020", "xiaoban_2021", "townships", "permits", "ring_belt", "afforestation_tasks", "fires", "pests", "forest_economy"] {
            text = text.replacingOccurrences(of: "\"\(name).gpkg", with: "\"\(sampleData.path)/\(name).gpkg")
        }
        let targetsText = try targets ?? String(contentsOf: sampleData.appendingPathComponent("targets.csv"), encoding: .utf8)
        try targetsText.write(to: folder.appendingPathComponent("targets.csv"), atomically: true, encoding: .utf8)
        let path = folder.appendingPathComponent("forestmap.toml").path
        try edit(text).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private func run(_ configPath: String, out: URL) throws -> AnnualRun.Report {
        var request = AnnualRun.Request(configPath: configPath)
        request.outputFolder = out.path
        request.progress = false
        // A register of the test's own, outside its folder: SampleData's config keeps its register in ../out/.
        let register = FileManager.default.temporaryDirectory.appendingPathComponent("forestmap-annual-cases-\(UUID().uuidString).gpkg")
        defer { try? FileManager.default.removeItem(at: register) }
        request.register = SourceReference(path: register.path)
        return try AnnualRun.perform(request, print: false)
    }

    private func read(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    func testOneFolderWithEveryStepAndTheManifest() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("annual")
        let report = try run(try config(in: folder), out: out)
        XCTAssertNil(report.failure, "SampleData's current year has warnings only")
        for file in ["appendix1_targets.csv", "appendix1_targets.xlsx", "appendix2_scores.csv", "appendix2_scores.xlsx", "scores_detail.csv",
                     "findings.txt", "manifest.json", "landclass_area.csv", "landclass_area.xlsx", "check/check.csv", "check/check.gpkg",
                     "check/check_summary.csv", "change/transitions.csv", "change/transitions.xlsx", "change/changes.gpkg",
                     "change/hitlist.csv", "change/hitlist.kml", "change/hitlist_核查表.xlsx", "report.html", "stats/township_stats.csv",
                     "stats/township_stats.xlsx", "stats/townships.gpkg"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path), file)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(), ["annual", "forestmap.toml", "targets.csv"],
                       "no staging folder left")

        // 附表1: one row per township of the boundary layer, then the district.
        let lines = try read(out.appendingPathComponent("appendix1_targets.csv")).split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        XCTAssertEqual(lines.dropFirst().map { $0[0] }, Township.huaxi.map(\.code).sorted() + ["520111"])
        // Its forest area per township is the stats step's, as written.
        let stats = try read(out.appendingPathComponent("stats/township_stats.csv")).split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let forest = try XCTUnwrap(lines[0].firstIndex(of: "forest_ha")), statsForest = try XCTUnwrap(stats[0].firstIndex(of: "forest_ha"))
        for row in lines.dropFirst().dropLast() {
            let s = try XCTUnwrap(stats.first { $0[0] == row[0] })
            XCTAssertEqual(Double(row[forest])!, Double(s[statsForest])!, accuracy: 0.00011, row[0])
        }
        // The fire in 马铃 (25.4948 ha of damaged forest in fires.gpkg) is its fire damage.
        let mal = try XCTUnwrap(lines.first { $0[0] == "520111209" })
        XCTAssertEqual(mal[try XCTUnwrap(lines[0].firstIndex(of: "burned_forest_ha"))], "25.4948")

        // report.html: the hit list's cases numbered on the map, 附表1 and 附表2 among its tables, nothing external.
        let html = try read(out.appendingPathComponent("report.html"))
        XCTAssertTrue(html.contains("三、重点核查图斑") && html.contains("附表1") && html.contains("附表2"))
        XCTAssertFalse(html.contains("http://") || html.contains("https://") || html.contains("<script"))
        XCTAssertEqual(report.result.change.hits.count, 19, "the sample's planted violations")

        // manifest.json: inputs with size and SHA-256, the config as used, the version, counts, timings.
        let manifest = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("manifest.json"))) as? [String: Any])
        XCTAssertEqual((manifest["tool"] as? [String: Any])?["version"] as? String, ToolVersion.current)
        let inputs = try XCTUnwrap(manifest["inputs"] as? [[String: Any]])
        XCTAssertEqual(inputs.map { $0["key"] as? String }, ["previous", "current", "townships", "permits", "ring_belt", "afforestation_tasks",
                                                            "fires", "pests", "forest_economy", "targets"])
        for input in inputs {
            let path = try XCTUnwrap(input["path"] as? String)
            XCTAssertEqual(input["sha256"] as? String, SHA256.file(path), path)
            XCTAssertEqual((input["size"] as? NSNumber)?.intValue, try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int, path)
        }
        let configEntry = try XCTUnwrap(manifest["config"] as? [String: Any])
        XCTAssertEqual(configEntry["text"] as? String, try read(folder.appendingPathComponent("forestmap.toml")))
        let counts = try XCTUnwrap(manifest["counts"] as? [String: Int])
        XCTAssertEqual(counts["previous_subcompartments"], 3_000)
        XCTAssertEqual(counts["current_subcompartments"], 3_005)
        XCTAssertEqual(counts["forest_economy_projects"], 18)
        let steps = try XCTUnwrap(manifest["steps"] as? [[String: Any]])
        XCTAssertEqual(steps.map { $0["step"] as? String }, ["check", "change", "stats", "landclass_area", "inputs", "assessment"])
        XCTAssertTrue(steps.allSatisfy { ($0["seconds"] as? Double ?? -1) >= 0 })
        XCTAssertEqual(Set(try XCTUnwrap(manifest["outputs"] as? [String])), Set(report.files))
    }

    /// One figure, one value: 附表1 shows each township's land, forest, forest land, coverage, volume, natural and
    /// public-welfare forest exactly as township_stats writes them (and the district row as its total row), and
    /// landclass_area's current areas of the classes township_stats also shows, and of all land, are its total row's.
    func testEveryTableShowsAFigureAsTownshipStatsWritesIt() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("annual")
        _ = try run(try config(in: folder), out: out)
        let stats = try ReportFixture.rows(out.appendingPathComponent("stats/township_stats.csv"))
        let appendix1 = Dictionary(uniqueKeysWithValues: try ReportFixture.rows(out.appendingPathComponent("appendix1_targets.csv")).map { ($0["township_code"]!, $0) })
        let pairs = [("land_ha", "land_area_ha"), ("forest_ha", "forest_ha"), ("forest_land_area", "forest_land_ha"), ("forest_coverage_rate", "coverage_pct"),
                     ("standing_volume", "stock_m3"), ("natural_forest_area", "natural_forest_ha"), ("public_welfare_area", "public_welfare_ha")]
        var compared = 0
        for row in stats where row["township_code"] != "outside" {
            let code = row["township_code"] == "total" ? "520111" : row["township_code"]!
            let filed = try XCTUnwrap(appendix1[code], "附表1 has no row \(code)")
            for (a, s) in pairs where !(filed[a] ?? "").isEmpty {   // empty: the indicator does not apply there
                XCTAssertEqual(filed[a], row[s], "\(code): 附表1 \(a) against township_stats \(s)")
                compared += 1
            }
        }
        XCTAssertGreaterThan(compared, 19 * 6, "every township's figures compared")
        let total = try XCTUnwrap(stats.first { $0["township_code"] == "total" })
        let classes = Dictionary(uniqueKeysWithValues: try ReportFixture.rows(out.appendingPathComponent("landclass_area.csv")).map { ($0["land_class"]!, $0) })
        for (landClass, column) in [("arbor", "arbor_ha"), ("bamboo", "bamboo_ha"), ("special_shrub", "special_shrub_ha"), ("total", "land_area_ha")] {
            XCTAssertEqual(classes[landClass]?["current_ha"], total[column], "landclass_area \(landClass) against township_stats' total \(column)")
        }
    }

    /// Changing one weight in the config changes 附表2 and leaves 附表1 alone; changing one township's target in
    /// the targets file changes that cell of 附表1, and the score.
    func testAWeightOrATargetChangesTheTables() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func tables(_ name: String, targets: String? = nil, edit: @escaping (String) -> String = { $0 }) throws -> (String, String) {
            let sub = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
            let out = sub.appendingPathComponent("out")
            _ = try run(try config(in: sub, targets: targets, edit: edit), out: out)
            return (try read(out.appendingPathComponent("appendix1_targets.csv")), try read(out.appendingPathComponent("appendix2_scores.csv")))
        }
        func row(_ csv: String, _ code: String) -> [String] {
            csv.split(separator: "\r\n").first { $0.hasPrefix(code + ",") }.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) } ?? []
        }
        let base = try tables("base")
        let weight = try tables("weight") { $0.replacingOccurrences(of: "forest_coverage_rate = { weight = 20, deduct_per_unit = 2 }",
                                                                      with: "forest_coverage_rate = { weight = 25, deduct_per_unit = 2 }") }
        XCTAssertEqual(weight.0, base.0, "附表1 does not depend on the scoring rules")
        // 马铃 misses its coverage target by 68.72 − 65.85 = 2.87 points: 5.74 off at 2 per point, of 20 or of 25.
        XCTAssertEqual(row(base.1, "520111209")[2], "14.26")
        XCTAssertEqual(row(weight.1, "520111209")[2], "19.26")
        XCTAssertEqual(Double(row(weight.1, "520111209")[16])! - Double(row(base.1, "520111209")[16])!, 5, accuracy: 1e-9)

        let targets = try String(contentsOf: sampleData.appendingPathComponent("targets.csv"), encoding: .utf8)
            .replacingOccurrences(of: "520111209,马铃布依族苗族乡,forest_coverage_rate,森林覆盖率,%,>=,68.72,yes",
                                  with: "520111209,马铃布依族苗族乡,forest_coverage_rate,森林覆盖率,%,>=,65.00,yes")
        let target = try tables("target", targets: targets)
        let header = base.0.split(separator: "\r\n")[0].split(separator: ",").map(String.init)
        let t = try XCTUnwrap(header.firstIndex(of: "forest_coverage_rate_target")), met = try XCTUnwrap(header.firstIndex(of: "forest_coverage_rate_met"))
        XCTAssertEqual([row(base.0, "520111209")[t], row(base.0, "520111209")[met]], ["68.72", "no"])
        XCTAssertEqual([row(target.0, "520111209")[t], row(target.0, "520111209")[met]], ["65.00", "yes"])
        XCTAssertEqual(row(target.1, "520111209")[2], "20.00")
        XCTAssertEqual(row(target.0, "520111208"), row(base.0, "520111208"), "other townships unchanged")
    }
}

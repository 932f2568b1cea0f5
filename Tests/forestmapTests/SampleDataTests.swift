import Foundation
import XCTest

/// SampleData is exactly what `forestmap synth` makes for its documented options, and the README's demo runs on it.
final class SampleDataTests: XCTestCase {
    private var repository: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent() }

    func testSampleDataIsReproducedBySynth() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("forestmap-sample-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let o = try forestmap("synth", "--subcompartments", "3000", "--seed", "2021", "--out", out.path)
        XCTAssertEqual(o.status, 0, o.stderr)
        for file in ["xiaoban_2020.gpkg", "xiaoban_2021.gpkg", "townships.gpkg", "townships_dissolved.gpkg", "permits.gpkg", "ring_belt.gpkg",
                     "afforestation_tasks.gpkg",
                     "fires.gpkg", "pests.gpkg", "forest_economy.gpkg", "targets.csv", "targets.xlsx", "truth.csv", "patches_2021.gpkg", "forestmap.toml",
                     "hitlist_核查表_filled.xlsx", "patrol_cases.csv"] {
            let made = try Data(contentsOf: out.appendingPathComponent(file))
            let shipped = try Data(contentsOf: repository.appendingPathComponent("SampleData/\(file)"))
            XCTAssertEqual(made, shipped, "\(file) differs: remake SampleData as its README says")
        }
    }

    /// SampleData/region: the small synthetic region (3 Guiyang counties) as its README says it was made.
    func testSampleRegionIsReproducedBySynth() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("forestmap-sample-region-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let o = try forestmap("synth", "--region", "guiyang", "--counties", "520111,520112,520113", "--subcompartments", "3000",
                              "--seed", "2021", "--out", out.path)
        XCTAssertEqual(o.status, 0, o.stderr)
        var files = ["region.toml", "region_targets.csv"]
        for county in ["520111", "520112", "520113"] {
            files += ["xiaoban_2020.gpkg", "xiaoban_2021.gpkg", "townships.gpkg", "permits.gpkg", "targets.csv", "truth.csv",
                      "forestmap.toml", "hitlist_核查表_filled.xlsx"].map { "\(county)/\($0)" }
        }
        for file in files {
            let made = try Data(contentsOf: out.appendingPathComponent(file))
            let shipped = try Data(contentsOf: repository.appendingPathComponent("SampleData/region/\(file)"))
            XCTAssertEqual(made, shipped, "region/\(file) differs: remake SampleData/region as SampleData/README.md says")
        }
        // Nothing more and nothing less than the shipped folder (but the output folder's marker, and the counties'
        // case registers in out/, which Scripts/demo writes there and git ignores: the README runs the demo first).
        let listing = { (root: URL) throws -> [String] in
            try FileManager.default.subpathsOfDirectory(atPath: root.path).filter { $0 != ".forestmap-output" }.sorted()
        }
        let shipped = try listing(repository.appendingPathComponent("SampleData/region")).filter { $0 != "out" && !$0.hasPrefix("out/") }
        XCTAssertEqual(try listing(out), shipped)
    }

    func testTheDemoRunsOnSampleData() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("forestmap-demo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let o = try forestmap("run", repository.appendingPathComponent("SampleData/forestmap.toml").path, "--out", out.path)
        XCTAssertEqual(o.status, 0, o.stderr)
        XCTAssertTrue(o.stdout.contains("arbor 乔木林地"), o.stdout)
        let data = try Data(contentsOf: out.appendingPathComponent("landclass_area.csv"))
        XCTAssertEqual(Array(data.prefix(3)), [0xEF, 0xBB, 0xBF], "UTF-8 with BOM")
        let csv = String(decoding: data.dropFirst(3), as: UTF8.self)
        let lines = csv.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        XCTAssertEqual(lines.first, ["land_class", "land_class_name", "forest_land", "previous_count", "previous_ha", "previous_mu",
                                     "current_count", "current_ha", "current_mu", "change_ha"])
        // The class rows add up, as written, to the total row: 3,000 sub-compartments in 2020 (3,005 in 2021, after
        // splits, merges and the road) and the same hectares.
        let rows = lines.dropFirst().filter { $0[0] != "total" }, total = try XCTUnwrap(lines.last)
        XCTAssertEqual(total[0], "total")
        for (column, count) in [(3, 3_000), (6, 3_005)] { XCTAssertEqual(rows.map { Int($0[column])! }.reduce(0, +), count) }
        for column in [4, 7] {
            let sum = rows.map { Int64(($0[column] as NSString).doubleValue * 10_000 + 0.5) }.reduce(0, +)
            XCTAssertEqual(sum, Int64((total[column] as NSString).doubleValue * 10_000 + 0.5), "column \(lines[0][column])")
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("landclass_area.xlsx").path))
        // The whole annual run: the assessment tables, findings, manifest and each step's folder.
        XCTAssertTrue(o.stdout.contains("附表2 scores"), o.stdout)
        for file in ["appendix1_targets.xlsx", "appendix2_scores.xlsx", "findings.txt", "manifest.json", "check/check.csv",
                     "change/transitions.csv", "stats/township_stats.csv"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path), file)
        }
    }
}

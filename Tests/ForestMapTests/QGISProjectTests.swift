import Foundation
import XCTest
import Geo
@testable import ForestMap
@testable import ForestMapCore
@testable import ForestTestSupport

/// The annual run's folder opened in real QGIS (Debian's python3-qgis, headless, through `Scripts/qgis-check.py`):
/// the project `forestmap.qgs` reads, every layer is valid and styled, each GeoPackage table's default style comes
/// from its `layer_styles` (its SLD there loads too), and every layer with features draws something. The rendered images are kept in
/// `TestArtifacts/qgis/` (git-ignored) to look at.
final class QGISProjectTests: XCTestCase {
    static let artifacts = Repository.root.appendingPathComponent("TestArtifacts/qgis")

    /// Skips without QGIS's Python bindings, except on CI (CI=true), where that is a failure: `Scripts/test`
    /// installs them.
    private func requireQGIS() throws -> Bool {
        if (try? Self.run("/usr/bin/python3", ["-c", "import qgis.core"]))?.status == 0 { return true }
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            XCTFail("python3-qgis not installed: CI must run the tests through Scripts/test")
            return false
        }
        throw XCTSkip("python3-qgis not installed: run Scripts/test (or Scripts/bootstrap --test)")
    }

    func testTheRunsProjectOpensInQGISWithEveryLayerStyledAndDrawn() throws {
        guard try requireQGIS() else { return }
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("annual")
        let report = try runSample(in: folder, out: out)
        XCTAssertTrue(report.files.contains("forestmap.qgs"), "the manifest lists the project")

        // Relative sources only: the folder can be moved whole.
        let qgs = try String(contentsOf: out.appendingPathComponent("forestmap.qgs"), encoding: .utf8)
        XCTAssertTrue(qgs.contains("<datasource>./change/changes.gpkg|layername=changes</datasource>"))
        XCTAssertFalse(qgs.contains(out.path), "no absolute path in the project")

        try? FileManager.default.removeItem(at: Self.artifacts)
        let script = Repository.root.appendingPathComponent("Scripts/qgis-check.py").path
        let result = try Self.run("/usr/bin/python3", [script, out.appendingPathComponent("forestmap.qgs").path, Self.artifacts.path,
                                                       "--overview", Self.artifacts.appendingPathComponent("overview.png").path])
        // The JSON object, among whatever Qt says on stderr.
        let start = try XCTUnwrap(result.output.firstIndex(of: "{"), result.output)
        let end = try XCTUnwrap(result.output.lastIndex(of: "}"), result.output)
        let json = String(result.output[start...end])
        let check = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any], result.output)
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertEqual(check["problems"] as? [String], [])
        XCTAssertEqual(check["title"] as? String, "花溪区2021年度森林资源一张图")
        XCTAssertEqual(check["crs"] as? String, "EPSG:4545")
        XCTAssertEqual(check["groups"] as? [String], ["核查", "变化", "质检", "统计"])
        XCTAssertGreaterThan(check["overview_pixels"] as? Int ?? 0, 100_000, "the whole project draws the district")

        let layers = try XCTUnwrap(check["layers"] as? [[String: Any]])
        XCTAssertEqual(layers.first?["id"] as? String, "township_boundaries", "the township boundaries on top")
        XCTAssertEqual(layers.first?["group"] as? String, "")
        var drawn: [String: Int] = [:]
        for layer in layers {
            let name = layer["name"] as? String ?? "?"
            XCTAssertEqual(layer["valid"] as? Bool, true, name)
            XCTAssertEqual(layer["crs"] as? String, "EPSG:4545", name)
            guard layer["spatial"] as? Bool == true else { continue }
            XCTAssertEqual(layer["styled"] as? Bool, true, name)
            let stored = try XCTUnwrap(layer["default_style"] as? [String: Any], name)
            XCTAssertEqual(stored["styles_in_database"] as? Int, 1, name)
            XCTAssertEqual(stored["styled"] as? Bool, true, name)
            XCTAssertGreaterThanOrEqual(stored["sld_rules"] as? Int ?? 0, 2, "\(name): the SLD loads as a rule per class")
            if let pixels = layer["pixels"] as? Int { drawn[layer["id"] as! String] = pixels }
        }
        // Every layer SampleData fills, drawn; each renderer as designed.
        for id in ["township_boundaries", "change_hitlist_hitlist", "change_hitlist_hitlist_points", "change_changes_changes",
                   "check_check_boundary_mismatch", "stats_townships_townships"] {
            XCTAssertGreaterThan(drawn[id] ?? 0, 1_000, id)
        }
        func renderer(_ id: String) -> String? { layers.first { $0["id"] as? String == id }?["renderer"] as? String }
        XCTAssertEqual(renderer("change_changes_changes"), "categorizedSymbol")
        XCTAssertEqual(renderer("change_hitlist_hitlist"), "categorizedSymbol")
        XCTAssertEqual(renderer("check_check_gap"), "categorizedSymbol")
        XCTAssertEqual(renderer("stats_townships_townships"), "graduatedSymbol")
        XCTAssertEqual(renderer("township_boundaries"), "singleSymbol")
    }

    /// SampleData's annual run into `out`, with absolute input paths and a case register of the test's own.
    private func runSample(in folder: URL, out: URL) throws -> AnnualRun.Report {
        let sampleData = Repository.sampleData
        var text = try String(contentsOf: sampleData.appendingPathComponent("forestmap.toml"), encoding: .utf8)
        for name in ["xiaoban_2020", "xiaoban_2021", "townships", "permits", "ring_belt", "afforestation_tasks", "fires", "pests", "forest_economy"] {
            text = text.replacingOccurrences(of: "\"\(name).gpkg", with: "\"\(sampleData.path)/\(name).gpkg")
        }
        try FileManager.default.copyItem(at: sampleData.appendingPathComponent("targets.csv"), to: folder.appendingPathComponent("targets.csv"))
        let config = folder.appendingPathComponent("forestmap.toml")
        try text.write(to: config, atomically: true, encoding: .utf8)
        var request = AnnualRun.Request(configPath: config.path)
        request.outputFolder = out.path
        request.progress = false
        request.register = SourceReference(path: folder.appendingPathComponent("cases.gpkg").path)
        return try AnnualRun.perform(request, print: false)
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        // Qt leaves empty qt_temp.* files in its temporary folder: one of the test's own, removed after.
        let temporary = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: temporary) }
        var environment = ProcessInfo.processInfo.environment
        environment["QT_QPA_PLATFORM"] = "offscreen"
        environment["TMPDIR"] = temporary.path
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

import Foundation
import Geo
import XCTest

/// The command-line tool as a user runs it: exit codes (README "Exit codes") and one-line errors on stderr.
final class CommandLineTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("forestmap-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    func testHelpExitsZero() throws {
        let o = try forestmap("--help")
        XCTAssertEqual(o.status, 0)
        XCTAssertTrue(o.stdout.contains("run"))
        XCTAssertTrue(o.stdout.contains("synth"))
    }

    /// Bad usage is 64 (EX_USAGE, ArgumentParser's own code), apart from unusable input (2), and nothing is written.
    func testBadUsageIsExit64() throws {
        let out = folder.path + "/out"
        assertOneLineError(try forestmap("run"), status: 64, contains: ["Missing expected argument"])
        assertOneLineError(try forestmap("frobnicate"), status: 64, contains: [])
        assertOneLineError(try forestmap("synth", "--subcompartments", "10", "--out", folder.path + "/s"), status: 64, contains: ["--subcompartments must be between"])
        assertOneLineError(try forestmap("check", "--threads", "0", "--out", out), status: 64, contains: ["--threads must be 1 or more"])
        assertOneLineError(try forestmap("update", "--patches", "p.gpkg", "--year", "99", "--out", out), status: 64, contains: ["--year 99"])
        assertOneLineError(try forestmap("change", "--year", "2021", "--period", "2021-01-01/2021-12-31", "--out", out), status: 64, contains: ["not both"])
        assertOneLineError(try forestmap("stats", "--area", "flat", "--out", out), status: 64, contains: ["--area must be one of"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [])
    }

    /// `--threads` is on every command that computes, and the outputs do not depend on it.
    func testThreadsGiveTheSameOutputs() throws {
        let config = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("SampleData/forestmap.toml").path
        var outputs: [Data] = []
        for threads in ["1", "2"] {
            let out = folder.appendingPathComponent("stats-\(threads)")
            let o = try forestmap("stats", "--config", config, "--threads", threads, "--out", out.path)
            XCTAssertEqual(o.status, 0, o.stderr)
            outputs.append(try Data(contentsOf: out.appendingPathComponent("township_stats.csv")))
        }
        XCTAssertEqual(outputs[0], outputs[1])
        for command in ["run", "check", "stats", "change", "update"] {
            XCTAssertTrue(try forestmap(command, "--help").stdout.contains("--threads"), command)
        }
    }

    /// Help is the README in short: every command's help gives its exit codes, and `run`'s, `check`'s, `change`'s
    /// and `stats`' name every output file the README's `run` folder tree lists for them.
    func testHelpNamesTheOutputsAndExitCodesTheReadmeLists() throws {
        for command in ["run", "check", "stats", "change", "update", "cases", "region", "layers"] {
            XCTAssertTrue(try forestmap(command, "--help").stdout.contains("Exit codes"), command)
        }
        let readme = try String(contentsOf: SampleLayerCopy.sampleData.deletingLastPathComponent().appendingPathComponent("README.md"), encoding: .utf8)
        let tree = try XCTUnwrap(readme.components(separatedBy: "\nDIR/\n").dropFirst().first?.components(separatedBy: "```").first)
        func names(_ text: Substring) -> [String] {
            text.split(whereSeparator: { " ,()/".contains($0) }).map(String.init).filter { $0.contains(".") && !$0.hasPrefix(".") }
        }
        var expected: [String: [String]] = ["run": []]
        for line in tree.split(separator: "\n") {
            let trimmed = line.drop { $0 == " " }
            if let sub = ["check", "change", "stats"].first(where: { trimmed.hasPrefix("\($0)/") }), let open = trimmed.firstIndex(of: "(") {
                expected[sub] = names(trimmed[open...])
            } else if let first = trimmed.split(separator: " ").first {
                expected["run"]!.append(String(first))
            }
        }
        XCTAssertGreaterThanOrEqual(expected["run"]!.count, 8)
        for (command, files) in expected {
            let help = try forestmap(command, "--help").stdout.replacingOccurrences(of: "\n", with: " ")
            for file in files {
                // "hitlist.csv/.gpkg/.kml" in the README, "hitlist.csv, .gpkg, .kml" in help: the stem and each extension.
                let stem = file.split(separator: ".").first.map(String.init) ?? file
                XCTAssertTrue(help.contains(stem), "\(command) --help does not name \(file), which the README lists")
            }
        }
    }

    func testMissingConfigIsExitTwo() throws {
        assertOneLineError(try forestmap("run", folder.path + "/nope.toml", "--out", folder.path + "/out"), status: 2, contains: ["nope.toml", "config file not found"])
    }

    func testMissingInputLeavesNoOutputBehind() throws {
        let config = folder.appendingPathComponent("c.toml")
        try Data("[inputs]\nprevious = \"missing.gpkg\"\ncurrent = \"missing.gpkg\"\n".utf8).write(to: config)
        let o = try forestmap("run", config.path, "--out", folder.path + "/out")
        assertOneLineError(o, status: 2, contains: ["missing.gpkg", "no such file"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["c.toml"])
    }

    func testLayersListsASource() throws {
        let path = folder.appendingPathComponent("t.gpkg").path
        let writer = try VectorWriter(creating: path, format: .geoPackage)
        _ = try writer.createLayer(named: "xiaoban", geometry: .polygon, spatialReference: SpatialReference(epsg: 4545), fields: [FieldDefinition("DI_LEI", .string)])
        try writer.close()
        let o = try forestmap("layers", path)
        XCTAssertEqual(o.status, 0, o.stderr)
        XCTAssertTrue(o.stdout.contains("- xiaoban: 0 features, polygon, EPSG:4545"), o.stdout)
        XCTAssertTrue(o.stdout.contains("DI_LEI (string)"), o.stdout)
    }
}

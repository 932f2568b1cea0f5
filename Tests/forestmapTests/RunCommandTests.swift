import Foundation
import XCTest

/// `forestmap run` as a user runs it: exit codes and one-line errors, and what is left on disk.
final class RunCommandTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("forestmap-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let o = try forestmap("synth", "--subcompartments", "1000", "--seed", "1", "--defects", "--out", folder.appendingPathComponent("d").path)
        XCTAssertEqual(o.status, 0, o.stderr)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func config(_ edit: (String) -> String) throws -> String {
        let url = folder.appendingPathComponent("d/forestmap.toml")
        try edit(try String(contentsOf: url, encoding: .utf8)).write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// A year with invalid polygons: the check's outputs and the manifest are written, the run stops there, exit 3.
    func testCheckErrorsThatBlockTheRunExitThreeWithTheCheckWritten() throws {
        let path = try config { $0.replacingOccurrences(of: "current = \"xiaoban_2021.gpkg|layername=xiaoban_2021\"",
                                                        with: "current = \"xiaoban_2020_defects.gpkg|layername=xiaoban_2020_defects\"") }
        let out = folder.appendingPathComponent("out")
        assertOneLineError(try forestmap("run", path, "--out", out.path), status: 3,
                           contains: ["invalid_geometry 1", "check/check.csv", "the run stopped after the check"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path).filter { !$0.hasPrefix(".") }.sorted(), ["check", "forestmap.qgs", "manifest.json"])
    }

    /// A targets file without its target column: exit 2 naming the file and the column, nothing written.
    func testATargetsFileWithoutItsColumnsIsExitTwo() throws {
        let bad = folder.appendingPathComponent("bad_targets.csv")
        try "township_code,township_name,indicator,value\n520111101,青岩镇,forest_coverage_rate,40\n".write(to: bad, atomically: true, encoding: .utf8)
        let path = try config { $0.replacingOccurrences(of: "targets = \"targets.csv\"", with: "targets = \"\(bad.path)\"") }
        let out = folder.appendingPathComponent("out")
        assertOneLineError(try forestmap("run", path, "--out", out.path), status: 2, contains: ["bad_targets.csv", "no column target"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(), ["bad_targets.csv", "d"], "no staging folder left")
    }

    /// Without --out, a dated folder inside [output] folder.
    func testWithoutOutADatedFolderInTheConfiguredOne() throws {
        let path = try config { $0 + "\n[output]\nfolder = \"results\"\n" }
        let o = try forestmap("run", path)
        XCTAssertEqual(o.status, 0, o.stderr)
        let made = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("d/results").path)
        XCTAssertEqual(made.count, 1)
        XCTAssertTrue(made[0].hasPrefix("annual-2021-") && made[0].count == "annual-2021-20211231".count, "\(made)")
    }
}

import Foundation
import XCTest
@testable import ForestMapCore
@testable import ForestTestSupport

/// `region.toml`: read strictly, paths resolved against its folder, patterns expanded, mistakes named.
final class RegionConfigTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("forestmap-regionconfig-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func write(_ text: String) throws -> String {
        let path = folder.appendingPathComponent("region.toml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func testTheSampleRegion() throws {
        let sample = Repository.sampleData.appendingPathComponent("region")
        let region = try RegionConfig.load(path: sample.appendingPathComponent("region.toml").path)
        XCTAssertEqual(region.name, "贵阳市")
        XCTAssertEqual(region.code, "520100")
        XCTAssertEqual(region.configs, ["520111", "520112", "520113"].map { sample.appendingPathComponent("\($0)/forestmap.toml").standardizedFileURL.path })
        XCTAssertEqual(region.targets, sample.appendingPathComponent("region_targets.csv").standardizedFileURL.path)
        XCTAssertEqual(region.executor.kind, .local)
        XCTAssertEqual(region.executor.jobs, 2)
        XCTAssertFalse(region.scoring.items.isEmpty)
        XCTAssertEqual(region.assessmentConfig.districtCode, "520100")
    }

    func testPatternsAndFolders() throws {
        for code in ["520102", "520103"] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(code), withIntermediateDirectories: true)
            try "".write(to: folder.appendingPathComponent("\(code)/forestmap.toml"), atomically: true, encoding: .utf8)
        }
        let region = try RegionConfig.load(path: try write("""
            [region]
            name = "贵阳市"
            code = "520100"
            [units]
            pattern = "5201*/forestmap.toml"
            folders = ["submitted/520111"]
            [executor]
            kind = "slurm"
            partition = "forest"
            """))
        XCTAssertEqual(region.configs.map { URL(fileURLWithPath: $0).deletingLastPathComponent().lastPathComponent }, ["520102", "520103"])
        XCTAssertEqual(region.folders, [folder.appendingPathComponent("submitted/520111").path])
        XCTAssertEqual(region.executor.kind, .slurm)
        XCTAssertEqual(region.executor.partition, "forest")
        XCTAssertEqual(region.reportingUnit, "贵阳市", "the region's name when no reporting unit is given")
    }

    func testMistakesAreNamed() throws {
        let cases: [(String, String)] = [
            ("[units]\nconfigs = [\"a.toml\"]\n", "needs name and code"),
            ("[region]\nname = \"贵阳市\"\ncode = \"520100\"\n", "names no county"),
            ("[region]\nname = \"贵阳市\"\ncode = \"520100\"\n[units]\npattern = \"nothing/*.toml\"\n", "matches no file"),
            ("[region]\nname = \"贵阳市\"\ncode = \"520100\"\n[units]\nconfigs = [\"a.toml\"]\n[executor]\nkind = \"pbs\"\n", "executor.kind"),
            ("[region]\nname = \"贵阳市\"\ncode = \"520100\"\n[units]\nconfigs = [\"a.toml\"]\n[executor]\njobs = 0\n", "executor.jobs"),
            ("[region]\nname = \"贵阳市\"\ncode = \"520100\"\ncounty = 1\n[units]\nconfigs = [\"a.toml\"]\n", "region.county"),
        ]
        for (text, expected) in cases {
            XCTAssertThrowsError(try RegionConfig.load(path: try write(text)), expected) { e in
                XCTAssertTrue("\(e)".contains(expected), "\(e) should name \(expected)")
                XCTAssertTrue("\(e)".contains("region.toml"), "\(e) should name the file")
            }
        }
    }
}

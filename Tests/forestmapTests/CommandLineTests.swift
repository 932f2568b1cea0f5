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

    func testBadUsageIsExitTwo() throws {
        assertOneLineError(try forestmap("run"), status: 2, contains: ["Missing expected argument"])
        assertOneLineError(try forestmap("frobnicate"), status: 2, contains: [])
        assertOneLineError(try forestmap("synth", "--subcompartments", "10", "--out", folder.path + "/s"), status: 2, contains: ["--subcompartments must be between"])
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

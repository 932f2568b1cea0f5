import Foundation
import Geo
import XCTest

/// A password in a PostgreSQL source is never printed or written, and PostgreSQL's errors are one line.
final class SecretTests: XCTestCase {
    func testAWrongPasswordIsOneLineWithoutThePassword() throws {
        var sources = ["PG:dbname=forest host=127.0.0.1 port=1 user=gis password=s3cr3t-word|layername=xiaoban_2021"]
        // The tests' own PostGIS server (Scripts/test starts it): a real authentication failure.
        if let url = ProcessInfo.processInfo.environment["FORESTMAP_TEST_PG"], url.contains("user=postgres") {
            sources.append(url.replacingOccurrences(of: "user=postgres", with: "user=nobody_here password=s3cr3t-word") + "|layername=xiaoban_2021")
        }
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("forestmap-secret-\(UUID().uuidString)")
        for source in sources {
            let o = try forestmap("stats", "--layer", source, "--out", out.path)
            assertOneLineError(o, contains: ["password=***"])
            XCTAssertEqual(o.stderr.split(whereSeparator: \.isNewline).count, 1, o.stderr)
            XCTAssertFalse(o.stderr.contains("s3cr3t"), o.stderr)
            XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
        }
    }

    /// A run whose permits come from PostgreSQL with a password in the config: no output file holds the password
    /// (manifest.json's `config.text` and `inputs` mask it), nor does anything printed.
    func testNoOutputOfARunFromPostgreSQLHoldsThePassword() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let url = environment["FORESTMAP_TEST_PG"], !url.isEmpty else {
            if environment["CI"] == "true" { XCTFail("FORESTMAP_TEST_PG not set: CI must run the tests through Scripts/test") }
            throw XCTSkip("FORESTMAP_TEST_PG not set: run Scripts/test")
        }
        let sample = SampleLayerCopy.sampleData
        let permits = try VectorDataset(reading: SourceReference(path: sample.appendingPathComponent("permits.gpkg").path)).layer(named: "permits")
        let writer = try VectorWriter(appendingTo: SourceReference(path: url))
        try writer.createLayer(named: "secret_permits", geometry: .polygon, spatialReference: permits.spatialReference,
                               fields: permits.fields, options: ["OVERWRITE": "YES"]).write(permits.readAll())
        try writer.close()

        // The server trusts local connections, so the password is accepted and unused: the run completes.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("forestmap-secret-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var config = try String(contentsOf: sample.appendingPathComponent("forestmap.toml"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.contains(".gpkg|") || $0.contains(".csv\"") ? $0.replacingOccurrences(of: "= \"", with: "= \"\(sample.path)/") : String($0) }
            .joined(separator: "\n")
        config = config.replacingOccurrences(of: "\(sample.path)/permits.gpkg|layername=permits",
                                             with: "\(url) password=s3cr3t-word|layername=secret_permits")
        for part in ["password=s3cr3t-word", "\(sample.path)/townships.gpkg"] { XCTAssertTrue(config.contains(part), config) }
        let configFile = folder.appendingPathComponent("forestmap.toml")
        try Data(config.utf8).write(to: configFile)

        let out = folder.appendingPathComponent("out")
        let o = try forestmap("run", configFile.path, "--out", out.path)
        XCTAssertEqual(o.status, 0, o.stderr)
        XCTAssertFalse((o.stdout + o.stderr).contains("s3cr3t"))
        let manifest = try String(contentsOf: out.appendingPathComponent("manifest.json"), encoding: .utf8)
        XCTAssertTrue(manifest.contains("password=***"), manifest)
        var files = 0
        let walk = try XCTUnwrap(FileManager.default.enumerator(at: out, includingPropertiesForKeys: nil))
        for case let file as URL in walk where !file.hasDirectoryPath {
            files += 1
            let bytes = try Data(contentsOf: file)
            XCTAssertNil(bytes.range(of: Data("s3cr3t".utf8)), file.lastPathComponent)
        }
        XCTAssertGreaterThan(files, 10)
    }
}

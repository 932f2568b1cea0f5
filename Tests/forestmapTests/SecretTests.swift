import Foundation
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
}

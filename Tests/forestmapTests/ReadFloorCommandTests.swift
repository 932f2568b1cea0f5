import Foundation
import XCTest

/// `forestmap-bench read-floor` (for Scripts/bench): through GDAL's feature API, or `--direct` as forestmap reads
/// its layers; both read every feature of SampleData's two years.
final class ReadFloorCommandTests: XCTestCase {
    private let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../SampleData").standardized.path

    private func bench(_ arguments: String...) throws -> Outcome { try forestmap(arguments, executable: "forestmap-bench") }

    func testBothWaysReadEveryFeature() throws {
        let a = "\(sample)/xiaoban_2020.gpkg|layername=xiaoban_2020", b = "\(sample)/xiaoban_2021.gpkg|layername=xiaoban_2021"
        var counts: [String] = []
        for o in [try bench("read-floor", a, b), try bench("read-floor", "--direct", a, b)] {
            XCTAssertEqual(o.status, 0, o.stderr)
            counts.append(String(o.stdout.split(separator: " ")[1]))
        }
        XCTAssertEqual(counts[0], counts[1])
        XCTAssertGreaterThan(Int(counts[0]) ?? 0, 4_000)
    }

    func testMissingFileIsOneLineError() throws {
        let o = try bench("read-floor", "--direct", "/nonexistent/a.gpkg")
        XCTAssertEqual(o.status, 2, o.stderr)
        XCTAssertEqual(o.stderr.split(separator: "\n").count, 1, o.stderr)
        XCTAssertTrue(o.stderr.hasPrefix("forestmap-bench: /nonexistent/a.gpkg"), o.stderr)
    }
}

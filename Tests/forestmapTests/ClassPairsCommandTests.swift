import Foundation
import XCTest

/// `forestmap class-pairs` (hidden, for Scripts/bench) on SampleData's two years: old4 → new6.
final class ClassPairsCommandTests: XCTestCase {
    private let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../SampleData").standardized.path

    func testPrintsEveryCodePairWithWhatChangeMakesOfIt() throws {
        let o = try forestmap("class-pairs", "--from", "\(sample)/xiaoban_2020.gpkg|layername=xiaoban_2020",
                              "--to", "\(sample)/xiaoban_2021.gpkg|layername=xiaoban_2021")
        XCTAssertEqual(o.status, 0, o.stderr)
        let lines = o.stdout.split(whereSeparator: \.isNewline).map(String.init)
        XCTAssertEqual(lines.first, "from_code,to_code,from_class,to_class,kind")
        XCTAssertTrue(lines.contains("0111,030100,030100,030100,same"))
        XCTAssertTrue(lines.contains("0171,0401,0171,0401,reclassification"))
        XCTAssertTrue(lines.contains("0111,0601,030100,0601,change"))
    }

    func testMissingLayerIsOneLineError() throws {
        let o = try forestmap("class-pairs", "--from", "/nonexistent/a.gpkg", "--to", "\(sample)/xiaoban_2021.gpkg|layername=xiaoban_2021")
        assertOneLineError(o, contains: ["/nonexistent/a.gpkg"])
    }
}

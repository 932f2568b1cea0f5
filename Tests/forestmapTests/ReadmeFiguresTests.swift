import Foundation
import XCTest

/// The sample figures the README quotes are the tool's: this fails when they drift.
final class ReadmeFiguresTests: XCTestCase {
    func testChangeFiguresOfTheSampleDistrict() throws {
        let root = SampleLayerCopy.sampleData.deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8).replacingOccurrences(of: "\n", with: " ")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("forestmap-readme-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let o = try forestmap("change", "--config", SampleLayerCopy.sampleData.appendingPathComponent("forestmap.toml").path, "--out", out.path)
        XCTAssertEqual(o.status, 0, o.stderr)
        func number(_ pattern: String, in text: String) throws -> String {
            let r = try NSRegularExpression(pattern: pattern)
            let m = try XCTUnwrap(r.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)), pattern)
            return String(text[Range(m.range(at: 1), in: text)!])
        }
        let printed = (patches: try number(#"change patches 变化图斑: (\d+)"#, in: o.stdout),
                       reclassified: try number(#"reclassification (\d+)\)"#, in: o.stdout),
                       below: try number(#"dropped: (\d+) below"#, in: o.stdout),
                       slivers: try number(#"(\d+) boundary slivers"#, in: o.stdout),
                       hits: try number(#"核查清单: (\d+) patches"#, in: o.stdout),
                       priorities: try number(#"priority 1/2/3: ([\d/]+)"#, in: o.stdout))
        let quoted = try number(#"--out out/change`\): (\d+ patches \(\d+ of them reclassifications by the switch of code system\), \d+ candidates below the inspection unit and \d+ boundary slivers dropped, \d+ hits \([\d/]+ by priority\))"#, in: readme)
        XCTAssertEqual(quoted, "\(printed.patches) patches (\(printed.reclassified) of them reclassifications by the switch of code system), \(printed.below) candidates below the inspection unit and \(printed.slivers) boundary slivers dropped, \(printed.hits) hits (\(printed.priorities) by priority)")
    }
}

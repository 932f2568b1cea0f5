import Foundation
import Geo
import XCTest
@testable import ForestAssessment
@testable import ForestChange
@testable import ForestMap
@testable import ForestMapCore
@testable import ForestReport
@testable import PlanarKernel
@testable import ForestTestSupport

/// The sample district's report opened in a real browser (Debian's headless chromium, through
/// `Scripts/report-screenshot`): the maps are drawn, not empty. The page and its screenshot are kept in
/// `TestArtifacts/` (git-ignored) to look at.
final class ReportBrowserTests: XCTestCase {
    static let artifacts = ReportFixture.repositoryRoot.appendingPathComponent("TestArtifacts")

    /// Skips without chromium or a Chinese font, except on CI (CI=true), where that is a failure: `Scripts/test`
    /// installs both.
    private func requireBrowser() throws -> Bool {
        let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].contains { FileManager.default.isExecutableFile(atPath: $0) }
        let cjk = (try? Self.run("/usr/bin/fc-list", [":lang=zh", "family"]))?.output.contains("CJK") ?? false
        if chromium && cjk { return true }
        let missing = chromium ? "fonts-noto-cjk" : "chromium"
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            XCTFail("\(missing) not installed: CI must run the tests through Scripts/test")
            return false
        }
        throw XCTSkip("\(missing) not installed: run Scripts/test (or Scripts/bootstrap --test)")
    }

    func testSampleReportDrawsEveryMapInChromium() throws {
        guard try requireBrowser() else { return }
        let fixture = try ReportFixture.get()
        try FileManager.default.createDirectory(at: Self.artifacts, withIntermediateDirectories: true)
        let html = Self.artifacts.appendingPathComponent("report.html")
        let png = Self.artifacts.appendingPathComponent("report.png")
        try HTMLReport.write(fixture.input, to: html)
        XCTAssertEqual(HTMLReportTests.externalReferences(try String(contentsOf: html, encoding: .utf8)), [], "the page is self-contained")

        // Tall enough for the whole page at 1280 pixels wide.
        let script = ReportFixture.repositoryRoot.appendingPathComponent("Scripts/report-screenshot").path
        let result = try Self.run(script, [html.path, png.path, "1280", "9000"])
        XCTAssertEqual(result.status, 0, result.output)
        let image = try RasterImage.read(path: png.path)
        XCTAssertEqual(image.width, 1280)

        var counts: [String: Int] = [:]
        let named = Dictionary(uniqueKeysWithValues: Self.colourNames(fixture.input).map { (Self.rgbKey($0.key), $0.value) })
        var byColour: [UInt32: Int] = [:]
        image.samples.withUnsafeBufferPointer { s in
            for i in stride(from: 0, to: s.count, by: image.bands) {
                byColour[UInt32(s[i]) << 16 | UInt32(s[i + 1]) << 8 | UInt32(s[i + 2]), default: 0] += 1
            }
        }
        for (key, n) in byColour { if let name = named[key] { counts[name] = n } }
        // The legend swatches hold a few hundred pixels of each colour; the maps hold far more.
        let coverage = (0..<ReportStyle.coverageColours.count).map { counts["c\($0)", default: 0] }.reduce(0, +)
        XCTAssertGreaterThan(coverage, 100_000, "the coverage map's townships are filled: \(counts)")
        XCTAssertGreaterThanOrEqual((0..<ReportStyle.coverageColours.count).filter { counts["c\($0)", default: 0] > 2_000 }.count, 2,
                                    "more than one coverage class is on the map: \(counts)")
        XCTAssertGreaterThan(counts["base", default: 0], 200_000, "the change and hit maps draw the townships: \(counts)")
        let patchPixels = ChangePatch.ChangeType.allCases.map { counts[$0.rawValue, default: 0] }.reduce(0, +)
        let legendPixels = fixture.patchCounts.count * 300
        XCTAssertGreaterThan(patchPixels, legendPixels + 3_000, "the change map draws the patches: \(counts)")
        XCTAssertGreaterThan(counts["hit1", default: 0] + counts["hit2", default: 0] + counts["hit3", default: 0], 19 * 150,
                             "the hit map draws the numbered cases: \(counts)")
    }

    /// At 1280 and at 800 pixels wide the coverage map is the same shape, only smaller: the box around its
    /// colours (townships and legend swatches) keeps its proportions.
    func testMapsKeepTheirShapeAtAnyWidth() throws {
        guard try requireBrowser() else { return }
        let fixture = try ReportFixture.get()
        try FileManager.default.createDirectory(at: Self.artifacts, withIntermediateDirectories: true)
        let html = Self.artifacts.appendingPathComponent("report.html")
        try HTMLReport.write(fixture.input, to: html)
        let greens = Set(ReportStyle.coverageColours.map(Self.rgbKey))
        var boxes: [(width: Int, height: Int)] = []
        for width in [1280, 800] {
            let png = Self.artifacts.appendingPathComponent("report-\(width).png")
            let result = try Self.run(ReportFixture.repositoryRoot.appendingPathComponent("Scripts/report-screenshot").path,
                                      [html.path, png.path, String(width), "2400"])
            XCTAssertEqual(result.status, 0, result.output)
            let image = try RasterImage.read(path: png.path)
            var minX = Int.max, minY = Int.max, maxX = -1, maxY = -1
            for y in 0..<image.height {
                for x in 0..<image.width {
                    let p = image.rgb(x: x, y: y)
                    guard greens.contains(UInt32(p.r) << 16 | UInt32(p.g) << 8 | UInt32(p.b)) else { continue }
                    minX = min(minX, x); maxX = max(maxX, x); minY = min(minY, y); maxY = max(maxY, y)
                }
            }
            XCTAssertGreaterThan(maxX, minX, "the coverage map is drawn at \(width) pixels")
            boxes.append((maxX - minX + 1, maxY - minY + 1))
        }
        XCTAssertLessThan(boxes[1].width, boxes[0].width, "the map shrinks with the window: \(boxes)")
        let ratios = boxes.map { Double($0.width) / Double($0.height) }
        XCTAssertEqual(ratios[0], ratios[1], accuracy: 0.02 * ratios[0], "the same proportions: \(boxes)")
    }

    /// The exact colours the maps fill with, by a short name.
    static func colourNames(_ input: ReportInput) -> [String: String] {
        var names: [String: String] = ["#f3f1ea": "base"]
        for (i, c) in ReportStyle.coverageColours.enumerated() { names[c] = "c\(i)" }
        for t in ChangePatch.ChangeType.allCases { names[ReportStyle.colour(t)] = t.rawValue }
        for p in 1...3 { names[ReportStyle.priorityColour(p)] = "hit\(p)" }
        return names
    }

    /// "#1a9641" as 0x1a9641.
    static func rgbKey(_ hex: String) -> UInt32 { UInt32(hex.dropFirst(), radix: 16)! }

    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

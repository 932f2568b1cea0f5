import Foundation
import Geo
import XCTest
@testable import ForestAssessment
@testable import ForestChange
@testable import ForestCheck
@testable import ForestMap
@testable import ForestMapCore
@testable import ForestReport
@testable import ForestStats
@testable import ForestSynth
@testable import ForestUpdate
@testable import ForestTestSupport

/// `HTMLReport`: what the maps draw and where, the figures they show, and a page that needs nothing from outside.
final class HTMLReportTests: XCTestCase {
    // MARK: The sample district

    func testSamplePageIsSelfContained() throws {
        let html = try HTMLReport.render(try ReportFixture.get().input)
        XCTAssertEqual(Self.externalReferences(html), [])
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        XCTAssertEqual(html.components(separatedBy: "<svg ").count - 1, 3, "three maps")
        XCTAssertEqual(html.components(separatedBy: "preserveAspectRatio=\"xMidYMid meet\"").count - 1, 3)
    }

    /// Every township's rate on the map is the one `township_stats.csv` has, and its colour is the class of that rate.
    func testCoverageMapShowsTheWrittenRates() throws {
        let fixture = try ReportFixture.get()
        let html = try HTMLReport.render(fixture.input)
        let classes = CoverageClasses(fixture.writtenCoverage.filter { $0.key.count == 9 }.compactMap { Double($0.value) })
        for t in fixture.input.townships {
            let written = try XCTUnwrap(fixture.writtenCoverage[t.code], t.code)
            XCTAssertTrue(html.contains("\(t.name) \(t.code) 森林覆盖率 \(written)%"), "\(t.code) \(written)")
            let colour = "c\(classes.colourIndex(classes.index(Double(written)!)))"
            let path = try XCTUnwrap(html.range(of: "森林覆盖率 \(written)%"), t.code)
            let before = html[..<path.lowerBound].suffix(2_000)
            let tag = try XCTUnwrap(before.range(of: "<path class=\"tw ", options: .backwards), t.code)
            XCTAssertTrue(before[tag.upperBound...].hasPrefix(colour), "\(t.code) \(written)% is drawn in class \(colour)")
        }
    }

    func testChangeLegendCountsEveryPatch() throws {
        let fixture = try ReportFixture.get()
        let html = try HTMLReport.render(fixture.input)
        for (type, count) in fixture.patchCounts {
            let area = fixture.input.patches.filter { $0.changeType == type }.map(\.squareMetres).reduce(0, +) / 10_000
            XCTAssertTrue(html.contains("\(ReportStyle.chineseName(type))  \(count)处  \(String(format: "%.2f", area))公顷"), "\(type)")
        }
        XCTAssertEqual(html.components(separatedBy: "<circle class=\"hit\" cx=").count - 1, fixture.input.hits.count + Set(fixture.input.hits.map(\.priority)).count,
                       "one marker per case, one legend marker per priority")
    }

    // MARK: Drawing

    /// Pixels: the extent fills the drawing less the margin, north up, x and y scaled alike.
    func testFrameMapsTheExtentOntoPixels() throws {
        let frame = try XCTUnwrap(MapFrame(extent: Envelope(minX: 1000, minY: 2000, maxX: 2000, maxY: 2500), width: 1000, geographic: false))
        let m = frame.margin
        XCTAssertEqual(frame.scale, Double(1000 - 2 * m) / 1000, accuracy: 1e-12)
        XCTAssertEqual(frame.height, Int((500 * frame.scale).rounded(.up)) + 2 * m)
        XCTAssertTrue(frame.pixel(1000, 2500) == (m, m), "north-west corner")
        XCTAssertTrue(frame.pixel(2000, 2000) == (1000 - m, m + Int((500 * frame.scale).rounded())), "south-east corner")
        XCTAssertEqual(frame.metresPerPixel, 1 / frame.scale, accuracy: 1e-12)

        // A degree of longitude at 60° N is half a degree of latitude: a 1° × 1° box is drawn twice as tall as wide.
        let geo = try XCTUnwrap(MapFrame(extent: Envelope(minX: 10, minY: 59.5, maxX: 11, maxY: 60.5), width: 1000, geographic: true))
        let a = geo.pixel(10, 60.5), b = geo.pixel(11, 59.5)
        XCTAssertEqual(Double(b.y - a.y) / Double(b.x - a.x), 1 / cos(60 * Double.pi / 180), accuracy: 0.01)
        XCTAssertLessThanOrEqual(b.y - a.y, Int(1.6 * Double(1000 - 2 * geo.margin)) + 1, "a tall map is capped at 1.6 times its width")
    }

    /// Path data decodes back to the pixels of the vertices; repeated pixels are dropped, holes kept.
    func testPathDataDecodesToTheVertexPixels() throws {
        let frame = try XCTUnwrap(MapFrame(extent: Envelope(minX: 0, minY: 0, maxX: 972, maxY: 972), width: 1000, geographic: false))
        XCTAssertEqual(frame.scale, 1, accuracy: 1e-12)
        let shell = [Point(0, 0), Point(500, 0), Point(500.2, 0.3), Point(500, 400), Point(0, 400), Point(0, 0)]
        let hole = [Point(100, 100), Point(100, 200), Point(200, 200), Point(100, 100)]
        let data = MapShapes(frame: frame).pathData([PolygonRings(rings: [shell, hole])])
        let rings = Self.decode(data)
        let expectedShell = [Point(0, 0), Point(500, 0), Point(500, 400), Point(0, 400)].map { frame.pixel($0.x, $0.y) }
        let expectedHole = [Point(100, 100), Point(100, 200), Point(200, 200)].map { frame.pixel($0.x, $0.y) }
        XCTAssertEqual(rings.count, 2)
        XCTAssertEqual(rings[0].map { [$0.x, $0.y] }, expectedShell.map { [$0.x, $0.y] })
        XCTAssertEqual(rings[1].map { [$0.x, $0.y] }, expectedHole.map { [$0.x, $0.y] })
        XCTAssertEqual(MapShapes(frame: frame).pathData([PolygonRings(rings: [[Point(1, 1), Point(1.2, 1.1), Point(1.1, 1.3), Point(1, 1)]])]), "",
                       "a ring within one pixel is not drawn")
    }

    /// A patch too small to see is a dot at its point on surface; a large one is an outline.
    func testTinyPatchesBecomeDots() throws {
        let township = ReportInput.Township(code: "520111101", name: "青岩镇", geometry: Fixtures.square(0, 0, 10_000), coveragePercent: 40)
        let large = Fixtures.square(2_000, 2_000, 1_000), tiny = Fixtures.square(7_000, 7_000, 20)
        let input = ReportInput(districtName: "测试区", year: 2021, reportingUnit: "", date: "2021-12-31", crsLabel: "EPSG:4545",
                                townships: [township],
                                patches: [ReportInput.Patch(geometry: large, changeType: .harvest, squareMetres: 1e6),
                                          ReportInput.Patch(geometry: tiny, changeType: .harvest, squareMetres: 400)])
        let maps = try XCTUnwrap(try ReportMaps(input))
        let layer = try XCTUnwrap(maps.patchLayers.first)
        XCTAssertEqual(maps.patchLayers.count, 1)
        XCTAssertEqual([layer.count, layer.symbolCount], [2, 1])
        let centre = maps.frame.pixel(7_010, 7_010)
        XCTAssertEqual(layer.dots, "M\(centre.x) \(centre.y)h0")
        let outline = Self.decode(layer.outlines)
        XCTAssertEqual(outline.count, 1)
        XCTAssertEqual(Set(outline[0].map { [$0.x, $0.y] }), Set([(2_000.0, 2_000.0), (3_000, 2_000), (3_000, 3_000), (2_000, 3_000)].map {
            let p = maps.frame.pixel($0.0, $0.1)
            return [p.x, p.y]
        }))
        let svg = maps.changeMap()
        XCTAssertTrue(svg.contains("<path class=\"d-harvest\" d=\"M\(centre.x) \(centre.y)h0\"/>"))
        XCTAssertTrue(svg.contains("采伐  2处  100.04公顷"))
    }

    func testCoverageClasses() {
        let wide = CoverageClasses([3.53, 97.22, 45])
        XCTAssertEqual([wide.lower, wide.step, Double(wide.count)], [0, 20, 5])
        XCTAssertEqual([3.53, 20, 39.99, 97.22, 100].map(wide.index), [0, 1, 1, 4, 4])
        XCTAssertEqual(wide.label(4), "80–100%")
        XCTAssertEqual((0..<5).map(wide.colourIndex), [0, 1, 3, 4, 5], "spread over the six greens, light to dark")
        let narrow = CoverageClasses([41.2, 58.9])
        XCTAssertEqual([narrow.lower, narrow.step, Double(narrow.count)], [40, 10, 2])
        XCTAssertEqual((0..<2).map(narrow.colourIndex), [0, 5])
        let one = CoverageClasses([50, 50])
        XCTAssertEqual([one.lower, Double(one.count)], [50, 1])
        XCTAssertEqual(one.index(50), 0)
    }

    /// Without township boundaries (statistics by XIANG) the patches and cases set the extent and there is no
    /// coverage map.
    func testWithoutTownshipsThePatchesSetTheMap() throws {
        let input = ReportInput(districtName: "测试区", year: 2021, reportingUnit: "", date: "2021-12-31", crsLabel: "EPSG:4545",
                                townships: [],
                                patches: [ReportInput.Patch(geometry: Fixtures.square(0, 0, 1_000), changeType: .construction, squareMetres: 1e6)],
                                hits: [ReportInput.HitPoint(number: 1, x: 5_000, y: 5_000, priority: 1, priorityName: "一级", label: "案件")])
        let maps = try XCTUnwrap(try ReportMaps(input))
        XCTAssertTrue(maps.frame.pixel(0, 5_000) == (maps.frame.margin, maps.frame.margin), "the patch and the case span the drawing")
        let html = try HTMLReport.render(input)
        XCTAssertFalse(html.contains("各乡镇森林覆盖率"))
        XCTAssertEqual(html.components(separatedBy: "<svg ").count - 1, 2)
        XCTAssertTrue(html.contains("建设占用  1处  100.00公顷"))
    }

    // MARK: Tables and text

    func testFiledTableKeepsItsFormats() {
        let filed = FiledTable(sheetName: "s", title: "附表2 考核评分表", reportingUnit: "", date: "", unitLine: "单位：公顷",
                               columns: [FiledTable.Column("乡镇", .text), FiledTable.Column("面积", .number(decimals: 2)),
                                         FiledTable.Column("完成率", .percent(decimals: 1)), FiledTable.Column("件数", .integer),
                                         FiledTable.Column("公式", .number(decimals: 0))],
                               rows: [[.text("青岩镇"), .number(12345.678), .number(0.9876), .integer(1234567), .formula("=B4*2")],
                                      [.text("石板镇"), .number(-0.001), .empty, .integer(0), .number(.nan)]],
                               totals: [.text("合计"), .number(12345.677), .number(1), .integer(1234567), .empty], notes: ["说明"])
        let t = ReportInput.Table(filed)
        XCTAssertEqual(t.rows, [["青岩镇", "12,345.68", "98.8%", "1,234,567", ""], ["石板镇", "0.00", "", "0", ""]])
        XCTAssertEqual(t.totals, ["合计", "12,345.68", "100.0%", "1,234,567", ""])
        XCTAssertEqual(t.notes, ["单位：公顷", "说明"])
        let html = HTMLReport.table(t)
        XCTAssertTrue(html.contains("<td class=\"n\">12,345.68</td>"), "numbers align right")
        XCTAssertTrue(html.contains("<tfoot><tr><td>合计</td>"))
    }

    func testTextIsEscapedAndEmptyInputStillMakesAPage() throws {
        let input = ReportInput(districtName: "<区&>", year: 2021, reportingUnit: "\"局\"", date: "2021-12-31", crsLabel: "EPSG:4545",
                                townships: [], findings: ["覆盖率 < 目标 & 需整改"])
        let html = try HTMLReport.render(input)
        XCTAssertTrue(html.contains("&lt;区&amp;&gt;2021年度"))
        XCTAssertTrue(html.contains("<li>覆盖率 &lt; 目标 &amp; 需整改</li>"))
        XCTAssertTrue(html.contains("没有可绘制的图层"))
        XCTAssertFalse(html.contains("<区&>"))
    }

    // MARK: Size

    /// A district of about 100,000 sub-compartments: township boundaries digitised every 10 m along their
    /// sub-compartments (about 60,000 vertices), 3,000 change patches of 0.05 to 60 ha with 40 vertices each, 100
    /// cases. The page stays small enough to e-mail.
    func testLargeDistrictFitsInAnEmail() throws {
        let fixture = try ReportFixture.get()
        var generator = SplitMix(seed: 2021)
        var input = fixture.input
        input.townships = try input.townships.map { t in
            var t = t
            t.geometry = WKB(polygons: try t.geometry.polygons().map { p in
                PolygonRings(rings: p.rings.map { Self.densified($0, every: 10, jitter: 1.5, &generator) })
            })
            return t
        }
        let box = Envelope(try input.townships.flatMap { try $0.geometry.polygons() })!
        input.patches = (0..<3_000).map { i in
            let hectares = exp(Double.random(in: log(0.05)...log(60), using: &generator))
            let r = (hectares * 10_000 / .pi).squareRoot()
            let cx = Double.random(in: box.minX...box.maxX, using: &generator), cy = Double.random(in: box.minY...box.maxY, using: &generator)
            let ring = (0..<40).map { k -> Point in
                let a = Double(k) / 40 * 2 * .pi, rr = r * Double.random(in: 0.8...1.2, using: &generator)
                return Point(cx + rr * cos(a), cy + rr * sin(a))
            }
            let type = ChangePatch.ChangeType.allCases[i % 10]
            return ReportInput.Patch(geometry: WKB(polygons: [PolygonRings(rings: [ring + [ring[0]]])]), changeType: type, squareMetres: hectares * 10_000)
        }
        input.hits = (1...100).map { n in
            ReportInput.HitPoint(number: n, x: Double.random(in: box.minX...box.maxX, using: &generator), y: Double.random(in: box.minY...box.maxY, using: &generator),
                                 priority: 1 + n % 3, priorityName: "\(1 + n % 3)级", label: "案件\(n)")
        }
        let vertices = try input.townships.map { try $0.geometry.polygons().map { $0.rings.map(\.count).reduce(0, +) }.reduce(0, +) }.reduce(0, +)
        XCTAssertGreaterThan(vertices, 50_000)
        let html = try HTMLReport.render(input)
        XCTAssertLessThan(html.utf8.count, 1_000_000, "\(html.utf8.count) bytes")
        XCTAssertEqual(Self.externalReferences(html), [])
    }

    // MARK: Helpers

    /// What in a page would fetch something from outside: web addresses, src attributes, links to style sheets,
    /// imports, scripts, url() and href other than to an id in the page.
    static func externalReferences(_ html: String) -> [String] {
        var found: [String] = []
        for needle in ["http://", "https://", "src=", "@import", "<link", "<script", "<iframe", "<img", "<object", "<embed", "@font-face", "//:"] {
            if html.localizedCaseInsensitiveContains(needle) { found.append(needle) }
        }
        for (marker, allowed) in [("url(", "url(#"), ("href=\"", "href=\"#")] {
            let all = html.components(separatedBy: marker).count - 1
            let inPage = html.components(separatedBy: allowed).count - 1
            if all != inPage { found.append("\(marker) to something other than #id") }
        }
        return found
    }

    /// The rings of path data written by `MapShapes.pathData`, as absolute pixels.
    static func decode(_ data: String) -> [[(x: Int, y: Int)]] {
        var rings: [[(x: Int, y: Int)]] = []
        var numbers: [Int] = [], command: Character = " ", token = ""
        func flushNumber() { if !token.isEmpty { numbers.append(Int(token)!); token = "" } }
        func flushCommand() {
            flushNumber()
            switch command {
            case "M": rings.append([(numbers[0], numbers[1])])
            case "l":
                for k in stride(from: 0, to: numbers.count, by: 2) {
                    let last = rings[rings.count - 1].last!
                    rings[rings.count - 1].append((last.x + numbers[k], last.y + numbers[k + 1]))
                }
            default: break
            }
            numbers = []
        }
        for c in data {
            if c.isLetter { flushCommand(); command = c } else if c == "-" { flushNumber(); token = "-" } else if c == " " { flushNumber() } else { token.append(c) }
        }
        flushCommand()
        return rings
    }

    /// A ring with a vertex every `every` metres along each edge, moved up to `jitter` metres: a boundary as
    /// digitised along its sub-compartments.
    static func densified(_ ring: [Point], every: Double, jitter: Double, _ generator: inout SplitMix) -> [Point] {
        var out: [Point] = []
        for (a, b) in zip(ring, ring.dropFirst()) {
            let n = max(1, Int((hypot(b.x - a.x, b.y - a.y) / every).rounded()))
            for k in 0..<n {
                let t = Double(k) / Double(n)
                let j = k == 0 ? 0 : jitter
                out.append(Point(a.x + t * (b.x - a.x) + Double.random(in: -j...j, using: &generator), a.y + t * (b.y - a.y) + Double.random(in: -j...j, using: &generator)))
            }
        }
        return out + [ring.last!]
    }
}

/// A small seeded generator, so the large district is the same every run.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

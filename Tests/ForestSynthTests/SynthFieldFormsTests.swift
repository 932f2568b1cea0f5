import Foundation
import XCTest
import Geo
import ForestChange
import ForestMapCore
@testable import ForestSynth
@testable import ForestTestSupport

/// What synth writes beside a district for the case register's loop: the 核查表 of its hits filled from the truth,
/// and patrol reports inside its townships.
final class SynthFieldFormsTests: XCTestCase {
    private struct District {
        let folder: URL
        let config: ForestMapConfig
        let hits: [Hit]
        let truth: [[String]]
    }

    /// One district with its field forms, made once for the tests here.
    nonisolated(unsafe) private static var made: District?
    private static let lock = NSLock()

    private static func district() throws -> District {
        lock.lock()
        defer { lock.unlock() }
        if let made { return made }
        let root = try SynthFixture.temporaryDirectory("fieldforms")
        Fixtures.removeAtExit(root)
        let folder = root.appendingPathComponent("district")
        try SynthRun.perform(SynthOptions(subcompartments: 2_000, seed: 11), outputFolder: folder.path, overwrite: false)
        let config = try ForestMapConfig.load(path: folder.appendingPathComponent("forestmap.toml").path)
        let result = try ChangeRun.compute(ChangeRun.Sources(config: config), config: config, options: ChangeOptions(config: config))
        let truth = try Spreadsheet(reading: folder.appendingPathComponent("truth.csv").path).sheets[0].rows
        made = District(folder: folder, config: config, hits: result.hits, truth: truth)
        return made!
    }

    override class func tearDown() {
        if let made { try? FileManager.default.removeItem(at: made.folder.deletingLastPathComponent()) }
        made = nil
        super.tearDown()
    }

    func testFilledFormNamesTheDistrictsHitsWithValuesTheRegisterReads() throws {
        let d = try Self.district()
        XCTAssertFalse(d.hits.isEmpty)
        let book = try Spreadsheet(reading: d.folder.appendingPathComponent(SynthFieldForms.formFileName).path)
        let hitIDs = Set(d.hits.map(\.hitID))
        // Planted violations: the 2020 keys of truth rows whose hit is yes.
        let header = d.truth[0]
        let hitColumn = try XCTUnwrap(header.firstIndex(of: "hit")), fromColumn = try XCTUnwrap(header.firstIndex(of: "from_ids"))
        let planted = Set(d.truth.dropFirst().filter { $0[hitColumn] == "yes" }.flatMap { $0[fromColumn].split(separator: ";").map(String.init) })
        let byID = Dictionary(uniqueKeysWithValues: d.hits.map { ($0.hitID, $0) })
        var seen: [String] = [], handlings: [String] = []
        for sheet in book.sheets {
            // The run's layout: title, 填报单位 line, then the header row (row 3).
            let columns = sheet.rows[2]
            XCTAssertEqual(columns.first, "序号", sheet.name)
            func column(_ name: String) throws -> Int { try XCTUnwrap(columns.firstIndex { $0.hasPrefix(name) }, "\(sheet.name): \(name)") }
            let id = try column("核查编号"), hit = try column("图斑编号"), verdict = try column("核查结论"), handling = try column("处理情况")
            let who = try column("核查人"), date = try column("核查日期")
            XCTAssertTrue(sheet.rows[1].joined().contains("\(d.config.year! + 1)-03-31"), "a fixed 填报日期: \(sheet.rows[1])")
            for row in sheet.rows.dropFirst(3) {
                guard let first = row.first, !first.isEmpty else { continue }
                if first == "合计" { break }
                let cell = { (c: Int) in c < row.count ? row[c] : "" }
                XCTAssertTrue(hitIDs.contains(cell(id)), "\(sheet.name): \(cell(id)) is no hit of the district")
                XCTAssertEqual(cell(id), cell(hit))
                XCTAssertTrue(CaseStatus.verdictValues.contains(cell(verdict)), cell(verdict))
                XCTAssertTrue(cell(handling).isEmpty || CaseStatus.handlingValues.contains(cell(handling)), cell(handling))
                XCTAssertFalse(cell(who).isEmpty)
                XCTAssertNotNil(cell(date).range(of: #"^\#(d.config.year! + 1)-03-\d\d$"#, options: .regularExpression), cell(date))
                // 属实 exactly for the hits on planted violations, and then always with how it was handled.
                let onViolation = byID[cell(id)]!.patch.fromIDs.contains { planted.contains($0) }
                XCTAssertEqual(cell(verdict), onViolation ? "属实" : "不属实", cell(id))
                XCTAssertEqual(cell(handling).isEmpty, !onViolation, cell(id))
                seen.append(cell(id))
                handlings.append(cell(handling))
            }
        }
        XCTAssertEqual(seen.sorted(), hitIDs.sorted(), "every hit once")
        XCTAssertTrue(handlings.contains("已整改"), "some confirmed violations rectified: \(handlings)")
        XCTAssertGreaterThan(handlings.filter { $0 == "已立案" || $0 == "整改中" }.count, handlings.filter { $0 == "已整改" }.count)
    }

    func testPatrolReportsLieInsideTheDistrictsTownships() throws {
        let d = try Self.district()
        let url = d.folder.appendingPathComponent(SynthFieldForms.patrolFileName)
        XCTAssertEqual(Array(try Data(contentsOf: url).prefix(3)), [0xEF, 0xBB, 0xBF], "UTF-8 with BOM")
        let rows = try Spreadsheet(reading: url.path).sheets[0].rows
        XCTAssertEqual(rows[0], SynthFieldForms.patrolColumns)
        let reports = rows.dropFirst()
        XCTAssertTrue((3...5).contains(reports.count), "\(reports.count) reports")
        let context = GEOSContext()
        let townships = try SynthFixture.read(d.folder, "townships.gpkg", "townships")
        let code = try XCTUnwrap(townships.index("XZQDM"))
        let toLayer = try CoordinateTransform(from: SpatialReference(epsg: 4490), to: SpatialReference(epsg: 4545))
        var sources: Set<CaseSource> = []
        for r in reports {
            XCTAssertTrue(r[0].hasPrefix("\(d.config.year!)-"), "a date in the period: \(r[0])")
            let source = try XCTUnwrap(CaseSource(text: r[1]), r[1])
            XCTAssertNotEqual(source, .change)
            sources.insert(source)
            XCTAssertFalse(r[2].isEmpty)
            var xs = [try XCTUnwrap(Double(r[3]))], ys = [try XCTUnwrap(Double(r[4]))]
            try toLayer.transform(xs: &xs, ys: &ys)
            let point = try Geometry(wkb: WKB(point: Point(xs[0], ys[0])), context: context)
            let holding = try townships.features.filter { f in try Geometry(wkb: XCTUnwrap(f.geometry), context: context).intersects(point) }
            XCTAssertEqual(holding.map { $0.values[code].text ?? "" }, [r[5]], "\(r[3]), \(r[4]) lies in its township \(r[5])")
        }
        XCTAssertEqual(sources, [.patrol, .public])
    }

    func testNoFieldFormsLeavesThemOut() throws {
        let root = try SynthFixture.temporaryDirectory("nofieldforms")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("district")
        try SynthRun.perform(SynthOptions(subcompartments: 1_000, seed: 3), outputFolder: folder.path, overwrite: false, fieldForms: false)
        for file in SynthFieldForms.fileNames {
            XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path), file)
        }
        let config = try String(contentsOf: folder.appendingPathComponent("forestmap.toml"), encoding: .utf8)
        XCTAssertFalse(config.contains(SynthFieldForms.formFileName))
        XCTAssertTrue(config.contains("--no-field-forms"))
    }
}

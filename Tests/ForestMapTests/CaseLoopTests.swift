import Foundation
import XCTest
import Geo
@testable import ForestTestSupport
@testable import ForestCases
@testable import ForestMap
@testable import ForestMapCore

/// What the case-loop tests share: a folder, the annual run on the sample district with a register, and a field
/// team that fills the 核查表 in.
class CaseLoopTestCase: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("forestmap-caseloop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    var config: String { Repository.sampleData.appendingPathComponent("forestmap.toml").path }

    func run(_ name: String, register: SourceReference, asOf: String) throws -> AnnualRun.Report {
        var request = AnnualRun.Request(configPath: config)
        request.outputFolder = folder.appendingPathComponent(name).path
        request.progress = false
        request.register = register
        request.asOf = CaseDate(text: asOf)
        return try AnnualRun.perform(request, print: false)
    }

    /// What the field team writes for the k-th case of the form (in sheet order).
    enum Answer: CaseIterable {
        case notReal, rectified, rectifying, filed
        var verdict: String { self == .notReal ? "不属实" : "属实" }
        var handling: String { [.rectified: "已整改", .rectifying: "整改中", .filed: "已立案"][self] ?? "" }
        var closes: Bool { self == .notReal || self == .rectified }
        var confirmed: Bool { self != .notReal }
        var dealtWith: Bool { self == .rectified || self == .filed }
    }

    /// The run's 核查表 filled in: the first four cases' rows filled wrongly (an unknown 核查编号, a 处理情况 outside
    /// the table, a date in the future, a date that is not one), every other case answered (the k-th by
    /// `Answer.allCases[k % 4]`, dated 2022-04-(k%28+1)). Returns the workbook, the answered cases' answers, the
    /// unanswered cases, and the bad rows' Excel row numbers with what must be refused.
    func fill(_ form: URL) throws -> (URL, [String: Answer], Set<String>, [(sheet: String, row: Int, reason: String)]) {
        let book = try Spreadsheet(reading: form.path)
        let out = folder.appendingPathComponent("filled.xlsx")
        let workbook = try Workbook(path: out.path)
        var answers: [String: Answer] = [:], unanswered: Set<String> = [], bad: [(String, Int, String)] = []
        for sheet in book.sheets {
            let ws = try workbook.addWorksheet(named: sheet.name)
            let header = try XCTUnwrap(sheet.rows.firstIndex { $0.contains("核查编号") })
            let columns = sheet.rows[header]
            func index(_ prefix: String) throws -> Int { try XCTUnwrap(columns.firstIndex { $0.hasPrefix(prefix) }, prefix) }
            let (idColumn, verdict, handling, who, date) = (try index("核查编号"), try index("核查结论"), try index("处理情况"), try index("核查人"), try index("核查日期"))
            for (r, row) in sheet.rows.enumerated() {
                var cells = row + Array(repeating: "", count: max(0, columns.count - row.count))
                if r > header, cells[idColumn].hasPrefix("520"), cells[idColumn].contains("-") {
                    let k = answers.count + unanswered.count, answer = Answer.allCases[k % 4]
                    (cells[verdict], cells[handling], cells[who], cells[date]) = (answer.verdict, answer.handling, "张三", "2022/4/\(k % 28 + 1)")
                    switch k {
                    case 0: cells[idColumn] = "520111999-2021-0001"; bad.append((sheet.name, r + 1, "names no case"))
                    case 1: cells[handling] = "没办"; bad.append((sheet.name, r + 1, "处理情况 \"没办\""))
                    case 2: cells[date] = "2099-01-01"; bad.append((sheet.name, r + 1, "lies in the future"))
                    case 3: cells[date] = "四月"; bad.append((sheet.name, r + 1, "is not a date"))
                    default: answers[cells[idColumn]] = answer
                    }
                    if k < 4 { unanswered.insert(row[idColumn]) }
                }
                for (c, text) in cells.enumerated() where !text.isEmpty { try ws.write(.text(text), row: r, column: c) }
            }
        }
        try workbook.close()
        return (out, answers, unanswered, bad)
    }

}

/// The loop the case register closes (一事一办), on the sample district: run → the field team fills the 核查表 →
/// import → run again. Closed cases are not listed again, open ones carry their case and age, 附表1's closure rate
/// follows the rule per township, the import is idempotent and refuses bad rows by row number.
final class CaseLoopTests: CaseLoopTestCase {
    func testRunFillImportRunAgain() throws {
        let register = SourceReference(path: folder.appendingPathComponent("cases.gpkg").path)
        let first = try run("run1", register: register, asOf: "2022-03-01")
        let hits = first.result.change.hits
        XCTAssertFalse(hits.isEmpty)
        XCTAssertEqual(first.result.recorded?.new, hits.count)
        for h in hits {
            let c = try XCTUnwrap(h.registerCase, h.hitID)
            XCTAssertEqual(c.status, .open)
            XCTAssertEqual(c.ageDays, 0)
            XCTAssertTrue(c.caseID.hasPrefix("\(h.patch.townshipCode)-2021-"), c.caseID)
        }
        let hitCSV = try CSVTestRows(folder.appendingPathComponent("run1/change/hitlist.csv"))
        XCTAssertEqual(Set(hitCSV.column("case_id")), Set(hits.map { $0.registerCase!.caseID }))

        let (filled, answers, unanswered, bad) = try fill(folder.appendingPathComponent("run1/change/hitlist_核查表.xlsx"))
        XCTAssertEqual(answers.count + unanswered.count, hits.count)
        let reg = try CaseRegister.openExisting(register)
        let imported = try FieldFormImport.perform([filled.path], into: reg, today: CaseDate(text: "2026-01-01")!)
        XCTAssertEqual(imported.applied, answers.count)
        XCTAssertEqual(imported.refused.map { "\($0.sheet)!\($0.row)" }.sorted(), bad.map { "\($0.sheet)!\($0.row)" }.sorted(), imported.refused.map(\.line).joined(separator: "\n"))
        for expected in bad {
            let refusal = imported.refused.first { $0.sheet == expected.sheet && $0.row == expected.row }
            XCTAssertTrue(refusal?.reason.contains(expected.reason) ?? false, "\(refusal?.line ?? "no refusal") for row \(expected.row)")
        }
        XCTAssertEqual(imported.closed, answers.values.filter(\.closes).count)
        let afterImport = try reg.read()

        // Idempotent: the same file again adds nothing.
        let again = try FieldFormImport.perform([filled.path], into: reg, today: CaseDate(text: "2026-01-01")!)
        XCTAssertEqual(again.applied, 0)
        XCTAssertEqual(again.unchanged, answers.count)
        XCTAssertEqual(again.refused.count, bad.count)
        XCTAssertEqual(try reg.read().events, afterImport.events)

        for (id, answer) in answers {
            let c = try XCTUnwrap(afterImport.cases[id])
            XCTAssertEqual(c.isClosed, answer.closes, id)
            XCTAssertEqual(c.status.isConfirmedViolation, answer.confirmed, id)
        }

        // The same year again: closed cases are not listed; open ones carry their case, status and age.
        let second = try run("run2", register: register, asOf: "2022-09-01")
        let open = Set(answers.filter { !$0.value.closes }.keys).union(unanswered)
        XCTAssertEqual(Set(second.result.change.hits.compactMap { $0.registerCase?.caseID }), open)
        XCTAssertEqual(second.result.change.hits.count, open.count)
        XCTAssertEqual(second.result.recorded?.new, 0)
        XCTAssertEqual(second.result.recorded?.closedNotListed, hits.count - open.count)
        for h in second.result.change.hits {
            XCTAssertEqual(h.registerCase?.ageDays, 184, "2022-03-01 to 2022-09-01")
            // Confirmed in April, more than 90 days before September: overdue, and listed first.
            XCTAssertEqual(h.registerCase?.overdue, answers[h.registerCase!.caseID]?.confirmed ?? false)
        }
        let overdueFlags = second.result.change.hits.map { $0.registerCase!.overdue }
        XCTAssertEqual(overdueFlags, overdueFlags.sorted { $0 && !$1 }, "overdue first")
        // No second detection for the same year.
        let final = try reg.read()
        XCTAssertEqual(final.events.filter { $0.kind == .detected }.count, hits.count)
        XCTAssertEqual(Set(final.events.map(\.key)).count, final.events.count)

        // 附表1's closure rate per township, computed here from the answers.
        var expected: [String: (confirmed: Int, dealt: Int)] = [:]
        for (id, answer) in answers where answer.confirmed {
            let township = String(id.prefix(9))
            expected[township, default: (0, 0)].confirmed += 1
            if answer.dealtWith { expected[township, default: (0, 0)].dealt += 1 }
        }
        let table = try CSVTestRows(folder.appendingPathComponent("run2/appendix1_targets.csv"))
        for row in table.rows {
            let code = row[0]
            let rate = row[table.index("case_closure_rate")]
            guard code != "520111" else {
                let all = expected.values.reduce((0, 0)) { ($0.0 + $1.confirmed, $0.1 + $1.dealt) }
                XCTAssertEqual(rate, String(format: "%.2f", Double(all.1) / Double(all.0) * 100))
                continue
            }
            if let e = expected[code] {
                XCTAssertEqual(rate, String(format: "%.2f", Double(e.dealt) / Double(e.confirmed) * 100), code)
                XCTAssertEqual(row[table.index("confirmed_cases")], String(e.confirmed), code)
            } else {
                XCTAssertEqual(rate, "", "\(code): no confirmed violation, no rate")
            }
        }
        let report = try String(contentsOf: folder.appendingPathComponent("run2/report.html"), encoding: .utf8)
        XCTAssertTrue(report.contains("问题整改台账"))
        XCTAssertTrue(report.contains(open.sorted()[0]))

    }

    func testRunWithoutRegisterSaysSoAndListsEveryHit() throws {
        // A config with neither [cases] register nor [output] folder keeps none.
        var text = try String(contentsOf: URL(fileURLWithPath: config), encoding: .utf8)
        text = text.replacingOccurrences(of: "register = \"../out/forestmap_cases.gpkg\"", with: "")
        for name in ["xiaoban_2020", "xiaoban_2021", "townships", "permits", "ring_belt", "afforestation_tasks", "fires", "pests", "forest_economy"] {
            text = text.replacingOccurrences(of: "\"\(name).gpkg", with: "\"\(Repository.sampleData.path)/\(name).gpkg")
        }
        text = text.replacingOccurrences(of: "\"targets.csv\"", with: "\"\(Repository.sampleData.path)/targets.csv\"")
        let path = folder.appendingPathComponent("forestmap.toml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        var request = AnnualRun.Request(configPath: path)
        request.outputFolder = folder.appendingPathComponent("run").path
        request.progress = false
        let report = try AnnualRun.perform(request, print: false)
        XCTAssertNil(report.result.cases)
        XCTAssertTrue(report.text.contains("case register: none kept"), report.text)
        XCTAssertTrue(report.result.change.hits.allSatisfy { $0.registerCase == nil })
        let rate = try CSVTestRows(folder.appendingPathComponent("run/appendix1_targets.csv"))
        XCTAssertTrue(rate.rows.allSatisfy { $0[rate.index("case_closure_rate")].isEmpty })
    }

}


/// A PostGIS register gives the same cases as a GeoPackage one, through the same loop. (Its own class: the
/// sanitizer runs, which have no PostgreSQL server, leave out classes named *PostGISTests.)
final class CaseRegisterPostGISTests: CaseLoopTestCase {
    func testPostGISRegisterGivesTheSameCases() throws {
        guard let url = try postgres() else { return }
        let register = SourceReference(path: folder.appendingPathComponent("cases.gpkg").path)
        _ = try run("run1", register: register, asOf: "2022-03-01")
        let (filled, _, _, _) = try fill(folder.appendingPathComponent("run1/change/hitlist_核查表.xlsx"))
        let imported = try FieldFormImport.perform([filled.path], into: try CaseRegister.openExisting(register), today: CaseDate(text: "2026-01-01")!)
        let second = try run("run2", register: register, asOf: "2022-09-01")

        let schema = "caseloop_\(UInt32.random(in: 0...UInt32.max))"
        try psql(url, "CREATE SCHEMA \(schema)")
        defer { try? psql(url, "DROP SCHEMA \(schema) CASCADE") }
        let pg = SourceReference(path: "\(url) active_schema=\(schema)")
        _ = try run("pg1", register: pg, asOf: "2022-03-01")
        let pgImported = try FieldFormImport.perform([filled.path], into: try CaseRegister.openExisting(pg), today: CaseDate(text: "2026-01-01")!)
        XCTAssertEqual(pgImported.applied, imported.applied)
        XCTAssertEqual(pgImported.refused, imported.refused)
        let pgSecond = try run("pg2", register: pg, asOf: "2022-09-01")
        XCTAssertEqual(pgSecond.result.change.hits.map { $0.registerCase }, second.result.change.hits.map { $0.registerCase })
        let asOf = CaseDate(text: "2022-09-01")!
        func listing(_ r: SourceReference) throws -> String {
            let state = try CaseRegister.openExisting(r).read()
            return CaseListing.table(CaseListing.cases(state, filter: .all, township: nil, asOf: asOf, settings: CaseSettings()), asOf: asOf, settings: CaseSettings()).text
        }
        XCTAssertEqual(try listing(pg), try listing(register))
        XCTAssertEqual(try CaseRegister.openExisting(pg).read().events.map(\.key), try CaseRegister.openExisting(register).read().events.map(\.key))
    }

    /// The test server's connection; skips without one, except on CI (CI=true), where that is a failure.
    private func postgres() throws -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let url = environment["FORESTMAP_TEST_PG"], !url.isEmpty { return url }
        if environment["CI"] == "true" { XCTFail("FORESTMAP_TEST_PG not set: CI must run the tests through Scripts/test") }
        throw XCTSkip("FORESTMAP_TEST_PG not set: run Scripts/test")
    }

    private func psql(_ url: String, _ sql: String) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        p.arguments = ["-q", "-v", "ON_ERROR_STOP=1", String(url.dropFirst(3)), "-c", sql]
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, sql)
    }
}

/// A CSV file forestmap wrote (UTF-8 with BOM, no quoted commas in the columns read here).
struct CSVTestRows {
    let header: [String]
    let rows: [[String]]

    init(_ url: URL) throws {
        let text = String(decoding: try Data(contentsOf: url).dropFirst(3), as: UTF8.self)
        let lines = text.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        header = lines.first ?? []
        rows = Array(lines.dropFirst())
    }

    func index(_ name: String) -> Int { header.firstIndex(of: name)! }
    func column(_ name: String) -> [String] { rows.map { $0[index(name)] } }
}

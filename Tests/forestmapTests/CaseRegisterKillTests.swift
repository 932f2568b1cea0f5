import Foundation
import XCTest
import Geo

/// `kill -9` at several moments of `run` and `cases import` leaves the case register consistent: every case once,
/// with exactly one detection, and an import's history all there or not at all.
final class CaseRegisterKillTests: XCTestCase {
    private var folder: URL!
    private let config = SampleLayerCopy.sampleData.appendingPathComponent("forestmap.toml").path

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("forestmap-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    /// The register's cases (case_id) and events (case_id, event, key), read through GDAL; nil when there is none.
    private func register(_ path: String) throws -> (cases: [String], events: [(caseID: String, event: String, key: String)])? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        // Opened as forestmap opens it, for update: a transaction a kill cut short leaves SQLite's hot journal, which
        // only a connection that may write rolls back (a read-only one refuses the file).
        let dataset = try VectorDataset(updating: SourceReference(path: path))
        let cases = try dataset.layer(named: "cases")
        let events = try dataset.layer(named: "case_events")
        let id = try XCTUnwrap(cases.fieldIndex("case_id"))
        let (eid, kind, key) = (try XCTUnwrap(events.fieldIndex("case_id")), try XCTUnwrap(events.fieldIndex("event")), try XCTUnwrap(events.fieldIndex("event_key")))
        return (try cases.readAll().map { $0.values[id].text ?? "" },
                try events.readAll().map { ($0.values[eid].text ?? "", $0.values[kind].text ?? "", $0.values[key].text ?? "") })
    }

    /// Consistent: no case twice, no event key twice, every event's case there, every case detected once.
    private func assertConsistent(_ path: String, _ when: String, file: StaticString = #filePath, line: UInt = #line) throws -> Int {
        guard let r = try register(path) else { return 0 }
        XCTAssertEqual(Set(r.cases).count, r.cases.count, "\(when): a case twice", file: file, line: line)
        XCTAssertEqual(Set(r.events.map(\.key)).count, r.events.count, "\(when): an event twice", file: file, line: line)
        XCTAssertTrue(Set(r.events.map(\.caseID)).isSubset(of: Set(r.cases)), "\(when): an event without its case", file: file, line: line)
        let detected = r.events.filter { $0.event == "detected" }.map(\.caseID)
        XCTAssertEqual(detected.sorted(), r.cases.sorted(), "\(when): every case detected exactly once", file: file, line: line)
        return r.cases.count
    }

    private func killed(_ arguments: [String], after seconds: Double) throws {
        let (process, _, _) = try startForestmap(arguments)
        Thread.sleep(forTimeInterval: seconds)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    func testKillNineDuringRunAndImportLeavesTheRegisterConsistent() throws {
        let registerPath = folder.appendingPathComponent("cases.gpkg").path
        // How long a whole run takes here, measured on a register of its own.
        let started = Date()
        let scratch = try forestmap("run", config, "--out", folder.appendingPathComponent("scratch").path,
                                    "--register", folder.appendingPathComponent("scratch.gpkg").path, "--as-of", "2022-03-01")
        XCTAssertEqual(scratch.status, 0, scratch.stderr)
        let whole = Date().timeIntervalSince(started)
        let cases = try assertConsistent(folder.appendingPathComponent("scratch.gpkg").path, "a whole run")
        XCTAssertGreaterThan(cases, 0)

        // Killed at moments through the run, most of them near its end, where the register is written.
        for (k, share) in [0.3, 0.8, 0.9, 0.95, 0.98, 1.0].enumerated() {
            try killed(["run", config, "--out", folder.appendingPathComponent("run-\(k)").path, "--register", registerPath, "--as-of", "2022-03-01"],
                       after: whole * share)
            let n = try assertConsistent(registerPath, "run killed after \(share) of its time")
            XCTAssertTrue(n == 0 || n == cases, "run killed after \(share): \(n) cases, not 0 or \(cases)")
        }
        for k in 0..<2 {
            let o = try forestmap("run", config, "--out", folder.appendingPathComponent("final-\(k)").path, "--register", registerPath, "--as-of", "2022-03-01")
            XCTAssertEqual(o.status, 0, o.stderr)
            XCTAssertEqual(try assertConsistent(registerPath, "whole run \(k)"), cases, "no case lost or doubled")
        }

        // A filled form naming every case: 属实, 已立案.
        let ids = try XCTUnwrap(register(registerPath)).cases.sorted()
        let form = folder.appendingPathComponent("filled.xlsx").path
        let book = try Workbook(path: form)
        let sheet = try book.addWorksheet(named: "核查表")
        for (c, header) in ["核查编号", "核查结论（属实/不属实）", "处理情况", "核查人", "核查日期"].enumerated() { try sheet.write(.text(header), row: 0, column: c) }
        for (r, id) in ids.enumerated() {
            for (c, text) in [id, "属实", "已立案", "李四", "2022-04-01"].enumerated() { try sheet.write(.text(text), row: r + 1, column: c) }
        }
        try book.close()
        let before = try XCTUnwrap(register(registerPath)).events.count
        let importStarted = Date()
        let probe = try forestmap("cases", "import", form, "--register", folder.appendingPathComponent("scratch.gpkg").path)
        XCTAssertEqual(probe.status, 0, probe.stderr)
        let importTime = Date().timeIntervalSince(importStarted)
        for share in [0.2, 0.5, 0.8, 0.9, 0.95, 1.0] {
            try killed(["cases", "import", form, "--register", registerPath], after: importTime * share)
            _ = try assertConsistent(registerPath, "import killed after \(share) of its time")
            let events = try XCTUnwrap(register(registerPath)).events.count
            // Each case gets a verdict and a handling event: all of the import or none of it.
            XCTAssertTrue(events == before || events == before + 2 * ids.count, "import killed after \(share): \(events) events")
        }
        let done = try forestmap("cases", "import", form, "--register", registerPath)
        XCTAssertEqual(done.status, 0, done.stderr)
        XCTAssertEqual(try XCTUnwrap(register(registerPath)).events.count, before + 2 * ids.count)
        let again = try forestmap("cases", "import", form, "--register", registerPath)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stdout.contains("0 rows applied"), again.stdout)
        XCTAssertEqual(try XCTUnwrap(register(registerPath)).events.count, before + 2 * ids.count)
    }
}

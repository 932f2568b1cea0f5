import Foundation
import XCTest
import Geo

/// `forestmap cases …` and the register as `run` and `change` meet it, from the command line.
final class CasesCommandTests: XCTestCase {
    private var folder: URL!
    private let config = SampleLayerCopy.sampleData.appendingPathComponent("forestmap.toml").path

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("forestmap-cases-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func csv(_ url: URL) throws -> [[String]] {
        String(decoding: try Data(contentsOf: url).dropFirst(3), as: UTF8.self).split(separator: "\r\n")
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    func testRunListChangeAndAdd() throws {
        let register = folder.appendingPathComponent("cases.gpkg").path
        let run = try forestmap("run", config, "--out", folder.appendingPathComponent("run").path, "--register", register, "--as-of", "2022-03-01")
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("case register 问题整改台账:"), run.stdout)
        let hits = try csv(folder.appendingPathComponent("run/change/hitlist.csv"))
        XCTAssertEqual(Array(hits[0].prefix(5)), ["hit_id", "case_id", "case_status", "case_age_days", "overdue"])
        XCTAssertTrue(hits.dropFirst().allSatisfy { $0[1].hasPrefix("520111") && $0[2] == "open" && $0[3] == "0" }, "\(hits)")

        let list = folder.appendingPathComponent("list.csv")
        let listed = try forestmap("cases", "list", "--register", register, "--status", "all", "--as-of", "2022-03-11", "--out", list.path)
        XCTAssertEqual(listed.status, 0, listed.stderr)
        let rows = try csv(list)
        XCTAssertEqual(rows[0], ["case_id", "source", "township_code", "township_name", "case_status", "status", "opened", "last_event", "age_days",
                                 "overdue", "area_ha", "lon", "lat", "hit_ids", "description"])
        XCTAssertEqual(Set(rows.dropFirst().map { $0[0] }), Set(hits.dropFirst().map { $0[1] }))
        XCTAssertTrue(rows.dropFirst().allSatisfy { $0[8] == "10" && $0[5] == "open" })

        // `change` with a register fills the cases in, and writes nothing to it.
        let digest = try Data(contentsOf: URL(fileURLWithPath: register))
        let change = try forestmap("change", "--config", config, "--out", folder.appendingPathComponent("change").path, "--register", register,
                                   "--as-of", "2022-03-21")
        XCTAssertEqual(change.status, 0, change.stderr)
        let changeHits = try csv(folder.appendingPathComponent("change/hitlist.csv"))
        XCTAssertEqual(changeHits.dropFirst().map { $0[1] }.sorted(), hits.dropFirst().map { $0[1] }.sorted())
        XCTAssertTrue(changeHits.dropFirst().allSatisfy { $0[3] == "20" }, "ages to --as-of")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: register)), digest, "change never writes the register")

        // Patrol and public reports: added once, refused rows named, the township from the boundaries.
        let reports = folder.appendingPathComponent("reports.csv")
        try Data(("\u{FEFF}date,source,description,lon,lat,who\r\n2021-05-02,巡查,林地内新建房屋,106.66804,26.55066,王五\r\n"
                  + "2021-06-10,public,群众举报毁林,106.70284,26.57537,\r\n2021-13-01,patrol,坏日期,106.7,26.5,\r\n").utf8).write(to: reports)
        let added = try forestmap("cases", "add", reports.path, "--config", config, "--register", register)
        XCTAssertEqual(added.status, 3, added.stderr)
        XCTAssertTrue(added.stderr.contains("row 4") && added.stderr.contains("not a date"), added.stderr)
        XCTAssertTrue(added.stdout.contains("2 cases added"), added.stdout)
        let twice = try forestmap("cases", "add", reports.path, "--config", config, "--register", register)
        XCTAssertTrue(twice.stdout.contains("0 cases added, 2 already in the register"), twice.stdout)
        let patrol = try forestmap("cases", "list", "--register", register, "--status", "open", "--as-of", "2022-03-11")
        XCTAssertTrue(patrol.stdout.contains(",patrol,") && patrol.stdout.contains(",public,"), patrol.stdout)
        XCTAssertTrue(patrol.stdout.contains("520111008-2021-"), "the first report lies in 黄河路街道: \(patrol.stdout)")
        // Without the config's townships, a report without township_code names none: refused.
        let another = folder.appendingPathComponent("another.csv")
        try Data("date,source,description,lon,lat\r\n2021-07-01,patrol,采石,106.66804,26.55066\r\n".utf8).write(to: another)
        let alone = try forestmap("cases", "add", another.path, "--register", register)
        XCTAssertEqual(alone.status, 3, alone.stderr)
        XCTAssertTrue(alone.stderr.contains("no township"), alone.stderr)
    }

    func testTheRegisterMustBeNamedAndExist() throws {
        XCTAssertEqual(try forestmap("cases", "list").status, 64)
        assertOneLineError(try forestmap("cases", "list", "--register", folder.appendingPathComponent("none.gpkg").path),
                           status: 2, contains: ["none.gpkg", "no case register"])
        let notAForm = folder.appendingPathComponent("x.xlsx").path
        let book = try Workbook(path: notAForm)
        try book.addWorksheet(named: "a").write(.text("hello"), row: 0, column: 0)
        try book.close()
        let register = folder.appendingPathComponent("cases.gpkg").path
        XCTAssertEqual(try forestmap("run", config, "--out", folder.appendingPathComponent("run").path, "--register", register).status, 0)
        assertOneLineError(try forestmap("cases", "import", notAForm, "--register", register), status: 2, contains: ["x.xlsx", "核查表"])
    }
}

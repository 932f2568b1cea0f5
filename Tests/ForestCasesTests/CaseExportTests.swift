import Foundation
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif
import Geo
@testable import ForestCases
@testable import ForestMap
@testable import ForestMapCore
@testable import ForestTestSupport

/// `cases export` on the register SampleData's annual run makes (19 open cases as of 2022-03-01): the field forms
/// (and the round trip: filled in and imported, they apply), the KML, a dossier per case, the PDFs with chromium.
final class CaseExportTests: XCTestCase {
    struct Made: Sendable {
        var folder: URL
        var register: URL
        var config: ForestMapConfig
    }

    static let asOf = CaseDate(text: "2022-03-01")!

    /// The register of one annual run on SampleData, made once for the class.
    static let made: Result<Made, any Error> = Result {
        let folder = try Fixtures.temporaryFolder()
        let configPath = Repository.sampleData.appendingPathComponent("forestmap.toml").path
        var request = AnnualRun.Request(configPath: configPath)
        let register = folder.appendingPathComponent("register.gpkg")
        request.register = SourceReference(path: register.path)
        request.outputFolder = folder.appendingPathComponent("run").path
        request.asOf = asOf
        request.progress = false
        _ = try AnnualRun.perform(request, print: false)
        return Made(folder: folder, register: register, config: try ForestMapConfig.load(path: configPath))
    }

    override class func tearDown() {
        if case .success(let m) = made { try? FileManager.default.removeItem(at: m.folder) }
        super.tearDown()
    }

    /// A copy of the register of the test's own (the round trip writes to it).
    private func registerCopy(_ m: Made) throws -> SourceReference {
        let copy = m.folder.appendingPathComponent("register-\(UUID().uuidString).gpkg")
        try FileManager.default.copyItem(at: m.register, to: copy)
        addTeardownBlock { try? FileManager.default.removeItem(at: copy) }
        return SourceReference(path: copy.path)
    }

    private func export(_ m: Made, register: SourceReference? = nil, township: String? = nil, browser: String? = nil,
                        overwrite: Bool = false, out: URL? = nil) throws -> (CaseExport.Outcome, URL) {
        let dir = out ?? m.folder.appendingPathComponent("export-\(UUID().uuidString)")
        var request = CaseExport.Request(out: dir.path, location: register ?? SourceReference(path: m.register.path), config: m.config, asOf: Self.asOf)
        request.township = township
        request.browser = browser
        request.overwrite = overwrite
        return (try CaseExport.perform(request), dir)
    }

    private func openCases(_ m: Made) throws -> [RegisterCase] {
        let state = try CaseRegister.openExisting(SourceReference(path: m.register.path)).read()
        return CaseListing.cases(state, filter: .open, township: nil, asOf: Self.asOf, settings: m.config.cases)
    }

    func testWritesFormsKMLAndOneDossierPerOpenCase() throws {
        let m = try Self.made.get()
        let open = try openCases(m)
        XCTAssertEqual(open.count, 19, "SampleData's run opens 19 cases")
        let (outcome, dir) = try export(m)
        XCTAssertEqual(outcome.cases, 19)
        XCTAssertEqual(outcome.dossiers, 19)
        XCTAssertEqual(outcome.pdfs, 0)
        XCTAssertNotNil(outcome.note, "without a browser the command says the dossiers are HTML only")
        let fm = FileManager.default
        XCTAssertTrue(fm.fileExists(atPath: dir.appendingPathComponent(CaseFieldForms.fileName).path))
        XCTAssertTrue(fm.fileExists(atPath: dir.appendingPathComponent(CaseExport.kmlName).path))
        XCTAssertTrue(fm.fileExists(atPath: dir.appendingPathComponent(OutputFolder.marker).path))
        let dossiers = try fm.contentsOfDirectory(atPath: dir.appendingPathComponent(CaseExport.dossierFolder).path).sorted()
        XCTAssertEqual(dossiers, open.map { "\($0.caseID).html" }.sorted())

        let state = try CaseRegister.openExisting(SourceReference(path: m.register.path)).read()
        var permitsDrawn = 0, townshipsDrawn = 0
        for c in open {
            let html = try String(contentsOf: dir.appendingPathComponent("\(CaseExport.dossierFolder)/\(c.caseID).html"), encoding: .utf8)
            XCTAssertTrue(html.contains("<title>办案卷宗 \(c.caseID)</title>"), c.caseID)
            XCTAssertTrue(html.contains("@page { size: A4"), c.caseID)
            XCTAssertTrue(html.contains(c.townshipCode), c.caseID)
            XCTAssertTrue(html.contains("办理历史"), c.caseID)
            let history = state.history(of: c.caseID)
            XCTAssertFalse(history.isEmpty)
            for e in history { XCTAssertTrue(html.contains(MarkupText.escape(e.notes)), "\(c.caseID): \(e.notes)") }
            XCTAssertTrue(html.contains(CaseEvent.Kind.detected.chineseName), c.caseID)
            // The map: the patch as a path, both years' sub-compartments, coordinates.
            XCTAssertNotNil(html.range(of: #"<path class="case-patch" id="case-patch" d="M[0-9]"#, options: .regularExpression), c.caseID)
            XCTAssertTrue(html.contains("<path class=\"previous\""), c.caseID)
            XCTAssertTrue(html.contains("<path class=\"current\""), c.caseID)
            XCTAssertTrue(html.contains(FixedDecimal(c.longitude, decimals: 7).text), c.caseID)
            XCTAssertTrue(html.contains(FixedDecimal(c.x, decimals: 2).text), c.caseID)
            XCTAssertTrue(html.contains("许可核查"), c.caseID)
            if html.contains("<path class=\"permit\"") { permitsDrawn += 1 }
            if html.contains("<path class=\"township\"") { townshipsDrawn += 1 }
            XCTAssertFalse(html.contains("<script"), "a dossier is a plain page")
        }
        XCTAssertEqual(townshipsDrawn, 19, "every map has its township boundary")
        XCTAssertGreaterThan(permitsDrawn, 0, "some cases lie near a permit's red line")

        // The KML: well-formed XML, one placemark per open case named by its case_id.
        let parser = XMLParser(contentsOf: dir.appendingPathComponent(CaseExport.kmlName))!
        let names = PlacemarkNames()
        parser.delegate = names
        XCTAssertTrue(parser.parse(), parser.parserError.map { "\($0)" } ?? "")
        XCTAssertEqual(names.placemarks, 19)
        XCTAssertEqual(names.names.sorted(), open.map(\.caseID).sorted())
        XCTAssertEqual(names.polygons, 19, "every change case has its outline")
    }

    func testFormsListOverdueFirstWithHistoryAndDropDowns() throws {
        let m = try Self.made.get()
        let (_, dir) = try export(m)
        let file = dir.appendingPathComponent(CaseFieldForms.fileName).path
        let book = try Spreadsheet(reading: file)
        var ids: [String] = []
        for sheet in book.sheets {
            let headerRow = try XCTUnwrap(sheet.rows.firstIndex { $0.contains("核查编号") })
            let header = sheet.rows[headerRow]
            XCTAssertEqual(Array(header.prefix(14)), ["序号", "核查编号", "来源", "案件状态", "立案日期", "案龄（天）", "逾期", "面积（公顷）",
                                                     "经度（CGCS2000）", "纬度（CGCS2000）", "X坐标", "Y坐标", "问题描述", "历史"])
            XCTAssertEqual(Array(header.suffix(7)), CaseFieldForms.fieldColumns)
            let history = header.firstIndex(of: "历史")!
            for row in sheet.rows.dropFirst(headerRow + 1) where row.first != "合计" && !(row.count > 1 ? row[1] : "").isEmpty {
                guard row[0] != "" , Int(row[0]) != nil else { continue }
                ids.append(row[1])
                XCTAssertTrue(row[history].contains("变化检测发现"), row[1])
                XCTAssertTrue(row[history].hasPrefix("2022-03-01"), row[history])
            }
        }
        XCTAssertEqual(ids.sorted(), try openCases(m).map(\.caseID).sorted())
        // The drop-downs carry exactly the status table's values.
        let xml = try Self.unzip(file, "xl/worksheets/sheet1.xml")
        XCTAssertTrue(xml.contains("\"\(CaseStatus.verdictValues.joined(separator: ","))\""), "verdict drop-down")
        XCTAssertTrue(xml.contains("\"\(CaseStatus.handlingValues.joined(separator: ","))\""), "handling drop-down")

        // Overdue cases first: confirmed long before a later as-of day, they lead their township's sheet.
        let register = try registerCopy(m)
        let target = try XCTUnwrap(try openCases(m).last)
        let filled = try Self.fill(file, into: m.folder, rows: [target.caseID: ("属实", "", "2022-03-02")])
        let applied = try FieldFormImport.perform([filled], into: CaseRegister.openExisting(register), today: CaseDate(text: "2022-03-31")!)
        XCTAssertEqual(applied.applied, 1)
        var request = CaseExport.Request(out: m.folder.appendingPathComponent("later-\(UUID().uuidString)").path, location: register, config: m.config,
                                         asOf: CaseDate(text: "2022-12-31")!)
        request.browser = nil
        request.township = target.townshipCode
        _ = try CaseExport.perform(request)
        let later = try Spreadsheet(reading: request.out + "/" + CaseFieldForms.fileName)
        let sheet = later.sheets[0]
        let first = sheet.rows[sheet.rows.firstIndex { $0.contains("核查编号") }! + 1]
        XCTAssertEqual(first[1], target.caseID, "the overdue case comes first")
        XCTAssertEqual(first[6], "是")
        XCTAssertEqual(first[3], "属实（逾期）")
    }

    /// The exported form, filled in as a field team does and imported with `cases import`, applies; importing it
    /// again changes nothing.
    func testFilledFormImportsBack() throws {
        let m = try Self.made.get()
        let register = try registerCopy(m)
        let (_, dir) = try export(m, register: register)
        let open = try openCases(m)
        XCTAssertGreaterThanOrEqual(open.count, 4)
        let answers: [String: (String, String, String)] = [
            open[0].caseID: ("不属实", "", "2022-03-05"),
            open[1].caseID: ("属实", "已立案", "2022/3/6"),
            open[2].caseID: ("属实", "已整改", "2022年3月7日"),
            open[3].caseID: ("属实", "", "2022-03-08"),
        ]
        let filled = try Self.fill(dir.appendingPathComponent(CaseFieldForms.fileName).path, into: m.folder, rows: answers)
        let today = CaseDate(text: "2022-03-31")!
        let outcome = try FieldFormImport.perform([filled], into: CaseRegister.openExisting(register), today: today)
        XCTAssertEqual(outcome.refused, [], outcome.refused.map(\.line).joined(separator: "\n"))
        XCTAssertEqual(outcome.applied, 4)
        XCTAssertEqual(outcome.closed, 2)
        let state = try CaseRegister.openExisting(register).read()
        XCTAssertEqual(state.cases[open[0].caseID]?.status, .notAChange)
        XCTAssertEqual(state.cases[open[1].caseID]?.status, .filed)
        XCTAssertEqual(state.cases[open[2].caseID]?.status, .rectified)
        XCTAssertEqual(state.cases[open[3].caseID]?.status, .confirmed)
        XCTAssertEqual(state.history(of: open[1].caseID).last?.who, "张三")
        let again = try FieldFormImport.perform([filled], into: CaseRegister.openExisting(register), today: today)
        XCTAssertEqual(again.applied, 0)
        XCTAssertEqual(again.unchanged, 4)

        // The next export lists only the cases still open.
        let (next, _) = try export(m, register: register)
        XCTAssertEqual(next.cases, 17)
    }

    /// A patrol's case is a point: its dossier marks the point, its placemark has no outline.
    func testReportedCaseIsAPoint() throws {
        let m = try Self.made.get()
        let register = try registerCopy(m)
        let near = try XCTUnwrap(try openCases(m).first)
        let csv = m.folder.appendingPathComponent("patrol-\(UUID().uuidString).csv")
        try """
        date,source,description,lon,lat,township_code,who
        2022-02-20,巡查,林下堆放<建筑垃圾> & 疑似毁林,\(near.longitude + 0.002),\(near.latitude),\(near.townshipCode),李四

        """.write(to: csv, atomically: true, encoding: .utf8)
        let added = try ReportedCases.perform(csv.path, into: CaseRegister.openExisting(register), townships: nil, today: Self.asOf)
        XCTAssertEqual(added.added.count, 1, added.refused.map(\.line).joined(separator: "\n"))
        let id = try XCTUnwrap(added.added.first)
        let (outcome, dir) = try export(m, register: register, township: near.townshipCode)
        XCTAssertEqual(outcome.cases, try openCases(m).filter { $0.townshipCode == near.townshipCode }.count + 1)
        let html = try String(contentsOf: dir.appendingPathComponent("\(CaseExport.dossierFolder)/\(id).html"), encoding: .utf8)
        XCTAssertTrue(html.contains("<circle class=\"case-patch\""))
        XCTAssertTrue(html.contains("林下堆放&lt;建筑垃圾&gt; &amp; 疑似毁林"), "text is escaped")
        XCTAssertFalse(html.contains("<建筑垃圾>"))
        XCTAssertTrue(html.contains("李四"))
        let kml = try String(contentsOf: dir.appendingPathComponent(CaseExport.kmlName), encoding: .utf8)
        let placemark = try XCTUnwrap(kml.components(separatedBy: "<Placemark>").first { $0.hasPrefix("<name>\(id)</name>") })
        XCTAssertTrue(placemark.contains("<Point>"))
        XCTAssertFalse(placemark.contains("<Polygon>"))
    }

    func testTownshipFilterAndAllOrNothing() throws {
        let m = try Self.made.get()
        let open = try openCases(m)
        let code = try XCTUnwrap(open.first?.townshipCode)
        let (outcome, dir) = try export(m, township: code)
        XCTAssertEqual(outcome.cases, open.filter { $0.townshipCode == code }.count)
        XCTAssertEqual(outcome.townships, 1)
        XCTAssertEqual(try Spreadsheet(reading: dir.appendingPathComponent(CaseFieldForms.fileName).path).sheets.count, 1)
        // An existing folder is replaced only with overwrite.
        XCTAssertThrowsError(try export(m, township: code, out: dir))
        XCTAssertNoThrow(try export(m, overwrite: true, out: dir))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent(CaseExport.dossierFolder).path).count, 19)
        // A browser that fails leaves nothing behind.
        let failed = m.folder.appendingPathComponent("failed-\(UUID().uuidString)")
        XCTAssertThrowsError(try export(m, township: code, browser: "/bin/false", out: failed)) { error in
            XCTAssertTrue("\(error)".contains("no PDF"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: failed.path))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: m.folder.path).filter { $0.hasPrefix(failed.lastPathComponent) }
        XCTAssertEqual(leftovers, [], "no staging folder is left")
    }

    /// With chromium (CI installs it: Scripts/bootstrap --test), every dossier is also a PDF.
    func testDossiersPrintToPDFWithChromium() throws {
        guard let browser = CaseExport.findBrowser() else {
            if ProcessInfo.processInfo.environment["CI"] == "true" {
                XCTFail("chromium not installed: CI must run the tests through Scripts/test")
                return
            }
            throw XCTSkip("chromium not installed: run Scripts/bootstrap --test")
        }
        let m = try Self.made.get()
        let open = try openCases(m)
        let code = try XCTUnwrap(open.first?.townshipCode)
        let (outcome, dir) = try export(m, township: code, browser: browser)
        XCTAssertNil(outcome.note)
        XCTAssertEqual(outcome.pdfs, outcome.dossiers)
        for c in open where c.townshipCode == code {
            let pdf = try Data(contentsOf: dir.appendingPathComponent("\(CaseExport.dossierFolder)/\(c.caseID).pdf"))
            XCTAssertEqual(String(decoding: pdf.prefix(5), as: UTF8.self), "%PDF-", c.caseID)
            // One A4 page: 595 x 842 points.
            let text = String(decoding: pdf, as: UTF8.self)
            XCTAssertEqual(Self.matches(#"/Count (\d+)"#, in: text).first, ["1"], "\(c.caseID): one page")
            let box = try XCTUnwrap(Self.matches(#"/MediaBox \[\s*0 0 ([0-9.]+) ([0-9.]+)\s*\]"#, in: text).first, c.caseID).compactMap(Double.init)
            XCTAssertEqual(box[0], 595.3, accuracy: 1, "\(c.caseID): A4")
            XCTAssertEqual(box[1], 841.9, accuracy: 1, "\(c.caseID): A4")
        }
    }

    // MARK: helpers

    /// Writes a copy of an exported 核查表 with some rows filled in (case_id → 核查结论, 处理情况, 核查日期; 核查人 张三),
    /// every cell as text, as a field team's workbook comes back.
    static func fill(_ path: String, into folder: URL, rows answers: [String: (String, String, String)]) throws -> String {
        let book = try Spreadsheet(reading: path)
        let out = folder.appendingPathComponent("filled-\(UUID().uuidString).xlsx").path
        let workbook = try Workbook(path: out)
        for sheet in book.sheets {
            let ws = try workbook.addWorksheet(named: sheet.name)
            let headerRow = sheet.rows.firstIndex { $0.contains("核查编号") }
            let header = headerRow.map { sheet.rows[$0] } ?? []
            func column(_ prefix: String) -> Int { header.firstIndex { $0.hasPrefix(prefix) }! }
            for (r, cells) in sheet.rows.enumerated() {
                var cells = cells
                if let headerRow, r > headerRow, cells.count > 1, let answer = answers[cells[1]] {
                    while cells.count < header.count { cells.append("") }
                    cells[column("核查结论")] = answer.0
                    cells[column("处理情况")] = answer.1
                    cells[column("核查日期")] = answer.2
                    cells[column("核查人")] = "张三"
                    cells[column("实地现状")] = "已建房"
                }
                for (c, text) in cells.enumerated() where !text.isEmpty { try ws.write(.text(text), row: r, column: c) }
            }
        }
        try workbook.close()
        return out
    }

    /// The capture groups of every match of `pattern`.
    static func matches(_ pattern: String, in text: String) -> [[String]] {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { m in
            (1..<m.numberOfRanges).map { Range(m.range(at: $0), in: text).map { String(text[$0]) } ?? "" }
        }
    }

    static func unzip(_ file: String, _ member: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        process.arguments = ["-p", file, member]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

/// Counts a KML's placemarks, their names and polygons.
private final class PlacemarkNames: NSObject, XMLParserDelegate {
    var placemarks = 0, polygons = 0
    var names: [String] = []
    private var inPlacemark = false, inName = false, text = ""
    private var placemarkHasPolygon = false

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch element {
        case "Placemark": placemarks += 1; inPlacemark = true; placemarkHasPolygon = false
        case "name" where inPlacemark: inName = true; text = ""
        case "Polygon" where inPlacemark && !placemarkHasPolygon: placemarkHasPolygon = true; polygons += 1
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if inName { text += string } }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        if element == "name", inName { names.append(text); inName = false }
        if element == "Placemark" { inPlacemark = false }
    }
}

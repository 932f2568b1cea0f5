import Foundation
import XCTest
@testable import Geo

final class WorkbookTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(at: directory)
    }

    /// A small 附表-style table: merged title, headers, formatted numbers, a frozen header.
    func testWritesFormattedChineseTable() throws {
        let path = directory.appendingPathComponent("附表1.xlsx").path
        let workbook = try Workbook(path: path)
        let sheet = try workbook.addWorksheet(named: "附表1 各地类面积统计")
        let title = CellFormat(bold: true, fontSize: 16, fontName: "宋体", horizontal: .center)
        let header = CellFormat(bold: true, fontName: "宋体", horizontal: .center, border: true, wrap: true, background: 0xD9E1F2)
        let area = CellFormat(numberFormat: "#,##0.0000", horizontal: .right, border: true, fontColor: 0x000000)

        try sheet.merge("2024年度森林资源管理一张图地类面积统计表", firstRow: 0, firstColumn: 0, lastRow: 0, lastColumn: 2, format: title)
        for (column, name) in ["地类", "面积（公顷）", "比例"].enumerated() {
            try sheet.write(.text(name), row: 1, column: column, format: header)
            try sheet.setColumnWidth(column, width: 18)
        }
        try sheet.write(.text("乔木林地"), row: 2, column: 0, format: header)
        try sheet.write(.number(1234.56789), row: 2, column: 1, format: area)
        try sheet.write(.number(0.125), row: 2, column: 2, format: CellFormat(numberFormat: "0.0%", border: true))
        try sheet.write(.integer(42), row: 3, column: 1, format: area)
        try sheet.write(.formula("=SUM(B3:B4)"), row: 4, column: 1, format: area)
        try sheet.write(.empty, row: 4, column: 2, format: area)
        try sheet.setRowHeight(0, height: 30)
        sheet.freezePanes(row: 2, column: 0)
        sheet.setLandscape()
        sheet.fitToPages(width: 1, height: 0)
        XCTAssertEqual(workbook.formats.count, 4, "one C format per distinct CellFormat")
        try workbook.close()
        try workbook.close()  // idempotent

        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        XCTAssertEqual(Array(bytes.prefix(4)), Array("PK\u{3}\u{4}".utf8))

        let strings = try zipEntry(path, "xl/sharedStrings.xml")
        XCTAssertTrue(strings.contains("2024年度森林资源管理一张图地类面积统计表"))
        XCTAssertTrue(strings.contains("面积（公顷）"))

        let xml = try zipEntry(path, "xl/worksheets/sheet1.xml")
        XCTAssertTrue(xml.contains("<v>1234.56789</v>"), xml)
        XCTAssertTrue(xml.contains("<v>42</v>"), xml)
        XCTAssertTrue(xml.contains("<f>SUM(B3:B4)</f>"), xml)
        XCTAssertTrue(xml.contains(#"<pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/>"#), xml)
        XCTAssertTrue(xml.contains(#"<mergeCell ref="A1:C1"/>"#), xml)
        XCTAssertTrue(xml.contains(#"<c r="C5" s="#), "blank cell with a format is written: \(xml)")
        XCTAssertTrue(xml.contains(#"orientation="landscape""#), xml)
        XCTAssertTrue(xml.contains(#"<pageSetUpPr fitToPage="1"/>"#) && xml.contains(#"fitToHeight="0""#), xml)

        let styles = try zipEntry(path, "xl/styles.xml")
        XCTAssertTrue(styles.contains(##"formatCode="#,##0.0000""##), styles)
        XCTAssertTrue(styles.contains(#"formatCode="0.0%""#), styles)
        XCTAssertTrue(styles.contains(#"<name val="宋体"/>"#), styles)
        XCTAssertTrue(styles.contains(#"rgb="FFD9E1F2""#), styles)
        XCTAssertTrue(styles.contains(#"<color rgb="FF000000"/>"#), "black font colour is not dropped: \(styles)")

        let book = try zipEntry(path, "xl/workbook.xml")
        XCTAssertTrue(book.contains(#"name="附表1 各地类面积统计""#), book)
    }

    /// NaN and infinities become empty cells (a format keeps a blank, none writes nothing); long text is cut to 32767.
    func testNonFiniteNumbersAndLongText() throws {
        let path = directory.appendingPathComponent("edge.xlsx").path
        let workbook = try Workbook(path: path)
        let sheet = try workbook.addWorksheet(named: "Sheet1")
        try sheet.write(.number(.nan), row: 0, column: 0)
        try sheet.write(.number(.infinity), row: 0, column: 1, format: CellFormat(border: true))
        try sheet.write(.number(-.infinity), row: 0, column: 2)
        try sheet.write(.text(String(repeating: "林", count: 40_000)), row: 1, column: 0)
        try workbook.close()

        let xml = try zipEntry(path, "xl/worksheets/sheet1.xml")
        XCTAssertFalse(xml.lowercased().contains("nan"), xml)
        XCTAssertFalse(xml.lowercased().contains("inf"), xml)
        XCTAssertFalse(xml.contains(#"r="A1""#), xml)
        XCTAssertTrue(xml.contains(#"<c r="B1" s="#), xml)
        XCTAssertFalse(xml.contains(#"r="C1""#), xml)
        let strings = try zipEntry(path, "xl/sharedStrings.xml")
        let longest = strings.split(separator: "<t>").map { $0.prefix { $0 != "<" }.count }.max()
        XCTAssertEqual(longest, 32767)
    }

    func testUnwritablePathNamesThePath() throws {
        let path = directory.appendingPathComponent("no/such/dir/out.xlsx").path
        let workbook = try Workbook(path: path)
        try workbook.addWorksheet(named: "Sheet1").write(.number(1), row: 0, column: 0)
        XCTAssertThrowsError(try workbook.close()) { error in
            let message = (error as? XLSXError)?.message ?? ""
            XCTAssertTrue(message.contains(path), message)
            XCTAssertTrue(message.contains("no such file or directory"), message)
        }
        XCTAssertNoThrow(try workbook.close(), "a failed close still closes")
    }

    func testInvalidSheetNamesThrow() throws {
        let workbook = try Workbook(path: directory.appendingPathComponent("names.xlsx").path)
        XCTAssertNoThrow(try workbook.addWorksheet(named: String(repeating: "表", count: 31)))
        for name in [String(repeating: "表", count: 32), "附表[1]", "a/b", "'quoted'", ""] {
            XCTAssertThrowsError(try workbook.addWorksheet(named: name), name) { error in
                XCTAssertTrue((error as? XLSXError)?.message.contains("\"\(name)\"") == true, "\(error)")
            }
        }
        _ = try workbook.addWorksheet(named: "附表1")
        XCTAssertThrowsError(try workbook.addWorksheet(named: "附表1"), "duplicate name")
        try workbook.close()
    }

    func testCellErrorsNameSheetAndCell() throws {
        let workbook = try Workbook(path: directory.appendingPathComponent("cells.xlsx").path)
        let sheet = try workbook.addWorksheet(named: "附表1")
        XCTAssertThrowsError(try sheet.write(.number(1), row: -1, column: 0)) { error in
            XCTAssertTrue("\(error)".hasPrefix("sheet 附表1, cell (row -1, column 0): "), "\(error)")
        }
        XCTAssertThrowsError(try sheet.write(.text("x"), row: 4, column: 16384))
        XCTAssertThrowsError(try sheet.merge("单格", firstRow: 4, firstColumn: 2, lastRow: 4, lastColumn: 2)) { error in
            XCTAssertTrue("\(error)".hasPrefix("sheet 附表1, range C5:C5: "), "\(error)")
        }
        XCTAssertThrowsError(try sheet.write(.number(1), row: 0, column: 0, format: CellFormat(fontSize: .nan)))
        XCTAssertThrowsError(try sheet.setColumnWidth(0, width: -1))
        XCTAssertThrowsError(try sheet.setRowHeight(1_048_576, height: 20))
        try workbook.close()
        XCTAssertThrowsError(try sheet.write(.number(1), row: 0, column: 0)) { error in
            XCTAssertTrue("\(error)".contains("already closed"), "\(error)")
        }
    }

    func testCellNames() {
        XCTAssertEqual(Worksheet.cell(4, 2), "C5")
        XCTAssertEqual(Worksheet.cell(0, 25), "Z1")
        XCTAssertEqual(Worksheet.cell(0, 26), "AA1")
        XCTAssertEqual(Worksheet.cell(1_048_575, 16383), "XFD1048576")
    }

    /// One entry of the .xlsx (a ZIP of deflated XML), read with Python's standard zipfile module.
    private func zipEntry(_ path: String, _ entry: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [
            "-c", "import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))",
            path, entry,
        ]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "python3 could not read \(entry) from \(path)")
        return String(decoding: data, as: UTF8.self)
    }
}

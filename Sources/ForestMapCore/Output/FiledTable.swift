import Foundation
import Geo

/// A table in the form an office files it (报表): a title merged across the table, the reporting unit
/// (填报单位), date and unit lines, Chinese headers, number formats, a frozen header, a totals row, and notes.
public struct FiledTable: Sendable {
    public enum Kind: Sendable { case text, integer, number(decimals: Int), percent(decimals: Int) }

    public struct Column: Sendable {
        public var header: String
        public var kind: Kind
        public var width: Double
        /// The only values the column's data cells take, offered as a drop-down list (data validation).
        public var choices: [String]?
        public init(_ header: String, _ kind: Kind, width: Double = 12, choices: [String]? = nil) {
            self.header = header
            self.kind = kind
            self.width = width
            self.choices = choices
        }
    }

    public var sheetName: String
    public var title: String
    public var reportingUnit: String
    public var date: String
    /// e.g. "单位：公顷、亩".
    public var unitLine: String
    public var columns: [Column]
    public var rows: [[CellValue]]
    public var totals: [CellValue]?
    public var notes: [String]
    /// Lines under the notes, e.g. "填表人：　　　审核人：" for the signatures a filed table carries.
    public var footer: [String] = []
    /// Cells of `rows` (row, column) printed in red: a target not met.
    public var flagged: Set<[Int]> = []

    public init(sheetName: String, title: String, reportingUnit: String, date: String, unitLine: String,
                columns: [Column], rows: [[CellValue]], totals: [CellValue]? = nil, notes: [String] = []) {
        self.sheetName = sheetName
        self.title = title
        self.reportingUnit = reportingUnit
        self.date = date
        self.unitLine = unitLine
        self.columns = columns
        self.rows = rows
        self.totals = totals
        self.notes = notes
    }

    /// Writes the tables, one sheet each, into a new workbook at `url`.
    public static func write(_ tables: [FiledTable], to url: URL) throws {
        let workbook = try Workbook(path: url.path)
        for table in tables { try table.write(into: workbook.addWorksheet(named: table.sheetName)) }
        try workbook.close()
    }

    private static let font = "宋体"

    package func write(into sheet: Worksheet) throws {
        let last = columns.count - 1
        let titleFormat = CellFormat(bold: true, fontSize: 16, fontName: Self.font, horizontal: .center)
        let lineFormat = CellFormat(fontSize: 10, fontName: Self.font, horizontal: .left)
        let rightFormat = CellFormat(fontSize: 10, fontName: Self.font, horizontal: .right)
        let headerFormat = CellFormat(bold: true, fontSize: 10, fontName: Self.font, horizontal: .center, border: true, wrap: true, background: 0xDDEBF7)

        try Self.span(title, row: 0, from: 0, to: last, format: titleFormat, in: sheet)
        try sheet.setRowHeight(0, height: 28)
        let half = max(0, last / 2)
        try Self.span("填报单位：\(reportingUnit)", row: 1, from: 0, to: half, format: lineFormat, in: sheet)
        if half + 1 <= last {
            try Self.span("填报日期：\(date)    \(unitLine)", row: 1, from: half + 1, to: last, format: rightFormat, in: sheet)
        }
        for (c, column) in columns.enumerated() {
            try sheet.write(.text(column.header), row: 2, column: c, format: headerFormat)
            try sheet.setColumnWidth(c, width: column.width)
        }
        try sheet.setRowHeight(2, height: 30)
        sheet.freezePanes(row: 3, column: 0)
        var row = 3
        for (r, values) in rows.enumerated() {
            try writeRow(values, at: row, into: sheet, bold: false, flaggedColumns: Set(flagged.filter { $0[0] == r }.map { $0[1] }))
            row += 1
        }
        for (c, column) in columns.enumerated() where !rows.isEmpty {
            if let choices = column.choices {
                try sheet.dropDown(choices, column: c, firstRow: 3, lastRow: 3 + rows.count - 1,
                                   message: "\(column.header)：请从下拉列表选择 choose one of: \(choices.joined(separator: "、"))")
            }
        }
        if let totals {
            try writeRow(totals, at: row, into: sheet, bold: true)
            row += 1
        }
        for note in notes {
            try Self.span(note, row: row, from: 0, to: last, format: CellFormat(fontSize: 9, fontName: Self.font, horizontal: .left, wrap: true), in: sheet)
            row += 1
        }
        for line in footer {
            try sheet.setRowHeight(row, height: 24)
            try Self.span(line, row: row, from: 0, to: last, format: CellFormat(fontSize: 11, fontName: Self.font, horizontal: .left), in: sheet)
            row += 1
        }
        sheet.setLandscape()
        sheet.fitToPages(width: 1, height: 0)
    }

    /// Text across columns `from...to` of a row: merged when it spans several, written when it is one cell.
    private static func span(_ text: String, row: Int, from: Int, to: Int, format: CellFormat, in sheet: Worksheet) throws {
        if to > from {
            try sheet.merge(text, firstRow: row, firstColumn: from, lastRow: row, lastColumn: to, format: format)
        } else {
            try sheet.write(.text(text), row: row, column: from, format: format)
        }
    }

    private func writeRow(_ values: [CellValue], at row: Int, into sheet: Worksheet, bold: Bool, flaggedColumns: Set<Int> = []) throws {
        for (c, value) in values.enumerated() where c < columns.count {
            var format = CellFormat(bold: bold, fontSize: 10, fontName: Self.font, border: true, fontColor: flaggedColumns.contains(c) ? 0xC00000 : nil)
            switch columns[c].kind {
            case .text: format.horizontal = .left
            case .integer: format.numberFormat = "#,##0"; format.horizontal = .right
            case .number(let d): format.numberFormat = d == 0 ? "#,##0" : "#,##0." + String(repeating: "0", count: d); format.horizontal = .right
            case .percent(let d): format.numberFormat = d == 0 ? "0%" : "0." + String(repeating: "0", count: d) + "%"; format.horizontal = .right
            }
            try sheet.write(value, row: row, column: c, format: format)
        }
    }
}

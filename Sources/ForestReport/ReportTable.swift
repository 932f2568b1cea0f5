import Foundation
import Geo
import ForestMapCore

extension ReportInput.Table {
    /// A filed table (the XLSX sheet's content) as the report shows it: numbers with the column's decimals and
    /// thousands separators, percentages (stored as shares) × 100 with "%", formulas left empty (only a
    /// spreadsheet computes them). The reporting unit and date are the report's own, so they are not repeated.
    public init(_ filed: FiledTable) {
        func text(_ value: CellValue, _ column: Int) -> String {
            let kind = column < filed.columns.count ? filed.columns[column].kind : .text
            switch value {
            case .text(let s): return s
            case .empty, .formula: return ""
            case .integer(let n): return Self.grouped(Double(n), decimals: 0)
            case .number(let v):
                guard v.isFinite else { return "" }
                switch kind {
                case .number(let d): return Self.grouped(v, decimals: d)
                case .percent(let d): return Self.grouped(v * 100, decimals: d) + "%"
                case .integer: return Self.grouped(v, decimals: 0)
                case .text: return Self.grouped(v, decimals: v == v.rounded() ? 0 : 4)
                }
            }
        }
        self.init(title: filed.title, headers: filed.columns.map(\.header),
                  rows: filed.rows.map { $0.enumerated().map { text($1, $0) } },
                  totals: filed.totals.map { $0.enumerated().map { text($1, $0) } },
                  notes: (filed.unitLine.isEmpty ? [] : [filed.unitLine]) + filed.notes)
    }

    /// "12,345.67": as Excel shows the filed number format #,##0.00.
    private static func grouped(_ v: Double, decimals: Int) -> String {
        let plain = String(format: "%.\(decimals)f", v)
        let negative = plain.hasPrefix("-")
        let digits = negative ? String(plain.dropFirst()) : plain
        let parts = digits.split(separator: ".", maxSplits: 1)
        var whole = String(parts[0])
        var groups: [String] = []
        while whole.count > 3 {
            groups.insert(String(whole.suffix(3)), at: 0)
            whole.removeLast(3)
        }
        groups.insert(whole, at: 0)
        let joined = groups.joined(separator: ",") + (parts.count > 1 ? "." + parts[1] : "")
        return (negative && joined.contains(where: { $0 != "0" && $0 != "." && $0 != "," }) ? "-" : "") + joined
    }
}

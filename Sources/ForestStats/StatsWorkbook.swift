import Foundation
import Geo
import ForestMapCore

/// The filed workbook of `forestmap stats` (统计报表): the table in hectares, the same in mu, and the comparison by
/// XIANG attribute, each with title, 填报单位, date and unit lines, Chinese headers, totals and notes.
package enum StatsWorkbook {
    package static func tables(_ stats: ForestStatistics, hectares: ClosingTable, mu: ClosingTable, comparison: XiangComparison?,
                       reportingUnit: String, date: String) -> [FiledTable] {
        let level = stats.grouping == .township ? "乡镇" : "村"
        let notes = stats.notes + [
            "面积按最大余数法取整（公顷4位、亩2位、蓄积1位小数），各行之和等于合计行；合计行覆盖率由合计数计算 — rows add up to the total as written",
        ]
        var out = [hectares, mu].map { t in
            FiledTable(sheetName: "\(level)统计(\(t.unit.chinese))", title: "\(stats.districtName)各\(level)森林资源统计表",
                       reportingUnit: reportingUnit, date: date, unitLine: "单位：\(t.unit.chinese)、立方米、%",
                       columns: columns(stats.grouping, unit: t.unit), rows: t.rows.map { cells($0, stats.grouping) },
                       totals: cells(t.total, stats.grouping),
                       notes: notes + (t.unit == .mu ? ["森林覆盖率按公顷数计算，与公顷表相同 — coverage as in the hectare sheet"] : []))
        }
        // A filed table has one totals row: the total without the Gui'an townships is the first note.
        if let extra = hectares.extraTotals.first, let extraMu = mu.extraTotals.first {
            out[0].notes.insert(summary(extra, unit: .hectare), at: 0)
            out[1].notes.insert(summary(extraMu, unit: .mu), at: 0)
        }
        if let comparison {
            var columns = [FiledTable.Column("乡镇代码", .text, width: 12), FiledTable.Column("乡镇名称", .text, width: 18)]
            for m in XiangComparison.Measure.allCases {
                let unit = m == .coverage ? "%" : "公顷"
                columns += [FiledTable.Column("\(m.chinese)\n按属性(\(unit))", .number(decimals: m.decimals), width: 14),
                            FiledTable.Column("\(m.chinese)\n按界线(\(unit))", .number(decimals: m.decimals), width: 14),
                            FiledTable.Column("\(m.chinese)\n差值(\(unit))", .number(decimals: m.decimals), width: 12)]
            }
            func row(_ r: XiangComparison.Row) -> [CellValue] {
                [.text(r.townshipCode == ClosingTable.totalCode ? "" : r.townshipCode), .text(r.townshipName)] + XiangComparison.figures(r).map { $0.map { .number($0.double) } ?? .empty }
            }
            out.append(FiledTable(sheetName: "属性与界线对比", title: "\(stats.districtName)各乡镇森林资源按属性与按界线统计对比表",
                                  reportingUnit: reportingUnit, date: date, unitLine: "单位：公顷、%",
                                  columns: columns, rows: comparison.rows.map(row), totals: row(comparison.total),
                                  notes: ["按属性：小班整体计入其乡镇字段（XIANG）所指乡镇；按界线：小班按乡镇界线精确分割。差值 = 按界线 − 按属性",
                                          "by attribute: each sub-compartment counts whole in the township its XIANG names; by boundary: split exactly at the township polygons; difference = boundary − attribute"]))
        }
        return out
    }

    private static func columns(_ grouping: StatsGrouping, unit: StatsColumn.AreaUnitChoice) -> [FiledTable.Column] {
        var columns = [FiledTable.Column("乡镇代码", .text, width: 12), FiledTable.Column("乡镇名称", .text, width: 18)]
        if grouping == .village { columns.append(FiledTable.Column("村代码", .text, width: 14)) }
        return columns + ClosingTable.columns.map { c in
            FiledTable.Column(c.header(unit), .number(decimals: c.decimals(unit)), width: c == .coverage ? 10 : 14)
        }
    }

    private static func cells(_ r: ClosingTable.Row, _ grouping: StatsGrouping) -> [CellValue] {
        var out: [CellValue] = [.text(r.townshipCode == ClosingTable.totalCode ? "" : r.townshipCode), .text(r.townshipName)]
        if grouping == .village { out.append(.text(r.villageCode ?? "")) }
        return out + ClosingTable.columns.map { c in r.cells[c].map { .number($0.double) } ?? .empty }
    }

    /// The excluding-Gui'an totals as a note line.
    private static func summary(_ r: ClosingTable.Row, unit: StatsColumn.AreaUnitChoice) -> String {
        let parts = [StatsColumn.landArea, .forestLand, .forest, .coverage].compactMap { c -> String? in
            r.cells[c].map { "\(c.header(unit).replacingOccurrences(of: "\n", with: ""))=\($0.text)" }
        }
        return "\(r.townshipName)：" + parts.joined(separator: "，")
    }
}

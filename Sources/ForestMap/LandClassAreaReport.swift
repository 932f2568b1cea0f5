import Foundation
import Geo
import ForestMapCore
import ForestStats

/// Both years' area by land class, in hectares and mu (`landclass_area.csv` / `.xlsx` of `forestmap run`).
public struct LandClassAreaReport: Sendable {
    public struct Year: Sendable {
        /// "previous" or "current": the stable key used in CSV columns.
        public var label: String
        /// What people read in headers: "2020年" when the config gives the year, else "上年"/"本年".
        public var title: String
        public var summary: LandClassAreaSummary
        public var system: LandClassSystem
    }

    public var districtName: String
    public var years: [Year]
    public var notes: [String]

    /// Sums already loaded layers ("previous" and/or "current") by class.
    public static func compute(_ named: [(String, SubCompartmentLayer)], config: ForestMapConfig) throws -> LandClassAreaReport {
        var years: [Year] = []
        var notes: [String] = []
        for (name, layer) in named {
            let summary = try LandClassAreaSummary.compute(layer, method: config.areaMethod)
            let title = config.year.map { "\(name == "previous" ? $0 - 1 : $0)年" } ?? (name == "previous" ? "上年" : "本年")
            years.append(Year(label: name, title: title, summary: summary, system: layer.landClassTable.system))
            if layer.landClassTable.system == .gbt21010 { notes.append(config.ambiguousCodes.assumptionNote) }
            let unknown = layer.unknownCodes
            if !unknown.isEmpty {
                notes.append("\(layer.label): codes not in the \(layer.landClassTable.system.rawValue) table: " +
                             unknown.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value))" }.joined(separator: ", "))
            }
        }
        notes.insert("面积计算方法 area method: \(config.areaMethod == .ellipsoidal ? "椭球面积 ellipsoidal (CGCS2000 ellipsoid)" : "平面面积 planar (layer CRS)")", at: 0)
        var seen = Set<String>()
        return LandClassAreaReport(districtName: config.districtName, years: years, notes: notes.filter { seen.insert($0).inserted })
    }

    /// One row per class across the years: hectares per year, rounded so that the rows add up to the total.
    public struct Row: Sendable {
        public var key: String
        public var chineseName: String
        public var isForestLand: Bool
        public var counts: [Int]
        public var hectares: [Double]
    }

    /// Rows (rounded to 4 decimals by the largest-remainder method per year) and the total row.
    public var table: (rows: [Row], total: Row) {
        var keys: [String] = []
        var info: [String: LandClassArea] = [:]
        for y in years { for r in y.summary.rows where info[r.key] == nil { keys.append(r.key); info[r.key] = r } }
        keys.sort { LandClassAreaSummary.order(info[$0]!, info[$1]!) }
        let perYear = years.map { y -> [Double] in
            let ha = keys.map { k in AreaUnit.hectares(y.summary.rows.first { $0.key == k }?.squareMetres ?? 0) }
            return LargestRemainder.round(ha, decimals: 4)
        }
        let rows = keys.enumerated().map { i, k in
            Row(key: k, chineseName: info[k]!.chineseName, isForestLand: info[k]!.isForestLand,
                counts: years.map { y in y.summary.rows.first { $0.key == k }?.count ?? 0 },
                hectares: perYear.map { $0[i] })
        }
        let total = Row(key: "total", chineseName: "合计", isForestLand: false,
                        counts: years.map { $0.summary.rows.reduce(0) { $0 + $1.count } },
                        hectares: perYear.map { LargestRemainder.round([$0.reduce(0, +)], decimals: 4)[0] })
        return (rows, total)
    }

    /// `landclass_area.csv`: `land_class, land_class_name, forest_land`, then per year `<year>_count, <year>_ha,
    /// <year>_mu`, and `change_ha` when there are two years.
    public var csv: CSVTable {
        let (rows, total) = table
        var header = ["land_class", "land_class_name", "forest_land"]
        for y in years { header += ["\(y.label)_count", "\(y.label)_ha", "\(y.label)_mu"] }
        if years.count == 2 { header.append("change_ha") }
        func line(_ r: Row) -> [String] {
            var out = [r.key, r.chineseName, r.key == "total" ? "" : (r.isForestLand ? "yes" : "no")]
            for (i, ha) in r.hectares.enumerated() {
                out += [String(r.counts[i]), CSVTable.number(ha, decimals: 4), CSVTable.number(AreaUnit.mu(hectares: ha), decimals: 2)]
            }
            if r.hectares.count == 2 { out.append(CSVTable.number(r.hectares[1] - r.hectares[0], decimals: 4)) }
            return out
        }
        return CSVTable(header: header, rows: rows.map(line) + [line(total)])
    }

    /// The same table formatted for filing, one sheet.
    public func filedTable(reportingUnit: String, date: String) -> FiledTable {
        let (rows, total) = table
        var columns = [FiledTable.Column("地类", .text, width: 22), FiledTable.Column("林地", .text, width: 6)]
        for y in years {
            columns += [FiledTable.Column("\(y.title)\n小班数", .integer, width: 10),
                        FiledTable.Column("\(y.title)\n面积(公顷)", .number(decimals: 4), width: 14),
                        FiledTable.Column("\(y.title)\n面积(亩)", .number(decimals: 2), width: 14)]
        }
        if years.count == 2 { columns.append(FiledTable.Column("增减\n(公顷)", .number(decimals: 4), width: 12)) }
        func cells(_ r: Row) -> [CellValue] {
            var out: [CellValue] = [.text(r.chineseName), .text(r.key == "total" ? "" : (r.isForestLand ? "是" : "否"))]
            for (i, ha) in r.hectares.enumerated() { out += [.integer(Int64(r.counts[i])), .number(ha), .number(AreaUnit.mu(hectares: ha))] }
            if r.hectares.count == 2 { out.append(.number(r.hectares[1] - r.hectares[0])) }
            return out
        }
        return FiledTable(sheetName: "地类面积", title: "\(districtName)各地类面积统计表", reportingUnit: reportingUnit,
                          date: date, unitLine: "单位：公顷、亩", columns: columns, rows: rows.map(cells),
                          totals: cells(total), notes: notes)
    }

    /// The table as text for the terminal.
    public var text: String {
        let (rows, total) = table
        var lines = ["\(districtName): area by land class (ha / mu)"]
        let width = (rows + [total]).map { "\($0.key) \($0.chineseName)".displayWidth }.max()! + 2
        var head = "  " + "land class".rightPadded(width)
        for y in years { head += String(repeating: " ", count: 2) + "\(y.label) ha".leftPadded(14) + "\(y.label) mu".leftPadded(16) }
        lines.append(head)
        for r in rows + [total] {
            var line = "  " + "\(r.key) \(r.chineseName)".rightPadded(width)
            for ha in r.hectares { line += "  " + CSVTable.number(ha, decimals: 4).leftPadded(14) + CSVTable.number(AreaUnit.mu(hectares: ha), decimals: 2).leftPadded(16) }
            lines.append(line)
        }
        return (lines + notes.map { "  note: \($0)" }).joined(separator: "\n")
    }

    /// Writes `landclass_area.csv` and `landclass_area.xlsx` into the output folder.
    public func write(into folder: OutputFolder, reportingUnit: String, date: String) throws {
        try csv.write(to: folder.file("landclass_area.csv"))
        try FiledTable.write([filedTable(reportingUnit: reportingUnit, date: date)], to: folder.file("landclass_area.xlsx"))
    }
}

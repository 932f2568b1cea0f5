import ForestMapCore
/// The CSV tables of `forestmap stats` (UTF-8 with BOM, stable English keys): `township_stats.csv` (or
/// `village_stats.csv`) and `township_by_xiang.csv`.
enum StatsCSV {
    /// `township_code, township_name[, village_code]`, then `StatsColumn` keys; one row per unit, then `total`
    /// (and `total_excluding_gui_an` when the config asks for it). Empty cells: a field the layer lacks.
    static func table(_ t: ClosingTable, grouping: StatsGrouping) -> CSVTable {
        var header = ["township_code", "township_name"]
        if grouping == .village { header.append("village_code") }
        header += ClosingTable.columns.map { $0.key(t.unit) }
        func line(_ r: ClosingTable.Row) -> [String] {
            var out = [r.townshipCode, r.townshipName]
            if grouping == .village { out.append(r.villageCode ?? "") }
            return out + ClosingTable.columns.map { r.cells[$0]?.text ?? "" }
        }
        return CSVTable(header: header, rows: (t.rows + [t.total] + t.extraTotals).map(line))
    }

    /// `township_code, township_name`, then `XiangComparison.figureKeys`; one row per township code found in
    /// the boundaries or in XIANG, then `outside`, `unknown` (empty XIANG) and `total`.
    static func comparison(_ c: XiangComparison) -> CSVTable {
        let header = ["township_code", "township_name"] + XiangComparison.figureKeys
        func line(_ r: XiangComparison.Row) -> [String] {
            [r.townshipCode, r.townshipName] + XiangComparison.figures(r).map { $0?.text ?? "" }
        }
        return CSVTable(header: header, rows: (c.rows + [c.total]).map(line))
    }
}

import Geo
import ForestMapCore

/// `transitions.xlsx`, for filing: the 地类转移汇总表 (by township: area that changed class, of which forest land
/// lost and gained, and area only reclassified by the change of code system) and the 地类转移明细表 (every row
/// of `transitions.csv` with the classes' Chinese names, in hectares and mu). Each sheet's totals row adds up
/// the rows as written.
enum TransitionWorkbook {
    static func tables(_ a: TransitionAccounting, townshipName: (String) -> String, reportingUnit: String, date: String,
                       notes: [String]) -> [FiledTable] {
        func rounded(_ m2: Double, _ decimals: Int, mu: Bool = false) -> Double {
            let v = AreaUnit.hectares(m2) * (mu ? AreaUnit.muPerHectare : 1)
            let scale = mu ? 100.0 : 10_000.0
            return (v * scale).rounded() / scale
        }
        func name(_ code: String) -> String {
            code == ZoneOfPiece.outside ? "界外" : code == ZoneOfPiece.unknown ? "乡镇代码为空" : townshipName(code)
        }
        let kindName: [LandClassTransition.Kind: String] = [.change: "地类变化", .reclassification: "代码体系转换"]

        var order: [String] = []
        var byTownship: [String: [Double]] = [:]
        for t in a.transitions {
            if byTownship[t.townshipCode] == nil { order.append(t.townshipCode); byTownship[t.townshipCode] = [0, 0, 0, 0] }
            let ha = rounded(t.squareMetres, 4)
            if t.kind == .reclassification { byTownship[t.townshipCode]![3] += ha; continue }
            byTownship[t.townshipCode]![0] += ha
            if t.fromForestLand && !t.toForestLand { byTownship[t.townshipCode]![1] += ha }
            if !t.fromForestLand && t.toForestLand { byTownship[t.townshipCode]![2] += ha }
        }
        let summaryRows = order.map { code in [CellValue.text(code), .text(name(code))] + byTownship[code]!.map { .number($0) } }
        let summaryTotals = [CellValue.text("合计"), .text("")] + (0..<4).map { i in .number(order.reduce(0) { $0 + byTownship[$1]![i] }) }
        let summary = FiledTable(
            sheetName: "地类转移汇总", title: "地类转移汇总表", reportingUnit: reportingUnit, date: date, unitLine: "单位：公顷",
            columns: [.init("乡镇代码", .text, width: 12), .init("乡镇名称", .text, width: 24),
                      .init("地类变化面积", .number(decimals: 4), width: 14), .init("其中：林地减少", .number(decimals: 4), width: 14),
                      .init("其中：林地增加", .number(decimals: 4), width: 14), .init("代码体系转换面积（非实地变化）", .number(decimals: 4), width: 18)],
            rows: summaryRows, totals: summaryTotals, notes: notes)

        let detailRows = a.transitions.map { t -> [CellValue] in
            [.text(t.townshipCode), .text(name(t.townshipCode)), .text(t.fromClass), .text(t.fromName), .text(t.toClass), .text(t.toName),
             .number(rounded(t.squareMetres, 4)), .number(rounded(t.squareMetres, 2, mu: true)), .text(kindName[t.kind]!)]
        }
        let detailTotals = [CellValue.text("合计")] + Array(repeating: CellValue.text(""), count: 5)
            + [.number(a.transitions.reduce(0) { $0 + rounded($1.squareMetres, 4) }),
               .number(a.transitions.reduce(0) { $0 + rounded($1.squareMetres, 2, mu: true) }), .text("")]
        let detail = FiledTable(
            sheetName: "地类转移明细", title: "地类转移明细表", reportingUnit: reportingUnit, date: date, unitLine: "单位：公顷、亩",
            columns: [.init("乡镇代码", .text, width: 12), .init("乡镇名称", .text, width: 20), .init("前期地类代码", .text, width: 10),
                      .init("前期地类", .text, width: 16), .init("本期地类代码", .text, width: 10), .init("本期地类", .text, width: 16),
                      .init("面积（公顷）", .number(decimals: 4), width: 14), .init("面积（亩）", .number(decimals: 2), width: 14),
                      .init("类型", .text, width: 12)],
            rows: detailRows, totals: detailTotals, notes: notes)
        return [summary, detail]
    }
}

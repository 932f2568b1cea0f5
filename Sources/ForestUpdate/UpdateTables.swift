import Foundation
import Geo
import ForestMapCore

/// The update's tables: the forest-land gain and loss ledger (林地增减台账), the changed sub-compartments (变化小班
/// 前后对照), the patches not applied (未采用图斑) and the conflicts between patches (图斑冲突), as CSV and as filed XLSX.
enum UpdateTables {
    /// BHYY names as docs/domain.md §5 gives them; "" for codes it does not name.
    static let reasonNames: [String: String] = [
        "10": "造林", "11": "造林", "12": "造林", "20": "采伐", "41": "征占用林地（已审批）", "42": "征占用林地（未批先占等）",
        "50": "毁林开垦", "71": "火灾", "72": "地质灾害", "73": "其他灾害", "97": "边界细碎图斑合并",
        "91": "行政、调查或经营更正", "92": "行政、调查或经营更正", "93": "行政、调查或经营更正", "96": "行政、调查或经营更正",
        "98": "行政、调查或经营更正", "99": "行政、调查或经营更正",
    ]

    struct LedgerRow: Equatable {
        var township: String
        var reason: String
        /// A class key, or `forest_land` for the forest-land total (林地合计).
        var landClass: String
        var landClassName: String
        var gain: Double
        var loss: Double
    }

    /// Gains and losses by township, reason and forest-land class, each (township, reason) closed by its forest-land
    /// total; then the district totals by reason. Square metres.
    static func ledger(_ update: MapUpdate) -> [LedgerRow] {
        struct Key: Hashable { var township: String; var reason: String; var landClass: String }
        var sums: [Key: (Double, Double)] = [:]
        func add(_ township: String, _ reason: String, _ c: String, gain: Double, loss: Double) {
            for t in [township, "total"] {
                let k = Key(township: t, reason: reason, landClass: c)
                let v = sums[k] ?? (0, 0)
                sums[k] = (v.0 + gain, v.1 + loss)
            }
        }
        for change in update.classChanges {
            let fromForest = change.from?.isForestLand ?? false, toForest = change.to?.isForestLand ?? false
            if let to = change.to, toForest { add(change.townshipCode, change.reason, to.key, gain: change.squareMetres, loss: 0) }
            if let from = change.from, fromForest { add(change.townshipCode, change.reason, from.key, gain: 0, loss: change.squareMetres) }
            if fromForest != toForest {
                add(change.townshipCode, change.reason, "forest_land", gain: toForest ? change.squareMetres : 0, loss: fromForest ? change.squareMetres : 0)
            } else if fromForest {
                add(change.townshipCode, change.reason, "forest_land", gain: 0, loss: 0)
            }
        }
        let classOrder = Dictionary(uniqueKeysWithValues: LandClass.all.enumerated().map { ($1.key, $0) })
        func townshipRank(_ t: String) -> (Int, String) { (t == "total" ? 2 : t == "unknown" ? 1 : 0, t) }
        return sums.keys.sorted { a, b in
            if a.township != b.township { return townshipRank(a.township) < townshipRank(b.township) }
            if a.reason != b.reason { return a.reason < b.reason }
            return (classOrder[a.landClass] ?? Int.max) < (classOrder[b.landClass] ?? Int.max)
        }.map { k in
            let name = k.landClass == "forest_land" ? "林地合计" : LandClass.all.first { $0.key == k.landClass }?.chineseName ?? ""
            return LedgerRow(township: k.township, reason: k.reason, landClass: k.landClass, landClassName: name,
                             gain: sums[k]!.0, loss: sums[k]!.1)
        }
    }

    static func hectares(_ m2: Double) -> String { CSVTable.number(AreaUnit.hectares(m2), decimals: 4) }

    static func ledgerCSV(_ rows: [LedgerRow], townshipName: (String) -> String) -> CSVTable {
        CSVTable(header: ["township_code", "township_name", "reason", "reason_name", "land_class", "land_class_name", "gain_ha", "loss_ha", "net_ha"],
                 rows: rows.map { r in
                     [r.township, townshipName(r.township), r.reason, reasonNames[r.reason] ?? "", r.landClass, r.landClassName,
                      hectares(r.gain), hectares(r.loss), hectares(r.gain - r.loss)]
                 })
    }

    static let comparedLabels = ["di_lei", "sen_lin_lb", "lin_zhong", "qi_yuan", "huo_lmgqxj"]

    static func changedCSV(_ update: MapUpdate, classOf: (String) -> String) -> CSVTable {
        var header = ["key", "parent_key", "status", "township_code", "patch_fids", "slivers_merged", "bhyy"]
        for label in comparedLabels { header += ["\(label)_before", "\(label)_after"] }
        header += ["class_before", "class_after", "mian_ji_before", "mian_ji_after"]
        return CSVTable(header: header, rows: update.changed.map { r in
            var row = [r.key, r.parentKey, r.status, r.townshipCode, r.patchFIDs.map(String.init).joined(separator: ";"), String(r.slivers),
                       r.after["bhyy"] ?? ""]
            for label in comparedLabels { row += [r.before[label] ?? "", r.after[label] ?? ""] }
            row += [classOf(r.before["di_lei"] ?? ""), r.after["di_lei"].map(classOf) ?? "",
                    r.mianJiBefore.map { CSVTable.number($0, decimals: 4) } ?? "", r.mianJiAfter.map { CSVTable.number($0, decimals: 4) } ?? ""]
            return row
        })
    }

    static func problemsCSV(_ update: MapUpdate) -> CSVTable {
        CSVTable(header: ["patch_fid", "outcome", "reason", "detail"],
                 rows: update.problems.map { [String($0.fid), $0.outcome.rawValue, $0.reason, $0.detail] })
    }

    static func conflictsCSV(_ update: MapUpdate) -> CSVTable {
        CSVTable(header: ["winner_fid", "loser_fid", "overlap_m2", "rule"],
                 rows: update.conflicts.map { [String($0.winner), String($0.loser), CSVTable.number($0.squareMetres, decimals: 2), $0.rule] })
    }

    /// The filed workbook: one sheet per table.
    static func workbook(_ update: MapUpdate, ledger: [LedgerRow], townshipName: (String) -> String, classOf: (String) -> String,
                         reportingUnit: String, date: String, notes: [String]) -> [FiledTable] {
        let ha = { (m2: Double) in CellValue.number((AreaUnit.hectares(m2) * 10_000).rounded() / 10_000) }
        let mu = { (m2: Double) in CellValue.number((AreaUnit.mu(hectares: AreaUnit.hectares(m2)) * 100).rounded() / 100) }
        let ledgerTable = FiledTable(
            sheetName: "林地增减台账", title: "林地增减台账", reportingUnit: reportingUnit, date: date, unitLine: "单位：公顷、亩",
            columns: [.init("乡镇代码", .text, width: 12), .init("乡镇名称", .text, width: 14), .init("变化原因", .text, width: 8),
                      .init("原因名称", .text, width: 18), .init("地类", .text, width: 16), .init("增加（公顷）", .number(decimals: 4), width: 13),
                      .init("减少（公顷）", .number(decimals: 4), width: 13), .init("净增（公顷）", .number(decimals: 4), width: 13),
                      .init("净增（亩）", .number(decimals: 2), width: 12)],
            rows: ledger.map { r in
                [.text(r.township == "total" ? "合计" : r.township), .text(r.township == "total" ? "" : townshipName(r.township)), .text(r.reason),
                 .text(reasonNames[r.reason] ?? ""), .text(r.landClassName), ha(r.gain), ha(r.loss), ha(r.gain - r.loss), mu(r.gain - r.loss)]
            },
            notes: notes + ["林地合计 = 林地与非林地之间的增减；林地内部地类之间的转换在各地类行中相互抵消"])
        let changedColumns: [FiledTable.Column] = [.init("小班号", .text, width: 26), .init("原小班号", .text, width: 26), .init("状态", .text, width: 11),
                                                   .init("乡镇代码", .text, width: 11), .init("图斑", .text, width: 10), .init("变化原因", .text, width: 8),
                                                   .init("前地类", .text, width: 8), .init("现地类", .text, width: 8), .init("前地类名称", .text, width: 14),
                                                   .init("现地类名称", .text, width: 14), .init("前森林类别", .text, width: 9), .init("现森林类别", .text, width: 9),
                                                   .init("前面积（公顷）", .number(decimals: 4), width: 12), .init("现面积（公顷）", .number(decimals: 4), width: 12)]
        let changedTable = FiledTable(
            sheetName: "变化小班", title: "变化小班前后对照表", reportingUnit: reportingUnit, date: date, unitLine: "单位：公顷",
            columns: changedColumns,
            rows: update.changed.map { r in
                [.text(r.key), .text(r.parentKey), .text(r.status), .text(r.townshipCode), .text(r.patchFIDs.map(String.init).joined(separator: ";")),
                 .text(r.after["bhyy"] ?? ""), .text(r.before["di_lei"] ?? ""), .text(r.after["di_lei"] ?? ""),
                 .text(classOf(r.before["di_lei"] ?? "")), .text(r.after["di_lei"].map(classOf) ?? ""),
                 .text(r.before["sen_lin_lb"] ?? ""), .text(r.after["sen_lin_lb"] ?? ""),
                 r.mianJiBefore.map(CellValue.number) ?? .empty, r.mianJiAfter.map(CellValue.number) ?? .empty]
            },
            notes: ["状态 status: changed 图斑赋值 / new_number 分割新编号 / kept 分割剩余 / updated 档案更新 / sliver_merged 并入细碎图斑 / merged_away 全部并入相邻小班"])
        let problemTable = FiledTable(
            sheetName: "未采用图斑", title: "未采用或部分采用的变化图斑", reportingUnit: reportingUnit, date: date, unitLine: "",
            columns: [.init("图斑要素号", .integer, width: 10), .init("结果", .text, width: 10), .init("原因", .text, width: 18), .init("说明", .text, width: 70)],
            rows: update.problems.map { [.integer($0.fid), .text($0.outcome == .rejected ? "未采用" : "部分采用"), .text($0.reason), .text($0.detail)] },
            notes: ["每个未采用的图斑都列出原因，修正后可再次更新"])
        let conflictTable = FiledTable(
            sheetName: "图斑冲突", title: "重叠变化图斑裁定", reportingUnit: reportingUnit, date: date, unitLine: "单位：平方米",
            columns: [.init("采用图斑", .integer, width: 10), .init("让出图斑", .integer, width: 10), .init("重叠面积（平方米）", .number(decimals: 2), width: 16),
                      .init("裁定规则", .text, width: 16)],
            rows: update.conflicts.map { [.integer($0.winner), .integer($0.loser), .number(($0.squareMetres * 100).rounded() / 100), .text($0.rule)] },
            notes: ["规则：变化年度（BHND）较晚者优先；同年则面积较小（更具体）者优先；再同则图层中较后的要素优先"])
        return [ledgerTable, changedTable, problemTable, conflictTable]
    }
}

import Geo
import ForestMapCore

/// `hitlist_核查表.xlsx`: the field verification form (变化图斑实地核查表), one sheet per township, the hits in
/// priority order with Chinese headers, and empty columns for the team to fill in: the verdict, what is on the
/// ground, the kind of violation, how it was handled, who checked and when.
package enum HitListWorkbook {
    package static let changeTypeNames: [ChangePatch.ChangeType: String] = [
        .afforestation: "造林", .harvest: "采伐", .construction: "建设占用", .clearedForFarming: "毁林开垦", .fire: "火灾",
        .disaster: "灾害", .otherLoss: "其他减少", .otherGain: "其他增加", .degradation: "退化", .attributeOnly: "属性变化",
        .reclassification: "代码体系转换",
    ]
    package static let statusNames: [ChangePatch.PermitStatus: String] = [
        .covered: "有许可", .partial: "部分覆盖（少批多占）", .wrongUse: "批非所用", .expired: "许可过期", .none: "未找到匹配许可",
    ]
    package static let fieldColumns = ["核查结论（属实/不属实）", "实地现状", "违法类型", "处理情况", "核查人", "核查日期", "备注"]
    /// The drop-down lists of the verdict and handling columns: exactly the values the case register reads.
    static let choices = ["核查结论（属实/不属实）": CaseStatus.verdictValues, "处理情况": CaseStatus.handlingValues]

    package static func tables(_ hits: [Hit], names: ChangeNames, reportingUnit: String, date: String, notes: [String]) -> [FiledTable] {
        var order: [String] = []
        var byTownship: [String: [Hit]] = [:]
        for h in hits.sorted(by: { $0.patch.townshipCode < $1.patch.townshipCode }) {
            if byTownship[h.patch.townshipCode] == nil { order.append(h.patch.townshipCode) }
            byTownship[h.patch.townshipCode, default: []].append(h)
        }
        let columns: [FiledTable.Column] = [
            .init("序号", .integer, width: 6), .init("核查编号", .text, width: 20), .init("图斑编号", .text, width: 18),
            .init("案件状态", .text, width: 10), .init("案龄（天）", .integer, width: 8), .init("优先级", .integer, width: 7),
            .init("疑似问题", .text, width: 30), .init("村代码", .text, width: 14), .init("变化类型", .text, width: 10),
            .init("前期地类", .text, width: 14), .init("本期地类", .text, width: 14),
            .init("面积（公顷）", .number(decimals: 4), width: 12), .init("面积（亩）", .number(decimals: 2), width: 11),
            .init("经度（CGCS2000）", .number(decimals: 7), width: 14), .init("纬度（CGCS2000）", .number(decimals: 7), width: 14),
            .init("X坐标", .number(decimals: 2), width: 13), .init("Y坐标", .number(decimals: 2), width: 13),
            .init("许可核查", .text, width: 16), .init("批准文号", .text, width: 24), .init("未覆盖面积（公顷）", .number(decimals: 4), width: 12),
            .init("环城林带", .text, width: 8), .init("公益林", .text, width: 8), .init("天然林", .text, width: 8),
        ] + fieldColumns.map { .init($0, .text, width: 14, choices: choices[$0]) }
        var usedNames: Set<String> = []
        guard !order.isEmpty else {
            return [FiledTable(sheetName: "核查表", title: "变化图斑实地核查表", reportingUnit: reportingUnit, date: date, unitLine: "单位：公顷、亩",
                               columns: columns, rows: [], notes: ["本期无需实地核查的变化图斑 no patch needs field verification"] + notes)]
        }
        return order.map { code in
            let list = byTownship[code]!
            func yes(_ b: Bool) -> CellValue { .text(b ? "是" : "否") }
            let rows = list.enumerated().map { k, h -> [CellValue] in
                let p = h.patch
                let ha = (AreaUnit.hectares(p.squareMetres) * 10_000).rounded() / 10_000
                let status = h.registerCase.map { $0.status.chineseName + ($0.overdue ? "（逾期）" : "") } ?? ""
                return [
                    .integer(Int64(k + 1)), .text(h.registerCase?.caseID ?? h.hitID), .text(h.hitID), .text(status),
                    h.registerCase.map { .integer(Int64($0.ageDays)) } ?? .empty, .integer(Int64(h.priority)), .text(h.reason), .text(p.villageCode),
                    .text(changeTypeNames[p.changeType]!), .text("\(p.fromClass) \(names.fromClass(p.fromClass))"),
                    .text("\(p.toClass) \(names.toClass(p.toClass))"), .number(ha), .number((ha * AreaUnit.muPerHectare * 100).rounded() / 100),
                    .number(h.longitude), .number(h.latitude), .number(p.pointX), .number(p.pointY),
                    .text(p.permitStatus.map { statusNames[$0]! } ?? ""), .text(p.permitIDs.joined(separator: "；")),
                    p.permitStatus == nil ? .empty : .number((AreaUnit.hectares(p.uncoveredSquareMetres) * 10_000).rounded() / 10_000),
                    yes(p.inRingBelt), yes(!p.publicWelfareGrade.isEmpty), yes(p.naturalForest),
                ] + fieldColumns.map { _ in CellValue.empty }
            }
            let haColumn = columns.firstIndex { $0.header == "面积（公顷）" }!
            let ha = rows.reduce(0.0) { if case .number(let v) = $1[haColumn] { return $0 + v }; return $0 }
            let mu = rows.reduce(0.0) { if case .number(let v) = $1[haColumn + 1] { return $0 + v }; return $0 }
            let totals = [CellValue.text("合计"), .text("\(list.count) 个图斑")] + Array(repeating: CellValue.text(""), count: haColumn - 2)
                + [.number(ha), .number(mu)] + Array(repeating: CellValue.text(""), count: columns.count - haColumn - 2)
            let name = names.township(code).isEmpty ? code : names.township(code)
            var sheet = String(name.prefix(28))
            while usedNames.contains(sheet) { sheet += "_" }
            usedNames.insert(sheet)
            return FiledTable(sheetName: sheet, title: "\(name)变化图斑实地核查表", reportingUnit: reportingUnit, date: date,
                              unitLine: "乡镇代码：\(code)　单位：公顷、亩", columns: columns, rows: rows, totals: totals, notes: notes)
        }
    }
}

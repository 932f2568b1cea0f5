import Foundation
import Geo
import ForestMapCore

/// `cases_核查表.xlsx`: the open cases as field forms (案件核查表), one sheet per township, overdue cases first, each
/// with its history so far and the empty columns the team fills in: the same columns, with the same drop-downs,
/// as the hit list's 核查表, so `cases import` reads the filled form back by 核查编号 (the `case_id`).
public enum CaseFieldForms {
    public static let fileName = "cases_核查表.xlsx"
    /// The columns the field team fills in, as the hit list's 核查表 has them.
    static let fieldColumns = ["核查结论（属实/不属实）", "实地现状", "违法类型", "处理情况", "核查人", "核查日期", "备注"]
    /// Drop-downs: exactly the values the import reads.
    static let choices = ["核查结论（属实/不属实）": CaseStatus.verdictValues, "处理情况": CaseStatus.handlingValues]

    static let columns: [FiledTable.Column] = [
        .init("序号", .integer, width: 6), .init("核查编号", .text, width: 21), .init("来源", .text, width: 9),
        .init("案件状态", .text, width: 10), .init("立案日期", .text, width: 11), .init("案龄（天）", .integer, width: 8),
        .init("逾期", .text, width: 6), .init("面积（公顷）", .number(decimals: 4), width: 11),
        .init("经度（CGCS2000）", .number(decimals: 7), width: 14), .init("纬度（CGCS2000）", .number(decimals: 7), width: 14),
        .init("X坐标", .number(decimals: 2), width: 13), .init("Y坐标", .number(decimals: 2), width: 13),
        .init("问题描述", .text, width: 30), .init("历史", .text, width: 60),
    ] + fieldColumns.map { .init($0, .text, width: 14, choices: choices[$0]) }

    /// The sheets: `cases` in listing order (overdue first), grouped by township in code order.
    static func tables(_ cases: [RegisterCase], state: RegisterState, asOf: CaseDate, settings: CaseSettings,
                       reportingUnit: String) -> [FiledTable] {
        let notes = [
            "填写说明：核查结论填 属实 或 不属实；处理情况填 \(CaseStatus.handlingValues.joined(separator: "、"))；核查日期写作 2022-03-31。填好后用 forestmap cases import 导入，按核查编号记入案件台账。",
            "逾期：核实属实超过 \(settings.rectificationDays) 天仍未结案；案龄自立案日期计至 \(asOf)。历史：日期 事件 状态 核查人 说明。",
        ]
        let byTownship = Dictionary(grouping: cases, by: \.townshipCode)
        guard !byTownship.isEmpty else {
            return [FiledTable(sheetName: "核查表", title: "案件实地核查表", reportingUnit: reportingUnit, date: asOf.description,
                               unitLine: "单位：公顷", columns: columns, rows: [], notes: ["台账中没有未结案件 no open case"] + notes)]
        }
        var usedNames: Set<String> = []
        return byTownship.keys.sorted().map { code in
            let list = byTownship[code]!
            let rows = list.enumerated().map { k, c -> [CellValue] in
                let overdue = c.isOverdue(asOf: asOf, rectificationDays: settings.rectificationDays)
                return [
                    .integer(Int64(k + 1)), .text(c.caseID), .text(c.source.chineseName), .text(c.status.chineseName + (overdue ? "（逾期）" : "")),
                    .text(c.opened.description), .integer(Int64(c.age(asOf: asOf))), .text(overdue ? "是" : "否"),
                    .number(hectares(c.squareMetres)), .number(c.longitude), .number(c.latitude), .number(c.x), .number(c.y),
                    .text(c.description), .text(CaseText.history(state.history(of: c.caseID)).joined(separator: "\n")),
                ] + fieldColumns.map { _ in CellValue.empty }
            }
            let haColumn = columns.firstIndex { $0.header == "面积（公顷）" }!
            let ha = list.reduce(0.0) { $0 + hectares($1.squareMetres) }
            let totals = [CellValue.text("合计"), .text("\(list.count) 件")] + Array(repeating: CellValue.text(""), count: haColumn - 2)
                + [.number(ha)] + Array(repeating: CellValue.text(""), count: columns.count - haColumn - 1)
            let name = list.first { !$0.townshipName.isEmpty }?.townshipName ?? code
            var sheet = String(name.prefix(28))
            while usedNames.contains(sheet) { sheet += "_" }
            usedNames.insert(sheet)
            return FiledTable(sheetName: sheet, title: "\(name)案件实地核查表", reportingUnit: reportingUnit, date: asOf.description,
                              unitLine: "乡镇代码：\(code)　单位：公顷", columns: columns, rows: rows, totals: totals, notes: notes)
        }
    }

    static func hectares(_ squareMetres: Double) -> Double { (AreaUnit.hectares(squareMetres) * 10_000).rounded() / 10_000 }
}

/// How the exports write a case's history and names.
enum CaseText {
    /// One line per event: date, event, status after it, who, notes.
    static func history(_ events: [CaseEvent]) -> [String] {
        events.map { e in
            [e.date.description, e.kind.chineseName, e.status.chineseName, e.who, e.notes].filter { !$0.isEmpty }.joined(separator: " ")
        }
    }
}

extension CaseEvent.Kind {
    /// The event as the forms and dossiers print it.
    public var chineseName: String {
        switch self {
        case .detected: "变化检测发现"
        case .added: "登记"
        case .redetected: "再次检测到"
        case .verdict: "核查结论"
        case .handling: "处理情况"
        case .closed: "结案"
        case .reopened: "重新立案"
        }
    }
}

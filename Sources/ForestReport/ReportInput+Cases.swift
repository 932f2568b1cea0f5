import ForestCases
import ForestMapCore

extension ReportInput {
    /// How many open cases the report lists (overdue first).
    static let listedOpenCases = 50

    /// The case register's section (问题整改台账): cases by township and status, and the open cases, overdue first,
    /// with their age counted to `asOf`.
    public static func caseTables(_ state: RegisterState, asOf: CaseDate, settings: CaseSettings, townshipName: (String) -> String) -> [Table] {
        let cases = Array(state.cases.values)
        let statuses = CaseStatus.allCases
        let codes = Set(cases.map(\.townshipCode)).sorted()
        func overdue(_ c: RegisterCase) -> Bool { c.isOverdue(asOf: asOf, rectificationDays: settings.rectificationDays) }
        func counts(_ list: [RegisterCase]) -> [String] {
            statuses.map { s in String(list.filter { $0.status == s }.count) }
                + [String(list.filter { !$0.isClosed }.count), String(list.filter(overdue).count), String(list.count)]
        }
        let byTownship = Table(
            title: "各乡镇（街道）案件办理情况（截至 \(asOf)）",
            headers: ["乡镇代码", "乡镇（街道）"] + statuses.map(\.chineseName) + ["未办结", "逾期", "合计"],
            rows: codes.map { code in
                let list = cases.filter { $0.townshipCode == code }
                return [code, list.first.map { $0.townshipName.isEmpty ? townshipName(code) : $0.townshipName } ?? ""] + counts(list)
            },
            totals: ["合计", ""] + counts(cases),
            notes: ["不属实、已整改、已补办手续为办结；属实后超过 \(settings.rectificationDays) 天未办结为逾期（[cases] rectification_days）"])
        let open = CaseListing.cases(state, filter: .open, township: nil, asOf: asOf, settings: settings)
        let openTable = Table(
            title: "未办结案件（逾期在前，共 \(open.count) 件\(open.count > listedOpenCases ? "，列出前 \(listedOpenCases) 件" : "")）",
            headers: ["核查编号", "乡镇（街道）", "来源", "状态", "立案日期", "案龄（天）", "逾期", "面积（公顷）", "问题"],
            rows: open.prefix(listedOpenCases).map { c in
                [c.caseID, c.townshipName.isEmpty ? townshipName(c.townshipCode) : c.townshipName, c.source.chineseName, c.status.chineseName,
                 c.opened.description, String(c.age(asOf: asOf)), overdue(c) ? "是" : "否",
                 CSVTable.number(AreaUnit.hectares(c.squareMetres), decimals: 4), c.description]
            })
        return [byTownship, openTable]
    }
}

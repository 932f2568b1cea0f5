import Foundation
import Geo
import ForestMapCore

/// `forestmap cases import`: filled 核查表 workbooks back into the register. Every township sheet is read by its
/// headers as `change` writes them (核查编号, 核查结论（属实/不属实）, 实地现状, 违法类型, 处理情况, 核查人, 核查日期, 备注); a
/// filled row becomes history of the case its 核查编号 names (a `case_id`, or a `hit_id` the register recorded).
/// A row naming no case, holding a value outside the status table, or a date that is not one or lies after
/// `today` is refused; the others are applied, all in one transaction. Importing the same rows again adds nothing.
public enum FieldFormImport {
    /// One refused row.
    public struct Refusal: Sendable, Hashable {
        public var file: String
        public var sheet: String
        /// Excel's row number.
        public var row: Int
        public var id: String
        public var reason: String

        public var line: String { "\(file), sheet \(sheet), row \(row)\(id.isEmpty ? "" : " (\(id))"): \(reason)" }
    }

    public struct Outcome: Sendable {
        /// Filled rows whose events were added.
        public var applied = 0
        /// Filled rows already in the register (imported before).
        public var unchanged = 0
        public var events = 0
        public var refused: [Refusal] = []
        /// Cases now closed, of those the import touched.
        public var closed = 0

        public var summary: String {
            "cases import: \(applied) rows applied (\(events) history events), \(unchanged) already imported, \(refused.count) refused; \(closed) cases closed"
        }
    }

    /// A filled row, read and checked, not yet applied.
    struct FilledRow {
        var file: String, sheet: String, row: Int
        var id: String
        var verdict: CaseStatus?, verdictText: String
        var handling: CaseStatus?, handlingText: String
        var date: CaseDate
        var who: String
        var notes: String
    }

    public static let columns = (id: "核查编号", verdict: "核查结论", situation: "实地现状", violation: "违法类型", handling: "处理情况",
                                 who: "核查人", date: "核查日期", remarks: "备注")

    /// Imports the workbooks into the register; `today` is the latest date a verification may carry.
    public static func perform(_ files: [String], into register: CaseRegister, today: CaseDate) throws -> Outcome {
        var outcome = Outcome()
        var rows: [FilledRow] = []
        for file in files {
            let book: Spreadsheet
            do { book = try Spreadsheet(reading: file) } catch let e as GeoError { throw ForestMapError.input(e.message) }
            var found = false
            for sheet in book.sheets {
                guard let form = try read(sheet, file: file, today: today, refused: &outcome.refused) else { continue }
                found = true
                rows += form
            }
            guard found else {
                throw ForestMapError.input("\(file): no sheet has the 核查表 headers (核查编号 and 核查结论); give the hitlist_核查表.xlsx that forestmap wrote, filled in")
            }
        }
        try register.update { state in
            var byHit: [String: String] = [:]
            for c in state.cases.values { for h in c.hitIDs { byHit[h] = c.caseID } }
            var touched: Set<String> = []
            let closedBefore = Set(state.cases.values.filter(\.isClosed).map(\.caseID))
            for r in rows {
                guard let caseID = state.cases[r.id] != nil ? r.id : byHit[r.id] else {
                    outcome.refused.append(Refusal(file: r.file, sheet: r.sheet, row: r.row, id: r.id,
                                                   reason: "核查编号 \(r.id) names no case in the register (neither a case_id nor a hit_id it recorded)"))
                    continue
                }
                let origin = "\((r.file as NSString).lastPathComponent) \(r.sheet) row \(r.row)"
                var added = 0
                if let v = r.verdict, state.record(.verdict, caseID: caseID, date: r.date, status: v, who: r.who, notes: r.notes,
                                                   origin: origin, key: "\(caseID)|verdict|\(r.verdictText)|\(r.date)") { added += 1 }
                if let h = r.handling, state.record(.handling, caseID: caseID, date: r.date, status: h, who: r.who, notes: r.notes,
                                                    origin: origin, key: "\(caseID)|handling|\(r.handlingText)|\(r.date)") { added += 1 }
                if added > 0 { outcome.applied += 1; outcome.events += added; touched.insert(caseID) } else { outcome.unchanged += 1 }
            }
            for id in touched.sorted() {
                state.settle(id)
                if !closedBefore.contains(id), state.cases[id]!.isClosed {
                    outcome.closed += 1
                    state.record(.closed, caseID: id, date: state.cases[id]!.lastEvent, status: state.cases[id]!.status,
                                 notes: "closed: \(state.cases[id]!.status.chineseName)", origin: "cases import", key: "\(id)|closed|\(state.cases[id]!.lastEvent)|\(state.cases[id]!.status.rawValue)")
                }
            }
        }
        outcome.refused.sort { ($0.file, $0.sheet, $0.row) < ($1.file, $1.sheet, $1.row) }
        return outcome
    }

    /// The filled rows of one sheet (nil when the sheet is not a 核查表); refused rows go to `refused`.
    static func read(_ sheet: Spreadsheet.Sheet, file: String, today: CaseDate, refused: inout [Refusal]) throws -> [FilledRow]? {
        guard let headerRow = sheet.rows.firstIndex(where: { row in
            row.contains(columns.id) && row.contains { $0.hasPrefix(columns.verdict) }
        }) else { return nil }
        let header = sheet.rows[headerRow]
        func column(_ name: String) -> Int? { header.firstIndex { $0.hasPrefix(name) } }
        let id = column(columns.id)!, verdict = column(columns.verdict)!
        let handling = column(columns.handling), date = column(columns.date), who = column(columns.who)
        let notes = [columns.situation, columns.violation, columns.remarks].compactMap { name in column(name).map { (name, $0) } }
        var rows: [FilledRow] = []
        for (k, cells) in sheet.rows.enumerated().dropFirst(headerRow + 1) {
            func cell(_ c: Int?) -> String { c.flatMap { $0 < cells.count ? cells[$0].trimmingCharacters(in: .whitespacesAndNewlines) : nil } ?? "" }
            let caseID = cell(id)
            if cells.first?.trimmingCharacters(in: .whitespaces) == "合计" { break }
            let filled = [verdict, handling, date, who].contains { !cell($0).isEmpty }
            guard filled else { continue }
            let rowNumber = k + 1
            func refuse(_ reason: String) { refused.append(Refusal(file: file, sheet: sheet.name, row: rowNumber, id: caseID, reason: reason)) }
            guard !caseID.isEmpty else { refuse("the row is filled but its 核查编号 is empty; write the case's 核查编号"); continue }
            let verdictText = cell(verdict), handlingText = cell(handling), dateText = cell(date)
            let v = CaseStatus.verdict(verdictText), h = CaseStatus.handling(handlingText)
            if !verdictText.isEmpty, v == nil {
                refuse("核查结论 \"\(verdictText)\" is not one of \(CaseStatus.verdictValues.joined(separator: "、"))"); continue
            }
            if !handlingText.isEmpty, h == nil {
                refuse("处理情况 \"\(handlingText)\" is not one of \(CaseStatus.handlingValues.joined(separator: "、"))"); continue
            }
            if v == .notAChange, h != nil {
                refuse("核查结论 不属实 but 处理情况 \(handlingText): a change that is not real is not handled; correct one of them"); continue
            }
            if v == nil, h == nil { refuse("neither 核查结论 nor 处理情况 is filled in; write the verdict"); continue }
            guard !dateText.isEmpty else { refuse("核查日期 is empty; write the day of the verification, as 2022-03-31"); continue }
            guard let day = CaseDate(text: dateText) else { refuse("核查日期 \"\(dateText)\" is not a date; write it as 2022-03-31"); continue }
            guard day <= today else { refuse("核查日期 \(day) lies in the future (today is \(today))"); continue }
            let noteText = notes.compactMap { name, c in cell(c).isEmpty ? nil : "\(name)：\(cell(c))" }.joined(separator: "；")
            rows.append(FilledRow(file: file, sheet: sheet.name, row: rowNumber, id: caseID, verdict: v, verdictText: verdictText,
                                  handling: h, handlingText: handlingText, date: day, who: cell(who), notes: noteText))
        }
        return rows
    }

    /// The refusals as a CSV table (`--report`).
    public static func report(_ refused: [Refusal]) -> CSVTable {
        CSVTable(header: ["file", "sheet", "row", "id", "reason"], rows: refused.map { [$0.file, $0.sheet, String($0.row), $0.id, $0.reason] })
    }
}

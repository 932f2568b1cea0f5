import Foundation
import ForestMapCore

/// `forestmap cases list`: the register's cases as a table, overdue cases first, then by `case_id`.
public enum CaseListing {
    public enum Filter: String, Sendable, CaseIterable { case open, closed, all }

    public static let columns = [
        "case_id", "source", "township_code", "township_name", "case_status", "status", "opened", "last_event", "age_days", "overdue",
        "area_ha", "lon", "lat", "hit_ids", "description",
    ]

    /// The cases that pass the filters, in listing order.
    public static func cases(_ state: RegisterState, filter: Filter, township: String?, asOf: CaseDate, settings: CaseSettings) -> [RegisterCase] {
        let chosen = state.cases.values.filter { c in
            (filter == .all || (filter == .open) != c.isClosed) && (township == nil || c.townshipCode == township)
        }
        return chosen.sorted { a, b in
            let (oa, ob) = (a.isOverdue(asOf: asOf, rectificationDays: settings.rectificationDays), b.isOverdue(asOf: asOf, rectificationDays: settings.rectificationDays))
            return oa != ob ? oa : a.caseID < b.caseID
        }
    }

    public static func table(_ cases: [RegisterCase], asOf: CaseDate, settings: CaseSettings) -> CSVTable {
        CSVTable(header: columns, rows: cases.map { c in
            [c.caseID, c.source.rawValue, c.townshipCode, c.townshipName, c.status.rawValue, c.isClosed ? "closed" : "open",
             c.opened.description, c.lastEvent.description, String(c.age(asOf: asOf)),
             c.isOverdue(asOf: asOf, rectificationDays: settings.rectificationDays) ? "yes" : "no",
             CSVTable.number(AreaUnit.hectares(c.squareMetres), decimals: 4), FixedDecimal(c.longitude, decimals: 7).text,
             FixedDecimal(c.latitude, decimals: 7).text, c.hitIDs.joined(separator: ";"), c.description]
        })
    }

    /// The terminal's summary: counts by status and the overdue ones.
    public static func summary(_ cases: [RegisterCase], asOf: CaseDate, settings: CaseSettings) -> String {
        let counts = Dictionary(grouping: cases, by: \.status).mapValues(\.count)
        let byStatus = CaseStatus.allCases.compactMap { s in counts[s].map { "\(s.rawValue) \($0)" } }.joined(separator: ", ")
        let overdue = cases.filter { $0.isOverdue(asOf: asOf, rectificationDays: settings.rectificationDays) }.count
        return "\(cases.count) cases (\(byStatus.isEmpty ? "none" : byStatus)); \(overdue) overdue (confirmed more than \(settings.rectificationDays) days before \(asOf))"
    }
}

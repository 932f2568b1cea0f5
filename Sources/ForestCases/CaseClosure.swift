/// 破坏森林资源案件查处率 (附表1 `case_closure_rate`): of a township's cases of the period that the field team
/// confirmed as violations (`confirmed`, `filed`, `penalised`, `rectifying`, `rectified`), the share that were
/// dealt with (`filed`, `penalised`, `rectified`), in percent; empty where the period has no confirmed violation.
///
/// A case belongs to the period of its year: the survey year of the change detection that found it, or the year of
/// a patrol's or the public's report.
public struct CaseClosure: Sendable, Hashable, Codable {
    public var confirmed = 0
    public var dealtWith = 0

    public init(confirmed: Int = 0, dealtWith: Int = 0) {
        self.confirmed = confirmed
        self.dealtWith = dealtWith
    }

    /// The rate in percent; nil when nothing was confirmed.
    public var rate: Double? { confirmed > 0 ? Double(dealtWith) / Double(confirmed) * 100 : nil }

    public static func + (a: CaseClosure, b: CaseClosure) -> CaseClosure {
        CaseClosure(confirmed: a.confirmed + b.confirmed, dealtWith: a.dealtWith + b.dealtWith)
    }

    /// The counts by township code of the register's cases of `year`.
    public static func byTownship(_ cases: some Sequence<RegisterCase>, year: Int) -> [String: CaseClosure] {
        var result: [String: CaseClosure] = [:]
        for c in cases where c.year == year && c.status.isConfirmedViolation {
            result[c.townshipCode, default: CaseClosure()].confirmed += 1
            if c.status.isDealtWith { result[c.townshipCode, default: CaseClosure()].dealtWith += 1 }
        }
        return result
    }
}

import Foundation
import Geo

/// The `[cases]` settings: where the case register (问题整改台账) is kept and how hits become cases.
public struct CaseSettings: Sendable, Hashable {
    /// The register: a GeoPackage path (relative to the config) or a `PG:` connection string; nil: the default,
    /// `forestmap_cases.gpkg` inside `[output] folder` (no register when that is not set either).
    public var register: SourceReference?
    /// A hit and a case are the same when their overlap is at least this share of the smaller of the two.
    public var matchShare = 0.5
    /// Days after the verdict 属实 within which a confirmed case must be dealt with; later it is overdue.
    public var rectificationDays = 90
    /// A closed case detected again is reopened when the new patch is larger than the case by at least this many
    /// m² (re-digitised boundaries move areas a little; the inspection unit is the default).
    public var reopenGrowthSquareMetres = 400.0

    public init() {}

    /// The register's file name inside `[output] folder` when `[cases] register` is not set.
    public static let defaultFileName = "forestmap_cases.gpkg"
}

extension ForestMapConfig {
    /// Where the case register is: `[cases] register`, else `forestmap_cases.gpkg` in `[output] folder`, else none.
    public var caseRegister: SourceReference? {
        cases.register ?? outputFolder.map { SourceReference(path: ($0 as NSString).appendingPathComponent(CaseSettings.defaultFileName)) }
    }

    /// Reads the `[cases]` section; `folder` resolves a relative register path.
    package static func readCaseSettings(_ r: inout TOMLReader, file: String, folder: URL) throws -> CaseSettings {
        var s = CaseSettings()
        if let text = try r.string("register"), !text.isEmpty {
            do { s.register = try SourceReference(parsing: text).resolved(relativeTo: folder) } catch let e as GeoError {
                throw ForestMapError.input("\(file): cases.register: \(e.message)")
            }
        }
        if let share = try r.double("match_share") {
            guard share > 0, share <= 1 else { throw ForestMapError.input("\(file): setting cases.match_share must be above 0 and at most 1 (0.5 by default)") }
            s.matchShare = share
        }
        if let days = try r.int("rectification_days") {
            guard days > 0 else { throw ForestMapError.input("\(file): setting cases.rectification_days must be a number of days above 0 (90 by default)") }
            s.rectificationDays = days
        }
        if let growth = try r.double("reopen_growth_m2") {
            guard growth >= 0, growth.isFinite else { throw ForestMapError.input("\(file): setting cases.reopen_growth_m2 must be 0 or more (400 by default)") }
            s.reopenGrowthSquareMetres = growth
        }
        return s
    }
}

import Foundation
import Geo
import ForestMapCore
import ForestChange

/// How a year's hits meet the register (README "Case register"): a hit whose patch overlaps a case by at least
/// `[cases] match_share` of the smaller of the two (a reported point: lies in the patch) is that case; otherwise
/// it is a new case. Hits are matched one to one, the largest shares first.
///
/// - an open case found again is listed with its `case_id`, status and age (history: re-detected, its geometry the
///   new patch);
/// - a closed case found again is not listed, unless the patch is larger than the case by `[cases]
///   reopen_growth_m2`: then it is reopened (history says why) and listed;
/// - a hit matching no case is a new case, numbered on from the township's last case of the year.
public struct HitMatching: Sendable {
    public enum Outcome: Sendable, Hashable {
        case new(caseID: String)
        case open(caseID: String)
        case reopened(caseID: String)
        /// Matches a closed case: not listed.
        case closed(caseID: String)

        public var caseID: String {
            switch self { case .new(let id), .open(let id), .reopened(let id), .closed(let id): id }
        }
    }

    /// By `hit_id`.
    public var outcomes: [String: Outcome]
    /// Each hit's patch in the register's CRS, by `hit_id`.
    var geometries: [String: WKB]
    /// The register's cases as they were matched against (to age the open ones).
    var cases: [String: RegisterCase]
    public var year: Int
    public var asOf: CaseDate
    public var settings: CaseSettings

    /// Matches `hits` (in `layerCRS`) against the register's state.
    public static func plan(_ hits: [Hit], state: RegisterState, registerCRS: SpatialReference?, layerCRS: SpatialReference,
                            year: Int, asOf: CaseDate, settings: CaseSettings) throws -> HitMatching {
        let transform = try registerCRS.flatMap { $0.isSame(as: layerCRS) ? nil : try CoordinateTransform(from: layerCRS, to: $0) }
        var geometries: [String: WKB] = [:]
        for h in hits {
            geometries[h.hitID] = try transform.map { WKB(polygons: try $0.transform(try h.patch.geometry.polygons())) } ?? h.patch.geometry
        }
        let context = GEOSContext()
        let cases = state.cases.values.filter { $0.geometry != nil }.sorted { $0.caseID < $1.caseID }
        let caseShapes = try cases.map { try Geometry(wkb: $0.geometry!, context: context) }
        let caseBoxes = caseShapes.map(\.envelope)
        var pairs: [(share: Double, hit: Int, case: Int)] = []
        for (k, h) in hits.enumerated() {
            let shape = try Geometry(wkb: geometries[h.hitID]!, context: context)
            guard let box = shape.envelope else { continue }
            for (c, other) in caseShapes.enumerated() {
                guard let b = caseBoxes[c], b.maxX >= box.minX, b.minX <= box.maxX, b.maxY >= box.minY, b.minY <= box.maxY else { continue }
                let share: Double
                if !other.isPolygonal {
                    // A reported point: the same case when it lies in the patch.
                    share = shape.intersects(other) ? 1 : 0
                } else {
                    let smaller = min(shape.area, other.area)
                    share = smaller > 0 ? try shape.intersection(other).area / smaller : 0
                }
                if share >= settings.matchShare { pairs.append((share, k, c)) }
            }
        }
        pairs.sort { ($0.share, -$0.hit, -$0.case) > ($1.share, -$1.hit, -$1.case) }
        var caseOfHit: [Int: Int] = [:], taken: Set<Int> = []
        for p in pairs where caseOfHit[p.hit] == nil && !taken.contains(p.case) {
            caseOfHit[p.hit] = p.case
            taken.insert(p.case)
        }
        var outcomes: [String: Outcome] = [:]
        var next: [String: Int] = [:]
        for (k, h) in hits.enumerated() {
            if let c = caseOfHit[k] {
                let matched = cases[c]
                if !matched.isClosed {
                    outcomes[h.hitID] = .open(caseID: matched.caseID)
                } else if h.patch.squareMetres >= matched.squareMetres + settings.reopenGrowthSquareMetres {
                    outcomes[h.hitID] = .reopened(caseID: matched.caseID)
                } else {
                    outcomes[h.hitID] = .closed(caseID: matched.caseID)
                }
            } else {
                let township = h.patch.townshipCode
                let number = next[township] ?? state.nextNumber(township: township, year: year)
                next[township] = number + 1
                outcomes[h.hitID] = .new(caseID: RegisterCase.identifier(township: township, year: year, number: number))
            }
        }
        return HitMatching(outcomes: outcomes, geometries: geometries, cases: state.cases, year: year, asOf: asOf, settings: settings)
    }

    /// The hit list as it goes out: hits of closed cases dropped, each other hit with its case, overdue cases
    /// first, then in the hit list's order.
    public func annotated(_ hits: [Hit], newCases: Bool) -> [Hit] {
        let listed = hits.compactMap { h -> Hit? in
            guard let outcome = outcomes[h.hitID] else { return h }
            var h = h
            switch outcome {
            case .closed: return nil
            case .new(let id): if newCases { h.registerCase = HitCase(caseID: id, status: .open, ageDays: 0, overdue: false) }
            case .reopened(let id): h.registerCase = HitCase(caseID: id, status: .open, ageDays: cases[id].map { $0.age(asOf: asOf) } ?? 0, overdue: false)
            case .open(let id):
                let c = cases[id]!
                h.registerCase = HitCase(caseID: id, status: c.status, ageDays: c.age(asOf: asOf),
                                         overdue: c.isOverdue(asOf: asOf, rectificationDays: settings.rectificationDays))
            }
            return h
        }
        let overdue = listed.filter { $0.registerCase?.overdue == true }
        return overdue + listed.filter { $0.registerCase?.overdue != true }
    }

    /// The hits of open cases the register holds.
    public var openMatches: Int { outcomes.values.filter { if case .open = $0 { true } else { false } }.count }

    /// The hits dropped from the list because their case is closed.
    public var closedMatches: Int { outcomes.values.filter { if case .closed = $0 { true } else { false } }.count }
}

import Geo

/// One problem found by `forestmap check`: which check, which feature(s), where, and what is wrong.
public struct CheckProblem: Sendable, Hashable {
    public var check: QualityCheck
    /// The offending features' ids in the source (GDAL FID), ascending: one for a feature's own problem, two for an
    /// overlap, those of a boundary mismatch stretch, none for a gap.
    public var featureIDs: [Int64]
    /// The sub-compartment keys of those features, in the same order.
    public var keys: [String]
    /// The 9-digit township code the problem belongs to: the feature's XIANG; for gaps the township it lies in.
    public var townshipCode: String
    /// What is wrong, for a person: values found and expected.
    public var detail: String
    /// The problem at its place (layer CRS): the overlap or gap polygon, the piece over a boundary (a stretch's pieces
    /// united), or the feature's own geometry; nil when the feature has none.
    public var geometry: WKB?
    /// A point on the problem (layer CRS): GEOS's location of an invalidity, else a point on the problem's surface.
    public var point: Point?
    /// The area of the problem polygon (overlap, gap, piece over a boundary), m²; nil for a feature's own problem.
    public var squareMetres: Double?

    /// A severity other than the check's own (a number with thousands separators is a `bad_number` warning).
    public var severityOverride: QualityCheck.Severity? = nil

    public var severity: QualityCheck.Severity { severityOverride ?? check.severity }

    /// Problems in a fixed order whatever the number of threads: by check, then feature ids, then place, then detail.
    static func ordered(_ a: CheckProblem, _ b: CheckProblem) -> Bool {
        let ra = QualityCheck.allCases.firstIndex(of: a.check)!, rb = QualityCheck.allCases.firstIndex(of: b.check)!
        if ra != rb { return ra < rb }
        if a.featureIDs != b.featureIDs {
            if a.featureIDs.isEmpty != b.featureIDs.isEmpty { return !a.featureIDs.isEmpty }
            return a.featureIDs.lexicographicallyPrecedes(b.featureIDs)
        }
        let (ax, ay) = (a.point?.x ?? .infinity, a.point?.y ?? .infinity), (bx, by) = (b.point?.x ?? .infinity, b.point?.y ?? .infinity)
        if ax != bx { return ax < bx }
        if ay != by { return ay < by }
        return a.detail < b.detail
    }
}

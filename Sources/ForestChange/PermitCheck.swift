import Geo
import ForestMapCore

/// Checks change patches against the permits of their kind (许可核查, docs/domain.md §5). Never "illegal": a patch no
/// permit covers has "no matching approval found" (`none`).
///
/// For a patch of harvest or loss of forest land, the permits of its family whose red line overlaps it are sorted:
/// - **valid** (in force in the period, ``Permit/isValid(in:)``) and for this use: the approved use (PZYT, a
///   GB/T 21010 code) is the patch's current class, or the permit states no use it can be compared on;
/// - valid but approved for **another use** (批非所用);
/// - **expired**: not in force in the period (a temporary use expired before the period's end and not restored).
///
/// With valid permits for this use, the patch is `covered` unless more than the inspection unit of it is
/// `partial` (少批多占): area outside every such red line, plus its share of the area by which the changes inside
/// a permit exceed its approved area PZMJ (shared among the patches in proportion to their area inside it).
/// Else `wrong_use` when a valid permit for another use overlaps it, `expired` when only expired ones do, and
/// `none` otherwise. A valid permit wins over an expired one.
struct PermitCheck {
    struct Overlap: Sendable {
        var permit: Int
        var squareMetres: Double
    }

    /// What one patch's geometry says before the approved areas are compared: the overlaps with each permit of its
    /// family, and the area inside the union of the valid ones for its use.
    struct Evidence: Sendable {
        var validForUse: [Overlap] = []
        var otherUse: [Overlap] = []
        var expired: [Overlap] = []
        var coveredSquareMetres = 0.0
    }

    let permits: [Permit]
    let index: SpatialIndex
    let period: ChangePeriod?

    init(permits: [Permit], period: ChangePeriod?) {
        self.permits = permits
        self.period = period
        index = SpatialIndex(boxes: permits.map { Envelope($0.polygons) ?? Envelope(minX: .nan, minY: .nan, maxX: .nan, maxY: .nan) })
    }

    /// The permits' red lines in one GEOS context (one task's), each read and prepared once, when a patch first
    /// meets it.
    final class RedLines {
        private let permits: [Permit]
        private let context: GEOSContext
        private var read: [Int: (geometry: Geometry, prepared: PreparedGeometry)] = [:]

        init(_ check: PermitCheck, context: GEOSContext) {
            permits = check.permits
            self.context = context
        }

        func line(_ k: Int) throws -> (geometry: Geometry, prepared: PreparedGeometry) {
            if let known = read[k] { return known }
            let g = try Geometry(wkb: WKB(polygons: permits[k].polygons), context: context)
            let made = (geometry: g, prepared: try PreparedGeometry(g))
            read[k] = made
            return made
        }
    }

    /// The overlaps of one patch (in the layer's CRS) with the permits of `family`; `measure` measures areas. A
    /// patch inside a red line overlaps it with all of itself.
    func evidence(_ polygon: Geometry, polygons: [PolygonRings], family: PermitFamily, toCode: String, toClass: LandClass?,
                  redLines: RedLines, context: GEOSContext, measure: LayerAreaMeasure) throws -> Evidence {
        guard let box = Envelope(polygons) else { return Evidence() }
        var e = Evidence()
        var valid: [Geometry] = []
        for k in index.query(box).sorted() where permits[k].family == family {
            let permit = permits[k]
            let (red, prepared) = try redLines.line(k)
            guard prepared.intersects(polygon) else { continue }
            let inside = prepared.contains(polygon) ? polygons : try polygon.intersection(red).polygonRings()
            let m2 = try measure.squareMetres(inside)
            guard m2 > 0 else { continue }
            let overlap = Overlap(permit: k, squareMetres: m2)
            if !permit.isValid(in: period) {
                e.expired.append(overlap)
            } else if family == .landUse, !Self.sameUse(permit, toCode: toCode, toClass: toClass) {
                e.otherUse.append(overlap)
            } else {
                e.validForUse.append(overlap)
                valid.append(red)
            }
        }
        if valid.count == 1 {
            e.coveredSquareMetres = e.validForUse[0].squareMetres
        } else if valid.count > 1 {
            e.coveredSquareMetres = try measure.squareMetres(polygon.intersection(Geometry.union(valid, context: context)).polygonRings())
        }
        return e
    }

    /// Whether a land-use approval's use (PZYT) allows what the patch became. Codes (GB/T 21010 and the land-survey
    /// codes share them for construction land) match when one starts with the other (07 approves 0702); a use that
    /// is not a code is compared by land class; a permit with no use, or one not understood, is not judged on it.
    static func sameUse(_ permit: Permit, toCode: String, toClass: LandClass?) -> Bool {
        let use = permit.use
        guard !use.isEmpty else { return true }
        if use.allSatisfy(\.isNumber), !toCode.isEmpty, toCode.allSatisfy(\.isNumber) {
            return use.hasPrefix(toCode) || toCode.hasPrefix(use)
        }
        guard let useClass = permit.useClass, let toClass else { return true }
        return useClass == toClass
    }

    /// The status of every patch from its evidence: `evidence[i]` nil where permits do not apply.
    func statuses(_ evidence: [Evidence?], areas: [Double], inspectionUnit: Double) -> [(ChangePatch.PermitStatus?, [String], Double)] {
        // Changed area inside each permit, over all patches, against its approved area.
        var inside = [Double](repeating: 0, count: permits.count)
        for e in evidence.compactMap({ $0 }) { for o in e.validForUse { inside[o.permit] += o.squareMetres } }
        let excess = permits.indices.map { k -> Double in
            guard let approved = permits[k].approvedSquareMetres, inside[k] > 0 else { return 0 }
            return max(0, inside[k] - approved)
        }
        return zip(evidence, areas).map { e, area in
            guard let e else { return (nil, [], 0) }
            func numbers(_ list: [Overlap]) -> [String] { Array(Set(list.map { permits[$0.permit].number })).sorted() }
            if !e.validForUse.isEmpty {
                let beyondArea = e.validForUse.reduce(0.0) { $0 + excess[$1.permit] * $1.squareMetres / inside[$1.permit] }
                let uncovered = max(0, area - e.coveredSquareMetres) + beyondArea
                return (uncovered > inspectionUnit ? .partial : .covered, numbers(e.validForUse), uncovered)
            }
            if !e.otherUse.isEmpty { return (.wrongUse, numbers(e.otherUse), area) }
            if !e.expired.isEmpty { return (.expired, numbers(e.expired), area) }
            return (ChangePatch.PermitStatus.none, [], area)
        }
    }
}

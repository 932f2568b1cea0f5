import Foundation
import Geo
import ForestMapCore
import PlanarKernel

/// truth.csv: one row per planted event with the outcome a change detection must report (issue 6's keys).
/// UTF-8 with a BOM, CRLF, like every CSV forestmap writes.
enum SynthTruth {
    static let header = [
        "event_id", "event", "change_type", "permit_status", "hit", "counted", "township_code", "village_code",
        "from_ids", "to_ids", "from_code", "to_code", "from_class", "to_class", "area_ha", "uncovered_ha",
        "bhyy_recorded", "bhyy_expected", "permit_ids", "in_ring_belt", "natural_forest", "public_welfare",
        "on_farmland", "x", "y", "note",
    ]

    /// Whether the enforcement hit list must hold the event (issue 6 §5): forest-land loss not covered by a
    /// permit, clearing for farming, harvest outside permits or in natural forest, and any loss of forest land,
    /// harvest, clearing or construction inside the ring belt; never what does not count (a recorded 9x correction,
    /// a reclassification, a change of attributes only).
    static func hit(_ kind: SynthEventKind, from: LandClass, to: LandClass, natural: Bool, inBelt: Bool) -> Bool {
        guard kind.counted else { return false }
        let loss = from.isForestLand && !to.isForestLand
        let type = kind.changeType, status = kind.permitStatus
        if loss && status != "covered" { return true }
        if type == "cleared_for_farming" { return true }
        if type == "harvest" && (status != "covered" || natural) { return true }
        if inBelt && (loss || ["harvest", "cleared_for_farming", "construction"].contains(type)) { return true }
        return false
    }

    static func table(_ district: SynthDistrict) throws -> CSVTable {
        let context = GEOSContext()
        var rows: [[String]] = []
        rows.reserveCapacity(district.events.count)
        for (k, event) in district.events.enumerated() {
            let first = event.from[0]
            let previous = district.previousStands[first]
            let fromClass = district.previousClass(first)
            let isChange = event.kind.changeType != "no_change"
            let anchor = event.to.first { district.currentClass($0) != fromClass || district.changedFrom($0) != nil } ?? event.to[0]
            let toClass = district.currentClass(anchor)
            let natural = fromClass.isForestLand && (previous.qiYuan?.hasPrefix("1") ?? false)
            let publicWelfare = previous.senLinLB?.hasPrefix("01") ?? false
            let onFarmland = fromClass.group == .farmland && toClass.isForestLand
            let area = event.to.reduce(0.0) { $0 + district.hectares($1) }
            let parts = event.to.map { [PolygonRings(rings: [district.shell($0)])] }
            let whole = try Geometry(wkb: WKB(polygons: parts.count == 1 ? parts[0] : try CoverageUnion.unite(parts, context: context)), context: context)
            let point = try whole.pointOnSurface()
            let (t, v, _, _) = district.keyParts(event.to[0])
            rows.append([
                "E" + (k + 1).zeroPadded(6), event.kind.name, event.kind.changeType, event.kind.permitStatus,
                yes(hit(event.kind, from: fromClass, to: toClass, natural: natural, inBelt: event.inBelt)), yes(event.kind.counted),
                district.layout.county.townships[Int(t)].divisionCode, district.layout.county.townships[Int(t)].divisionCode + Int(v).zeroPadded(3),
                event.from.map { district.layout.key($0) }.joined(separator: ";"),
                event.to.map { district.key($0) }.joined(separator: ";"),
                district.previousCode(first), district.currentCode(anchor), fromClass.key, toClass.key,
                hectares(area), event.uncoveredHectares.map(hectares) ?? "",
                district.reason(anchor) ?? "", isChange ? event.kind.derivedReason : "",
                event.permits.map { district.permits[$0].number }.joined(separator: ";"),
                yes(event.inBelt), yes(natural), yes(publicWelfare), yes(onFarmland),
                CSVTable.number(point.x, decimals: 2), CSVTable.number(point.y, decimals: 2), event.note,
            ])
        }
        return CSVTable(header: header, rows: rows)
    }

    static func yes(_ value: Bool) -> String { value ? "yes" : "no" }

    /// Four decimals without locale or `String(format:)`.
    static func hectares(_ value: Double) -> String {
        let tenThousandths = Int64((value * 10_000).rounded())
        let whole = tenThousandths / 10_000, fraction = tenThousandths % 10_000
        return "\(whole)." + Int(fraction).zeroPadded(4)
    }

    /// Rows per event kind; every kind present as a key.
    static func counts(_ district: SynthDistrict) -> [String: Int] {
        var counts = Dictionary(uniqueKeysWithValues: SynthEventKind.allCases.map { ($0.name, 0) })
        for event in district.events { counts[event.kind.name, default: 0] += 1 }
        return counts
    }
}

import Foundation
import Geo

/// The change patches (变化图斑) that turn the first year into the second with `forestmap update`: what GIS staff
/// would cut into last year's map. Written to `patches_YEAR.gpkg`, layer `patches_YEAR`, in second-year key order.
///
/// - Every second-year sub-compartment whose polygon or class-level record differs from the first year's is a
///   polygon patch with its whole second-year record: the events, the pieces of splits, merges and the road,
///   re-digitised boundaries, and the reclassifications the change of code system forces.
/// - Every other sub-compartment whose record differs (volume grown, a more specific code in the new system) is a
///   record update (档案更新): no polygon, its key in XIAN, XIANG, CUN, LIN_BAN, XIAO_BAN.
/// - BHYY is the recorded reason where the second year records one, else the reason the change implies (docs/domain.md
///   §5); patches that are no change on the ground get 9x: 96 code-system reclassification, 97 re-digitised
///   boundary, 98 split or merge, 99 attribute-only correction. Record updates carry no reason. BH_YJ holds the
///   event's permit numbers.
enum SynthPatches {
    static func layerName(_ options: SynthOptions) -> String { "patches_\(options.currentYear)" }

    static let fields = [
        FieldDefinition("DI_LEI", .string, width: 6), FieldDefinition("QI_YUAN", .string, width: 2),
        FieldDefinition("SEN_LIN_LB", .string, width: 3), FieldDefinition("SHI_QUAN_D", .string, width: 2),
        FieldDefinition("GJGYL_BHDJ", .string, width: 1), FieldDefinition("LIN_ZHONG", .string, width: 3),
        FieldDefinition("YOU_SHI_SZ", .string, width: 6), FieldDefinition("YU_BI_DU", .real, width: 4, precision: 2),
        FieldDefinition("HUO_LMGQXJ", .real, width: 6, precision: 1), FieldDefinition("BHYY", .string, width: 2),
        FieldDefinition("BHND", .string, width: 4), FieldDefinition("BH_YJ", .string, width: 80),
        FieldDefinition("XIAN", .string, width: 6), FieldDefinition("XIANG", .string, width: 3), FieldDefinition("CUN", .string, width: 3),
        FieldDefinition("LIN_BAN", .string, width: 4), FieldDefinition("XIAO_BAN", .string, width: 4),
    ]

    static func write(_ d: SynthDistrict, to path: String) throws {
        // The event each second-year feature holds the result of (a change before a no-change row).
        var eventOf: [SynthRef: SynthEventRecord] = [:]
        for event in d.events where event.kind.changeType != "no_change" && event.kind.changeType != "reclassification" {
            for ref in event.to where eventOf[ref] == nil { eventOf[ref] = event }
        }
        func text(_ value: String?) -> FieldValue { value.map(FieldValue.string) ?? .null }
        func real(_ value: Double?) -> FieldValue { value.map(FieldValue.real) ?? .null }
        let year = String(d.options.currentYear)
        var features: [Feature] = []
        for ref in d.second.order {
            let stand = d.stand(ref)
            let code = d.currentCode(ref)
            var reason: String?
            var geometry: WKB?
            var key: [FieldValue] = Array(repeating: .null, count: 5)
            if let slot = ref.slot {
                let moved = d.shell(ref) != d.layout.ring(slot)
                let reclassified = d.second.changed[slot] && eventOf[ref] == nil && d.currentClass(ref) != d.previousClass(slot)
                if d.second.changed[slot] || moved {
                    geometry = SynthWKB.multiPolygon([[d.shell(ref)]])
                    reason = d.reason(ref) ?? eventOf[ref].map(\.kind.derivedReason).flatMap { $0.isEmpty ? nil : $0 }
                        ?? (reclassified ? "96" : moved && !d.second.changed[slot] ? "97" : "99")
                } else if stand != d.previousStands[slot] || code != d.currentTable.code(for: d.previousClass(slot)) {
                    let row = SynthLayerFiles.previousRow(d, slot)
                    key = [.string(d.layout.county.code), .string(row.xiang), .string(row.cun), .string(row.linBan), .string(row.xiaoBan)]
                } else {
                    continue
                }
            } else {
                geometry = SynthWKB.multiPolygon([[d.shell(ref)]])
                reason = d.reason(ref) ?? eventOf[ref].map(\.kind.derivedReason).flatMap { $0.isEmpty ? nil : $0 } ?? "98"
            }
            let basis = eventOf[ref].map { $0.permits.map { d.permits[$0].number }.joined(separator: ";") }.flatMap { $0.isEmpty ? nil : $0 }
            let values: [FieldValue] = [
                .string(code), text(stand.qiYuan), text(stand.senLinLB), text(stand.shiQuanD), text(stand.gjgylBhdj), text(stand.linZhong),
                text(stand.species), real(stand.canopy), real(stand.volume), text(reason), reason == nil ? .null : .string(year), text(basis),
            ] + key
            features.append(Feature(values: values, geometry: geometry))
        }
        try SynthLayerFiles.writeLayers(d.options, [(layerName(d.options), .polygon, fields, features)], to: path)
    }
}

import Foundation
import ForestMapCore

/// Statistical units taken from the sub-compartments' own attributes (按属性分区): townships from XIANG (the full
/// 9-digit code), villages from XIANG + CUN. Offices report this way; with `--townships` the boundary polygons
/// decide instead and these serve as the comparison.
package struct AttributeZones {
    /// Sorted by code; rows for empty codes last.
    var zones: [StatsZone]
    /// The zone of each sub-compartment, in layer order.
    var zoneOf: [Int]

    /// Townships from XIANG; one zone for the whole layer when it has no XIANG field.
    static func townships(_ layer: SubCompartmentLayer, fields: SubCompartmentFields, district: (code: String, name: String),
                          names: (String) -> String) -> AttributeZones {
        guard fieldIndex(layer, fields.xiang) != nil else {
            let zone = StatsZone(kind: .township, townshipCode: district.code, townshipName: "\(district.name)（全部小班：图层无乡镇字段 \(fields.xiang)）")
            return AttributeZones(zones: [zone], zoneOf: Array(repeating: 0, count: layer.subCompartments.count))
        }
        return group(layer.subCompartments.map { ($0.townshipCode, nil) }, names: names)
    }

    /// Villages from XIANG + CUN; nil when the layer lacks either field.
    static func villages(_ layer: SubCompartmentLayer, fields: SubCompartmentFields, names: (String) -> String) -> AttributeZones? {
        guard fieldIndex(layer, fields.xiang) != nil, let cun = fieldIndex(layer, fields.cun) else { return nil }
        return group(layer.subCompartments.map { s in
            let village = s.attributes[cun].text.map(villageDigits) ?? ""
            return (s.townshipCode, s.townshipCode.isEmpty || village.isEmpty ? StatsZone.unknownCode : s.townshipCode + village)
        }, names: names)
    }

    /// The 3-digit CUN: spaces and a trailing ".0" dropped, zero-padded; a 12-digit code keeps its last 3 digits.
    package static func villageDigits(_ raw: String) -> String {
        var v = SubCompartmentFactReader.trimmed(raw)
        if v.hasSuffix(".0") { v.removeLast(2) }
        if v.count == 12 { return String(v.suffix(3)) }
        return v.isEmpty ? "" : String(repeating: "0", count: max(0, 3 - v.count)) + v
    }

    package static func fieldIndex(_ layer: SubCompartmentLayer, _ name: String) -> Int? {
        layer.fieldNames.firstIndex { $0 == name } ?? layer.fieldNames.firstIndex { $0.caseInsensitiveCompare(name) == .orderedSame }
    }

    /// Groups (township code, village code) keys into sorted zones.
    private static func group(_ keys: [(township: String, village: String?)], names: (String) -> String) -> AttributeZones {
        struct Key: Hashable, Comparable {
            var township: String
            var village: String?
            static func < (a: Key, b: Key) -> Bool {
                func rank(_ code: String) -> (Int, String) { (code.isEmpty || code == StatsZone.unknownCode ? 1 : 0, code) }
                let ta = rank(a.township), tb = rank(b.township)
                if ta != tb { return ta < tb }
                return rank(a.village ?? "") < rank(b.village ?? "")
            }
        }
        var position: [Key: Int] = [:]
        var raw: [Int] = []
        raw.reserveCapacity(keys.count)
        for k in keys {
            let key = Key(township: k.township, village: k.village)
            if let p = position[key] { raw.append(p) } else { position[key] = position.count; raw.append(position.count - 1) }
        }
        let sorted = position.keys.sorted()
        let newIndex = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { (position[$1]!, $0) })
        let zones = sorted.map { key -> StatsZone in
            let known = !key.township.isEmpty
            let township = known ? key.township : StatsZone.unknownCode
            let name = known ? names(key.township) : "乡镇代码为空"
            if let village = key.village {
                return StatsZone(kind: known && village != StatsZone.unknownCode ? .village : .unknown,
                                 townshipCode: township, townshipName: name, villageCode: village)
            }
            return StatsZone(kind: known ? .township : .unknown, townshipCode: township, townshipName: name)
        }
        return AttributeZones(zones: zones, zoneOf: raw.map { newIndex[$0]! })
    }
}

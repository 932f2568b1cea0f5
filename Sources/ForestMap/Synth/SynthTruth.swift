import Foundation

/// truth.csv: one row per planted change between the years, UTF-8 with a BOM (Excel opens it as UTF-8).
enum SynthTruth {
    static let header = "event,key,township_code,from_code,to_code,from_class,to_class,area_ha"

    /// The rows in key order; classes are what the year's code table reads the written code as.
    static func csv(_ district: SynthDistrict) -> String {
        var lines = ["\u{FEFF}" + header]
        for slot in 0..<district.layout.count where district.events[slot] != .none {
            let from = district.code(slot, current: false), to = district.code(slot, current: true)
            lines.append([
                district.events[slot].name, district.layout.key(slot), district.townshipCode(slot), from, to,
                district.previousTable.classify(from)?.key ?? "", district.currentTable.classify(to)?.key ?? "",
                hectares(district.hectares[slot]),
            ].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Four decimals without locale or `String(format:)`: the value is already rounded to 0.0001 ha.
    static func hectares(_ value: Double) -> String {
        let tenThousandths = Int64((value * 10_000).rounded())
        let whole = tenThousandths / 10_000, fraction = tenThousandths % 10_000
        return "\(whole)." + DistrictLayout.digits(Int(fraction), 4)
    }

    /// Rows per event, every event name present.
    static func counts(_ district: SynthDistrict) -> [String: Int] {
        var counts = Dictionary(uniqueKeysWithValues: SynthEvent.allCases.filter { $0 != .none }.map { ($0.name, 0) })
        for event in district.events where event != .none { counts[event.name, default: 0] += 1 }
        return counts
    }
}

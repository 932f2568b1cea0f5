import Foundation
import ForestMapCore

/// 四旁树折算: four-side tree counts from `[stats] four_side_trees`, converted to forest area at
/// `trees_per_hectare` and given to the statistical units they belong to (docs/domain.md §4).
enum FourSideTrees {
    /// Square metres per zone, nil when no counts are configured; with a note saying what was counted.
    /// A code that matches no unit of the table is an error naming the setting. By village, counts given per
    /// township cannot be split among villages: they are left out and the note says so.
    static func areas(_ settings: StatsSettings, zones: [StatsZone], grouping: StatsGrouping,
                      districtCode: String) throws -> (perZone: [Double]?, notes: [String]) {
        guard !settings.fourSideTrees.isEmpty else { return (nil, []) }
        var perZone = [Double](repeating: 0, count: zones.count)
        var counted = 0.0
        var leftOut: [String] = []
        for (key, trees) in settings.fourSideTrees.sorted(by: { $0.key < $1.key }) {
            let raw = SubCompartmentFactReader.trimmed(key)
            let isVillage = raw.count == 12
            let township = isVillage ? String(raw.prefix(9)) : (TownshipCode.full(xiang: raw, xian: districtCode) ?? raw)
            let zone: Int?
            switch (grouping, isVillage) {
            case (.township, _):
                zone = zones.firstIndex { $0.kind == .township && $0.townshipCode == township }
            case (.village, true):
                zone = zones.firstIndex { $0.kind == .village && $0.villageCode == raw }
            case (.village, false):
                leftOut.append(key)
                continue
            }
            guard let zone else {
                let unit = isVillage ? "village \(raw)" : "township \(township)"
                throw ForestMapError.input("setting stats.four_side_trees.\(key): the statistics have no \(unit); use the 9-digit township codes (or 12-digit village codes) of the table")
            }
            perZone[zone] += trees / settings.treesPerHectare * AreaUnit.squareMetresPerHectare
            counted += trees
        }
        var notes = [String(format: "四旁树 four-side trees: %.0f trees ÷ %g trees/ha = %.4f ha counted as forest ([stats] four_side_trees)",
                            counted, settings.treesPerHectare, counted / settings.treesPerHectare)]
        if !leftOut.isEmpty {
            notes.append("四旁树 given per township (\(leftOut.joined(separator: ", "))) cannot be split among villages: not counted in the village table")
        }
        return (perZone, notes)
    }
}

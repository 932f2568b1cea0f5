import Foundation

/// The `[stats]` settings of `forestmap stats` (森林资源统计).
///
/// Four-side trees (四旁树: trees beside villages, houses, roads and water, and farmland shelterbelts 农田林网) count
/// toward forest coverage where an office counts them (docs/domain.md §4). They are not sub-compartments, so their tree
/// counts come from the config, per township or village code, and are converted to an area at
/// `treesPerHectare`.
public struct StatsSettings: Sendable, Hashable {
    /// 四旁树株数: tree counts by code as written in the config: a 9-digit township code (or its 3 digits, which
    /// get the district code), or a 12-digit village code. Empty: four-side trees are not counted.
    public var fourSideTrees: [String: Double] = [:]
    /// 四旁树折算标准: trees per hectare of forest (docs/domain.md §4: 1,650).
    public var treesPerHectare = 1_650.0
    /// 平面面积坐标系: the projected CRS planar areas are computed in, for layers that are not projected (e.g.
    /// "EPSG:4545"); nil: the layer's own CRS.
    public var planarCRS: String?

    public init() {}
}

extension ForestMapConfig {
    /// Reads the `[stats]` section; `file` names the config in messages.
    package static func readStatsSettings(_ r: inout TOMLReader, file: String) throws -> StatsSettings {
        var s = StatsSettings()
        s.treesPerHectare = try r.double("trees_per_hectare") ?? s.treesPerHectare
        guard s.treesPerHectare > 0, s.treesPerHectare.isFinite else {
            throw ForestMapError.input("\(file): setting stats.trees_per_hectare must be a positive number (1650 by default)")
        }
        s.planarCRS = try r.string("planar_crs").flatMap { $0.isEmpty ? nil : $0 }
        try r.section("four_side_trees") { t in
            for code in t.table.keys.sorted() {
                let trees = try t.double(code) ?? 0
                guard trees >= 0, trees.isFinite else {
                    throw ForestMapError.input("\(file): setting stats.four_side_trees.\(code) must be a tree count (0 or more)")
                }
                s.fourSideTrees[code] = trees
            }
        }
        return s
    }
}

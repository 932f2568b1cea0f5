import ForestMapCore
/// The figure columns of a stats table (统计表栏目), in order, with their CSV keys and Chinese headers.
package enum StatsColumn: CaseIterable, Sendable {
    case landArea, forestLand, forest, arbor, bamboo, specialShrub, fourSide, coverage, publicWelfare, naturalForest, stock

    /// The unit areas are written in: hectares (公顷) or mu (亩).
    package enum AreaUnitChoice: Sendable {
        case hectare, mu
        var suffix: String { self == .hectare ? "ha" : "mu" }
        var chinese: String { self == .hectare ? "公顷" : "亩" }
        /// Decimals areas are written with: 4 for hectares (as MIAN_JI), 2 for mu.
        var decimals: Int { self == .hectare ? 4 : 2 }
        func convert(squareMetres: Double) -> Double {
            let ha = AreaUnit.hectares(squareMetres)
            return self == .hectare ? ha : AreaUnit.mu(hectares: ha)
        }
    }

    var isArea: Bool { self != .coverage && self != .stock }

    /// Decimals as written: areas by unit, coverage 2, volume 1.
    func decimals(_ unit: AreaUnitChoice) -> Int {
        switch self {
        case .coverage: return 2
        case .stock: return 1
        default: return unit.decimals
        }
    }

    /// The CSV key, e.g. `land_area_ha`, `coverage_pct`, `stock_m3`.
    func key(_ unit: AreaUnitChoice) -> String {
        switch self {
        case .landArea: return "land_area_\(unit.suffix)"
        case .forestLand: return "forest_land_\(unit.suffix)"
        case .forest: return "forest_\(unit.suffix)"
        case .arbor: return "arbor_\(unit.suffix)"
        case .bamboo: return "bamboo_\(unit.suffix)"
        case .specialShrub: return "special_shrub_\(unit.suffix)"
        case .fourSide: return "four_side_\(unit.suffix)"
        case .coverage: return "coverage_pct"
        case .publicWelfare: return "public_welfare_\(unit.suffix)"
        case .naturalForest: return "natural_forest_\(unit.suffix)"
        case .stock: return "stock_m3"
        }
    }

    /// The Chinese header with its unit, as filed tables print it.
    func header(_ unit: AreaUnitChoice) -> String {
        let u = "\n(\(unit.chinese))"
        switch self {
        case .landArea: return "土地总面积" + u
        case .forestLand: return "林地面积" + u
        case .forest: return "森林面积" + u
        case .arbor: return "乔木林地" + u
        case .bamboo: return "竹林地" + u
        case .specialShrub: return "特灌林地" + u
        case .fourSide: return "四旁树折算" + u
        case .coverage: return "森林覆盖率\n(%)"
        case .publicWelfare: return "公益林面积" + u
        case .naturalForest: return "天然林面积" + u
        case .stock: return "活立木蓄积\n(立方米)"
        }
    }

    /// The unrounded value of a zone's figures in the table's unit; nil for a column the layer cannot fill.
    /// Forest and coverage are derived from the written values instead (see `ClosingTable`).
    func value(_ f: ForestFigures, _ unit: AreaUnitChoice, _ has: ForestStatistics.Availability) -> Double? {
        switch self {
        case .landArea: return unit.convert(squareMetres: f.landArea)
        case .forestLand: return unit.convert(squareMetres: f.forestLand)
        case .arbor: return unit.convert(squareMetres: f.arbor)
        case .bamboo: return unit.convert(squareMetres: f.bamboo)
        case .specialShrub: return unit.convert(squareMetres: f.specialShrub)
        case .fourSide: return has.fourSide ? unit.convert(squareMetres: f.fourSide) : nil
        case .publicWelfare: return has.publicWelfare ? unit.convert(squareMetres: f.publicWelfare) : nil
        case .naturalForest: return has.naturalForest ? unit.convert(squareMetres: f.naturalForest) : nil
        case .stock: return has.stock ? f.stock : nil
        case .forest, .coverage: return nil
        }
    }
}

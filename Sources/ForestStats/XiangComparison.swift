import ForestMapCore
/// 属性与界线对比: per township, the figures by the sub-compartments' XIANG attribute (how offices report) beside the
/// figures by the township boundary polygons (exact overlay), with the difference boundary − attribute.
///
/// By attribute a sub-compartment counts whole in the township its XIANG names; by boundary it is split where the
/// polygons cut it. Both sides close to the same totals as written: the boundary side is the township table's
/// columns; the attribute side is rounded (largest remainder) to the township table's totals, so the difference
/// column adds up to zero. Coverage on both sides divides by the township table's land area (the polygon's).
package struct XiangComparison: Sendable {
    enum Measure: CaseIterable, Sendable {
        /// 小班面积: the area of the sub-compartments counted in the township.
        case mapped
        case forestLand, forest, coverage

        var key: String {
            switch self {
            case .mapped: return "mapped"
            case .forestLand: return "forest_land"
            case .forest: return "forest"
            case .coverage: return "coverage"
            }
        }

        var unitKey: String { self == .coverage ? "pct" : "ha" }
        var decimals: Int { self == .coverage ? 2 : 4 }

        var chinese: String {
            switch self {
            case .mapped: return "小班面积"
            case .forestLand: return "林地面积"
            case .forest: return "森林面积"
            case .coverage: return "森林覆盖率"
            }
        }
    }

    struct Cell: Sendable {
        var byXiang: FixedDecimal?
        var byBoundary: FixedDecimal?
        var difference: FixedDecimal? {
            guard let b = byBoundary, let x = byXiang else { return nil }
            return b - x
        }
    }

    struct Row: Sendable {
        var townshipCode: String
        var townshipName: String
        var cells: [Measure: Cell]
    }

    var rows: [Row]
    var total: Row

    /// nil without by-XIANG figures (no township boundaries, or no XIANG field).
    init?(_ stats: ForestStatistics, townshipTable table: ClosingTable) {
        guard let byXiang = stats.byXiang, table.unit == .hectare else { return nil }
        func rank(_ code: String) -> Int { code == StatsZone.outsideCode ? 1 : code == StatsZone.unknownCode ? 2 : 0 }
        var names: [String: String] = [:]
        for z in byXiang.zones { names[z.townshipCode] = z.townshipName }
        for z in stats.zones { names[z.townshipCode] = z.townshipName }
        let codes = names.keys.sorted { (rank($0), $0) < (rank($1), $1) }
        let tableRow = Dictionary(table.rows.map { ($0.townshipCode, $0) }) { a, _ in a }
        let boundaryZone = Dictionary(stats.zones.enumerated().map { ($1.townshipCode, $0) }) { a, _ in a }
        let xiangZone = Dictionary(byXiang.zones.enumerated().map { ($1.townshipCode, $0) }) { a, _ in a }

        func ha(_ m2: Double) -> Double { AreaUnit.hectares(m2) }
        let zero = FixedDecimal(units: 0, decimals: 4)
        // Boundary side: the township table's written columns; mapped area rounded like them.
        let mappedBoundary = FixedDecimal.closing(codes.map { c in boundaryZone[c].map { ha(stats.figures[$0].mappedArea) } ?? 0 },
                                                  decimals: 4, total: ha(stats.mappedSquareMetres))
        let mappedXiang = FixedDecimal.closing(codes.map { c in xiangZone[c].map { ha(byXiang.figures[$0].mappedArea) } ?? 0 },
                                               decimals: 4, total: ha(stats.mappedSquareMetres))
        let forestLandXiang = FixedDecimal.closing(codes.map { c in xiangZone[c].map { ha(byXiang.figures[$0].forestLand) } ?? 0 },
                                                   decimals: 4, total: table.total.cells[.forestLand]!.double)
        // Four-side trees belong to a township code on both sides alike.
        let forestXiang = FixedDecimal.closing(codes.map { c in
            (xiangZone[c].map { ha(byXiang.figures[$0].forest) } ?? 0) + (boundaryZone[c].map { ha(stats.figures[$0].fourSide) } ?? 0)
        }, decimals: 4, total: table.total.cells[.forest]!.double)

        rows = codes.enumerated().map { i, code in
            let t = tableRow[code]
            let land = t?.cells[.landArea]
            var cells: [Measure: Cell] = [:]
            cells[.mapped] = Cell(byXiang: mappedXiang[i], byBoundary: mappedBoundary[i])
            cells[.forestLand] = Cell(byXiang: forestLandXiang[i], byBoundary: t?.cells[.forestLand] ?? zero)
            cells[.forest] = Cell(byXiang: forestXiang[i], byBoundary: t?.cells[.forest] ?? zero)
            cells[.coverage] = Cell(byXiang: land.flatMap { ForestCoverage.percent(forest: forestXiang[i], landArea: $0) },
                                    byBoundary: land.flatMap { ForestCoverage.percent(forest: t?.cells[.forest] ?? zero, landArea: $0) })
            return Row(townshipCode: code, townshipName: names[code] ?? "", cells: cells)
        }
        var totals: [Measure: Cell] = [:]
        for m in [Measure.mapped, .forestLand, .forest] {
            totals[m] = Cell(byXiang: rows.map { $0.cells[m]!.byXiang! }.sum(decimals: 4),
                             byBoundary: rows.map { $0.cells[m]!.byBoundary! }.sum(decimals: 4))
        }
        let land = table.total.cells[.landArea]!
        totals[.coverage] = Cell(byXiang: ForestCoverage.percent(forest: totals[.forest]!.byXiang!, landArea: land),
                                 byBoundary: ForestCoverage.percent(forest: totals[.forest]!.byBoundary!, landArea: land))
        total = Row(townshipCode: ClosingTable.totalCode, townshipName: "合计", cells: totals)
    }

    /// CSV keys: for each measure `<m>_<unit>_by_xiang`, `<m>_<unit>_by_boundary`, `<m>_difference_<unit>`.
    static var figureKeys: [String] {
        Measure.allCases.flatMap { m in
            ["\(m.key)_\(m.unitKey)_by_xiang", "\(m.key)_\(m.unitKey)_by_boundary", "\(m.key)_difference_\(m.unitKey)"]
        }
    }

    /// The cells of a row in `figureKeys` order.
    static func figures(_ row: Row) -> [FixedDecimal?] {
        Measure.allCases.flatMap { m -> [FixedDecimal?] in
            let c = row.cells[m]
            return [c?.byXiang, c?.byBoundary, c?.difference]
        }
    }
}

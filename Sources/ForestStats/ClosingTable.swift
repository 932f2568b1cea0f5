import ForestMapCore
/// A stats table rounded so that it closes as written (平衡表): every area and volume column is rounded by the
/// largest-remainder method, so its rows add up exactly to the total row. Forest (森林) is the sum of its written
/// parts (arbor + bamboo + special-regulation shrub + four-side trees); forest land is arbor + bamboo + special
/// shrub + other forest land, and land area is forest land + other land, each part rounded as a column of its
/// own: so these add up across too, and as written land ≥ forest land ≥ its forest classes. Coverage is computed
/// from each row's written forest and land area, and the total row's from the total row's figures (never summed
/// or averaged).
package struct ClosingTable: Sendable {
    package struct Row: Sendable {
        package var townshipCode: String
        package var townshipName: String
        var villageCode: String?
        /// Empty cells (a field the layer lacks, coverage without land area) have no entry.
        package var cells: [StatsColumn: FixedDecimal]
    }

    let unit: StatsColumn.AreaUnitChoice
    package var rows: [Row]
    var total: Row
    /// `total_excluding_gui_an` when the config leaves the Gui'an townships out of the district total.
    var extraTotals: [Row]

    static let totalCode = "total"
    static let excludingGuiAnCode = "total_excluding_gui_an"

    package init(_ stats: ForestStatistics, unit: StatsColumn.AreaUnitChoice) {
        self.unit = unit
        let n = stats.zones.count
        var columns: [StatsColumn: [FixedDecimal]] = [:]
        for c in StatsColumn.allCases where ![.forest, .coverage, .landArea, .forestLand].contains(c) {
            let values = stats.figures.map { c.value($0, unit, stats.availability) }
            guard values.allSatisfy({ $0 != nil }) else { continue }
            columns[c] = FixedDecimal.closing(values.map { $0! }, decimals: c.decimals(unit))
        }
        // Land and forest land are built from written parts too, so that as written land ≥ forest land ≥ arbor +
        // bamboo + special-regulation shrub in every row, as on the ground: the parts not shown (other forest
        // land, land that is not forest land) are rounded as columns of their own.
        let d = unit.decimals
        let otherForestLand = FixedDecimal.closing(stats.figures.map { unit.convert(squareMetres: $0.forestLand - ForestCoverage.forestClassesArea($0)) }, decimals: d)
        let notForestLand = FixedDecimal.closing(stats.figures.map { unit.convert(squareMetres: $0.landArea - $0.forestLand) }, decimals: d)
        let inCoverageClasses = (0..<n).map { i in [StatsColumn.arbor, .bamboo, .specialShrub].map { columns[$0]![i] }.sum(decimals: d) }
        columns[.forestLand] = (0..<n).map { inCoverageClasses[$0] + otherForestLand[$0] }
        columns[.landArea] = (0..<n).map { columns[.forestLand]![$0] + notForestLand[$0] }
        columns[.forest] = (0..<n).map { i in inCoverageClasses[i] + (columns[.fourSide]?[i] ?? FixedDecimal(units: 0, decimals: d)) }
        rows = stats.zones.enumerated().map { i, zone in
            var cells = columns.mapValues { $0[i] }
            cells[.coverage] = ForestCoverage.percent(forest: cells[.forest]!, landArea: cells[.landArea]!)
            return Row(townshipCode: zone.townshipCode, townshipName: zone.townshipName, villageCode: zone.villageCode, cells: cells)
        }
        func sum(_ selected: [Row], code: String, name: String) -> Row {
            var cells: [StatsColumn: FixedDecimal] = [:]
            for (c, written) in columns { cells[c] = selected.map { $0.cells[c]! }.sum(decimals: written.first?.decimals ?? c.decimals(unit)) }
            cells[.coverage] = ForestCoverage.percent(forest: cells[.forest]!, landArea: cells[.landArea]!)
            return Row(townshipCode: code, townshipName: name, villageCode: stats.grouping == .village ? "" : nil, cells: cells)
        }
        total = sum(rows, code: Self.totalCode, name: "合计")
        extraTotals = stats.excludedFromDistrict.isEmpty ? [] : [
            sum(rows.filter { !stats.excludedFromDistrict.contains($0.townshipCode) }, code: Self.excludingGuiAnCode, name: "合计（不含贵安新区代管乡镇）"),
        ]
    }

    /// The same table with another table's coverage (the mu table shows the hectare table's rates, so both
    /// sheets print the same figure).
    package func withCoverage(of other: ClosingTable) -> ClosingTable {
        var t = self
        for i in t.rows.indices { t.rows[i].cells[.coverage] = other.rows[i].cells[.coverage] }
        t.total.cells[.coverage] = other.total.cells[.coverage]
        for i in t.extraTotals.indices { t.extraTotals[i].cells[.coverage] = other.extraTotals[i].cells[.coverage] }
        return t
    }

    /// Which columns a table shows: all, in order (columns the layer cannot fill are empty, not missing, so the
    /// CSV's columns never change).
    static let columns = StatsColumn.allCases
}

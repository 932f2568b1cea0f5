import Foundation
import Geo
import XCTest
@testable import ForestAssessment
@testable import ForestChange
@testable import ForestCheck
@testable import ForestMapCore
@testable import ForestStats
@testable import ForestSynth
@testable import ForestTestSupport

/// Every table sums to its total as written: parsed back from the CSV text, each numeric column's rows add up
/// exactly (in integer units of its last decimal) to the total row.
final class StatsClosingTableTests: XCTestCase {
    /// Header and rows of CSV text (no quoted commas in these tables); checks the BOM.
    static func parse(_ data: Data) -> (header: [String], rows: [[String]]) {
        XCTAssertEqual(Array(data.prefix(3)), [0xEF, 0xBB, 0xBF], "UTF-8 with BOM")
        let text = String(decoding: data.dropFirst(3), as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let split = lines.map { $0.components(separatedBy: ",") }
        return (split[0], Array(split.dropFirst()))
    }

    /// "12.3400" → 123400 (units of the last decimal); nil for an empty cell.
    static func units(_ text: String) -> Int64? {
        guard !text.isEmpty else { return nil }
        return Int64(text.replacingOccurrences(of: ".", with: ""))!
    }

    /// Asserts that in every column from `firstFigure` on, the rows above `total` add up to it; returns the
    /// number of columns checked.
    @discardableResult
    static func assertCloses(_ table: (header: [String], rows: [[String]]), firstFigure: Int, skip: Set<String> = [],
                             file: StaticString = #filePath, line: UInt = #line) -> Int {
        guard let totalIndex = table.rows.firstIndex(where: { $0[0] == "total" }) else {
            XCTFail("no total row", file: file, line: line)
            return 0
        }
        var checked = 0
        for c in firstFigure..<table.header.count where !skip.contains(table.header[c]) {
            let parts = table.rows[..<totalIndex].map { units($0[c]) }
            let total = units(table.rows[totalIndex][c])
            if total == nil {
                XCTAssertTrue(parts.allSatisfy { $0 == nil }, "\(table.header[c]): empty total, filled rows", file: file, line: line)
                continue
            }
            XCTAssertEqual(parts.reduce(0) { $0 + ($1 ?? 0) }, total!, "column \(table.header[c])", file: file, line: line)
            checked += 1
        }
        return checked
    }

    private func statistics(_ townships: SourceReference?, grouping: StatsGrouping = .township, settings: StatsSettings = StatsSettings()) throws -> ForestStatistics {
        let fixture = try StatsFixture.get()
        var options = StatsOptions()
        options.grouping = grouping
        options.settings = settings
        return try ForestStatistics.compute(fixture.layer, townships: townships.map(fixture.townships), options: options)
    }

    func testTownshipTablesCloseInHectaresAndMu() throws {
        let fixture = try StatsFixture.get()
        for source in [fixture.shiftedTownships, fixture.gridTownships] as [SourceReference?] + [nil] {
            let stats = try statistics(source)
            for unit in [StatsColumn.AreaUnitChoice.hectare, .mu] {
                let table = ClosingTable(stats, unit: unit)
                let csv = Self.parse(Data([0xEF, 0xBB, 0xBF] + Array(StatsCSV.table(table, grouping: .township).text.utf8)))
                XCTAssertEqual(Array(csv.header.prefix(2)), ["township_code", "township_name"])
                let checked = Self.assertCloses(csv, firstFigure: 2, skip: ["coverage_pct"])
                XCTAssertGreaterThanOrEqual(checked, 9, "every filled figure column is checked")
                // Forest is the sum of its written parts, and coverage comes from the written figures.
                let col = { (key: String) in csv.header.firstIndex(of: key)! }
                for row in csv.rows {
                    let parts = ["arbor", "bamboo", "special_shrub", "four_side"].compactMap { Self.units(row[col("\($0)_\(unit.suffix)")]) }.reduce(0, +)
                    XCTAssertEqual(Self.units(row[col("forest_\(unit.suffix)")]), parts, row[0])
                    let classes = ["arbor", "bamboo", "special_shrub"].compactMap { Self.units(row[col("\($0)_\(unit.suffix)")]) }.reduce(0, +)
                    XCTAssertGreaterThanOrEqual(Self.units(row[col("forest_land_\(unit.suffix)")])!, classes, "forest land ≥ its forest classes as written: \(row[0])")
                    XCTAssertGreaterThanOrEqual(Self.units(row[col("land_area_\(unit.suffix)")])!, Self.units(row[col("forest_land_\(unit.suffix)")])!, row[0])
                    let land = Double(row[col("land_area_\(unit.suffix)")])!, forest = Double(row[col("forest_\(unit.suffix)")])!
                    if land > 0 {
                        XCTAssertEqual(row[col("coverage_pct")], String(format: "%.2f", (forest / land * 100 * 100).rounded() / 100), row[0])
                    } else {
                        XCTAssertEqual(row[col("coverage_pct")], "", row[0])
                    }
                }
            }
        }
    }

    func testComparisonClosesAndDifferencesAddUp() throws {
        let fixture = try StatsFixture.get()
        for source in [fixture.shiftedTownships, fixture.gridTownships] {
            let stats = try statistics(source)
            let hectares = ClosingTable(stats, unit: .hectare)
            let comparison = try XCTUnwrap(XiangComparison(stats, townshipTable: hectares))
            let csv = Self.parse(Data([0xEF, 0xBB, 0xBF] + Array(StatsCSV.comparison(comparison).text.utf8)))
            XCTAssertEqual(csv.header, ["township_code", "township_name"] + XiangComparison.figureKeys)
            Self.assertCloses(csv, firstFigure: 2, skip: ["coverage_pct_by_xiang", "coverage_pct_by_boundary", "coverage_difference_pct"])
            let total = csv.rows.last!
            for key in ["mapped_difference_ha", "forest_land_difference_ha", "forest_difference_ha"] {
                XCTAssertEqual(Self.units(total[csv.header.firstIndex(of: key)!]), 0, "\(key): both sides close to the same total")
            }
            // The boundary side is the township table as written.
            let tableRows = Dictionary(uniqueKeysWithValues: hectares.rows.map { ($0.townshipCode, $0) })
            for row in csv.rows.dropLast() {
                if let t = tableRows[row[0]] {
                    XCTAssertEqual(row[csv.header.firstIndex(of: "forest_ha_by_boundary")!], t.cells[.forest]!.text)
                    XCTAssertEqual(row[csv.header.firstIndex(of: "forest_land_ha_by_boundary")!], t.cells[.forestLand]!.text)
                }
            }
            XCTAssertTrue(csv.rows.contains { $0[0] == "outside" })
        }
    }

    func testVillageTableCloses() throws {
        let stats = try statistics(nil, grouping: .village)
        let csv = Self.parse(Data([0xEF, 0xBB, 0xBF] + Array(StatsCSV.table(ClosingTable(stats, unit: .hectare), grouping: .village).text.utf8)))
        XCTAssertEqual(Array(csv.header.prefix(3)), ["township_code", "township_name", "village_code"])
        XCTAssertGreaterThan(csv.rows.count, 30)
        XCTAssertTrue(csv.rows.dropLast().allSatisfy { $0[2].count == 12 }, "12-digit village codes")
        Self.assertCloses(csv, firstFigure: 3, skip: ["coverage_pct"])
    }

    func testGuiAnExclusionRowIsTheTotalLessTheirRows() throws {
        let fixture = try StatsFixture.get()
        var options = StatsOptions()
        options.districtCode = "520111"   // Huaxi's: the Gui'an townships are its
        options.includeGuiAn = false
        let stats = try ForestStatistics.compute(fixture.layer, townships: nil, options: options)
        let table = ClosingTable(stats, unit: .hectare)
        let extra = try XCTUnwrap(table.extraTotals.first)
        XCTAssertEqual(extra.townshipCode, "total_excluding_gui_an")
        let guiAn = table.rows.filter { Township.huaxiGuiAnCodes.contains($0.townshipCode) }
        XCTAssertFalse(guiAn.isEmpty)
        for c in [StatsColumn.landArea, .forest, .forestLand] {
            XCTAssertEqual(extra.cells[c]!.units + guiAn.map { $0.cells[c]!.units }.reduce(0, +), table.total.cells[c]!.units)
        }
    }

    func testFixedDecimalTextIsExact() {
        XCTAssertEqual(FixedDecimal(units: 123_400, decimals: 4).text, "12.3400")
        XCTAssertEqual(FixedDecimal(units: -5, decimals: 2).text, "-0.05")
        XCTAssertEqual(FixedDecimal(units: 7, decimals: 0).text, "7")
        XCTAssertEqual(FixedDecimal(0.12345, decimals: 4).text, "0.1235")
        XCTAssertEqual(FixedDecimal.percent(FixedDecimal(units: 1, decimals: 4), of: FixedDecimal(units: 3, decimals: 4))!.text, "33.33")
        XCTAssertNil(FixedDecimal.percent(FixedDecimal(units: 1, decimals: 4), of: FixedDecimal(units: 0, decimals: 4)))
        let parts = FixedDecimal.closing([0.33333, 0.33333, 0.33334], decimals: 2)
        XCTAssertEqual(parts.sum(decimals: 2).text, "1.00")
    }
}

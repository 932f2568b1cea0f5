import Foundation
import Geo
import XCTest
@testable import ForestAssessment
@testable import ForestChange
@testable import ForestCheck
@testable import ForestMapCore
@testable import ForestSynth
@testable import ForestUpdate
@testable import ForestTestSupport

/// The filed workbook (地类转移汇总表, 地类转移明细表) agrees with the transition table.
final class ChangeWorkbookTests: XCTestCase {
    func testSummaryAndDetailAddUp() throws {
        let f = try ChangeFixture.get()
        let a = try TransitionAccounting.compute(previous: f.previous, current: f.current, townships: f.townships, options: ChangeOptions())
        let tables = TransitionWorkbook.tables(a, townshipName: { _ in "x" }, reportingUnit: "u", date: "d", notes: ["n"])
        XCTAssertEqual(tables.map(\.sheetName), ["地类转移汇总", "地类转移明细"])
        let summary = tables[0], detail = tables[1]
        XCTAssertEqual(detail.rows.count, a.transitions.count)
        XCTAssertEqual(summary.rows.count, Set(a.transitions.map(\.townshipCode)).count)
        func number(_ v: CellValue) -> Double { if case .number(let d) = v { return d }; XCTFail("\(v)"); return 0 }
        for column in 2...5 {
            XCTAssertEqual(number(summary.totals![column]), summary.rows.reduce(0) { $0 + number($1[column]) }, accuracy: 1e-6)
        }
        // Change and reclassification together are every row of the detail sheet.
        XCTAssertEqual(number(summary.totals![2]) + number(summary.totals![5]), number(detail.totals![6]), accuracy: 1e-6)
        for row in summary.rows {
            XCTAssertLessThanOrEqual(number(row[3]) + number(row[4]), number(row[2]) + 1e-9)
        }
        XCTAssertGreaterThan(number(summary.totals![3]), 0)
        XCTAssertGreaterThan(number(summary.totals![5]), 0)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("change-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: url) }
        try FiledTable.write(tables, to: url)
        XCTAssertGreaterThan(try Data(contentsOf: url).count, 1000)
    }
}

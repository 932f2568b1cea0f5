import Foundation
import Geo
import XCTest
@testable import ForestAssessment
@testable import ForestChange
@testable import ForestMapCore
@testable import ForestReport
@testable import ForestStats
@testable import ForestUpdate
@testable import ForestTestSupport

final class FiledTableTests: XCTestCase {
    /// The workbook libxlsxwriter writes is read back by another reader: GDAL's XLSX driver.
    func testWorkbookReadsBackThroughGDAL() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("table.xlsx")
        let table = FiledTable(
            sheetName: "地类面积", title: "花溪区各地类面积统计表", reportingUnit: "贵阳市花溪区林业局", date: "2021-12-31",
            unitLine: "单位：公顷", columns: [FiledTable.Column("地类", .text), FiledTable.Column("面积", .number(decimals: 4))],
            rows: [[.text("乔木林地"), .number(1234.5678)], [.text("竹林地"), .number(10)]],
            totals: [.text("合计"), .number(1244.5678)], notes: ["注：椭球面积"])
        try FiledTable.write([table], to: url)

        let dataset = try VectorDataset(reading: SourceReference(path: url.path), openOptions: ["HEADERS": "DISABLE", "FIELD_TYPES": "STRING"])
        XCTAssertEqual(dataset.driverName, "XLSX")
        XCTAssertEqual(dataset.layerNames, ["地类面积"])
        let cells = try dataset.layer(named: "地类面积").readAll().map { $0.values.compactMap(\.text) }
        XCTAssertEqual(cells.first?.first, "花溪区各地类面积统计表")
        XCTAssertTrue(cells.contains(["地类", "面积"]), "\(cells)")
        XCTAssertTrue(cells.contains(["乔木林地", "1234.5678"]), "\(cells)")
        XCTAssertTrue(cells.contains(["合计", "1244.5678"]), "\(cells)")
        XCTAssertTrue(cells.contains(["注：椭球面积"]), "\(cells)")
    }
}

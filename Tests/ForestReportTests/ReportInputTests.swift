import Foundation
import Geo
import XCTest
@testable import ForestAssessment
@testable import ForestChange
@testable import ForestCheck
@testable import ForestMap
@testable import ForestMapCore
@testable import ForestReport
@testable import ForestTestSupport

/// Filling `ReportInput` from a stats run and the ring-belt layer.
final class ReportInputTests: XCTestCase {
    /// Every township of the boundary layer, with its name and rate as `township_stats.csv` has them and its whole
    /// boundary (all parts) as its geometry.
    func testStatisticsGiveEveryTownshipItsWrittenRate() throws {
        let fixture = try ReportFixture.get()
        let input = fixture.input
        let boundary = try VectorDataset(reading: SourceReference(path: ReportFixture.sampleData.appendingPathComponent("townships.gpkg").path))
            .layer(named: "townships").readAll()
        XCTAssertEqual(input.townships.map(\.code), boundary.map { $0.values[0].text! }.sorted())
        let context = GEOSContext()
        for t in input.townships {
            XCTAssertEqual(t.coveragePercent.map { String(format: "%.2f", $0) }, fixture.writtenCoverage[t.code], t.code)
            let parts = boundary.filter { $0.values[0].text == t.code }
            let area = try parts.map { try Geometry(wkb: $0.geometry!, context: context).area }.reduce(0, +)
            XCTAssertEqual(try Geometry(wkb: t.geometry, context: context).area, area, accuracy: 1e-6 * area, t.code)
            XCTAssertNotNil(t.targetPercent, "targets.csv has every township's coverage target")
        }
        XCTAssertEqual(input.crsLabel.prefix(9), "EPSG:4545")
        XCTAssertFalse(input.isGeographic)
        XCTAssertEqual(input.tables.last?.title, "花溪区各乡镇森林资源统计表")
        XCTAssertEqual(input.tables.last?.totals?[1], "合计")
    }
}

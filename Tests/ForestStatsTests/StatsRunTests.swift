import Foundation
import Geo
import XCTest
@testable import ForestAssessment
@testable import ForestChange
@testable import ForestCheck
@testable import ForestMapCore
@testable import ForestReport
@testable import ForestStats
@testable import ForestSynth
@testable import ForestUpdate
@testable import ForestTestSupport

/// `forestmap stats` end to end in the library: files written all-or-nothing, readable by GDAL, errors naming
/// what to fix.
final class StatsRunTests: XCTestCase {
    private var out: URL!

    override func setUpWithError() throws { out = try Fixtures.temporaryFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: out) }

    private func request(_ townships: SourceReference?, _ name: String = "stats") throws -> StatsRun.Request {
        let fixture = try StatsFixture.get()
        var r = StatsRun.Request(outputFolder: out.appendingPathComponent(name).path)
        r.layer = fixture.layerSource.description
        r.townships = townships?.description
        return r
    }

    func testWritesTablesWorkbookAndMap() throws {
        let fixture = try StatsFixture.get()
        let report = try StatsRun.perform(request(fixture.shiftedTownships), print: false)
        let folder = out.appendingPathComponent("stats")
        XCTAssertEqual(report.files, ["township_stats.csv", "township_stats.xlsx", "township_by_xiang.csv", "townships.gpkg"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted(), report.files.sorted())
        let csv = StatsClosingTableTests.parse(try Data(contentsOf: folder.appendingPathComponent("township_stats.csv")))
        XCTAssertEqual(csv.header, ["township_code", "township_name", "land_area_ha", "forest_land_ha", "forest_ha", "arbor_ha", "bamboo_ha",
                                    "special_shrub_ha", "four_side_ha", "coverage_pct", "public_welfare_ha", "natural_forest_ha", "stock_m3"])
        XCTAssertEqual(csv.rows.suffix(2).map { $0[0] }, ["outside", "total"])
        StatsClosingTableTests.assertCloses(csv, firstFigure: 2, skip: ["coverage_pct"])
        StatsClosingTableTests.assertCloses(StatsClosingTableTests.parse(try Data(contentsOf: folder.appendingPathComponent("township_by_xiang.csv"))),
                                       firstFigure: 2, skip: ["coverage_pct_by_xiang", "coverage_pct_by_boundary", "coverage_difference_pct"])

        let workbook = try VectorDataset(reading: SourceReference(path: folder.appendingPathComponent("township_stats.xlsx").path))
        XCTAssertEqual(workbook.driverName, "XLSX")
        XCTAssertEqual(workbook.layerNames, ["乡镇统计(公顷)", "乡镇统计(亩)", "属性与界线对比"])
        let sheet = try workbook.layer(named: "乡镇统计(公顷)").readAll()
        let texts = sheet.flatMap { $0.values.compactMap(\.text) }
        // No config: the district as the data names it (XIAN 520111), no reporting unit.
        XCTAssertTrue(texts.contains { $0.contains("520111各乡镇森林资源统计表") }, "title")
        XCTAssertFalse(texts.contains { $0.contains("花溪区") }, "never a built-in district")
        XCTAssertTrue(texts.contains { $0.contains("森林覆盖率") }, "Chinese headers")
        XCTAssertTrue(texts.contains("合计"), "totals row")

        let map = try VectorDataset(reading: SourceReference(path: folder.appendingPathComponent("townships.gpkg").path))
        XCTAssertEqual(map.layerNames.sorted(), ["layer_styles", "outside", "townships"], "with their styles for QGIS")
        XCTAssertEqual(try map.layerStyles().map(\.layer), ["townships", "outside"])
        let townships = try map.layer(named: "townships")
        XCTAssertEqual(townships.featureCount, 19)
        XCTAssertEqual(townships.spatialReference?.epsgCode, 4545)
        XCTAssertTrue(townships.fields.map(\.name).contains("coverage_pct"))
        let rows = Dictionary(uniqueKeysWithValues: csv.rows.map { ($0[0], $0) })
        let land = townships.fieldIndex("land_area_ha")!
        for f in try townships.readAll() {
            XCTAssertEqual(f.values[land].number!, Double(rows[f.values[0].text!]![2])!, accuracy: 1e-9)
        }
        XCTAssertGreaterThan(try map.layer(named: "outside").featureCount, 0)
    }

    func testVillageRunWritesVillageTables() throws {
        var r = try request(nil)
        r.grouping = .village
        let report = try StatsRun.perform(r, print: false)
        XCTAssertEqual(report.files, ["village_stats.csv", "village_stats.xlsx"])
        let workbook = try VectorDataset(reading: SourceReference(path: out.appendingPathComponent("stats/village_stats.xlsx").path))
        XCTAssertEqual(workbook.layerNames, ["村统计(公顷)", "村统计(亩)"])
    }

    func testBadTownshipLayerFailsWithOneLineAndWritesNothing() throws {
        let fixture = try StatsFixture.get()
        let noCode = try StatsFixture.write([Feature(values: [.string("x")], geometry: Fixtures.square(0, 0, 1))], name: "nocode",
                                            fields: [FieldDefinition("NAME", .string)], srs: SpatialReference(epsg: 4545), in: out)
        for (townships, expected) in [(noCode.description, "no township code field XZQDM"),
                                      (out.appendingPathComponent("missing.gpkg").path, "no such file")] {
            var r = try request(nil)
            r.townships = townships
            XCTAssertThrowsError(try StatsRun.perform(r, print: false)) { error in
                let e = ForestMapError.from(error)
                XCTAssertEqual(e.status, .badInput)
                XCTAssertTrue(e.message.contains(expected), e.message)
                XCTAssertFalse(e.message.contains("\n"))
            }
            let left = try FileManager.default.contentsOfDirectory(atPath: out.path)
            XCTAssertFalse(left.contains { $0.hasPrefix("stats") }, "nothing half-written: \(left)")
        }
        _ = fixture
    }

    func testTownshipsInAnotherCRSAreReprojected() throws {
        let fixture = try StatsFixture.get()
        // The grid townships in CGCS2000 geographic coordinates.
        let original = try VectorDataset(reading: fixture.gridTownships).layer(named: fixture.gridTownships.layerName)
        let transform = try CoordinateTransform(from: SpatialReference(epsg: 4545), to: SpatialReference(epsg: 4490))
        let features = try original.readAll().map { f in
            Feature(values: f.values, geometry: WKB(polygons: try transform.transform(f.geometry!.polygons())))
        }
        let geographic = try StatsFixture.write(features, name: "grid_4490", fields: original.fields, srs: SpatialReference(epsg: 4490), in: out)
        let a = try ForestStatistics.compute(fixture.layer, townships: fixture.townships(fixture.gridTownships), options: StatsOptions())
        let b = try ForestStatistics.compute(fixture.layer, townships: fixture.townships(geographic), options: StatsOptions())
        XCTAssertTrue(b.notes.contains { $0.contains("reprojected from EPSG:4490") }, b.notes.joined(separator: "\n"))
        for (fa, fb) in zip(a.figures, b.figures) {
            XCTAssertEqual(fa.landArea, fb.landArea, accuracy: max(1, fa.landArea * 1e-6))
            XCTAssertEqual(fa.forest, fb.forest, accuracy: max(1, fa.forest * 1e-6))
        }
    }
}

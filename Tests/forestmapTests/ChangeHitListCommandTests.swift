import Foundation
import Geo
import XCTest

/// `forestmap change` on the sample district as an enforcement team gets it: the hit list as CSV, GeoPackage,
/// KML (read back by GDAL's KML driver) and the 核查表 workbook (read back by GDAL's XLSX driver), identical with
/// one and two threads; bad periods and permit layers answered with one line.
final class ChangeHitListCommandTests: XCTestCase {
    private var folder: URL!
    private var repository: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent() }
    private var config: String { repository.appendingPathComponent("SampleData/forestmap.toml").path }

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("forestmap-hitlist-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func csvRows(_ url: URL) throws -> [[String]] {
        let text = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "\u{FEFF}", with: "")
        // The hit list's fields hold no commas or quotes except `reason` (Chinese, no commas).
        return text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    func testHitListFilesAgreeAndReadBack() throws {
        let out = folder.appendingPathComponent("out")
        let o = try forestmap("change", "--config", config, "--out", out.path)
        XCTAssertEqual(o.status, 0, o.stderr)
        XCTAssertTrue(o.stdout.contains("hit list 核查清单: 19 patches"), o.stdout)
        let rows = try csvRows(out.appendingPathComponent("hitlist.csv"))
        let header = rows[0]
        for column in ["hit_id", "township_code", "township_name", "village_code", "change_type", "bhyy", "from_class", "to_class",
                       "area_ha", "area_mu", "point_lon", "point_lat", "point_x", "point_y", "permit_status", "permit_ids",
                       "uncovered_ha", "in_ring_belt", "public_welfare", "natural_forest", "priority", "from_ids", "to_ids"] {
            XCTAssertTrue(header.contains(column), column)
        }
        let ids = rows.dropFirst().map { $0[0] }
        XCTAssertEqual(ids.count, 19)

        let gpkg = try VectorDataset(reading: SourceReference(path: out.appendingPathComponent("hitlist.gpkg").path))
        XCTAssertEqual(gpkg.layerNames.sorted(), ["hitlist", "hitlist_points", "layer_styles"], "with their styles for QGIS")
        XCTAssertEqual(try gpkg.layer(named: "hitlist").featureCount, 19)
        XCTAssertEqual(try gpkg.layer(named: "hitlist_points").geometryKind, .point)

        let kml = try VectorDataset(reading: SourceReference(path: out.appendingPathComponent("hitlist.kml").path))
        XCTAssertTrue(["LIBKML", "KML"].contains(kml.driverName), kml.driverName)
        let placemarks = try kml.layer(named: nil).readAll()
        let names = try kml.layer(named: nil).fieldIndex("Name").map { i in placemarks.map { $0.values[i].text ?? "" } }
        XCTAssertEqual(names, ids, "one named placemark per hit, in the list's order")
        let kmlText = try String(contentsOf: out.appendingPathComponent("hitlist.kml"), encoding: .utf8)
        XCTAssertTrue(kmlText.contains("<styleUrl>#priority1</styleUrl>"))

        let changes = try VectorDataset(reading: SourceReference(path: out.appendingPathComponent("changes.gpkg").path))
        let patchCount = try changes.layer(named: "changes").featureCount
        XCTAssertEqual(patchCount, try csvRows(out.appendingPathComponent("changes.csv")).count - 1)

        let book = try VectorDataset(reading: SourceReference(path: out.appendingPathComponent("hitlist_核查表.xlsx").path),
                                     openOptions: ["HEADERS": "DISABLE", "FIELD_TYPES": "STRING"])
        XCTAssertEqual(book.driverName, "XLSX")
        let townships = Set(rows.dropFirst().map { $0[header.firstIndex(of: "township_code")!] })
        XCTAssertEqual(book.layerNames.count, townships.count, "one sheet per township")
        var listed = 0
        for sheet in book.layerNames {
            let cells = try book.layer(named: sheet).readAll().map { $0.values.map { $0.text ?? "" } }
            XCTAssertTrue(cells.contains { $0.contains("核查结论（属实/不属实）") && $0.contains("核查编号") }, sheet)
            listed += cells.filter { ids.contains($0.count > 1 ? $0[1] : "") }.count
        }
        XCTAssertEqual(listed, ids.count, "every hit on its township's sheet")
    }

    func testSameHitListWithOneAndTwoThreads() throws {
        var lists: [Data] = []
        for threads in ["1", "2"] {
            let out = folder.appendingPathComponent("out\(threads)")
            let o = try forestmap("change", "--config", config, "--threads", threads, "--out", out.path)
            XCTAssertEqual(o.status, 0, o.stderr)
            lists.append(try Data(contentsOf: out.appendingPathComponent("hitlist.csv")))
            lists.append(try Data(contentsOf: out.appendingPathComponent("changes.csv")))
        }
        XCTAssertEqual(lists[0], lists[2])
        XCTAssertEqual(lists[1], lists[3])
    }

    func testBadPeriodIsOneLine() throws {
        let o = try forestmap("change", "--config", config, "--period", "2021-12-31/2021-01-01", "--out", folder.appendingPathComponent("out").path)
        assertOneLineError(o, contains: ["--period", "2021-01-01/2021-12-31"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
    }

    func testYearAndPeriodTogetherIsAUsageError() throws {
        let o = try forestmap("change", "--config", config, "--year", "2021", "--period", "2021-01-01/2021-12-31", "--out", folder.appendingPathComponent("out").path)
        XCTAssertEqual(o.status, 64, o.stderr)
        XCTAssertTrue(o.stderr.contains("--year or --period"), o.stderr)
    }

    func testPermitDateThatIsNoDateIsOneLineAndWritesNothing() throws {
        let path = folder.appendingPathComponent("permits.gpkg").path
        let writer = try VectorWriter(creating: path, format: .geoPackage)
        try writer.createLayer(named: "permits", geometry: .polygon, spatialReference: SpatialReference(epsg: 4545),
                               fields: ["PZWH", "PZLX", "YXQ_Q", "YXQ_Z"].map { FieldDefinition($0, .string) })
            .write([Feature(values: [.string("花林采〔2021〕第0001号"), .string("采伐"), .string("next spring"), .string("2021-12-31")],
                            geometry: WKB(polygons: [PolygonRings(rings: [[Point(360_000, 2_930_000), Point(360_100, 2_930_000), Point(360_100, 2_930_100), Point(360_000, 2_930_000)]])]))])
        try writer.close()
        let out = folder.appendingPathComponent("out")
        let o = try forestmap("change", "--config", config, "--permits", path, "--out", out.path)
        assertOneLineError(o, contains: ["permits.gpkg", "feature 1", "YXQ_Q", "next spring", "2021-03-05"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), "nothing half-written")
    }

    func testPermitLayerWithoutItsNumberFieldIsOneLine() throws {
        let path = folder.appendingPathComponent("permits.gpkg").path
        let writer = try VectorWriter(creating: path, format: .geoPackage)
        try writer.createLayer(named: "permits", geometry: .polygon, spatialReference: SpatialReference(epsg: 4545), fields: [FieldDefinition("KIND", .string)])
            .write([Feature(values: [.string("采伐")], geometry: WKB(polygons: [PolygonRings(rings: [[Point(360_000, 2_930_000), Point(360_100, 2_930_000), Point(360_100, 2_930_100), Point(360_000, 2_930_000)]])]))])
        try writer.close()
        let o = try forestmap("change", "--config", config, "--permits", path, "--out", folder.appendingPathComponent("out").path)
        assertOneLineError(o, contains: ["permits.gpkg", "PZWH", "[permit_fields] number"])
    }
}

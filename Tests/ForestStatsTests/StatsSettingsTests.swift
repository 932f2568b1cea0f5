import Foundation
import Geo
import XCTest
@testable import ForestAssessment
@testable import ForestChange
@testable import ForestMapCore
@testable import ForestStats
@testable import ForestSynth
@testable import ForestUpdate
@testable import ForestTestSupport

/// `[stats]` settings and four-side trees (四旁树).
final class StatsSettingsTests: XCTestCase {
    private let folder = URL(fileURLWithPath: "/data/huaxi")

    func testDefaults() throws {
        let c = try ForestMapConfig.parse("", file: "c.toml", folder: folder)
        XCTAssertEqual(c.stats, StatsSettings())
        XCTAssertEqual(c.stats.treesPerHectare, 1_650)
        XCTAssertTrue(c.stats.fourSideTrees.isEmpty)
        XCTAssertNil(c.stats.planarCRS)
    }

    func testReadsTheSection() throws {
        let c = try ForestMapConfig.parse("""
        [stats]
        trees_per_hectare = 1500
        planar_crs = "EPSG:4545"
        four_side_trees = { "520111101" = 16500, "102" = 3300.0 }
        """, file: "c.toml", folder: folder)
        XCTAssertEqual(c.stats.treesPerHectare, 1_500)
        XCTAssertEqual(c.stats.planarCRS, "EPSG:4545")
        XCTAssertEqual(c.stats.fourSideTrees, ["520111101": 16_500, "102": 3_300])
    }

    func testBadValuesNameTheSetting() {
        for (text, key) in [("[stats]\ntrees_per_hectare = 0", "stats.trees_per_hectare"),
                            ("[stats]\nfour_side_trees = { \"101\" = -3 }", "stats.four_side_trees.101"),
                            ("[stats]\nfour_side_trees = { \"101\" = \"many\" }", "stats.four_side_trees.101"),
                            ("[stats]\nfour_sides = 3", "stats.four_sides")] {
            XCTAssertThrowsError(try ForestMapConfig.parse(text, file: "c.toml", folder: folder)) { error in
                XCTAssertTrue("\(error)".contains(key), "\(error)")
                XCTAssertEqual((error as? ForestMapError)?.status, .badInput)
            }
        }
    }

    func testFourSideTreesCountAsForestInTheirTownship() throws {
        let fixture = try StatsFixture.get()
        var options = StatsOptions()
        options.districtCode = "520111"   // a 3-digit township code ("102") takes the district's
        let plain = try ForestStatistics.compute(fixture.layer, townships: nil, options: options)
        options.settings.fourSideTrees = ["520111101": 16_500, "102": 3_300]
        let counted = try ForestStatistics.compute(fixture.layer, townships: nil, options: options)
        XCTAssertTrue(counted.availability.fourSide)
        for (z, zone) in counted.zones.enumerated() {
            let expected = zone.townshipCode == "520111101" ? 100_000.0 : zone.townshipCode == "520111102" ? 20_000 : 0
            XCTAssertEqual(counted.figures[z].fourSide, expected, accuracy: 1e-6, zone.townshipCode)
            XCTAssertEqual(counted.figures[z].forest, plain.figures[z].forest + expected, accuracy: 1e-6)
            XCTAssertEqual(counted.figures[z].landArea, plain.figures[z].landArea, "four-side trees stand on land already counted")
        }
        XCTAssertTrue(counted.notes.contains { $0.contains("19800 trees") && $0.contains("12.0000 ha") }, counted.notes.joined(separator: "\n"))
        let table = ClosingTable(counted, unit: .hectare)
        XCTAssertEqual(table.total.cells[.fourSide]?.text, "12.0000")
    }

    func testFourSideTreesForAnUnknownTownshipAreAnError() throws {
        let fixture = try StatsFixture.get()
        var options = StatsOptions()
        options.settings.fourSideTrees = ["520111999": 100]
        XCTAssertThrowsError(try ForestStatistics.compute(fixture.layer, townships: nil, options: options)) { error in
            XCTAssertTrue("\(error)".contains("stats.four_side_trees.520111999"), "\(error)")
        }
    }

    func testPlanarCRSForAGeographicLayerIsRequiredAndUsed() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A 0.001° square near Huaxi in CGCS2000 geographic coordinates.
        let ring = [Point(106.6, 26.4), Point(106.601, 26.4), Point(106.601, 26.401), Point(106.6, 26.401), Point(106.6, 26.4)]
        let source = try Fixtures.gpkg(folder, epsg: 4490, features: [Fixtures.row("101", "0001", "0111", WKB(polygons: [PolygonRings(rings: [ring])]))])
        let layer = try SubCompartmentLayer.load(source, options: LayerLoadOptions())
        var options = StatsOptions()
        options.areaMethod = .planar
        XCTAssertThrowsError(try ForestStatistics.compute(layer, townships: nil, options: options)) { error in
            XCTAssertTrue("\(error)".contains("planar_crs"), "\(error)")
        }
        options.settings.planarCRS = "EPSG:4545"
        let planar = try ForestStatistics.compute(layer, townships: nil, options: options)
        options.areaMethod = .ellipsoidal
        let ellipsoidal = try ForestStatistics.compute(layer, townships: nil, options: options)
        let ratio = planar.figures[0].landArea / ellipsoidal.figures[0].landArea
        XCTAssertEqual(ratio, 1.0004, accuracy: 0.0002, "Gauss-Kruger CM 108E overstates near Huaxi by about 0.04%")
    }
}

import Foundation
import Geo
import XCTest
@testable import ForestAssessment
@testable import ForestChange
@testable import ForestCheck
@testable import ForestMapCore
@testable import ForestStats
@testable import ForestSynth
@testable import ForestUpdate
@testable import ForestTestSupport

/// Statistics by attribute (no township polygons, or by village) on small hand-made layers, and what the
/// statistics read from each sub-compartment.
final class StatsByAttributeTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws { folder = try Fixtures.temporaryFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private static let fields = ["XIAN", "XIANG", "CUN", "LIN_BAN", "XIAO_BAN", "DI_LEI", "QI_YUAN", "SEN_LIN_LB", "HUO_LMGQXJ"].map {
        FieldDefinition($0, $0 == "HUO_LMGQXJ" ? .real : .string)
    }

    /// A 100 m square (1 ha planar) sub-compartment.
    private static func stand(_ xiang: String, _ cun: String, _ n: Int, _ code: String, origin: String = "", category: String = "", volume: Double? = nil) -> Feature {
        Feature(values: [.string("520111"), .string(xiang), .string(cun), .string("0001"), .string(String(format: "%04d", n)),
                         .string(code), .string(origin), .string(category), volume.map(FieldValue.real) ?? .null],
                geometry: Fixtures.square(400_000 + Double(n) * 100, 2_900_000, 100))
    }

    private func load(_ features: [Feature], fields: [FieldDefinition] = fields) throws -> SubCompartmentLayer {
        try SubCompartmentLayer.load(Fixtures.gpkg(folder, fields: fields, features: features), options: LayerLoadOptions())
    }

    private func planar(_ grouping: StatsGrouping = .township) -> StatsOptions {
        var o = StatsOptions()
        o.areaMethod = .planar
        o.grouping = grouping
        return o
    }

    func testTownshipsFromXiangWithLandAreaFromTheirSubCompartments() throws {
        let layer = try load([
            Self.stand("101", "001", 1, "0111", origin: "11", category: "011", volume: 100),   // natural arbor, key public welfare
            Self.stand("101", "001", 2, "0113", origin: "21", category: "12"),                // planted bamboo, old code 12
            Self.stand("101", "002", 3, "0131", origin: "13", category: "021"),               // natural special shrub, commercial
            Self.stand("101", "002", 4, "0132", origin: "11", category: "011"),               // other shrub: forest land, not forest
            Self.stand("102", "001", 5, "0210", category: "011"),                             // farmland: not forest land
            Self.stand("", "001", 6, "0111", volume: 50),                                     // no XIANG
        ])
        let stats = try ForestStatistics.compute(layer, townships: nil, options: planar())
        XCTAssertEqual(stats.zones.map(\.townshipCode), ["520111101", "520111102", "unknown"])
        XCTAssertEqual(stats.zones[0].townshipName, "青岩镇")
        let f = stats.figures[0]
        XCTAssertEqual(f.landArea, 40_000, accuracy: 1e-6)
        XCTAssertEqual(f.forestLand, 40_000, accuracy: 1e-6)
        XCTAssertEqual(f.forest, 30_000, accuracy: 1e-6)
        XCTAssertEqual(f.arbor, 10_000, accuracy: 1e-6)
        XCTAssertEqual(f.bamboo, 10_000, accuracy: 1e-6)
        XCTAssertEqual(f.specialShrub, 10_000, accuracy: 1e-6)
        XCTAssertEqual(f.publicWelfare, 30_000, accuracy: 1e-6, "011 arbor, 12 bamboo, 011 other shrub")
        XCTAssertEqual(f.naturalForest, 20_000, accuracy: 1e-6, "QI_YUAN 11 arbor and 13 shrub; 11 on other shrub is not forest")
        XCTAssertEqual(f.stock, 100, accuracy: 1e-6)
        XCTAssertEqual(stats.figures[1].forestLand, 0)
        XCTAssertEqual(stats.figures[1].publicWelfare, 0, "public welfare only on forest land")
        XCTAssertEqual(stats.figures[2].stock, 50, accuracy: 1e-6)
        XCTAssertTrue(stats.notes.contains { $0.contains("sum of each township's sub-compartments") })
        XCTAssertNil(stats.byXiang, "no comparison without boundaries")

        let table = ClosingTable(stats, unit: .hectare)
        XCTAssertEqual(table.rows[0].cells[.coverage]?.text, "75.00")
        XCTAssertEqual(table.total.cells[.landArea]?.text, "6.0000")
        XCTAssertEqual(table.total.cells[.stock]?.text, "150.0")
        let mu = ClosingTable(stats, unit: .mu).withCoverage(of: table)
        XCTAssertEqual(mu.total.cells[.landArea]?.text, "90.00")
        XCTAssertEqual(mu.rows[0].cells[.coverage]?.text, "75.00")
    }

    func testVillagesFromXiangAndCun() throws {
        let layer = try load([
            Self.stand("101", "001", 1, "0111"), Self.stand("101", "2", 2, "0111"), Self.stand("101", "002", 3, "0210"),
            Self.stand("102", "001", 4, "0111"), Self.stand("102", "", 5, "0111"),
        ])
        let stats = try ForestStatistics.compute(layer, townships: nil, options: planar(.village))
        XCTAssertEqual(stats.zones.map { $0.villageCode ?? "" }, ["520111101001", "520111101002", "520111102001", "unknown"])
        XCTAssertEqual(stats.zones.map(\.townshipCode), ["520111101", "520111101", "520111102", "520111102"])
        XCTAssertEqual(stats.figures.map(\.landArea).map { ($0 / 10_000).rounded() }, [1, 2, 1, 1])
        XCTAssertTrue(stats.notes.contains { $0.contains("no village boundary polygons") })
    }

    func testLayerWithoutXiangIsOneZoneAndMissingFieldsLeaveEmptyColumns() throws {
        let fields = ["DI_LEI", "MIAN_JI"].map { FieldDefinition($0, $0 == "MIAN_JI" ? .real : .string) }
        let layer = try load([
            Feature(values: [.string("0111"), .real(1)], geometry: Fixtures.square(400_000, 2_900_000, 100)),
            Feature(values: [.string("0210"), .real(1)], geometry: Fixtures.square(400_100, 2_900_000, 100)),
        ], fields: fields)
        var options = planar()
        options.districtCode = "520111"   // as [district] (or the data, `withDistrict`) gives it
        let stats = try ForestStatistics.compute(layer, townships: nil, options: options)
        XCTAssertEqual(stats.zones.count, 1)
        XCTAssertEqual(stats.zones[0].townshipCode, "520111")
        XCTAssertEqual(stats.availability, .init(publicWelfare: false, naturalForest: false, stock: false, fourSide: false))
        let csv = StatsCSV.table(ClosingTable(stats, unit: .hectare), grouping: .township)
        let header = csv.header
        for key in ["public_welfare_ha", "natural_forest_ha", "stock_m3", "four_side_ha"] {
            let c = header.firstIndex(of: key)!
            XCTAssertTrue(csv.rows.allSatisfy { $0[c].isEmpty }, key)
        }
        XCTAssertEqual(csv.rows.last?[header.firstIndex(of: "coverage_pct")!], "50.00")
        XCTAssertTrue(stats.notes.contains { $0.contains("no SEN_LIN_LB field") })
        XCTAssertThrowsError(try ForestStatistics.compute(layer, townships: nil, options: planar(.village))) { error in
            XCTAssertTrue("\(error)".contains("--by village needs"), "\(error)")
        }
    }

    func testForestCategoryCodes() {
        XCTAssertEqual(SubCompartmentFactReader.forestCategory(" 11 "), "011")
        XCTAssertEqual(SubCompartmentFactReader.forestCategory("12.0"), "012")
        XCTAssertEqual(SubCompartmentFactReader.forestCategory("022"), "022")
        XCTAssertEqual(SubCompartmentFactReader.trimmed("  101\t"), "101")
        XCTAssertEqual(SubCompartmentFactReader.trimmed("   "), "")
        XCTAssertEqual(AttributeZones.villageDigits("2"), "002")
        XCTAssertEqual(AttributeZones.villageDigits("520111101003"), "003")
    }
}

import Foundation
import Geo
import XCTest
@testable import ForestMapCore
@testable import ForestSynth
@testable import ForestTestSupport

/// `forestmap synth --region guiyang`: the counties, their shares, their districts inside their own outlines and
/// apart from each other, their configs, and the region's config and targets.
final class SynthRegionTests: XCTestCase {
    /// Four neighbouring counties (南明 borders 云岩, 花溪 and 乌当; 云岩 borders 乌当), made once.
    private struct Region: Sendable {
        let directory: URL
        let plan: [SynthOptions]
    }

    private static let options = SynthRegionOptions(subcompartments: 4_400, seed: 5, counties: ["520102", "520103", "520111", "520112"],
                                                    fieldForms: false)
    private static let made: Result<Region, any Error> = Result {
        let folder = try SynthFixture.temporaryDirectory("region")
        Fixtures.removeAtExit(folder)
        let directory = folder.appendingPathComponent("out")
        try SynthRegion.perform(options, outputFolder: directory.path, overwrite: false)
        return Region(directory: directory, plan: try SynthRegion.plan(options))
    }

    private func region() throws -> Region { try Self.made.get() }

    func testCodesAndNamesAreGuiyangs() throws {
        let expected = [("520102", "南明区"), ("520103", "云岩区"), ("520111", "花溪区"), ("520112", "乌当区"), ("520113", "白云区"),
                        ("520115", "观山湖区"), ("520121", "开阳县"), ("520122", "息烽县"), ("520123", "修文县"), ("520181", "清镇市")]
        XCTAssertEqual(GuiyangCounties.all.map(\.code), expected.map(\.0))
        XCTAssertEqual(GuiyangCounties.all.map(\.name), expected.map(\.1))
        XCTAssertEqual(GuiyangCounties.all.map(\.reportingUnit).first, "贵阳市南明区林业局")
        for county in GuiyangCounties.all {
            let townships = county.townshipCodesAndNames
            XCTAssertEqual(Set(townships.map(\.code)).count, townships.count, county.code)
            for t in townships {
                XCTAssertEqual(t.code.count, 9)
                XCTAssertTrue(t.code.hasPrefix(county.code), t.code)
            }
            if county.code == "520111" {
                XCTAssertFalse(county.inventedTownships)
                XCTAssertEqual(townships.map(\.code), SynthCounty.huaxi.townshipCodesAndNames.map(\.code))
                XCTAssertEqual(townships.count, 19)
            } else {
                XCTAssertTrue(county.inventedTownships)
                XCTAssertTrue(townships.allSatisfy { $0.name.contains("示例") }, county.code)
            }
            // The outlines' areas, as a sanity check of the conversion (km², the published areas within a few %).
            XCTAssertGreaterThan(county.area, 80e6)
        }
        XCTAssertEqual(GuiyangCounties.all.reduce(0) { $0 + $1.area } / 1e6, 8_034, accuracy: 100)
        XCTAssertThrowsError(try GuiyangCounties.counties(["520199"]))
    }

    func testSubcompartmentsAreInProportionToAreaWithAFloor() throws {
        let areas = GuiyangCounties.all.map(\.area), total = areas.reduce(0, +)
        let counts = try SynthRegion.allocate(100_000, areas: areas)
        XCTAssertEqual(counts.reduce(0, +), 100_000)
        for (count, area) in zip(counts, areas) { XCTAssertEqual(Double(count), area / total * 100_000, accuracy: 1) }
        // At 30,000 南明, 云岩 and 白云 are floored at 1,000; the others share the rest in proportion.
        let floored = try SynthRegion.allocate(30_000, areas: areas)
        XCTAssertEqual(floored.reduce(0, +), 30_000)
        let small = floored.indices.filter { floored[$0] == 1_000 }
        XCTAssertEqual(small, [0, 1, 4])
        let rest = total - small.reduce(0) { $0 + areas[$1] }
        for k in floored.indices where !small.contains(k) {
            XCTAssertEqual(Double(floored[k]), areas[k] / rest * 27_000, accuracy: 1)
        }
        XCTAssertEqual(try SynthRegion.allocate(10_000, areas: areas), Array(repeating: 1_000, count: 10))
        XCTAssertThrowsError(try SynthRegion.allocate(9_999, areas: areas))
        // The sample region: 1,000 each.
        let sample = try SynthRegion.plan(SynthRegionOptions(subcompartments: 3_000, seed: 2021, counties: ["520111", "520112", "520113"]))
        XCTAssertEqual(sample.map(\.subcompartments), [1_000, 1_000, 1_000])
        // Larger: in proportion.
        let plan = try region().plan
        XCTAssertEqual(plan.map(\.subcompartments).reduce(0, +), 4_400)
        let huaxi = plan[2], wudang = plan[3]
        XCTAssertEqual(Double(huaxi.subcompartments) / Double(wudang.subcompartments), huaxi.county.area / wudang.county.area, accuracy: 0.01)
        XCTAssertEqual(plan.map(\.seed), plan.map { SynthRegion.countySeed(5, $0.county.code) })
        XCTAssertEqual(Set(plan.map(\.seed)).count, 4)
    }

    func testEachCountyLiesInItsOutlineAndNoneOverlap() throws {
        let region = try region()
        let context = GEOSContext()
        var districts: [Geometry] = []
        for options in region.plan {
            let county = options.county, folder = region.directory.appendingPathComponent(county.code)
            let outline = try Geometry(wkb: SynthWKB.multiPolygon([try XCTUnwrap(county.outline)]), context: context)
            for (file, layerName) in [("xiaoban_2020.gpkg", "xiaoban_2020"), ("xiaoban_2021.gpkg", "xiaoban_2021")] {
                let layer = try SynthFixture.read(folder, file, layerName)
                if layerName == "xiaoban_2020" { XCTAssertEqual(layer.features.count, options.subcompartments, county.code) }
                XCTAssertTrue(layer.features.allSatisfy { layer.text($0, "XIAN") == county.code }, county.code)
                let codes = Set(county.townshipCodesAndNames.map(\.code))
                XCTAssertTrue(layer.features.allSatisfy { codes.contains(county.code + (layer.text($0, "XIANG") ?? "")) }, county.code)
                let cells = try layer.features.map { try Geometry(wkb: XCTUnwrap($0.geometry), context: context) }
                let union = try Geometry.union(cells, context: context)
                XCTAssertLessThan(try union.difference(outline).area, 1e-6, "\(county.code) \(file) crosses its outline")
                if layerName == "xiaoban_2020" {
                    districts.append(union)
                    // The outline is filled but for about 1% at its tips and the cells' jagged edge along it.
                    XCTAssertGreaterThan(union.area / county.area, 0.8, county.code)
                }
            }
            let townships = try SynthFixture.read(folder, "townships.gpkg", "townships")
            XCTAssertEqual(townships.features.compactMap { townships.text($0, "XZQDM") }, county.townshipCodesAndNames.map(\.code))
            XCTAssertEqual(townships.features.compactMap { townships.text($0, "XZQMC") }, county.townshipCodesAndNames.map(\.name))
            let townshipUnion = try Geometry.union(try townships.features.map { try Geometry(wkb: XCTUnwrap($0.geometry), context: context) },
                                                   context: context)
            XCTAssertLessThan(try townshipUnion.difference(outline).area, 1e-6, "\(county.code) townships.gpkg crosses its outline")
        }
        for a in districts.indices {
            for b in districts.indices where b > a {
                XCTAssertEqual(try districts[a].intersection(districts[b]).area, 0, "\(region.plan[a].county.code) overlaps \(region.plan[b].county.code)")
            }
        }
    }

    func testConfigsAndTheRegionsTargets() throws {
        let region = try region()
        var countyRows: [String: [[String]]] = [:]
        for options in region.plan {
            let county = options.county, folder = region.directory.appendingPathComponent(county.code)
            let config = try ForestMapConfig.load(path: folder.appendingPathComponent("forestmap.toml").path)
            XCTAssertEqual(config.districtName, county.name)
            XCTAssertEqual(config.districtCode, county.code)
            XCTAssertEqual(config.reportingUnit, "贵阳市\(county.name)林业局")
            let toml = try TOMLParser.parse(String(decoding: try Data(contentsOf: folder.appendingPathComponent("forestmap.toml")), as: UTF8.self))
            XCTAssertEqual(toml["cases"]?.table?["register"]?.string, "../out/\(county.code)/forestmap_cases.gpkg")
            let targets = try Self.csv(folder.appendingPathComponent("targets.csv"))
            countyRows[county.code] = targets.filter { $0[0] == county.code }
            XCTAssertEqual(countyRows[county.code]?.count, 16)
        }
        let text = String(decoding: try Data(contentsOf: region.directory.appendingPathComponent("region.toml")), as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("# forestmap region config (README \"Regions\"): 贵阳市's counties, each its own config\n"))
        let toml = try TOMLParser.parse(text)
        XCTAssertEqual(toml.keys, ["region", "units", "inputs", "executor", "scoring"])
        XCTAssertEqual(toml["region"]?.table?["name"]?.string, "贵阳市")
        XCTAssertEqual(toml["region"]?.table?["code"]?.string, "520100")
        XCTAssertEqual(toml["region"]?.table?["reporting_unit"]?.string, "贵阳市林长制办公室")
        XCTAssertEqual(toml["units"]?.table?["configs"]?.array?.compactMap(\.string), region.plan.map { "\($0.county.code)/forestmap.toml" })
        XCTAssertEqual(toml["inputs"]?.table?["targets"]?.string, "region_targets.csv")
        XCTAssertEqual(toml["executor"]?.table?["kind"]?.string, "local")
        XCTAssertEqual(toml["executor"]?.table?["jobs"], .integer(2))
        XCTAssertEqual(toml["executor"]?.table?["time_limit"]?.string, "02:00:00")
        // The same scoring as the counties'.
        let county = try TOMLParser.parse(String(decoding: try Data(contentsOf: region.directory.appendingPathComponent("520102/forestmap.toml")), as: UTF8.self))
        XCTAssertEqual(toml["scoring"], county["scoring"])
        XCTAssertNotNil(toml["scoring"]?.table?["items"]?.table?["forest_coverage_rate"])

        let rows = try Self.csv(region.directory.appendingPathComponent("region_targets.csv"))
        XCTAssertEqual(rows.count, 16 * 5)
        for options in region.plan {
            let mine = rows.filter { $0[0] == options.county.code }
            XCTAssertEqual(mine, countyRows[options.county.code], options.county.code)
        }
        let own = rows.filter { $0[0] == "520100" }
        XCTAssertEqual(own.count, 16)
        XCTAssertTrue(own.allSatisfy { $0[1] == "贵阳市" })
        // Amounts add up; rates lie between the counties'.
        for (k, row) in own.enumerated() {
            let values = region.plan.compactMap { Double(countyRows[$0.county.code]![k][6]) }
            guard let total = Double(row[6]) else { XCTAssertTrue(values.isEmpty, row[2]); continue }
            if ["%", "‰"].contains(row[4]) {
                XCTAssertGreaterThanOrEqual(total, values.min()! - 0.01, row[2])
                XCTAssertLessThanOrEqual(total, values.max()! + 0.01, row[2])
            } else {
                XCTAssertEqual(total, values.reduce(0, +), accuracy: 0.01, row[2])
            }
        }
    }

    func testTheSameOptionsGiveTheSameBytes() throws {
        let region = try region()
        let again = try SynthFixture.temporaryDirectory("region-again").appendingPathComponent("out")
        defer { try? FileManager.default.removeItem(at: again.deletingLastPathComponent()) }
        try SynthRegion.perform(Self.options, outputFolder: again.path, overwrite: false)
        for file in ["region.toml", "region_targets.csv", "520103/xiaoban_2020.gpkg", "520103/xiaoban_2021.gpkg", "520111/truth.csv",
                     "520112/townships.gpkg", "520102/forestmap.toml"] {
            XCTAssertEqual(try Data(contentsOf: again.appendingPathComponent(file)), try Data(contentsOf: region.directory.appendingPathComponent(file)), file)
        }
    }

    func testRefusesUnknownRegionsAndTooFewSubcompartments() {
        XCTAssertThrowsError(try SynthRegion.plan(SynthRegionOptions(region: "zunyi", subcompartments: 10_000, seed: 1)))
        XCTAssertThrowsError(try SynthRegion.plan(SynthRegionOptions(subcompartments: 9_000, seed: 1)))
        XCTAssertThrowsError(try SynthRegion.plan(SynthRegionOptions(subcompartments: 3_000, seed: 1, counties: ["520111", "520111", "520112"])))
    }

    /// A UTF-8 CSV with BOM, no quoted fields, header dropped.
    private static func csv(_ url: URL) throws -> [[String]] {
        let text = String(decoding: try Data(contentsOf: url).dropFirst(3), as: UTF8.self)
        return text.split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }
}

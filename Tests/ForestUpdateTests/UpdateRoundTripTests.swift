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

/// The round trip on SampleData: the 2020 map plus synth's patches is the 2021 map on the ground.
final class UpdateRoundTripTests: XCTestCase {
    private var sampleData: URL {
        Repository.sampleData
    }
    private func source(_ name: String) -> SourceReference {
        SourceReference(path: sampleData.appendingPathComponent("\(name).gpkg").path, layerName: name)
    }

    func testSynthPatchesTurnTheFirstYearIntoTheSecond() throws {
        let out = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        var request = UpdateRun.Request(patches: source("patches_2021").description, outputFolder: out.appendingPathComponent("u").path)
        request.map = source("xiaoban_2020").description
        let report = try UpdateRun.perform(request, print: false)
        XCTAssertNil(report.failure)
        XCTAssertTrue(report.update.problems.isEmpty, "\(report.update.problems.prefix(5))")
        XCTAssertTrue(report.update.conflicts.isEmpty, "synth's patches tile the changed land without overlaps")
        XCTAssertTrue(report.update.untranslated.isEmpty, "every code without a new-system class has its reclassification patch")
        // The new map's default style for QGIS: a class per land-class code it holds, named by its class.
        let styles = try VectorDataset(reading: SourceReference(path: out.appendingPathComponent("u/xiaoban_2021.gpkg").path)).layerStyles()
        XCTAssertEqual(styles.map(\.layer), ["xiaoban_2021"])
        XCTAssertTrue(styles.first?.qml.contains("label=\"030100 乔木林地\"") == true, styles.first?.qml.prefix(2_000).description ?? "")

        let config = ForestMapConfig()
        let options = try config.layerLoadOptions()
        let updated = try SubCompartmentLayer.load(try SourceReference(parsing: report.mapSource), options: options)
        let second = try SubCompartmentLayer.load(source("xiaoban_2021"), options: options)
        let townships = try TownshipBoundaries.load(source("townships"), fields: config.townshipFields, districtCode: config.districtCode,
                                                    into: second.crsWKT, towgs84: nil, encoding: nil)

        // Every key unique; only renumbering differs: every 2021 key but the merged pieces' and split children's is there.
        let keys = updated.subCompartments.map(\.key)
        XCTAssertEqual(Set(keys).count, keys.count)
        XCTAssertEqual(keys.count, second.subCompartments.count + 2, "the two merges stay two sub-compartments each")

        // No change on the ground: the accounting between the update and 2021 finds no class change at all.
        let accounting = try TransitionAccounting.compute(previous: updated, current: second, townships: townships, options: ChangeOptions(config: config))
        XCTAssertEqual(accounting.transitions.count, 0, "\(accounting.transitions.prefix(5))")
        // ... and `forestmap change` finds no change patch either (no class, category, origin or grade changed).
        let overlay = try ChangeOverlay.compute(previous: updated, current: second, options: ChangeOptions(config: config))
        let patches = try ChangePatches.compute(overlay, inputs: .init(previous: updated, current: second, townships: townships, permits: nil,
                                                                       ringBelt: nil, period: nil), options: ChangeOptions(config: config))
        XCTAssertEqual(patches.patches.count, 0, "\(patches.patches.prefix(3).map { ($0.changeType, $0.toIDs) })")

        // The per-township statistics equal 2021's to 1e-6 ha (volume to 1e-6 m³).
        let a = try ForestStatistics.compute(updated, townships: townships, options: StatsOptions(config: config))
        let b = try ForestStatistics.compute(second, townships: townships, options: StatsOptions(config: config))
        XCTAssertEqual(a.zones.map(\.townshipCode), b.zones.map(\.townshipCode))
        for (z, (x, y)) in zip(a.figures, b.figures).enumerated() {
            let pairs: [(String, Double, Double)] = [("mapped", x.mappedArea, y.mappedArea), ("forest land", x.forestLand, y.forestLand),
                                                     ("arbor", x.arbor, y.arbor), ("bamboo", x.bamboo, y.bamboo),
                                                     ("special shrub", x.specialShrub, y.specialShrub), ("public welfare", x.publicWelfare, y.publicWelfare),
                                                     ("natural", x.naturalForest, y.naturalForest), ("land", x.landArea, y.landArea)]
            for (name, p, q) in pairs { XCTAssertEqual(AreaUnit.hectares(p), AreaUnit.hectares(q), accuracy: 1e-6, "\(a.zones[z].townshipCode) \(name)") }
            XCTAssertEqual(x.stock, y.stock, accuracy: 1e-6, "\(a.zones[z].townshipCode) stock")
        }

        // The result passes the quality check: nothing the update made (2021 itself has no problem either).
        let checked = try QualityChecker.check(try SubCompartmentLayer.load(try SourceReference(parsing: report.mapSource), options: {
            var o = options
            o.requireValidGeometry = false
            return o
        }()), townships: nil, config: config, threads: nil)
        XCTAssertEqual(checked.problems.count, 0, "\(checked.problems.prefix(5).map { "\($0.check) \($0.detail)" })")
    }

    func testTheSameFilesWithOneThreadOrMany() throws {
        let out = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        for (name, threads) in [("one", 1), ("many", 4)] {
            var request = UpdateRun.Request(patches: source("patches_2021").description, outputFolder: out.appendingPathComponent(name).path)
            request.map = source("xiaoban_2020").description
            request.settings.threads = threads
            try UpdateRun.perform(request, print: false)
        }
        for file in ["xiaoban_2021.gpkg", "forest_land_ledger.csv", "changed_subcompartments.csv"] {
            let one = try Data(contentsOf: out.appendingPathComponent("one/\(file)"))
            let many = try Data(contentsOf: out.appendingPathComponent("many/\(file)"))
            XCTAssertEqual(one, many, file)
        }
    }
}

import Foundation
import Geo
import XCTest
@testable import ForestAssessment
@testable import ForestMapCore
@testable import ForestReport
@testable import ForestStats
@testable import ForestTestSupport

/// 附表1 and 附表2 of a hand-made district of two townships, read back by another reader (GDAL's XLSX driver).
final class AssessmentTablesTests: XCTestCase {
    static let a = "520111101", b = "520111102"

    static func handMade(coverageWeight: Double = 20) -> (Assessment, ForestMapConfig) {
        var config = ForestMapConfig()
        config.year = 2021
        config.districtName = "花溪区"
        config.districtCode = "520111"
        config.scoring.items = [ScoringSettings.Item(.forestCoverageRate, weight: coverageWeight, deductPerUnit: 2),
                                ScoringSettings.Item(.fireDamageRate, weight: 10, deductPerUnit: 5, unit: 0.1)]
        var fa = TownshipAssessment.Figures(), fb = TownshipAssessment.Figures()
        (fa.landHectares, fa.forestHectares, fa.forestLandHectares, fa.stock) = (1000, 480, 600, 50_000)
        (fa.previousLandHectares, fa.previousForestHectares, fa.previousForestLandHectares) = (1000, 470, 605)
        fa.burnedForestHectares = 0.3
        fa.taskHectares[.afforestation] = 10
        fa.doneHectares[.afforestation] = 8
        fa.achievedHectares[.afforestation] = 8
        (fb.landHectares, fb.forestHectares, fb.forestLandHectares, fb.stock) = (2000.33333, 1500.11111, 1700.55555, 120_000.4)
        var targets = TownshipTargets()
        targets.targets[a] = ["forest_coverage_rate": .init(value: 50), "fire_damage_rate": .init(value: 0.6), "afforestation_completion_rate": .init(value: 100)]
        targets.targets[b] = ["forest_coverage_rate": .init(value: 70), "fire_damage_rate": .init(value: 0.6), "afforestation_completion_rate": .init(value: nil)]
        targets.targets["520111"] = ["forest_coverage_rate": .init(value: 60), "fire_damage_rate": .init(value: 0.6)]
        let assessment = Assessment.assemble([(a, "青岩镇", fa), (b, "石板镇", fb)], targets: targets, changeAvailable: true, config: config)
        return (assessment, config)
    }

    static func sheet(_ url: URL, _ name: String) throws -> [[String]] {
        let dataset = try VectorDataset(reading: SourceReference(path: url.path), openOptions: ["HEADERS": "DISABLE", "FIELD_TYPES": "STRING"])
        XCTAssertEqual(dataset.driverName, "XLSX")
        return try dataset.layer(named: name).readAll().map { $0.values.map { $0.text ?? "" } }
    }

    func testFiledTablesReadBackWithHeadersRowsTotalsAndScores() throws {
        let (assessment, config) = Self.handMade()
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = try OutputFolder(folder.appendingPathComponent("run").path, overwrite: false)
        _ = try AssessmentTables.write(assessment, into: out, config: config, date: "2021-12-31")
        try out.commit()
        let dir = folder.appendingPathComponent("run")

        // 附表1: title, headers with units, one row per township, a totals row that adds up, signatures.
        let t1 = try Self.sheet(dir.appendingPathComponent("appendix1_targets.xlsx"), "附表1")
        XCTAssertTrue(t1[0][0].hasPrefix("附表1 花溪区2021年度"), "\(t1[0])")
        let h = try XCTUnwrap(t1.firstIndex { $0.first == "乡镇代码" })
        let header = t1[h]
        for name in ["乡镇（街道）", "土地总面积（公顷）", "森林覆盖率目标（%）≥", "森林覆盖率（%）", "森林覆盖率是否达标", "造林任务（亩）", "造林完成（万亩）", "森林火灾受害率（‰）"] {
            XCTAssertTrue(header.contains(name), "\(name) not in \(header)")
        }
        let rows = t1[(h + 1)...].filter { $0.first?.count == 9 }
        XCTAssertEqual(rows.map { $0[0] }, [Self.a, Self.b])
        let totals = try XCTUnwrap(t1.first { $0.first == "520111" })
        XCTAssertEqual(totals[1], "合计（花溪区）")
        for name in ["土地总面积（公顷）", "森林面积（公顷）", "林地面积（公顷）", "森林蓄积量（m³）"] {
            let c = try XCTUnwrap(header.firstIndex(of: name))
            let units = rows.map { Int64((Double($0[c])! * 10_000).rounded()) }.reduce(0, +)
            XCTAssertEqual(units, Int64((Double(totals[c])! * 10_000).rounded()), name)
        }
        let coverage = try XCTUnwrap(header.firstIndex(of: "森林覆盖率（%）")), met = try XCTUnwrap(header.firstIndex(of: "森林覆盖率是否达标"))
        XCTAssertEqual(Double(rows[0][coverage])!, 48, accuracy: 1e-9)
        XCTAssertEqual(rows[0][met], "未达标")
        XCTAssertEqual(rows[1][met], "达标")
        XCTAssertEqual(Double(totals[coverage])!, (480 + 1500.11111) / 3000.33333 * 100, accuracy: 1e-9, "the district's rate from its sums")
        let rate = try XCTUnwrap(header.firstIndex(of: "造林完成率（%）"))
        XCTAssertEqual(Double(rows[0][rate])!, 80, accuracy: 1e-9)
        XCTAssertEqual(rows[1][rate], "/", "no task: does not apply")
        XCTAssertTrue(t1.contains { $0.first?.contains("填表人") ?? false && $0.first!.contains("审核人") })

        // 附表2: the configured rules by hand. 青岩镇: coverage 2 points short × 2 = 4 off 20; fire 0.3 / 480 × 1000 =
        // 0.625‰, 0.025 over = 0.25 units × 5 = 1.25 off 10. 石板镇 meets both.
        let t2 = try Self.sheet(dir.appendingPathComponent("appendix2_scores.xlsx"), "附表2")
        let h2 = try XCTUnwrap(t2.firstIndex { $0.first == "乡镇代码" })
        XCTAssertEqual(Array(t2[h2].prefix(4)), ["乡镇代码", "乡镇（街道）", "森林覆盖率（20分）", "森林火灾受害率（10分）"])
        XCTAssertEqual(Array(t2[h2].suffix(4)), ["总分", "等次", "排名", "扣分说明"])
        let qingyan = try XCTUnwrap(t2.first { $0.first == Self.a }), shiban = try XCTUnwrap(t2.first { $0.first == Self.b })
        XCTAssertEqual(qingyan[2...4].map { Double($0)! }, [16, 8.75, 24.75])
        XCTAssertEqual(qingyan[6], "2")
        XCTAssertTrue(qingyan[7].contains("扣4分") && qingyan[7].contains("扣1.25分"), qingyan[7])
        XCTAssertEqual(shiban[2...4].map { Double($0)! }, [20, 10, 30])
        XCTAssertEqual(shiban[6], "1")
        XCTAssertEqual(t2[(h2 + 1)...].filter { $0.first?.count == 9 }.count, 2)

        // The CSVs hold the same figures.
        let csv = try String(contentsOf: dir.appendingPathComponent("appendix2_scores.csv"), encoding: .utf8)
        XCTAssertTrue(csv.contains("\(Self.a),青岩镇,16.00,8.75,24.75,不合格,2"), csv)
        let findings = try String(contentsOf: dir.appendingPathComponent("findings.txt"), encoding: .utf8)
        XCTAssertTrue(findings.contains("青岩镇：森林覆盖率 48%，未达到目标 50%，差 2个百分点"), findings)
        XCTAssertTrue(findings.contains("青岩镇：森林火灾受害率 0.625‰，超过上限 0.6‰"), findings)
        XCTAssertFalse(findings.contains("石板镇："), findings)
    }

    /// A weight in the config changes the item's full marks, the header and the total, nothing else.
    func testAWeightChangesTheScoreTable() {
        let (base, _) = Self.handMade(coverageWeight: 20)
        let (heavier, config) = Self.handMade(coverageWeight: 30)
        XCTAssertEqual(heavier.scores[0].total - base.scores[0].total, 10, accuracy: 1e-9)
        XCTAssertEqual(AssessmentTables.appendix2ScoresXLSX(heavier, config: config, date: "").columns[2].header, "森林覆盖率（30分）")
        // The notes say how the district's row is scored and whether a bonus can pass full marks.
        let notes = AssessmentTables.appendix2ScoresXLSX(heavier, config: config, date: "").notes.joined(separator: "\n")
        XCTAssertTrue(notes.contains("合计行（全区）不是各乡镇得分的平均"), notes)
        XCTAssertTrue(notes.contains("总分可超过各项满分之和"), notes)
        var capped = config
        capped.scoring.capTotal = 100
        XCTAssertTrue(AssessmentTables.appendix2ScoresXLSX(heavier, config: capped, date: "").notes.contains("注：总分封顶100分（[scoring] cap_total）"))
        XCTAssertEqual(AssessmentTables.appendix1TargetsCSV(heavier).rows, AssessmentTables.appendix1TargetsCSV(base).rows, "附表1 does not depend on weights")
    }
}

import XCTest
@testable import ForestAssessment
@testable import ForestMapCore
@testable import ForestSynth

/// Scores follow the configured rules: each case computed by hand from the rule's numbers.
final class ScoringTests: XCTestCase {
    func testDeductionPerUnitOfShortfallFloorAndBonus() {
        // 每下降1个百分点扣2分: target 50, actual 48.5 → 1.5 × 2 = 3 off 20.
        let coverage = ScoringSettings.Item(.forestCoverageRate, weight: 20, deductPerUnit: 2)
        let s = Scoring.score(IndicatorValue(target: 50, actual: 48.5), item: coverage, notApplicable: .full)
        XCTAssertEqual(s.points ?? -1, 17, accuracy: 1e-9)
        XCTAssertEqual(s.deduction, 3, accuracy: 1e-9)
        XCTAssertTrue(s.explanation.contains("扣3分"), s.explanation)
        // 扣完为止: 10 points off 20 → 0, not negative.
        XCTAssertEqual(Scoring.score(IndicatorValue(target: 50, actual: 35), item: coverage, notApplicable: .full).points, 0)
        // A ceiling: 每超0.1‰扣5分, 0.6‰ allowed, 0.75‰ found → 1.5 units → 7.5 off 10.
        let fire = ScoringSettings.Item(.fireDamageRate, weight: 10, deductPerUnit: 5, unit: 0.1)
        XCTAssertEqual(Scoring.score(IndicatorValue(target: 0.6, actual: 0.75), item: fire, notApplicable: .full).points ?? -1, 2.5, accuracy: 1e-9)
        XCTAssertEqual(Scoring.score(IndicatorValue(target: 0.6, actual: 0.59), item: fire, notApplicable: .full).points, 10)
        // Shortfall as a share of the target: 每低于目标1%扣1分, 1000 ha asked, 950 found → 5% → 5 off.
        let land = ScoringSettings.Item(.forestLandArea, weight: 10, deductPerUnit: 1, shortfall: .percentOfTarget)
        XCTAssertEqual(Scoring.score(IndicatorValue(target: 1000, actual: 950), item: land, notApplicable: .full).points ?? -1, 5, accuracy: 1e-9)
        // Bonus when met (and only then).
        let projects = ScoringSettings.Item(.underForestEconomyProjects, weight: 5, deductPerUnit: 2.5, bonus: 1)
        XCTAssertEqual(Scoring.score(IndicatorValue(target: 2, actual: 3), item: projects, notApplicable: .full).points, 6)
        XCTAssertEqual(Scoring.score(IndicatorValue(target: 2, actual: 1), item: projects, notApplicable: .full).points, 2.5)
    }

    func testPerCaseDeductionsAndItemsThatDoNotApply() {
        // Per case, without a floor: 3 patches × 2 points below a 0-point item.
        let patches = ScoringSettings.Item(.unapprovedPatches, weight: 0, deductPerCase: 2, floorAtZero: false)
        XCTAssertEqual(Scoring.score(IndicatorValue(target: 0, actual: 1.2, cases: 3), item: patches, notApplicable: .full).points, -6)
        XCTAssertEqual(Scoring.score(IndicatorValue(target: 0, actual: 0, cases: 0), item: patches, notApplicable: .full).points, 0)
        // Does not apply: full marks, or left out.
        let quota = ScoringSettings.Item(.harvestQuota, weight: 5, deductPerUnit: 1)
        let na = IndicatorValue(target: nil, applies: false, actual: 10)
        XCTAssertEqual(Scoring.score(na, item: quota, notApplicable: .full).points, 5)
        XCTAssertNil(Scoring.score(na, item: quota, notApplicable: .exclude).points)
        // A configured target overrides the township's.
        var fixed = ScoringSettings.Item(.forestCoverageRate, weight: 20, deductPerUnit: 2)
        fixed.target = 40
        XCTAssertEqual(Scoring.score(IndicatorValue(target: 50, actual: 45), item: fixed, notApplicable: .full).points, 20)
    }

    /// A township's total is the sum of its items; with `exclude`, the applicable items are scaled to full marks.
    func testTotalsGradesAndRanks() {
        var settings = ScoringSettings()
        settings.items = [ScoringSettings.Item(.forestCoverageRate, weight: 60, deductPerUnit: 10),
                          ScoringSettings.Item(.harvestQuota, weight: 40, deductPerUnit: 1)]
        func row(_ code: String, coverage: Double, quotaApplies: Bool) -> TownshipAssessment {
            TownshipAssessment(code: code, name: code, figures: .init(), values: [
                .forestCoverageRate: IndicatorValue(target: 50, actual: coverage),
                .harvestQuota: IndicatorValue(target: quotaApplies ? 100 : nil, applies: quotaApplies, actual: 80),
            ])
        }
        let a = Scoring.score(row("a", coverage: 49, quotaApplies: true), settings: settings)
        XCTAssertEqual(a.total, 90)
        XCTAssertEqual(a.grade, "优秀")
        settings.notApplicable = .exclude
        let b = Scoring.score(row("b", coverage: 49, quotaApplies: false), settings: settings)
        XCTAssertEqual(b.total, 50.0 * 100 / 60, accuracy: 0.005, "50 of 60 applicable points, scaled to 100")
        XCTAssertEqual(b.grade, "良好")
        let ranked = Scoring.ranked([a, b, Scoring.score(row("c", coverage: 49, quotaApplies: true), settings: settings)])
        XCTAssertEqual(ranked.map(\.rank), [1, 3, 1])
    }

    /// A bonus takes a total past the items' full marks unless `[scoring] cap_total` caps it.
    func testBonusPastFullMarksAndTheCap() throws {
        var settings = ScoringSettings()
        settings.items = [ScoringSettings.Item(.forestCoverageRate, weight: 95, deductPerUnit: 10),
                          ScoringSettings.Item(.underForestEconomyProjects, weight: 5, deductPerUnit: 2.5, bonus: 1)]
        let row = TownshipAssessment(code: "a", name: "a", figures: .init(), values: [
            .forestCoverageRate: IndicatorValue(target: 50, actual: 51),
            .underForestEconomyProjects: IndicatorValue(target: 2, actual: 3),
        ])
        XCTAssertEqual(Scoring.score(row, settings: settings).total, 101, "95 + 5 + 1 bonus")
        settings.capTotal = 100
        XCTAssertEqual(Scoring.score(row, settings: settings).total, 100)
        let parsed = try ForestMapConfig.parse("[scoring]\ncap_total = 100", file: "c.toml", folder: URL(fileURLWithPath: "/tmp")).scoring
        XCTAssertEqual(parsed.capTotal, 100)
        XCTAssertNil(try ForestMapConfig.parse("", file: "c.toml", folder: URL(fileURLWithPath: "/tmp")).scoring.capTotal, "no cap by default")
        XCTAssertThrowsError(try ForestMapConfig.parse("[scoring]\ncap_total = 0", file: "c.toml", folder: URL(fileURLWithPath: "/tmp")))
    }

    func testScoringSettingsFromTOML() throws {
        let text = """
        [scoring]
        not_applicable = "exclude"
        major_fire_ha = 1
        grades = { "好" = 85, "差" = 50 }
        [scoring.items]
        pest_disaster_rate = { weight = 5, deduct_per_unit = 1, unit = 0.1 }
        forest_coverage_rate = { weight = 20, deduct_per_unit = 0.1, shortfall = "percent_of_target", target = 50 }
        """
        let s = try ForestMapConfig.parse(text, file: "c.toml", folder: URL(fileURLWithPath: "/tmp")).scoring
        XCTAssertEqual(s.notApplicable, .exclude)
        XCTAssertEqual(s.majorFireHectares, 1)
        XCTAssertEqual(s.items.map(\.indicator), [.forestCoverageRate, .pestDisasterRate], "in the indicators' order")
        XCTAssertEqual(s.items[0].shortfall, .percentOfTarget)
        XCTAssertEqual(s.items[0].target, 50)
        XCTAssertEqual(s.items[1].unit, 0.1)
        XCTAssertEqual(s.grade(86), "好")
        XCTAssertEqual(s.grade(49), "不合格")
        XCTAssertEqual(try ForestMapConfig.parse("", file: "c.toml", folder: URL(fileURLWithPath: "/tmp")).scoring.items, ScoringSettings.defaultItems)
        for (bad, words) in [("[scoring.items]\ncoverage = { weight = 1 }", ["scoring.items.coverage", "no such indicator"]),
                             ("[scoring.items]\nfire_damage_rate = { weight = 1, per_unit = 2 }", ["scoring.items.fire_damage_rate.per_unit"]),
                             ("[scoring.items]\nfire_damage_rate = { weight = 1, unit = 0 }", ["unit must be positive"])] {
            XCTAssertThrowsError(try ForestMapConfig.parse(bad, file: "c.toml", folder: URL(fileURLWithPath: "/tmp"))) { e in
                let message = (e as? ForestMapError)?.message ?? ""
                for w in words { XCTAssertTrue(message.contains(w), message) }
            }
        }
    }
}

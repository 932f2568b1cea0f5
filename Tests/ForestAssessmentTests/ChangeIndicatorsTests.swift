import Geo
import XCTest
@testable import ForestAssessment
@testable import ForestChange
@testable import ForestCheck
@testable import ForestMapCore
@testable import ForestStats
@testable import ForestSynth
@testable import PlanarKernel
@testable import ForestTestSupport

/// The change-based indicators come from the change patches alone: hand-made patches, figures counted by hand.
final class ChangeIndicatorsTests: XCTestCase {
    static func patch(_ type: ChangePatch.ChangeType, township: String = "520111101", m2: Double, from: Bool = true, to: Bool = false,
                      permit: ChangePatch.PermitStatus? = nil, correction: Bool = false, belt: Bool = false, natural: Bool = false,
                      farmland: Bool = false, fromIDs: [String] = []) -> ChangePatch {
        ChangePatch(patchID: "\(township)-0001", changeType: type, bhyy: "", bhyyRecorded: nil, isCorrection: correction, townshipCode: township,
                    villageCode: township + "001", fromClass: "", toClass: "", fromForestLand: from, toForestLand: to, squareMetres: m2,
                    fromIDs: fromIDs, toIDs: [], permitStatus: permit, permitIDs: [], uncoveredSquareMetres: 0, inRingBelt: belt,
                    publicWelfareGrade: "", naturalForest: natural, onFarmland: farmland, geometry: Fixtures.square(0, 0, 1), pointX: 0, pointY: 0)
    }

    func testFiguresPerTownshipFromHandMadePatches() {
        let patches = [
            // Harvest: stays forest land (harvested land is forest land), one of them in natural forest.
            Self.patch(.harvest, m2: 20_000, to: true, permit: .covered, fromIDs: ["a"]),
            Self.patch(.harvest, m2: 10_000, to: true, permit: ChangePatch.PermitStatus.none, natural: true, fromIDs: ["b", "c"]),
            // Construction: one approved in the belt, one with no approval, one over-use, one a recorded 9x correction.
            Self.patch(.construction, m2: 5_000, permit: .covered, belt: true),
            Self.patch(.construction, m2: 3_000, permit: ChangePatch.PermitStatus.none),
            Self.patch(.construction, m2: 2_000, permit: .partial, belt: true),
            Self.patch(.construction, m2: 9_000, permit: ChangePatch.PermitStatus.none, correction: true),
            // Clearing for farming (no permit applies): a loss without approval.
            Self.patch(.clearedForFarming, m2: 1_500, permit: ChangePatch.PermitStatus.none),
            // Afforestation: one counted, one on farmland; fire; a reclassification that is no change.
            Self.patch(.afforestation, m2: 7_000, from: false, to: true),
            Self.patch(.afforestation, m2: 4_000, from: false, to: true, farmland: true),
            Self.patch(.fire, m2: 6_000, to: true),
            Self.patch(.reclassification, m2: 50_000, permit: ChangePatch.PermitStatus.none),
            // Another township.
            Self.patch(.otherLoss, township: "520111102", m2: 800, permit: ChangePatch.PermitStatus.none, belt: true),
        ]
        let volumes = ["a": 100.0, "b": 60.0, "c": 80.0]
        let c = ChangeIndicators.compute(patches) { volumes[$0] }
        let f = c.figures("520111101")
        XCTAssertEqual(f.harvestSquareMetres, 30_000)
        XCTAssertEqual(f.harvestVolume, 2 * 100 + 1 * 70, accuracy: 1e-9, "2 ha × 100 m³/ha + 1 ha × mean(60, 80)")
        XCTAssertEqual(f.naturalForestHarvestCount, 1)
        XCTAssertEqual(f.naturalForestHarvestSquareMetres, 10_000)
        XCTAssertEqual(f.unapprovedCount, 3, "construction none, construction partial, clearing; not the covered one, not the 9x, not harvest")
        XCTAssertEqual(f.unapprovedSquareMetres, 3_000 + 2_000 + 1_500)
        XCTAssertEqual(f.ringBeltLossCount, 2)
        XCTAssertEqual(f.ringBeltLossSquareMetres, 7_000)
        XCTAssertEqual(f.afforestationSquareMetres, 7_000)
        XCTAssertEqual(f.afforestationOnFarmlandSquareMetres, 4_000)
        XCTAssertEqual(f.fireSquareMetres, 6_000)
        XCTAssertEqual(f.landUseSquareMetres, 10_000)
        XCTAssertEqual(f.landUseCoveredSquareMetres, 5_000)
        let other = c.figures("520111102")
        XCTAssertEqual(other.unapprovedCount, 1)
        XCTAssertEqual(other.ringBeltLossSquareMetres, 800)
        XCTAssertEqual(c.total(["520111101", "520111102"]).unapprovedCount, 4)
        XCTAssertEqual(c.figures("520111999"), ChangeIndicators.Figures())
    }

    /// With patches, the indicators follow them; without any (change detection produced none), they stay empty
    /// instead of claiming a clean year.
    func testIndicatorsFromPatchesOrEmptyWithoutThem() {
        var figures = TownshipAssessment.Figures()
        figures.change = ChangeIndicators.compute([
            Self.patch(.construction, m2: 3_000, permit: .covered), Self.patch(.construction, m2: 1_000, permit: ChangePatch.PermitStatus.none),
        ]) { _ in nil }.figures("520111101")
        let with = TownshipAssessment.indicators(figures, targets: [:], changeAvailable: true, override: [:])
        XCTAssertEqual(with[.forestLandUseApprovalRate]?.actual ?? 0, 75, accuracy: 1e-9)
        XCTAssertEqual(with[.unapprovedPatches]?.cases, 1)
        XCTAssertEqual(with[.unapprovedPatches]?.actual ?? 0, 0.1, accuracy: 1e-12)
        XCTAssertEqual(with[.unapprovedPatches]?.target, 0, "zero tolerance by default")
        let without = TownshipAssessment.indicators(figures, targets: [:], changeAvailable: false, override: [:])
        XCTAssertNil(without[.forestLandUseApprovalRate]?.actual)
        XCTAssertNil(without[.unapprovedPatches]?.actual)
        XCTAssertNil(without[.harvestQuota]?.actual)
    }
}

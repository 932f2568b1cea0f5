import Foundation
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

/// Each check finds what is planted on the small grid of `CheckFixture`, with the right key and feature, and nothing
/// else; the clean grid gives no problem at all.
final class QualityCheckTests: XCTestCase {
    typealias Stand = CheckFixture.Stand

    /// "check fid;fid" per problem, sorted: what was found, compactly.
    private func found(_ r: CheckResult) -> [String] {
        r.problems.map { "\($0.check.rawValue) \($0.featureIDs.map(String.init).joined(separator: ";"))" }.sorted()
    }

    private func problem(_ r: CheckResult, _ check: QualityCheck, line: UInt = #line) throws -> CheckProblem {
        let all = r.problems.filter { $0.check == check }
        XCTAssertEqual(all.count, 1, "\(all)", line: line)
        return try XCTUnwrap(all.first, line: line)
    }

    private func ring(_ points: [(Double, Double)]) -> [Point] {
        (points + [points[0]]).map { Point(CheckFixture.x0 + $0.0 * CheckFixture.side, CheckFixture.y0 + $0.1 * CheckFixture.side) }
    }

    func testTheCleanGridHasNoProblems() throws {
        XCTAssertEqual(found(try CheckFixture.check(CheckFixture.grid())), [])
        // Township boundaries with vertices of their own only at the corners (no shared vertices): the exact overlay.
        XCTAssertEqual(found(try CheckFixture.check(CheckFixture.grid(), townships: CheckFixture.townships(densify: false))), [])
        let withoutTownships = try CheckFixture.check(CheckFixture.grid(), townships: nil)
        XCTAssertEqual(found(withoutTownships), [])
        XCTAssertEqual(withoutTownships.notRun[.crossesTownship], "no township layer (give --townships or [inputs] townships)")
    }

    func testInvalidGeometryGivesGEOSReasonAndLocation() throws {
        var stands = CheckFixture.grid()
        // A bow-tie over cell (1, 1): its edges cross at the cell's centre.
        stands[5].geometry = CheckFixture.polygon(ring([(1, 1), (2, 2), (2, 1), (1, 2)]))
        let r = try CheckFixture.check(stands)
        // The repaired bow-tie (two triangles) leaves two triangles of the cell uncovered and half the stored area.
        XCTAssertEqual(found(r), ["area_mismatch 6", "gap ", "gap ", "invalid_geometry 6"])
        let p = try problem(r, .invalidGeometry)
        XCTAssertEqual(p.keys, [CheckFixture.key(stands[5])])
        XCTAssertTrue(p.detail.contains("Self-intersection at (380150.000, 2920150.000)"), p.detail)
        XCTAssertEqual(p.point, Point(380_150, 2_920_150))
        XCTAssertEqual(p.townshipCode, "520111101")
    }

    func testMissingAndDegenerateGeometry() throws {
        var stands = CheckFixture.grid()
        stands[0].geometry = nil
        var line = Stand(xiang: "101", xiaoBan: "0017")
        line.geometry = CheckFixture.polygon(ring([(0, 0), (0.5, 0), (1, 0)]))
        stands.append(line)
        let r = try CheckFixture.check(stands)
        // Cell (0, 0) is left uncovered at the district's edge: a gap of the district.
        // Every part of feature 17 is degenerate (three collinear points): it has no geometry, as feature 1.
        XCTAssertEqual(found(r), ["gap ", "invalid_geometry 1", "invalid_geometry 17"])
        XCTAssertTrue(r.problems.first { $0.featureIDs == [17] }!.detail.hasSuffix("no geometry"))
        XCTAssertTrue(r.problems.first { $0.featureIDs == [1] }!.detail.hasSuffix("no geometry"))
    }

    func testMultipart() throws {
        var stands = CheckFixture.grid()
        // Cells (0, 0) and (1, 1) as one feature (they touch at a corner only), cell (1, 1)'s own stand removed.
        stands[0].geometry = WKB(polygons: [PolygonRings(rings: [CheckFixture.rectangle(0, 0, 1, 1, densify: false)]),
                                            PolygonRings(rings: [CheckFixture.rectangle(1, 1, 1, 1, densify: false)])])
        stands[0].mianJi = 2
        stands.remove(at: 5)
        XCTAssertEqual(found(try CheckFixture.check(stands)), ["multipart 1"])
    }

    func testNearZeroArea() throws {
        var stands = CheckFixture.grid()
        var tiny = Stand(xiang: "101", xiaoBan: "0017")
        tiny.geometry = CheckFixture.polygon(ring([(5, 0), (5.005, 0), (5.005, 0.01), (5, 0.01)]))   // 0.5 m × 1 m
        tiny.mianJi = 0
        stands.append(tiny)
        let r = try CheckFixture.check(stands, townships: nil)
        XCTAssertEqual(found(r), ["zero_area 17"])
    }

    func testOverlapIsTheOverlapPolygonWithBothFeatures() throws {
        var stands = CheckFixture.grid()
        var small = Stand(xiang: "101", xiaoBan: "0017")
        small.geometry = CheckFixture.polygon(ring([(1.4, 1.4), (1.6, 1.4), (1.6, 1.6), (1.4, 1.6)]))   // 20 m × 20 m
        small.mianJi = 0.04
        stands.append(small)
        let r = try CheckFixture.check(stands)
        XCTAssertEqual(found(r), ["overlap 6;17", "sliver 17"])
        let p = try problem(r, .overlap)
        XCTAssertEqual(p.keys, [CheckFixture.key(stands[5]), CheckFixture.key(small)])
        XCTAssertEqual(try XCTUnwrap(p.squareMetres), 400, accuracy: 0.5)
        XCTAssertEqual(PlanarArea.of(try XCTUnwrap(p.geometry).polygons()), 400, accuracy: 1e-6)
        XCTAssertEqual(p.severity, .error)

        // The same polygon twice under two keys.
        stands.removeLast()
        var copy = stands[5]
        copy.xiaoBan = "0017"
        stands.append(copy)
        let same = try CheckFixture.check(stands)
        XCTAssertEqual(found(same), ["overlap 6;17"])
        XCTAssertTrue(try problem(same, .overlap).detail.contains("the two polygons are the same"))
    }

    func testGapInsideTheDistrict() throws {
        var stands = CheckFixture.grid()
        stands.remove(at: 5)   // cell (1, 1)
        for townships in [CheckFixture.townships(), nil] {
            let r = try CheckFixture.check(stands, townships: townships)
            XCTAssertEqual(found(r), ["gap "])
            let p = try problem(r, .gap)
            XCTAssertEqual(try XCTUnwrap(p.squareMetres), 10_000, accuracy: 10)   // ellipsoidal: within 0.1% of planar
            XCTAssertEqual(p.townshipCode, "520111101")
            XCTAssertEqual(PlanarArea.of(try XCTUnwrap(p.geometry).polygons()), 10_000, accuracy: 1e-6)
            XCTAssertTrue(p.detail.contains(CheckFixture.key(stands[0])), p.detail)
        }
    }

    func testSliverAndThinShape() throws {
        var stands = CheckFixture.grid()
        // Cell (0, 0) cut into a 100 m × 95 m stand and a 100 m × 5 m strip.
        stands[0].geometry = CheckFixture.polygon(ring([(0, 0), (1, 0), (1, 0.95), (0, 0.95)]))
        stands[0].mianJi = 0.95
        var strip = Stand(xiang: "101", xiaoBan: "0017")
        strip.geometry = CheckFixture.polygon(ring([(0, 0.95), (1, 0.95), (1, 1), (0, 1)]))
        strip.mianJi = 0.05
        stands.append(strip)
        let r = try CheckFixture.check(stands)
        XCTAssertEqual(found(r), ["sliver 17", "thin_shape 17"])
        XCTAssertTrue(try problem(r, .thinShape).detail.contains("mean width 4.76 m"))
        XCTAssertEqual(try problem(r, .sliver).severity, .warning)
    }

    func testCrossingATownshipBoundary() throws {
        // Township 101 takes 40% of cell (2, 0), whose XIANG (102) is right: it lies mostly in 102.
        let towns = [("520111101", CheckFixture.polygon(ring([(0, 0), (2.4, 0), (2.4, 1), (2, 1), (2, 4), (0, 4)]))),
                     ("520111102", CheckFixture.polygon(ring([(2.4, 0), (4, 0), (4, 4), (2, 4), (2, 1), (2.4, 1)])))]
        let r = try CheckFixture.check(CheckFixture.grid(), townships: towns)
        XCTAssertEqual(found(r), ["crosses_township 3"])
        let p = try problem(r, .crossesTownship)
        XCTAssertTrue(p.detail.contains("40.0% (0.3999 ha) outside 520111102 乡镇102: 0.3999 ha in 520111101 乡镇101"), p.detail)
        XCTAssertEqual(try XCTUnwrap(p.squareMetres), 4_000, accuracy: 5)
        XCTAssertEqual(p.townshipCode, "520111102")
    }

    func testAFewMetresOfBoundaryMismatchIsAWarning() throws {
        // The township boundary 3 m inside column 2: each of its cells has 300 m² in township 101.
        let shifted = [("520111101", CheckFixture.polygon(ring([(0, 0), (2.03, 0), (2.03, 4), (0, 4)]))),
                       ("520111102", CheckFixture.polygon(ring([(2.03, 0), (4, 0), (4, 4), (2.03, 4)])))]
        let r = try CheckFixture.check(CheckFixture.grid(), townships: shifted)
        // One stretch of boundary: the four cells' pieces touch end to end.
        XCTAssertEqual(found(r), ["boundary_mismatch 3;7;11;15"])
        XCTAssertEqual(r.errorCount, 0)
        XCTAssertEqual(try XCTUnwrap(r.problems[0].squareMetres), 1_200, accuracy: 4)
        XCTAssertEqual(r.problems[0].townshipCode, "520111102")
        XCTAssertTrue(r.problems[0].detail.contains("4 sub-compartments along the boundary between 520111102 乡镇102 and 520111101 乡镇101"), r.problems[0].detail)
        XCTAssertTrue(r.problems[0].detail.contains("largest offset 3.00 m"), r.problems[0].detail)

        // The district 3 m wider than the sub-compartments on its west side: an uncovered band, not a gap.
        let wider = [("520111101", CheckFixture.polygon(ring([(-0.03, 0), (2, 0), (2, 4), (-0.03, 4)]))),
                     CheckFixture.townships()[1]]
        let band = try CheckFixture.check(CheckFixture.grid(), townships: wider)
        XCTAssertEqual(found(band), ["boundary_mismatch "])
        XCTAssertEqual(try XCTUnwrap(band.problems[0].squareMetres), 1_200, accuracy: 2)
        XCTAssertTrue(band.problems[0].detail.contains(" covered by no sub-compartment along the edge of the district in 520111101 乡镇101, largest offset 3.00 m: the township"), band.problems[0].detail)

        // 20 m wider: a gap.
        let much = [("520111101", CheckFixture.polygon(ring([(-0.2, 0), (2, 0), (2, 4), (-0.2, 4)]))), CheckFixture.townships()[1]]
        XCTAssertEqual(found(try CheckFixture.check(CheckFixture.grid(), townships: much)), ["gap "])
    }

    func testXiangDisagreeingWithTheTownship() throws {
        var stands = CheckFixture.grid()
        stands[0].xiang = "102"
        let r = try CheckFixture.check(stands)
        XCTAssertEqual(found(r), ["township_mismatch 1"])
        let detail = try problem(r, .townshipMismatch).detail
        XCTAssertTrue(detail.contains("XIANG 102 is 520111102 乡镇102 but the polygon lies in 520111101 乡镇101"), detail)
    }

    func testDuplicateKeys() throws {
        var stands = CheckFixture.grid()
        stands[1].xiaoBan = "0001"
        let r = try CheckFixture.check(stands)
        XCTAssertEqual(found(r), ["duplicate_key 1", "duplicate_key 2"])
        XCTAssertTrue(r.problems[0].detail.hasSuffix("the key is also on feature 2"), r.problems[0].detail)
    }

    func testUnknownCodes() throws {
        var stands = CheckFixture.grid()
        stands[0].diLei = "9999"
        stands[1].qiYuan = "31"
        let r = try CheckFixture.check(stands)
        XCTAssertEqual(found(r), ["unknown_code 1", "unknown_code 2"])
        XCTAssertTrue(r.problems[0].detail.contains("DI_LEI 9999 is not in the old4 land-class code table"), r.problems[0].detail)
        XCTAssertTrue(r.problems[1].detail.contains("QI_YUAN 31 is not in its code table"), r.problems[1].detail)
    }

    func testStoredAreaAgainstComputed() throws {
        var stands = CheckFixture.grid()
        stands[0].mianJi = 1.2
        stands[1].mianJi = nil
        stands[2].mianJi = 1.005   // within 1%
        let r = try CheckFixture.check(stands)
        XCTAssertEqual(found(r), ["area_mismatch 1", "area_mismatch 2"])
        XCTAssertTrue(r.problems[0].detail.contains("MIAN_JI 1.2000 ha, computed 0.99"), r.problems[0].detail)
        XCTAssertTrue(r.problems[1].detail.contains("MIAN_JI is empty"), r.problems[1].detail)
    }

    func testLogicChecks() throws {
        var stands = CheckFixture.grid()
        stands[0].diLei = "0161"   // harvested, still with origin, canopy and volume
        stands[1].canopy = 1.5
        stands[2].species = nil
        let r = try CheckFixture.check(stands)
        XCTAssertEqual(found(r), ["arbor_without_species 3", "canopy_out_of_range 2", "harvested_with_stand 1"])
        XCTAssertTrue(r.problems.first { $0.check == .harvestedWithStand }!.detail.contains("QI_YUAN 21, YU_BI_DU 0.6, HUO_LMGQXJ 80"))
        XCTAssertEqual(r.errorCount, 1)
    }

    func testTheResultDoesNotDependOnTheNumberOfThreads() throws {
        var stands = CheckFixture.grid()
        stands.remove(at: 5)
        stands[0].mianJi = 2
        stands[3].xiaoBan = stands[2].xiaoBan
        let one = try CheckFixture.check(stands, threads: 1)
        XCTAssertFalse(one.problems.isEmpty)
        for threads in [2, 3] {
            XCTAssertEqual(try CheckFixture.check(stands, threads: threads).problems, one.problems)
        }
    }
}

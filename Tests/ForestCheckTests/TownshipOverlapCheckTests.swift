import Foundation
import Geo
import XCTest
@testable import ForestAssessment
@testable import ForestCheck
@testable import ForestMapCore
@testable import ForestStats
@testable import ForestSynth
@testable import ForestTestSupport

/// `township_overlap`: two townships' polygons overlapping by more than the boundary tolerance are an error of the
/// township layer, one problem per pair, at the overlap; a few metres of overlap are not.
final class TownshipOverlapCheckTests: XCTestCase {
    /// Township 101 over columns 0–1 grown east by `grow` grid units (100 m); 102 over columns 2–3 as it is.
    private func townships(grow: Double) -> [(code: String, geometry: WKB)] {
        [("520111101", CheckFixture.polygon(CheckFixture.rectangle(0, 0, 2 + grow, 4))), CheckFixture.townships()[1]]
    }

    func testTwoTownshipsOverlappingBy200MetresAreAnError() throws {
        let r = try CheckFixture.check(CheckFixture.grid(), townships: townships(grow: 2))
        let overlaps = r.problems.filter { $0.check == .townshipOverlap }
        XCTAssertEqual(overlaps.count, 1, "\(overlaps)")
        let p = try XCTUnwrap(overlaps.first)
        XCTAssertEqual(p.severity, .error)
        XCTAssertEqual(QualityCheck.townshipOverlap.chineseName, "乡镇界线重叠")
        XCTAssertEqual(p.featureIDs, [], "the features are the township layer's, named in the detail")
        XCTAssertEqual(p.townshipCode, "520111101")
        // 200 m × 400 m, ellipsoidal (Gauss-Krüger overstates by well under 0.1% here).
        XCTAssertEqual(try XCTUnwrap(p.squareMetres), 80_000, accuracy: 80)
        for part in ["520111101 乡镇101 (feature 1)", "520111102 乡镇102 (feature 2)", "townships", "overlap by", "ha)", "wider than 5.0 m"] {
            XCTAssertTrue(p.detail.contains(part), "'\(part)' not in: \(p.detail)")
        }
        let polygons = try XCTUnwrap(p.geometry).polygons()
        XCTAssertEqual(PlanarArea.of(polygons), 80_000, accuracy: 1e-6, "the overlap polygon")
        XCTAssertGreaterThan(r.errorCount, 0)
    }

    func testTwoMetresOfOverlapAreNoTownshipOverlap() throws {
        let r = try CheckFixture.check(CheckFixture.grid(), townships: townships(grow: 0.02))
        XCTAssertEqual(r.count(.townshipOverlap), 0, "\(r.problems.map(\.detail))")
        XCTAssertNil(r.notRun[.townshipOverlap])
    }

    func testWithoutTownshipsTheCheckDoesNotRun() throws {
        let r = try CheckFixture.check(CheckFixture.grid(), townships: nil)
        XCTAssertEqual(r.notRun[.townshipOverlap], "no township layer (give --townships or [inputs] townships)")
    }
}

import Foundation
import Geo
import XCTest
@testable import ForestAssessment
@testable import ForestChange
@testable import ForestCheck
@testable import ForestMapCore

/// Permit validity in a period, the approved use, and the approved area shared among the patches inside a permit.
final class PermitCheckTests: XCTestCase {
    private func permit(_ number: String = "P1", family: PermitFamily = .landUse, temporary: Bool = false, from: String?, to: String?,
                        approved: Double? = nil, use: String = "") -> Permit {
        Permit(number: number, family: family, isTemporary: temporary, validFrom: from, validTo: to, approvedSquareMetres: approved,
               use: use, useClass: nil, polygons: [])
    }

    func testValidityOverlapsThePeriod() {
        let year = ChangePeriod(year: 2021)
        XCTAssertTrue(permit(from: "2020-03-01", to: "2023-01-01").isValid(in: year))
        XCTAssertTrue(permit(from: "2021-06-01", to: "2021-06-30").isValid(in: year), "in force for part of the period")
        XCTAssertFalse(permit(from: "2018-01-01", to: "2020-06-30").isValid(in: year), "expired before the period")
        XCTAssertFalse(permit(from: "2022-01-01", to: "2024-01-01").isValid(in: year), "not yet in force")
        XCTAssertTrue(permit(from: nil, to: nil).isValid(in: year), "no dates: not judged on them")
        XCTAssertTrue(permit(from: "2018-01-01", to: "2019-01-01").isValid(in: nil), "no period: not judged on it")
    }

    /// Temporary use must be restored when it expires: one that ended within the period no longer covers it.
    func testTemporaryUseMustStillBeInForceAtTheEnd() {
        let year = ChangePeriod(year: 2021)
        XCTAssertFalse(permit(temporary: true, from: "2020-03-01", to: "2021-05-31").isValid(in: year))
        XCTAssertTrue(permit(temporary: true, from: "2020-03-01", to: "2022-05-31").isValid(in: year))
    }

    func testPeriodsAndDatesAsWritten() throws {
        XCTAssertEqual(try ChangePeriod(parsing: "2021-01-01/2021-06-30", what: "--period"), ChangePeriod(start: "2021-01-01", end: "2021-06-30"))
        XCTAssertThrowsError(try ChangePeriod(parsing: "2021-12-31/2021-01-01", what: "--period"))
        XCTAssertThrowsError(try ChangePeriod(parsing: "2021", what: "--period"))
        XCTAssertEqual(ChangePeriod.isoDate("2021/3/5"), "2021-03-05")
        XCTAssertEqual(ChangePeriod.isoDate("20210305"), "2021-03-05")
        XCTAssertEqual(ChangePeriod.isoDate("2021-03-05T00:00:00"), "2021-03-05")
        XCTAssertEqual(ChangePeriod.isoDate(" 2021.12.31 "), "2021-12-31")
        XCTAssertNil(ChangePeriod.isoDate("2021-13-01"))
        XCTAssertNil(ChangePeriod.isoDate("next spring"))
        let year = ChangePeriod(year: 2021)
        XCTAssertTrue(year.contains(date: "2021/3/5"))
        XCTAssertFalse(year.contains(date: "2020-12-31"))
        XCTAssertTrue(year.contains(date: nil), "no date: not judged")
    }

    func testApprovedUseByCodePrefix() {
        XCTAssertTrue(PermitCheck.sameUse(permit(from: nil, to: nil, use: "0702"), toCode: "0702", toClass: nil))
        XCTAssertTrue(PermitCheck.sameUse(permit(from: nil, to: nil, use: "07"), toCode: "0702", toClass: nil), "07 approves all housing")
        XCTAssertFalse(PermitCheck.sameUse(permit(from: nil, to: nil, use: "1003"), toCode: "0702", toClass: nil), "a highway approved, houses built")
        XCTAssertTrue(PermitCheck.sameUse(permit(from: nil, to: nil, use: ""), toCode: "0702", toClass: nil), "no stated use: not judged")
    }

    /// Two patches inside one red line approved for 1,000 m² that together changed 1,500 m²: the 500 m² beyond the
    /// approved area is shared by their area inside it (300 and 200); the inspection unit (400 m²) decides partial.
    func testAreaBeyondTheApprovedAreaIsShared() {
        let check = PermitCheck(permits: [permit(from: nil, to: nil, approved: 1_000)], period: nil)
        var a = PermitCheck.Evidence(), b = PermitCheck.Evidence()
        a.validForUse = [.init(permit: 0, squareMetres: 900)]
        a.coveredSquareMetres = 900
        b.validForUse = [.init(permit: 0, squareMetres: 600)]
        b.coveredSquareMetres = 600
        let s = check.statuses([a, b, nil], areas: [900, 1_000, 50], inspectionUnit: 400)
        XCTAssertEqual(s[0].0, .covered)
        XCTAssertEqual(s[0].2, 300, accuracy: 1e-9)
        // 400 m² of the second lies outside the red line, plus 200 m² beyond the approved area.
        XCTAssertEqual(s[1].0, .partial)
        XCTAssertEqual(s[1].2, 600, accuracy: 1e-9)
        XCTAssertNil(s[2].0, "permits do not apply")
    }

    func testValidForUseWinsThenOtherUseThenExpired() {
        let check = PermitCheck(permits: [permit("A", from: nil, to: nil), permit("B", from: nil, to: nil), permit("C", from: nil, to: nil)], period: nil)
        var valid = PermitCheck.Evidence(), other = PermitCheck.Evidence(), expired = PermitCheck.Evidence()
        valid.validForUse = [.init(permit: 0, squareMetres: 500)]
        valid.coveredSquareMetres = 500
        valid.expired = [.init(permit: 2, squareMetres: 500)]
        other.otherUse = [.init(permit: 1, squareMetres: 500)]
        other.expired = [.init(permit: 2, squareMetres: 500)]
        expired.expired = [.init(permit: 2, squareMetres: 500)]
        let s = check.statuses([valid, other, expired, PermitCheck.Evidence()], areas: [500, 500, 500, 500], inspectionUnit: 400)
        XCTAssertEqual(s.map(\.0), [.covered, .wrongUse, .expired, ChangePatch.PermitStatus.none])
        XCTAssertEqual(s.map(\.1), [["A"], ["B"], ["C"], []])
    }
}

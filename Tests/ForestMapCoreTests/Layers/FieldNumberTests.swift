import Foundation
import Geo
import XCTest
@testable import ForestAssessment
@testable import ForestMapCore
@testable import ForestSynth

/// Every number read from a layer goes through `FieldNumber`: what is not a number is missing, never a crash.
final class FieldNumberTests: XCTestCase {
    func testWhatIsANumber() {
        XCTAssertEqual(FieldNumber(.real(12.5)), .value(12.5))
        XCTAssertEqual(FieldNumber(.integer(7)), .value(7))
        XCTAssertEqual(FieldNumber(.string(" 3.25 ")), .value(3.25))
        XCTAssertEqual(FieldNumber(.string("1,234.5")), .separated(1234.5))
        XCTAssertEqual(FieldNumber(.string("-12,345,678")), .separated(-12_345_678))
        XCTAssertEqual(FieldNumber(.null), .empty)
        XCTAssertEqual(FieldNumber(.string("  ")), .empty)
    }

    func testWhatIsNot() {
        for value: FieldValue in [.real(-1.7976931348623157e308), .real(-3.4028234663852886e38), .real(.nan), .real(.infinity),
                                  .real(1e17), .integer(Int64.max), .string("nan"), .string("1e400"), .string("abc"), .string("1,23.4"),
                                  .string("12abc")] {
            let n = FieldNumber(value)
            XCTAssertTrue(n.isBad, "\(value)")
            XCTAssertNil(n.number, "\(value)")
            XCTAssertNotNil(n.why, "\(value)")
        }
        XCTAssertEqual(FieldNumber(.real(-1.7976931348623157e308)).why, "'-1.7976931348623157e+308' is ArcGIS's no-value")
    }

    /// Sums and rounding never trap on figures no layer should give (they used to: SIGILL).
    func testRoundingNeverTraps() {
        XCTAssertEqual(FixedDecimal(.nan, decimals: 4).units, 0)
        XCTAssertEqual(FixedDecimal(1e300, decimals: 4).units, .max)
        XCTAssertEqual(FixedDecimal(-.infinity, decimals: 2).units, .min)
        XCTAssertEqual(LargestRemainder.round([1.25, 2.5, .nan], decimals: 1).count, 3)
        XCTAssertEqual(LargestRemainder.round([1e300, -1e300], decimals: 4).count, 2)
        XCTAssertEqual(LargestRemainder.round([0.333, 0.333, 0.334], decimals: 2), [0.33, 0.33, 0.34])
    }
}

import XCTest
@testable import ForestMap

final class TownshipCodeTests: XCTestCase {
    func testThreeDigitsArePrefixedWithTheCounty() {
        XCTAssertEqual(TownshipCode.full(xiang: "101", xian: "520111"), "520111101")
        XCTAssertEqual(TownshipCode.full(xiang: "4", xian: "520111"), "520111004")
        XCTAssertEqual(TownshipCode.full(xiang: "101.0", xian: "520111"), "520111101")
        XCTAssertEqual(TownshipCode.full(xiang: "520111207", xian: "520111"), "520111207")
        XCTAssertEqual(TownshipCode.full(xiang: "520111207000", xian: nil), "520111207")
        XCTAssertNil(TownshipCode.full(xiang: " ", xian: "520111"))
    }

    func testHuaxiHasNineteenTownships() {
        XCTAssertEqual(Township.huaxi.count, 19)
        XCTAssertEqual(Set(Township.huaxi.map(\.code)).count, 19)
        XCTAssertTrue(Township.huaxi.allSatisfy { $0.code.count == 9 && $0.code.hasPrefix("520111") })
        XCTAssertTrue(Township.huaxiGuiAnCodes.isSubset(of: Set(Township.huaxi.map(\.code))))
    }
}

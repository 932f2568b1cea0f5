import Foundation
import Geo
import XCTest
@testable import ForestAssessment
@testable import ForestChange
@testable import ForestCheck
@testable import ForestMapCore
@testable import ForestSynth
@testable import ForestTestSupport

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

/// What a township code may look like (issue: `52O111OO6` with letter O was taken as a row of its own).
final class TownshipCodeProblemTests: XCTestCase {
    func testCodesAndNotCodes() {
        for good in ["520111101", "520111101000", "101", "4", "04", "101.0", " 520111101 ", ""] {
            XCTAssertNil(TownshipCode.problem(good), good)
        }
        XCTAssertNil(TownshipCode.problem(nil))
        for bad in ["52O111OO6", "5201111", "520111101001", "1O1", "abc", "520111-101", "52011110"] {
            XCTAssertNotNil(TownshipCode.problem(bad), bad)
        }
        XCTAssertTrue(TownshipCode.problem("52O111OO6")!.contains("'52O111OO6' is not a township code"))
    }

    /// The fast path for plain digits answers as the general rule does, on every length and with the spaces,
    /// ".0" and letters that exports bring.
    func testTheFastPathAgreesWithTheRule() {
        func rule(_ raw: String?) -> Bool {
            guard var code = raw?.trimmingCharacters(in: .whitespaces), !code.isEmpty else { return true }
            if code.hasSuffix(".0") { code.removeLast(2) }
            let digits = code.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
            return digits && ((1...3).contains(code.utf8.count) || code.utf8.count == 9 || (code.utf8.count == 12 && code.hasSuffix("000")))
        }
        var samples: [String] = []
        for n in 0...13 {
            let digits = String("520111101000000".prefix(n))
            samples += [digits, " " + digits, digits + " ", digits + ".0", digits + "O", "O" + digits, String(digits.dropLast()) + "1"]
        }
        samples += ["520111101001", "520111101100", "000", "0", "5201111010000", "１０１"]
        for raw in samples {
            XCTAssertEqual(TownshipCode.problem(raw) == nil, rule(raw), "'\(raw)'")
        }
    }

    /// Check reports such a XIANG as bad_township_code; stats refuses the layer naming the value.
    func testCheckReportsAndStatsRefuses() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try Fixtures.gpkg(folder, features: [
            Fixtures.row("101", "0001", "0111", Fixtures.square(380_000, 2_920_000, 100)),
            Fixtures.row("52O111OO6", "0002", "0111", Fixtures.square(380_100, 2_920_000, 100)),
        ])
        var options = LayerLoadOptions()
        options.requireValidGeometry = false
        let layer = try SubCompartmentLayer.load(source, options: options)
        XCTAssertEqual(layer.badTownshipCodes, [BadTownshipCode(index: 1, value: "52O111OO6")])
        let result = try QualityChecker.check(layer, townships: nil, config: ForestMapConfig(), threads: 1)
        let found = result.problems.filter { $0.check == .badTownshipCode }
        XCTAssertEqual(found.map(\.featureIDs), [[2]])
        XCTAssertEqual(found.first?.severity, .error)
        XCTAssertThrowsError(try layer.requireTownshipCodes(field: "XIANG")) { e in
            let message = (e as? ForestMapError)?.message ?? ""
            XCTAssertTrue(message.contains("feature 2") && message.contains("'52O111OO6' is not a township code"), message)
        }
    }
}

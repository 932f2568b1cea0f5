import Foundation
import XCTest
@testable import ForestAssessment
@testable import ForestCheck
@testable import ForestMapCore
@testable import ForestTestSupport

/// The `[check]` settings: defaults, every key read, unknown keys and bad values refused with the key named.
final class CheckSettingsTests: XCTestCase {
    private func parse(_ text: String) throws -> ForestMapConfig {
        try ForestMapConfig.parse(text, file: "c.toml", folder: URL(fileURLWithPath: "/tmp"))
    }

    func testDefaults() throws {
        let s = try parse("").check
        XCTAssertEqual(s.boundaryToleranceMetres, 5)
        XCTAssertNil(s.minimumMapUnitSquareMetres, "the map unit")
        XCTAssertNil(s.crossingSquareMetres, "the map unit")
        XCTAssertEqual(s.zeroAreaSquareMetres, 1)
        XCTAssertEqual(s.minimumProblemSquareMetres, 0.01)
        XCTAssertEqual(s.thinRatio, 0.2)
        XCTAssertEqual(s.thinWidthMetres, 5)
        XCTAssertEqual(s.codeTables["qi_yuan"], ["11", "12", "13", "21", "22", "23", "24"])
        XCTAssertTrue(s.codeTables["lin_zhong"]!.contains("240"))
    }

    func testEveryKey() throws {
        let s = try parse("""
        [check]
        boundary_tolerance_m = 10
        sliver_mu = 0.5
        crossing_min_mu = 2
        zero_area_m2 = 0.5
        min_problem_m2 = 0.1
        thin_ratio = 0.1
        thin_width_m = 3

        [check.codes]
        qi_yuan = ["1", "2"]
        lin_zhong = []
        """).check
        XCTAssertEqual(s.boundaryToleranceMetres, 10)
        XCTAssertEqual(try XCTUnwrap(s.minimumMapUnitSquareMetres), 333.333, accuracy: 0.001)
        XCTAssertEqual(try XCTUnwrap(s.crossingSquareMetres), 1_333.333, accuracy: 0.001)
        XCTAssertEqual(s.zeroAreaSquareMetres, 0.5)
        XCTAssertEqual(s.minimumProblemSquareMetres, 0.1)
        XCTAssertEqual(s.thinRatio, 0.1)
        XCTAssertEqual(s.thinWidthMetres, 3)
        XCTAssertEqual(s.codeTables["qi_yuan"], ["1", "2"])
        XCTAssertEqual(s.codeTables["lin_zhong"], [], "an empty list turns the field's check off")
        XCTAssertEqual(s.codeTables["sen_lin_lb"], CheckSettings.defaultCodeTables["sen_lin_lb"])
    }

    func testBadSettingsNameTheKey() {
        for (text, expected) in [
            ("[check]\ntolerance = 5\n", "unknown setting check.tolerance"),
            ("[check]\nboundary_tolerance_m = -1\n", "check.boundary_tolerance_m must be a number, 0 or more"),
            ("[check]\nthin_ratio = \"x\"\n", "check.thin_ratio must be a number"),
            ("[check.codes]\nyou_shi_sz = [\"1\"]\n", "unknown setting check.codes.you_shi_sz"),
            ("[check.codes]\nqi_yuan = \"11\"\n", "check.codes.qi_yuan must be a list of texts"),
        ] {
            XCTAssertThrowsError(try parse(text), text) { error in
                XCTAssertTrue("\(error)".contains(expected), "\(error)")
            }
        }
    }

    func testAnEmptyCodeListTurnsThatCheckOff() throws {
        var stands = CheckFixture.grid()
        stands[0].qiYuan = "31"
        var config = ForestMapConfig()
        XCTAssertEqual(try CheckFixture.check(stands, config: config).problems.map(\.check), [.unknownCode])
        config.check.codeTables["qi_yuan"] = []
        XCTAssertEqual(try CheckFixture.check(stands, config: config).problems.map(\.check), [])
    }
}

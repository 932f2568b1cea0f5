import XCTest
@testable import ForestAssessment
@testable import ForestChange
@testable import ForestMapCore
@testable import ForestSynth

final class UserLandClassTableTests: XCTestCase {
    func testReadsACorineTableWithBOMAndCRLF() throws {
        let csv = "\u{FEFF}code,class,name\r\n111,construction,Continuous urban fabric\r\n311,arbor,Broad-leaved forest\r\n"
            + "\"324\",other_shrub,\"Transitional woodland, shrub\"\r\n\r\n512,water\r\n"
        let table = try LandClassTable.user(csv: csv, source: "clc.csv")
        XCTAssertEqual(table.system, .user)
        XCTAssertEqual(table.classify("311"), .arbor)
        XCTAssertEqual(table.classify("311.0"), .arbor)
        XCTAssertEqual(table.classify("324"), .otherShrub)
        XCTAssertEqual(table.chineseName(ofCode: "324"), "Transitional woodland, shrub")
        XCTAssertEqual(table.chineseName(ofCode: "512"), "水域")
        XCTAssertEqual(table.allCodes, ["111", "311", "324", "512"])
        XCTAssertEqual(table.code(for: .arbor), "311")
        XCTAssertNil(table.code(for: .bamboo))
    }

    func testTwoColumnHeaderAndQuotes() throws {
        let table = try LandClassTable.user(csv: "CODE, Class\n3110,arbor\n\"a\"\"b\",grass\n", source: "maes.csv")
        XCTAssertEqual(table.classify("3110"), .arbor)
        XCTAssertEqual(table.classify("a\"b"), .grass)
    }

    func testBadClassNamesTheLineAndValue() {
        let csv = "code,class\n311,arbor\n\n312,forest\n"
        XCTAssertThrowsError(try LandClassTable.user(csv: csv, source: "clc.csv")) { error in
            XCTAssertEqual(error as? LandClassTableError, .unknownClass(source: "clc.csv", line: 4, value: "forest"))
            let message = error.localizedDescription
            XCTAssertTrue(message.contains("clc.csv line 4"), message)
            XCTAssertTrue(message.contains("`forest`"), message)
            XCTAssertTrue(message.contains("special_shrub"), message)
        }
    }

    func testOtherErrors() {
        func error(_ csv: String) -> LandClassTableError? {
            do { _ = try LandClassTable.user(csv: csv, source: "t.csv"); return nil } catch { return error as? LandClassTableError }
        }
        XCTAssertEqual(error(""), .empty(source: "t.csv"))
        XCTAssertEqual(error("code,class\n"), .empty(source: "t.csv"))
        XCTAssertEqual(error("id,landclass\n1,arbor"), .badHeader(source: "t.csv", line: 1, header: "id,landclass"))
        XCTAssertEqual(error("code,class\n1,arbor,extra"), .badRow(source: "t.csv", line: 2, row: "1,arbor,extra"))
        XCTAssertEqual(error("code,class\n,arbor"), .badRow(source: "t.csv", line: 2, row: ",arbor"))
        XCTAssertEqual(error("code,class\n111,arbor\n111.0,grass"), .duplicateCode(source: "t.csv", line: 3, code: "111.0"))
    }
}

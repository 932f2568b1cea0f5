import XCTest
@testable import ForestAssessment
@testable import ForestChange
@testable import ForestMapCore
@testable import ForestSynth

final class LandClassTableTests: XCTestCase {
    let old4 = LandClassTable.builtIn(.old4)
    let new6 = LandClassTable.builtIn(.new6)
    let gbt = LandClassTable.builtIn(.gbt21010)

    func testOldToNewEquivalencesNormaliseToTheSameClass() throws {
        let pairs: [(old: String, new: String)] = [
            ("0111", "030100"), ("0113", "030200"), ("0131", "030301"), ("0132", "030302"), ("0120", "030401"),
            ("0141", "030402"), ("0142", "030403"), ("0150", "030404"), ("0161", "030405"), ("0162", "030406"),
        ]
        for pair in pairs {
            let old = try XCTUnwrap(old4.classify(pair.old), pair.old)
            let new = try XCTUnwrap(new6.classify(pair.new), pair.new)
            XCTAssertEqual(old, new, "\(pair.old) ≡ \(pair.new)")
        }
        XCTAssertEqual(old4.classify("0111")?.key, "arbor")
        XCTAssertEqual(gbt.classify("0301")?.key, "arbor")
        XCTAssertEqual(gbt.classify("0302"), old4.classify("0113"))
        XCTAssertEqual(gbt.classify("0303"), old4.classify("0112"))
        XCTAssertEqual(new6.classify("030101"), .arbor)
    }

    func testForestLandAndCoverageFlags() {
        let expected: [(table: LandClassTable, code: String, forestLand: Bool, coverage: Bool)] = [
            (old4, "0111", true, true), (old4, "0112", true, true), (old4, "0113", true, true),
            (old4, "0131", true, true), (old4, "0132", true, false), (old4, "0120", true, false),
            (old4, "0141", true, false), (old4, "0161", true, false), (old4, "1633", true, false),
            (old4, "0171", true, false), (old4, "0180", true, false), (old4, "0210", false, false),
            (old4, "0250", false, false), (new6, "030302", true, false), (new6, "030301", true, true),
            (gbt, "0304", true, true), (gbt, "0305", true, true), (gbt, "0307", true, false),
            (gbt, "0201", false, false), (gbt, "0404", false, false), (gbt, "1108", false, false),
        ]
        for row in expected {
            let landClass = row.table.classify(row.code)
            XCTAssertEqual(landClass?.isForestLand, row.forestLand, "\(row.table.system) \(row.code) forest land")
            XCTAssertEqual(landClass?.countsTowardCoverage, row.coverage, "\(row.table.system) \(row.code) coverage")
        }
    }

    func testAmbiguousCodesFollowTheSettings() {
        XCTAssertEqual(gbt.classify("0305"), .specialShrub)
        XCTAssertEqual(gbt.classify("0306"), .specialShrub)
        XCTAssertEqual(gbt.classify("0307"), .harvested)
        let other = LandClassTable.builtIn(.gbt21010, settings: .init(shrub0305: .otherShrub, otherForest0307: .burned))
        XCTAssertEqual(other.classify("0305"), .otherShrub)
        XCTAssertEqual(other.classify("0306"), .otherShrub)
        XCTAssertEqual(other.classify("0305")?.countsTowardCoverage, false)
        XCTAssertEqual(other.classify("0307"), .burned)
        XCTAssertEqual(new6.classify("030303"), .specialShrub)
        let new6Other = LandClassTable.builtIn(.new6, settings: .init(shrub0305: .otherShrub, shrubFromOrchard030303: .otherShrub))
        XCTAssertEqual(new6Other.classify("030303"), .otherShrub)
        XCTAssertEqual(new6Other.classify("0306"), .otherShrub)
    }

    func testAssumptionNoteStatesTheSettings() {
        let note = AmbiguousCodeSettings().assumptionNote
        XCTAssertTrue(note.contains("0305 灌木林地"))
        XCTAssertTrue(note.contains("特殊灌木林地"))
        XCTAssertTrue(note.contains("采伐迹地"))
        XCTAssertTrue(note.contains("0305 shrub land and 0306 shrub swamp are taken as special-regulation shrub (counts toward"))
        let other = AmbiguousCodeSettings(shrub0305: .otherShrub, otherForest0307: .burned).assumptionNote
        XCTAssertTrue(other.contains("按一般灌木林地统计（不计入森林覆盖率）"))
        XCTAssertTrue(other.contains("0307 other forest land as burned land"))
    }

    func testNonForestAndOtherLandCodes() {
        XCTAssertEqual(old4.classify("0220"), .grass)
        XCTAssertEqual(old4.classify("0240"), .other)
        XCTAssertEqual(old4.classify("1635"), .usedWithoutApproval)
        XCTAssertEqual(old4.classify("1631"), .otherTreeless)
        for code in ["0101", "0102", "0103", "1202", "1203"] { XCTAssertEqual(gbt.classify(code), .farmland, code) }
        for code in ["0501", "0601", "0702", "0810", "08H1", "08H2", "09", "1001", "1009", "1201"] {
            XCTAssertEqual(gbt.classify(code), .construction, code)
            XCTAssertEqual(new6.classify(code), .construction, code)
        }
        for code in ["1101", "1104", "1108", "1110"] { XCTAssertEqual(gbt.classify(code), .water, code) }
        for code in ["1204", "1205", "1206", "1207"] { XCTAssertEqual(gbt.classify(code), .other, code) }
        XCTAssertEqual(gbt.chineseName(ofCode: "1104"), "坑塘水面")
        XCTAssertEqual(gbt.chineseName(ofCode: "101"), "水田")
        XCTAssertEqual(old4.chineseName(ofCode: "131"), "国家特别规定灌木林地")
        XCTAssertNil(gbt.chineseName(ofCode: "0111"))
    }

    func testNew6HasNoCodeForLandItDoesNotSplit() {
        // 0301, 0302, 0305 and 0307 are replaced by 6-digit codes; 0303, 0304, 0306 are kept.
        for code in ["0301", "0302", "0305", "0307"] { XCTAssertNil(new6.classify(code), code) }
        XCTAssertEqual(new6.classify("0303"), .mangrove)
        XCTAssertEqual(new6.classify("0304"), .forestSwamp)
    }

    func testNormalisedCodes() {
        XCTAssertEqual(LandClassTable.normalizedCode(" 111 "), "0111")
        XCTAssertEqual(LandClassTable.normalizedCode("111.0"), "0111")
        XCTAssertEqual(LandClassTable.normalizedCode("30100"), "030100")
        XCTAssertEqual(LandClassTable.normalizedCode("30100.0"), "030100")
        XCTAssertEqual(LandClassTable.normalizedCode("1633"), "1633")
        XCTAssertEqual(LandClassTable.normalizedCode("08h1"), "08H1")
        XCTAssertEqual(LandClassTable.normalizedCode("08H2A"), "08H2A")
        XCTAssertEqual(LandClassTable.normalizedCode("1.5"), "1.5")
        XCTAssertEqual(old4.classify("111.0"), .arbor)
        XCTAssertEqual(new6.classify("30302"), .otherShrub)
        XCTAssertNil(old4.classify("9999"))
        XCTAssertNil(old4.classify(""))
    }

    func testCodeForClassRoundTrips() {
        for table in [old4, new6, gbt] {
            for code in table.allCodes {
                let landClass = table.classify(code)!
                let back = table.code(for: landClass)!
                XCTAssertEqual(table.classify(back), landClass, "\(table.system) \(code) → \(back)")
            }
        }
        XCTAssertEqual(new6.code(for: old4.classify("0111")!), "030100")
        XCTAssertEqual(new6.code(for: old4.classify("0162")!), "030406")
        XCTAssertEqual(old4.code(for: new6.classify("030302")!), "0132")
        XCTAssertEqual(gbt.code(for: old4.classify("0113")!), "0302")
        XCTAssertEqual(gbt.code(for: .otherShrub), "0305")
        XCTAssertEqual(gbt.code(for: .sparse), "0307")
        XCTAssertNil(new6.code(for: .suitableForForest))
        XCTAssertNil(gbt.code(for: .auxiliary))
    }

    func testAllCodesAreSortedAndUnique() {
        for table in [old4, new6, gbt] {
            XCTAssertEqual(table.allCodes, table.allCodes.sorted())
            XCTAssertEqual(Set(table.allCodes).count, table.allCodes.count, "\(table.system)")
        }
        XCTAssertTrue(old4.allCodes.contains("0180"))
        XCTAssertTrue(new6.allCodes.contains("030406"))
        XCTAssertTrue(new6.allCodes.contains("1207"))
        XCTAssertFalse(new6.allCodes.contains("0305"))
    }

    func testLandClassCatalogue() {
        XCTAssertEqual(Set(LandClass.all.map(\.key)).count, LandClass.all.count)
        XCTAssertEqual(LandClass(key: "unestablished_enclosed"), .unestablishedEnclosed)
        XCTAssertNil(LandClass(key: "forest"))
        XCTAssertEqual(Set(LandClass.all.map(\.group)), Set(LandClassGroup.allCases))
        XCTAssertEqual(LandClass.all.filter(\.countsTowardCoverage).map(\.key),
                       ["arbor", "mangrove", "forest_swamp", "bamboo", "special_shrub"])
    }
}

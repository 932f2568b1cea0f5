import XCTest
@testable import ForestMapCore

final class ClassComparisonTests: XCTestCase {
    let old4 = LandClassTable.builtIn(.old4)
    let new6 = LandClassTable.builtIn(.new6)
    let gbt = LandClassTable.builtIn(.gbt21010)

    private func compareCodes(_ from: String, _ fromTable: LandClassTable, _ to: String, _ toTable: LandClassTable) -> ClassComparison {
        compare(from: fromTable.classify(from)!, in: fromTable.system, to: toTable.classify(to)!, in: toTable.system)
    }

    func testDroppedForestLandClassesAreReclassification() {
        XCTAssertEqual(compareCodes("0171", old4, "0404", new6), .reclassification)
        XCTAssertEqual(compareCodes("0180", old4, "1006", gbt), .reclassification)
        XCTAssertEqual(compareCodes("1633", old4, "0103", new6), .reclassification)
        XCTAssertEqual(compareCodes("1635", old4, "0602", gbt), .reclassification)
    }

    /// Old 0210 farmland holds orchards; the land-survey codes split them out.
    func testFarmlandToOrchardAcrossTheSwitchIsReclassification() {
        XCTAssertEqual(compareCodes("0210", old4, "0201", new6), .reclassification)
        XCTAssertEqual(compareCodes("0210", old4, "0202", gbt), .reclassification)
        XCTAssertEqual(compareCodes("0101", new6, "0201", new6), .change)
        XCTAssertEqual(compareCodes("0111", old4, "0201", new6), .change)
    }

    func testRealChangesStayChanges() {
        XCTAssertEqual(compareCodes("0111", old4, "0250", old4), .change)
        XCTAssertEqual(compareCodes("0111", old4, "0702", new6), .change)
        XCTAssertEqual(compareCodes("0171", old4, "0250", old4), .change)
        XCTAssertEqual(compareCodes("0171", old4, "030100", new6), .change)
        XCTAssertEqual(compareCodes("0404", new6, "0171", old4), .change)
        XCTAssertEqual(compareCodes("030100", new6, "030405", new6), .change)
        XCTAssertEqual(compareCodes("0301", gbt, "0307", gbt), .change)
        XCTAssertEqual(compareCodes("0111", old4, "0307", gbt), .change)
    }

    func testSameClassIsNoChange() {
        XCTAssertEqual(compareCodes("0111", old4, "030100", new6), .same)
        XCTAssertEqual(compareCodes("0111", old4, "0301", gbt), .same)
        XCTAssertEqual(compareCodes("0101", gbt, "0103", gbt), .same)
        XCTAssertEqual(compareCodes("0131", old4, "0305", gbt), .same)
    }

    func testCodesGBTLumpsTogether() {
        XCTAssertEqual(compareCodes("0120", old4, "0307", gbt), .reclassification)
        XCTAssertEqual(compareCodes("030402", new6, "0307", gbt), .reclassification)
        XCTAssertEqual(compareCodes("0307", gbt, "030404", new6), .reclassification)
        XCTAssertEqual(compareCodes("0132", old4, "0305", gbt), .reclassification)
        XCTAssertEqual(compareCodes("0305", gbt, "030302", new6), .reclassification)
    }
}

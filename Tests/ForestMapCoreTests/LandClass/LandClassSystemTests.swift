import XCTest
@testable import ForestMapCore

final class LandClassSystemTests: XCTestCase {
    func testDetectsEachSystem() throws {
        let old = try XCTUnwrap(LandClassSystem.detect(codes: ["0111", "0113", "0131", "0171", "0250", "1633"]))
        XCTAssertEqual(old.system, .old4)
        XCTAssertEqual(old.recognisedShare, 1)
        XCTAssertEqual(old.unrecognised, [])

        let new = try XCTUnwrap(LandClassSystem.detect(codes: ["030100", "030302", "0101", "0702", "1101", "0404"]))
        XCTAssertEqual(new.system, .new6)
        XCTAssertEqual(new.recognisedShare, 1)

        let gbt = try XCTUnwrap(LandClassSystem.detect(codes: ["0301", "0305", "0101", "1006", "1101", "0404"]))
        XCTAssertEqual(gbt.system, .gbt21010)
        XCTAssertEqual(gbt.recognisedShare, 1)

        // Only GB/T codes for other land: new6 needs a 6-digit forest code, so this is gbt21010.
        XCTAssertEqual(LandClassSystem.detect(codes: ["0101", "0702", "1101"])?.system, .gbt21010)
    }

    func testIntegerMangledCodes() {
        XCTAssertEqual(LandClassSystem.detect(codes: ["111", "113", "120.0", "1633", "250"])?.system, .old4)
        XCTAssertEqual(LandClassSystem.detect(codes: ["30100", "30302.0", "101", "1101"])?.system, .new6)
        XCTAssertEqual(LandClassSystem.detect(codes: ["301", "305.0", "101", "1101"])?.system, .gbt21010)
        XCTAssertEqual(LandClassSystem.detect(codes: ["111.0"])?.system, .old4)
    }

    func testMixedInputs() throws {
        let mostlyOld = try XCTUnwrap(LandClassSystem.detect(codes: ["0111", "0113", "0132", "0305", "X1", "0111"]))
        XCTAssertEqual(mostlyOld.system, .old4)
        XCTAssertEqual(mostlyOld.recognisedShare, 0.6, accuracy: 1e-9)
        XCTAssertEqual(mostlyOld.unrecognised, ["0305", "X1"])

        // new6 forest codes plus GB/T 4-digit forest codes, half and half: a tie.
        XCTAssertNil(LandClassSystem.detect(codes: ["030100", "030302", "0301", "0305"]))
        // Old and new forest codes half and half: a tie.
        XCTAssertNil(LandClassSystem.detect(codes: ["0111", "0132", "030100", "030302"]))
        // Mostly unknown codes (CORINE): below half.
        XCTAssertNil(LandClassSystem.detect(codes: ["111", "112", "211", "311", "312", "512"]))
        XCTAssertNil(LandClassSystem.detect(codes: [String]()))
        XCTAssertNil(LandClassSystem.detect(codes: ["", " "]))
    }

    func testUnrecognisedListIsSortedAndCapped() throws {
        let unknown = (1...25).map { "Z\(String(format: "%02d", $0))" }
        let codes = unknown + (["0111", "0113", "0120", "0131", "0132", "0141", "0142", "0150", "0161", "0162",
                                "0171", "0172", "0173", "0180", "0210", "0220", "0230", "0240", "0250", "1631",
                                "1632", "1633", "1634", "1635", "0112", "0163"])
        let detection = try XCTUnwrap(LandClassSystem.detect(codes: codes + ["0111"]))
        XCTAssertEqual(detection.system, .old4)
        XCTAssertEqual(detection.unrecognised, Array(unknown.prefix(20)))
    }
}

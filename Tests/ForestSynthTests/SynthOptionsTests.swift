import Foundation
import XCTest
@testable import ForestAssessment
@testable import ForestChange
@testable import ForestMapCore
@testable import ForestSynth
@testable import ForestTestSupport

final class SynthOptionsTests: XCTestCase {
    private func expectInputError(_ options: SynthOptions, into directory: URL, _ fragment: String,
                                  file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try DistrictSynthesizer.write(options, into: directory), file: file, line: line) { error in
            guard let error = error as? ForestMapError else { return XCTFail("\(error)", file: file, line: line) }
            XCTAssertEqual(error.status, .badInput, file: file, line: line)
            XCTAssertTrue(error.message.contains(fragment), error.message, file: file, line: line)
        }
    }

    func testDefaults() {
        let options = SynthOptions(subcompartments: 1_000, seed: 1)
        XCTAssertEqual(options.previousYear, 2020)
        XCTAssertEqual(options.currentYear, 2021)
        XCTAssertEqual(options.previousSystem, .old4)
        XCTAssertEqual(options.currentSystem, .new6)
        XCTAssertFalse(options.defects)
    }

    func testRejectsBadOptionsAndDirectories() throws {
        let directory = try SynthFixture.temporaryDirectory("options")
        defer { try? FileManager.default.removeItem(at: directory) }
        expectInputError(SynthOptions(subcompartments: 999, seed: 1), into: directory, "999")
        expectInputError(SynthOptions(subcompartments: 2_000_001, seed: 1), into: directory, "2000001")
        expectInputError(SynthOptions(subcompartments: 1_000, seed: 1, previousYear: 2021, currentYear: 2021), into: directory, "years")
        expectInputError(SynthOptions(subcompartments: 1_000, seed: 1, currentSystem: .user), into: directory, "user")
        expectInputError(SynthOptions(subcompartments: 1_000, seed: 1), into: directory.appendingPathComponent("missing"), "not an existing directory")
        try Data("x".utf8).write(to: directory.appendingPathComponent("stray.txt"))
        expectInputError(SynthOptions(subcompartments: 1_000, seed: 1), into: directory, "not empty")
    }
}

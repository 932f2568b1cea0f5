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
        var rate = SynthOptions(subcompartments: 1_000, seed: 1)
        rate.changeRate = 1.5
        expectInputError(rate, into: directory, "--change-rate 1.5")
        expectInputError(SynthOptions(subcompartments: 1_000, seed: 1), into: directory.appendingPathComponent("missing"), "not an existing directory")
        try Data("x".utf8).write(to: directory.appendingPathComponent("stray.txt"))
        expectInputError(SynthOptions(subcompartments: 1_000, seed: 1), into: directory, "not empty")
    }

    /// `--change-rate`: the planted events change about that share of the stands (counted from the truth: the
    /// stands an event other than a re-digitised boundary or a code-system reclassification starts from), every kind
    /// still planted.
    func testChangeRateScalesTheEvents() throws {
        func eventShare(_ rate: Double?) throws -> (share: Double, kinds: Int) {
            let directory = try SynthFixture.temporaryDirectory("rate")
            defer { try? FileManager.default.removeItem(at: directory) }
            var options = SynthOptions(subcompartments: 10_000, seed: 3)
            options.changeRate = rate
            _ = try DistrictSynthesizer.write(options, into: directory)
            let lines = try String(contentsOf: directory.appendingPathComponent("truth.csv"), encoding: .utf8)
                .split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            let header = lines[0].map { $0.replacingOccurrences(of: "\u{FEFF}", with: "") }
            let event = try XCTUnwrap(header.firstIndex(of: "event")), from = try XCTUnwrap(header.firstIndex(of: "from_ids"))
            var stands = Set<String>()
            for row in lines.dropFirst() where !["redigitised", "reclassification"].contains(row[event]) {
                stands.formUnion(row[from].split(separator: ";").map(String.init))
            }
            return (Double(stands.count) / 10_000, Set(lines.dropFirst().map { $0[event] }).count)
        }
        let own = try eventShare(nil), low = try eventShare(0.01), high = try eventShare(0.04)
        XCTAssertEqual(low.share, 0.01, accuracy: 0.005, "\(low)")
        XCTAssertEqual(high.share, 0.04, accuracy: 0.01, "\(high)")
        XCTAssertLessThan(low.share, own.share)
        XCTAssertEqual(Set([own.kinds, low.kinds, high.kinds]).count, 1, "every kind of event planted at every rate")
    }
}

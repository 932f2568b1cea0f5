import Foundation
import Geo
import XCTest
@testable import ForestAssessment
@testable import ForestChange
@testable import ForestCheck
@testable import ForestMapCore
@testable import ForestSynth
@testable import ForestTestSupport

/// Other code-system pairs: every code is in its year's table and truth.csv agrees with the layers.
final class SynthCodeSystemTests: XCTestCase {
    private func check(_ previous: LandClassSystem, _ current: LandClassSystem, reclassifications: (Int) -> Bool,
                       file: StaticString = #filePath, line: UInt = #line) throws {
        let f = try SynthFixture.make(SynthOptions(subcompartments: 1_000, seed: 7, previousSystem: previous, currentSystem: current))
        let tables = (LandClassTable.builtIn(previous), LandClassTable.builtIn(current))
        for feature in f.previous.features { XCTAssertNotNil(tables.0.classify(f.previous.text(feature, "DI_LEI") ?? ""), file: file, line: line) }
        for feature in f.current.features { XCTAssertNotNil(tables.1.classify(f.current.text(feature, "DI_LEI") ?? ""), file: file, line: line) }
        let after = f.current.byKey
        for row in f.truthRows {
            let first = try XCTUnwrap((row["to_ids"] ?? "").split(separator: ";").first.map(String.init), file: file, line: line)
            let feature = try XCTUnwrap(after[first], file: file, line: line)
            XCTAssertEqual(f.current.text(feature, "DI_LEI"), row["to_code"], file: file, line: line)
            XCTAssertEqual(tables.0.classify(row["from_code"] ?? "")?.key, row["from_class"], file: file, line: line)
            XCTAssertEqual(tables.1.classify(row["to_code"] ?? "")?.key, row["to_class"], file: file, line: line)
        }
        XCTAssertTrue(reclassifications(f.summary.events["reclassification"] ?? -1), "\(f.summary.events)", file: file, line: line)
        XCTAssertGreaterThan(f.summary.events["harvest_permitted"] ?? 0, 0, file: file, line: line)
    }

    func testOld4ToGBT21010() throws { try check(.old4, .gbt21010) { $0 > 0 } }
    func testOld4BothYears() throws { try check(.old4, .old4) { $0 == 0 } }
    func testNew6BothYears() throws { try check(.new6, .new6) { $0 == 0 } }
}

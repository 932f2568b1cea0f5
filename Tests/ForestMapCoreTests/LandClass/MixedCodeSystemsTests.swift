import Foundation
import Geo
import XCTest
@testable import ForestAssessment
@testable import ForestChange
@testable import ForestCheck
@testable import ForestMapCore
@testable import ForestSynth
@testable import ForestTestSupport

/// Old 4-digit forest codes in a layer of new 6-digit ones: a check error with the counts, a warning everywhere.
final class MixedCodeSystemsTests: XCTestCase {
    func testOldCodesInANewLayerAreFoundAndCounted() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let codes = ["030100", "030100", "030100", "0101", "0202", "030301", "0111", "0111", "0131"]
        let source = try Fixtures.gpkg(folder, features: codes.enumerated().map { n, code in
            Fixtures.row("101", String(format: "%04d", n + 1), code, Fixtures.square(380_000 + Double(n) * 100, 2_920_000, 100))
        })
        var options = LayerLoadOptions()
        options.requireValidGeometry = false
        let layer = try SubCompartmentLayer.load(source, options: options)
        XCTAssertEqual(layer.landClassTable.system, .new6)
        let mixed = try XCTUnwrap(layer.mixedCodeSystems)
        XCTAssertEqual(mixed.other, .old4)
        XCTAssertEqual(mixed.counts, ["0111": 2, "0131": 1])
        XCTAssertTrue(mixed.text.hasPrefix("3 sub-compartments carry old4 codes (0111 ×2, 0131 ×1) in a new6 layer"), mixed.text)
        XCTAssertEqual(layer.codeSystemNotes.count, 1)
        let result = try QualityChecker.check(layer, townships: nil, config: ForestMapConfig(), threads: 1)
        XCTAssertEqual(result.problems.filter { $0.check == .mixedCodeSystem }.map(\.severity), [.error])
        // One system throughout: nothing.
        let clean = try Fixtures.gpkg(folder, name: "clean", features: ["030100", "0101"].enumerated().map { n, code in
            Fixtures.row("101", String(format: "%04d", n + 1), code, Fixtures.square(380_000 + Double(n) * 100, 2_920_000, 100))
        })
        XCTAssertNil(try SubCompartmentLayer.load(clean, options: options).mixedCodeSystems)
    }
}

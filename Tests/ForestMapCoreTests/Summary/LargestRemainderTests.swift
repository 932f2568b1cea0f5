import XCTest
@testable import ForestMapCore
@testable import ForestSynth

final class LargestRemainderTests: XCTestCase {
    func testRowsAddUpToTheRoundedTotal() {
        let values = [1.00004, 2.00004, 3.00004]          // naive rounding: 1.0000+2.0000+3.0000 = 6.0000, total 6.0001
        let rounded = LargestRemainder.round(values, decimals: 4)
        XCTAssertEqual(rounded.reduce(0, +), 6.0001, accuracy: 1e-9)
        XCTAssertEqual(rounded, [1.0001, 2.0000, 3.0000])  // the largest remainder (first, by tie order) gets the unit
    }

    func testManyRandomRowsCloseExactly() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            let values = (0..<19).map { _ in Double.random(in: 0..<5_000, using: &generator) }
            let rounded = LargestRemainder.round(values, decimals: 4)
            let total = (values.reduce(0, +) * 10_000).rounded() / 10_000
            // As written (4 decimals): integer units add up exactly.
            XCTAssertEqual(rounded.map { Int64(($0 * 10_000).rounded()) }.reduce(0, +), Int64((total * 10_000).rounded()))
            for (r, v) in zip(rounded, values) { XCTAssertLessThan(abs(r - v), 0.0001 + 1e-9) }
        }
    }
}

import Foundation
import XCTest
@testable import ForestAssessment
@testable import ForestMapCore

/// `CSVTable.number` writes exactly what C's `%.Nf` writes, on awkward values and on many random ones.
final class CSVNumberTests: XCTestCase {
    func testSameTextAsCFormatting() {
        var values: [Double] = [0, -0.0, 0.5, 1.5, 2.5, 0.125, 0.375, -0.125, 1e-9, -1e-9, 0.004999999, 0.005, 123456.785,
                                366177.745, 2939174.875, 1e14 + 0.3, 1e17, -3.3333333, 99.995, 0.045, 1.0000005]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let magnitude = Double.random(in: -3...7, using: &generator)
            values.append((Bool.random(using: &generator) ? -1 : 1) * pow(10, magnitude))
        }
        for v in values {
            for decimals in [0, 1, 2, 4, 7] {
                XCTAssertEqual(CSVTable.number(v, decimals: decimals), String(format: "%.\(decimals)f", v), "\(v) with \(decimals) decimals")
            }
        }
    }
}

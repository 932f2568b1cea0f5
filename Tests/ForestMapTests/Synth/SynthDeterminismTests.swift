import Foundation
import XCTest
@testable import ForestMap

/// (1) The same options give the same bytes in every file; another seed gives other bytes.
final class SynthDeterminismTests: XCTestCase {
    private func write(_ options: SynthOptions) throws -> (URL, SynthSummary) {
        let directory = try SynthFixture.temporaryDirectory("determinism")
        addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        return (directory, try DistrictSynthesizer.write(options, into: directory))
    }

    func testSameSeedSameBytesOtherSeedOtherBytes() throws {
        let options = SynthOptions(subcompartments: 1_200, seed: 42)
        let (first, summary) = try write(options)
        let (second, again) = try write(options)
        var other = options
        other.seed = 43
        let (third, _) = try write(other)
        XCTAssertEqual(summary, again)
        XCTAssertEqual(summary.files, ["xiaoban_2020.gpkg", "xiaoban_2021.gpkg", "townships.gpkg", "truth.csv"])
        for file in summary.files {
            let a = try Data(contentsOf: first.appendingPathComponent(file))
            let b = try Data(contentsOf: second.appendingPathComponent(file))
            let c = try Data(contentsOf: third.appendingPathComponent(file))
            XCTAssertFalse(a.isEmpty, file)
            XCTAssertEqual(a, b, "\(file) differs between two runs with the same seed")
            XCTAssertNotEqual(a, c, "\(file) is the same for seeds 42 and 43")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: first.path).sorted()
        XCTAssertEqual(files, summary.files.sorted(), "no other files (journals, indexes) are left behind")
    }

    func testGridEdgesAreBitIdenticalFromBothSides() {
        let grid = JitteredGrid(size: 40, cellSize: 700, originX: 360_000, originY: 2_920_000, seed: 9)
        for j in 0..<39 {
            for i in 0..<39 {
                let here = grid.ring(i, j), east = grid.ring(i + 1, j), north = grid.ring(i, j + 1)
                // Right edge of (i, j) walked upwards is the left edge of (i + 1, j) walked downwards.
                XCTAssertEqual(Array(here[3...6]), Array(east[9...12]).reversed())
                // Top edge of (i, j) walked westwards is the bottom edge of (i, j + 1) walked eastwards.
                XCTAssertEqual(Array(here[6...9]), Array(north[0...3]).reversed())
                XCTAssertGreaterThan(SynthWKB.signedArea2(here), 0, "shells are counter-clockwise")
            }
        }
    }

    func testRandomStreamsAreStable() {
        var rng = SplitMix64(seed: 0)
        // Reference values of SplitMix64 from seed 0 (Vigna's splitmix64.c).
        XCTAssertEqual(rng.next(), 0xE220_A839_7B1D_CDAF)
        XCTAssertEqual(rng.next(), 0x6E78_9E6A_A1B9_65F4)
        XCTAssertEqual(SynthHash.bits(1, .shape, 2, 3, 4), SynthHash.bits(1, .shape, 2, 3, 4))
        XCTAssertNotEqual(SynthHash.bits(1, .shape, 2, 3, 4), SynthHash.bits(1, .shape, 2, 4, 3))
    }
}

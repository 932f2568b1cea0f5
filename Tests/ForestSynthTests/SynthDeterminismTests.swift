import Foundation
import XCTest
@testable import ForestChange
@testable import ForestMapCore
@testable import ForestSynth
@testable import PlanarKernel
@testable import ForestTestSupport

/// The same options give the same bytes in every file; another seed gives other bytes.
final class SynthDeterminismTests: XCTestCase {
    private func write(_ options: SynthOptions) throws -> (URL, SynthSummary) {
        let directory = try SynthFixture.temporaryDirectory("determinism")
        addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        return (directory, try DistrictSynthesizer.write(options, into: directory))
    }

    func testSameSeedSameBytesOtherSeedOtherBytes() throws {
        let options = SynthOptions(subcompartments: 1_200, seed: 42, defects: true)
        let (first, summary) = try write(options)
        let (second, again) = try write(options)
        var other = options
        other.seed = 43
        let (third, _) = try write(other)
        XCTAssertEqual(summary, again)
        XCTAssertEqual(summary.files, ["xiaoban_2020.gpkg", "xiaoban_2021.gpkg", "townships.gpkg", "townships_dissolved.gpkg",
                                       "permits.gpkg", "ring_belt.gpkg",
                                       "afforestation_tasks.gpkg", "fires.gpkg", "pests.gpkg", "forest_economy.gpkg", "targets.csv",
                                       "targets.xlsx", "truth.csv", "patches_2021.gpkg", "xiaoban_2020_defects.gpkg", "defects_truth.csv"])
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

    func testDefectsChangeNoOtherFile() throws {
        let (plain, summary) = try write(SynthOptions(subcompartments: 1_000, seed: 5))
        let (withDefects, _) = try write(SynthOptions(subcompartments: 1_000, seed: 5, defects: true))
        for file in summary.files {
            XCTAssertEqual(try Data(contentsOf: plain.appendingPathComponent(file)), try Data(contentsOf: withDefects.appendingPathComponent(file)), file)
        }
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
                XCTAssertGreaterThan(Planar.signedArea2(here), 0, "shells are counter-clockwise")
            }
        }
    }

    /// Re-digitised edges and strip crossings are functions of the edge: both cells hold the same points.
    func testSecondYearEdgesAreBitIdenticalFromBothSides() {
        let grid = JitteredGrid(size: 12, cellSize: 300, originX: 360_000, originY: 2_920_000, seed: 9)
        var state = [UInt8](repeating: 1, count: 144)
        for c in [14, 15, 40, 77] { state[c] = 2 }
        var rings = SynthRings(grid: grid, cellState: state)
        let (p1, p2) = grid.edgePoints(grid.vertexID(5, 6), grid.vertex(5, 6), grid.vertexID(6, 6), grid.vertex(6, 6))
        let crossing = SynthStrip.crossing(grid, base: [p1, p2], 5, 6, width: 6)
        XCTAssertNotNil(crossing)
        rings.insertions[SynthEdge(grid.vertexID(5, 6), grid.vertexID(6, 6))] = crossing?.points
        var redigitised = 0
        for j in 0..<11 {
            for i in 0..<11 {
                let here = rings.ring(i, j), east = rings.ring(i + 1, j), north = rings.ring(i, j + 1)
                let eastEdge = Array(here[here.firstIndex(of: grid.vertex(i + 1, j))!...here.firstIndex(of: grid.vertex(i + 1, j + 1))!])
                let westOfEast = Array(east[east.firstIndex(of: grid.vertex(i + 1, j + 1))!...east.firstIndex(of: grid.vertex(i + 1, j), after: 1)!])
                XCTAssertEqual(eastEdge, westOfEast.reversed())
                let northEdge = Array(here[here.firstIndex(of: grid.vertex(i + 1, j + 1))!...here.firstIndex(of: grid.vertex(i, j + 1))!])
                let southOfNorth = Array(north[0...north.firstIndex(of: grid.vertex(i + 1, j + 1))!])
                XCTAssertEqual(northEdge, southOfNorth.reversed())
                if here.count > 13 { redigitised += 1 }
            }
        }
        XCTAssertGreaterThan(redigitised, 10)
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

private extension Array where Element: Equatable {
    /// The index of `element` at or after position `start`.
    func firstIndex(of element: Element, after start: Int) -> Int? {
        indices.dropFirst(start).first { self[$0] == element }
    }
}

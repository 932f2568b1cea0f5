import Foundation
import Geo
import XCTest
@testable import ForestCheck
@testable import ForestMapCore
@testable import PlanarKernel
@testable import ForestTestSupport

/// `boundary_mismatch` per stretch of township boundary (`BoundaryStretches`): pieces along one pair of townships
/// that touch or come within the tolerance are one problem; apart, or along another pair, they are not.
final class BoundaryStretchTests: XCTestCase {
    private func found(_ r: CheckResult) -> [String] {
        r.problems.map { "\($0.check.rawValue) \($0.featureIDs.map(String.init).joined(separator: ";"))" }.sorted()
    }

    /// Townships 101 (west) and 102 (east) of the 4 × 4 grid split by a line that runs north at x = `xs[k]` from
    /// y = `ys[k]` to `ys[k + 1]` (grid units), with steps between.
    private func split(_ xs: [Double], at ys: [Double]) -> [(code: String, geometry: WKB)] {
        func p(_ u: Double, _ v: Double) -> Point { Point(CheckFixture.x0 + u * CheckFixture.side, CheckFixture.y0 + v * CheckFixture.side) }
        var line: [Point] = []
        for (k, x) in xs.enumerated() { line += [p(x, ys[k]), p(x, ys[k + 1])] }
        let west = [p(0, 0)] + line + [p(0, 4), p(0, 0)]
        let east = line + [p(4, 4), p(4, 0), line[0]]
        return [("520111101", CheckFixture.polygon(west)), ("520111102", CheckFixture.polygon(east.reversed()))]
    }

    func testSeparateStretchesAndBothSidesOfOneStretch() throws {
        // Row 0: the line 3 m inside column 2 (feature 3 of 102 over it); row 1: 4 m inside column 1 (feature 6 of
        // 101 over it), the two pieces touching at a corner; row 2 on the grid; row 3: feature 15 over it, 100 m on.
        let r = try CheckFixture.check(CheckFixture.grid(), townships: split([2.03, 1.96, 2, 2.03], at: [0, 1, 2, 3, 4]))
        XCTAssertEqual(found(r), ["boundary_mismatch 15", "boundary_mismatch 3;6"])
        let both = try XCTUnwrap(r.problems.first { $0.featureIDs == [3, 6] })
        XCTAssertEqual(try XCTUnwrap(both.squareMetres), 700, accuracy: 2)
        XCTAssertEqual(both.townshipCode, "520111101", "the township most of its area counts in")
        XCTAssertEqual(both.keys, ["520111|102|001|0001|0003", "520111|101|001|0001|0006"])
        XCTAssertTrue(both.detail.hasPrefix("520111|102|001|0001|0003, 520111|101|001|0001|0006: 2 sub-compartments along the boundary between 520111101 乡镇101 and 520111102 乡镇102, "), both.detail)
        XCTAssertTrue(both.detail.hasSuffix(", largest offset 4.00 m (at 520111|101|001|0001|0006): the township boundary and the sub-compartments differ there"), both.detail)
        XCTAssertEqual(PlanarArea.of(try XCTUnwrap(both.geometry).polygons()), 700, accuracy: 1e-6, "the union of the two pieces")
        let alone = try XCTUnwrap(r.problems.first { $0.featureIDs == [15] })
        XCTAssertEqual(alone.townshipCode, "520111102")
        XCTAssertTrue(alone.detail.hasPrefix("520111|102|001|0001|0015: 1 sub-compartment along the boundary between 520111102 乡镇102 and 520111101 乡镇101, "), alone.detail)
    }

    func testPiecesWithinTheToleranceAreOneStretch() throws {
        // The line 3 m inside column 2 but on the grid for 4 m (within the 5 m tolerance) near y = 1: one stretch.
        let near = try CheckFixture.check(CheckFixture.grid(), townships: split([2.03, 2, 2.03], at: [0, 0.98, 1.02, 4]))
        XCTAssertEqual(found(near), ["boundary_mismatch 3;7;11;15"])
        // On the grid for 10 m: two.
        let far = try CheckFixture.check(CheckFixture.grid(), townships: split([2.03, 2, 2.03], at: [0, 0.95, 1.05, 4]))
        XCTAssertEqual(found(far), ["boundary_mismatch 3", "boundary_mismatch 7;11;15"])
    }

    /// SampleData's current year: the stretches hold every piece the check found, once; their areas are their
    /// pieces' sums, their offsets their pieces' largest; check.gpkg has one feature per stretch, the union.
    func testSampleDataStretchesHoldEveryPieceOnce() throws {
        let config = try ForestMapConfig.load(path: Repository.sampleData.appendingPathComponent("forestmap.toml").path)
        var options = try config.layerLoadOptions()
        options.requireValidGeometry = false
        let layer = try SubCompartmentLayer.load(try XCTUnwrap(config.current), options: options)
        let towns = try CheckTownships.load(try XCTUnwrap(config.townships), config: config, into: layer.crsWKT, threads: nil)
        let pieces = try QualityChecker.check(layer, townships: towns, config: config, threads: nil, boundaryStretches: false)
            .problems.filter { $0.check == .boundaryMismatch }
        let result = try QualityChecker.check(layer, townships: towns, config: config, threads: nil)
        let stretches = result.problems.filter { $0.check == .boundaryMismatch }
        XCTAssertEqual(pieces.count, 574)
        XCTAssertEqual(stretches.count, 52)
        XCTAssertTrue(pieces.allSatisfy { $0.featureIDs.count == 1 }, "no uncovered band on SampleData")

        let named = stretches.flatMap(\.featureIDs)
        XCTAssertEqual(named.count, Set(named).count, "every sub-compartment in one stretch only")
        XCTAssertEqual(Set(named), Set(pieces.flatMap(\.featureIDs)))
        XCTAssertTrue(stretches.allSatisfy { $0.featureIDs == $0.featureIDs.sorted() })

        let inputs = try CheckInputs(layer: layer, townships: towns, config: config, geographic: false,
                                     extent: try QualityChecker.extent(layer, threads: nil))
        let measured = try BoundaryStretches(inputs: inputs, threads: nil).pieces(pieces)
        let byFID = Dictionary(uniqueKeysWithValues: measured.map { ($0.problem.featureIDs[0], $0) })
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let gpkg = folder.appendingPathComponent("check.gpkg").path
        try CheckOutput.geoPackage(result, path: gpkg)
        let features = try VectorDataset(reading: SourceReference(path: gpkg)).layer(named: "boundary_mismatch").readAll()
        XCTAssertEqual(features.count, stretches.count)
        let featureByID = Dictionary(uniqueKeysWithValues: features.map { f -> (String, Feature) in
            guard case .string(let id) = f.values[3] else { return ("", f) }
            return (id, f)
        })
        for s in stretches {
            let own = s.featureIDs.map { byFID[$0]! }
            XCTAssertEqual(try XCTUnwrap(s.squareMetres), own.reduce(0) { $0 + $1.problem.squareMetres! }, accuracy: 1e-6)
            let largest = own.map(\.offsetMetres).max()!
            XCTAssertTrue(s.detail.contains("largest offset \(String(format: "%.2f", largest)) m"), s.detail)
            let id = s.featureIDs.map(String.init).joined(separator: ";")
            let polygon = try XCTUnwrap(featureByID[id]?.geometry, id).polygons()
            let sum = try own.reduce(0) { $0 + PlanarArea.of(try $1.problem.geometry!.polygons()) }
            XCTAssertEqual(PlanarArea.of(polygon) / sum, 1, accuracy: 1e-6, id)
        }
    }
}

import XCTest
@testable import Geo

/// `Geometry.simplifiedPreservingTopology` (GEOSTopologyPreserveSimplify_r), the drawing simplification of reports.
final class GeometrySimplifyTests: XCTestCase {
    /// A 100 m square whose bottom edge zig-zags by ±0.3 m every metre, with a 10 m hole 0.5 m from that edge.
    private func noisySquare() -> [PolygonRings] {
        var shell = (0...100).map { Point(Double($0), $0 % 2 == 0 ? 0 : 0.3) }
        shell += [Point(100, 100), Point(0, 100), Point(0, 0)]
        let hole = [Point(20, 0.8), Point(20, 10.8), Point(30, 10.8), Point(30, 0.8), Point(20, 0.8)]
        return [PolygonRings(rings: [shell, hole])]
    }

    func testDropsNoiseKeepsHoleAndVertices() throws {
        let context = GEOSContext()
        let original = noisySquare()
        let geometry = try Geometry(wkb: WKB(polygons: original), context: context)
        let simple = try geometry.simplifiedPreservingTopology(tolerance: 1)
        let rings = simple.polygonRings()
        XCTAssertEqual(rings.count, 1)
        XCTAssertEqual(rings[0].rings.count, 2, "the hole stays, inside its shell")
        XCTAssertEqual(rings[0].rings[0].count, 5, "the zig-zag edge becomes one straight edge: a 4-corner ring")
        XCTAssertNil(simple.invalidity, "the result is a valid polygon")
        // Douglas-Peucker keeps a subset of the original vertices: none is moved.
        let originalVertices = Set(original[0].rings.flatMap { $0 })
        for ring in rings[0].rings { for p in ring { XCTAssertTrue(originalVertices.contains(p), "\(p) is an original vertex") } }
        // The area moves by at most the noise band (100 m × 0.3 m).
        XCTAssertEqual(simple.area, geometry.area, accuracy: 30)
    }

    func testZeroToleranceKeepsTheOutline() throws {
        let context = GEOSContext()
        let geometry = try Geometry(wkb: WKB(polygons: noisySquare()), context: context)
        let same = try geometry.simplifiedPreservingTopology(tolerance: 0)
        XCTAssertEqual(same.area, geometry.area, accuracy: 1e-9)
        XCTAssertEqual(same.polygonRings()[0].rings[0].count, noisySquare()[0].rings[0].count)
    }
}

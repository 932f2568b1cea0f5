import Foundation
import Geo
import XCTest
@testable import ForestChange
@testable import ForestSynth

/// The union of whole stands from their shared edges, against GEOS, and what it refuses (GEOS then unites).
final class ChangeShapesTests: XCTestCase {
    private let x = 400_000.0, y = 2_900_000.0

    private func rect(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, top extra: Point? = nil) -> PolygonRings {
        var ring = [Point(x + x0, y + y0), Point(x + x1, y + y0), Point(x + x1, y + y1)]
        if let extra { ring.append(Point(x + extra.x, y + extra.y)) }
        ring += [Point(x + x0, y + y1), Point(x + x0, y + y0)]
        return PolygonRings(rings: [ring])
    }

    private func piece(_ polygon: PolygonRings, whole: Bool = true) -> ChangePiece {
        ChangePiece(previous: 0, current: 0, polygons: [polygon], difference: RecordDifference(landClass: .change, attributes: false), wholeCurrent: whole)
    }

    func testUnionOfWholeStandsFromTheirEdgesIsGEOSsUnion() throws {
        // A 3 × 3 grid of 100 m stands sharing their corners.
        var pieces: [ChangePiece] = []
        for i in 0..<3 { for j in 0..<3 { pieces.append(piece(rect(Double(i) * 100, Double(j) * 100, Double(i + 1) * 100, Double(j + 1) * 100))) } }
        let union = try XCTUnwrap(ChangeShapes.coverageUnion(Array(pieces.indices), pieces))
        let context = GEOSContext()
        let geos = try Geometry.union(pieces.map { try Geometry(wkb: $0.wkb, context: context) }, context: context).polygonRings()
        XCTAssertEqual(union.count, 1)
        XCTAssertEqual(geos.count, 1)
        XCTAssertEqual(PlanarArea.of(union), 90_000, accuracy: 1e-6)
        XCTAssertEqual(PlanarArea.of(union), PlanarArea.of(geos), accuracy: 1e-6)
        // Without the middle stand: a shell with a hole.
        let holed = try XCTUnwrap(ChangeShapes.coverageUnion(Array(pieces.indices).filter { $0 != 4 }, pieces))
        XCTAssertEqual(holed.count, 1)
        XCTAssertEqual(holed[0].rings.count, 2)
        XCTAssertEqual(PlanarArea.of(holed), 80_000, accuracy: 1e-6)
        // Two stands meeting at a corner only: two polygons.
        XCTAssertEqual(try XCTUnwrap(ChangeShapes.coverageUnion([0, 4], pieces)).count, 2)
    }

    func testUnionFromEdgesRefusesWhatIsNotACleanCoverage() {
        let left = piece(rect(0, 0, 100, 100))
        // The stand below has a vertex on the shared edge that this one has not: GEOS must unite them.
        let below = piece(rect(0, -100, 100, 0, top: Point(50, 0)))
        XCTAssertNil(ChangeShapes.coverageUnion([0, 1], [left, below]))
        // An overlap, edges crossing.
        XCTAssertNil(ChangeShapes.coverageUnion([0, 1], [left, piece(rect(50, 50, 150, 150))]))
        // An overlap, one inside the other.
        XCTAssertNil(ChangeShapes.coverageUnion([0, 1], [left, piece(rect(10, 10, 20, 20))]))
        // A piece that is not a whole polygon.
        XCTAssertNil(ChangeShapes.coverageUnion([0, 1], [left, piece(rect(100, 0, 200, 100), whole: false)]))
        XCTAssertEqual(ChangeShapes.coverageUnion([0, 1], [left, piece(rect(100, 0, 200, 100))])?.count, 1)
    }
}

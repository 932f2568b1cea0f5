import Foundation
import Geo
import XCTest
@testable import ForestAssessment
@testable import ForestChange
@testable import ForestCheck
@testable import ForestReport
@testable import ForestStats
@testable import ForestTestSupport

/// The tile outline's containment answers against GEOS's prepared `contains`, on the fixture's township tiles
/// and its sub-compartments moved about (so that many cross, touch or lie near tile edges).
final class TileOutlineTests: XCTestCase {
    func testAnswersAgreeWithGEOSContains() throws {
        let fixture = try StatsFixture.get()
        let context = GEOSContext()
        let townships = try fixture.townships(fixture.shiftedTownships)
        let tiling = TownshipTiling(boundaries: townships, subCompartmentCount: fixture.layer.subCompartments.count)
        var answered = 0, inside = 0, asked = 0
        var random: UInt64 = 7
        for (n, s) in fixture.layer.subCompartments.enumerated() {
            random = random &* 6364136223846793005 &+ 1442695040888963407
            let dx = Double((random >> 40) % 200) - 100, dy = Double((random >> 20) % 200) - 100
            // Two in three moved by up to 100 m.
            let moved = try s.geometry.polygons().map { p in PolygonRings(rings: p.rings.map { r in r.map { Point($0.x + dx, $0.y + dy) } }) }
            let wkb = n % 3 == 0 ? s.geometry : WKB(polygons: moved)
            guard let box = try wkb.envelope(), let cell = tiling.cell(containing: box) else { continue }
            let polygon = try Geometry(wkb: wkb, context: context)
            let rect = tiling.rectangle(cell)
            for part in townships.parts where part.envelope.intersects(rect) {
                let tileGeometry = try Geometry(wkb: part.wkb, context: context).intersection(Geometry(wkb: WKB(polygons: [PolygonRings(rings: [[
                    Point(rect.minX, rect.minY), Point(rect.maxX, rect.minY), Point(rect.maxX, rect.maxY), Point(rect.minX, rect.maxY), Point(rect.minX, rect.minY),
                ]])]), context: context))
                let rings = tileGeometry.polygonRings()
                guard let envelope = Envelope(rings) else { continue }
                let outline = TileOutline(rings)
                let expected = try PreparedGeometry(tileGeometry).contains(polygon)
                asked += 1
                if let answer = outline.contains(wkb, box: box, envelope: envelope) {
                    XCTAssertEqual(answer, expected, "\(s.key) moved (\(dx), \(dy)) in township part \(part.township)")
                    answered += 1
                    if answer { inside += 1 }
                }
            }
        }
        XCTAssertGreaterThan(answered, asked * 8 / 10, "most are settled without GEOS")
        XCTAssertGreaterThan(inside, 500)
        XCTAssertGreaterThan(asked - answered, 50, "some come near a tile's edge and are left to GEOS")
    }
}

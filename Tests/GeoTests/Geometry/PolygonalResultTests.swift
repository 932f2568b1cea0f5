import Foundation
import XCTest
@testable import Geo

/// Every overlay, buffer and repair keeps only its polygonal part (issue: "Overlay input is mixed-dimension"), and
/// the WKB GEOS writes is ISO 2D little-endian whatever the input carries.
final class PolygonalResultTests: XCTestCase {
    private func polygon(_ xy: [(Double, Double)], _ context: GEOSContext) throws -> Geometry {
        try Geometry(wkb: WKB(polygons: [PolygonRings(rings: [xy.map { Point($0.0, $0.1) }])]), context: context)
    }

    /// A sub-compartment and a township clipped to a rectangle (EPSG:4545) that touch along an edge besides
    /// overlapping: GEOS 3.11 gives Polygon + LineString for their intersection.
    private func touchingPair(_ context: GEOSContext) throws -> (sub: Geometry, township: Geometry) {
        let sub = try polygon([(358556.7165596943, 2936122.453404665), (358526.12945015106, 2936084.522684855),
                               (358388.8644999073, 2936063.5910623656), (358350.57822618174, 2936098.944795689),
                               (358352.84941348346, 2936096.8475701725), (358523.7853006233, 2936209.193695033),
                               (358556.7165596943, 2936122.453404665)], context)
        let township = try polygon([(358546.1042529184, 2936225.3762376537), (358503.77160523867, 2936205.2334510433),
                                    (358464.9240550657, 2936170.5077409754), (358423.29867870535, 2936142.055323349),
                                    (358387.1245125858, 2936114.8625588743), (358341.67433744186, 2936093.7797011104),
                                    (358330.57822618174, 2936087.207697578), (358330.57822618174, 2936229.193695033),
                                    (358551.16070199443, 2936229.193695033), (358546.1042529184, 2936225.3762376537)], context)
        return (sub, township)
    }

    func testIntersectionOfPolygonsTouchingAlongAnEdgeIsPolygonalAndUsableAgain() throws {
        let context = GEOSContext()
        let (sub, township) = try touchingPair(context)
        let inside = try sub.intersection(township)
        XCTAssertTrue(inside.isPolygonal)
        XCTAssertGreaterThan(inside.area, 0)
        // The result is used again: before, GEOS refused it ("Overlay input is mixed-dimension").
        let outside = try sub.difference(inside)
        XCTAssertTrue(outside.isPolygonal)
        XCTAssertEqual(outside.area + inside.area, sub.area, accuracy: 1e-6 * sub.area)
        XCTAssertNoThrow(try inside.union(outside))
        XCTAssertNoThrow(try inside.buffer(-0.5))
        XCTAssertNoThrow(try Geometry.union([inside, outside], context: context))
        // The shared edges' length is still there for whoever asks for it.
        XCTAssertGreaterThan(try sub.contactLength(with: township), 0)
    }

    func testTouchingOnlyGivesAnEmptyPolygonWithAContactLength() throws {
        let context = GEOSContext()
        let a = try polygon([(0, 0), (10, 0), (10, 10), (0, 10), (0, 0)], context)
        let b = try polygon([(10, 0), (20, 0), (20, 10), (10, 10), (10, 0)], context)
        let touching = try a.intersection(b)
        XCTAssertTrue(touching.isPolygonal)
        XCTAssertTrue(touching.isEmpty)
        XCTAssertEqual(touching.area, 0)
        XCTAssertNoThrow(try a.difference(touching))
        XCTAssertEqual(try a.contactLength(with: b), 10, accuracy: 1e-9)
    }

    func testMakeValidOfABowTieIsAMultiPolygon() throws {
        let context = GEOSContext()
        let bowTie = try polygon([(0, 0), (10, 10), (10, 0), (0, 10), (0, 0)], context)
        XCTAssertNotNil(bowTie.invalidity)
        let repaired = try bowTie.madeValid()
        XCTAssertTrue(repaired.isPolygonal)
        XCTAssertEqual(repaired.partCount, 2)
        XCTAssertEqual(repaired.area, 50, accuracy: 1e-9)
    }

    /// Z and M input: GEOS's writer is told ISO, little-endian, 2D, so the bytes equal those of the same polygon
    /// given in 2D (what the unchanged-polygon fingerprints compare).
    func testWKBIsISO2DWhateverTheInput() throws {
        let ring = [(0.0, 0.0), (4.0, 0.0), (4.0, 3.0), (0.0, 0.0)]
        let plain = WKB(polygons: [PolygonRings(rings: [ring.map { Point($0.0, $0.1) }])])
        let context = GEOSContext()
        for (type, extra) in [(UInt32(1003), 1), (2003, 1), (3003, 2), (0x8000_0003, 1)] {
            var bytes: [UInt8] = [1]
            func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
            func f64(_ v: Double) { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
            u32(type); u32(1); u32(UInt32(ring.count))
            for (x, y) in ring { f64(x); f64(y); for _ in 0..<extra { f64(99.5) } }
            let g = try Geometry(wkb: WKB(bytes), context: context)
            XCTAssertEqual(try g.wkb, plain, "type \(type)")
        }
    }
}

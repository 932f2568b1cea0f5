import XCTest
@testable import Geo

final class SpatialIndexTests: XCTestCase {
    /// Every query answers exactly what a brute-force scan answers.
    func testQueriesMatchBruteForce() {
        var state: UInt64 = 42
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        let boxes = (0..<5_000).map { _ -> Envelope in
            let x = next() * 10_000, y = next() * 10_000
            return Envelope(minX: x, minY: y, maxX: x + next() * 200, maxY: y + next() * 200)
        }
        let index = SpatialIndex(boxes: boxes)
        XCTAssertEqual(index.count, 5_000)
        for _ in 0..<200 {
            let x = next() * 10_000, y = next() * 10_000
            let q = Envelope(minX: x, minY: y, maxX: x + next() * 800, maxY: y + next() * 800)
            XCTAssertEqual(index.query(q).sorted(), boxes.indices.filter { boxes[$0].intersects(q) })
            var visited: [Int] = []
            index.forEach(intersecting: q) { visited.append($0) }
            XCTAssertEqual(visited, index.query(q))
        }
        XCTAssertEqual(SpatialIndex(boxes: []).query(Envelope(minX: 0, minY: 0, maxX: 1, maxY: 1)), [])
        // One box, a single leaf as the root; 17 boxes, two levels.
        for n in [1, 16, 17, 256, 257] {
            let few = Array(boxes.prefix(n))
            let all = Envelope(minX: -1, minY: -1, maxX: 20_000, maxY: 20_000)
            XCTAssertEqual(SpatialIndex(boxes: few).query(all).sorted(), Array(0..<n))
        }
    }
}

final class OverlayTests: XCTestCase {
    private func square(_ x: Double, _ y: Double, _ s: Double, _ c: GEOSContext) throws -> Geometry {
        try Geometry(wkb: WKB(polygons: [PolygonRings(rings: [[Point(x, y), Point(x + s, y), Point(x + s, y + s), Point(x, y + s), Point(x, y)]])]), context: c)
    }

    func testPreparedContainsAndIntersects() throws {
        let c = GEOSContext()
        let township = try PreparedGeometry(square(0, 0, 100, c))
        XCTAssertTrue(township.contains(try square(10, 10, 20, c)))
        XCTAssertTrue(township.contains(try square(0, 0, 100, c)), "boundary contact counts as inside")
        XCTAssertFalse(township.contains(try square(90, 10, 20, c)))
        XCTAssertTrue(township.intersects(try square(90, 10, 20, c)))
        XCTAssertFalse(township.intersects(try square(200, 10, 20, c)))
    }

    func testDifferenceUnionBufferAndPointOnSurface() throws {
        let c = GEOSContext()
        let a = try square(0, 0, 100, c), b = try square(50, 0, 100, c)
        XCTAssertEqual(try a.difference(b).area, 5_000, accuracy: 1e-9)
        XCTAssertEqual(try a.union(b).area, 15_000, accuracy: 1e-9)
        XCTAssertEqual(try a.intersection(b, gridSize: 0.001).area, 5_000, accuracy: 1e-9)
        XCTAssertEqual(try a.buffer(-10).area, 80 * 80, accuracy: 1e-6)
        let p = try a.difference(b).pointOnSurface()
        XCTAssertTrue(p.x > 0 && p.x < 50 && p.y > 0 && p.y < 100)
        XCTAssertEqual(a.envelope, Envelope(minX: 0, minY: 0, maxX: 100, maxY: 100))
        XCTAssertEqual(a.length, 400, accuracy: 1e-9)
        XCTAssertTrue(a.intersects(b))
    }

    func testMadeValidKeepsBothLobesOfABowTie() throws {
        let c = GEOSContext()
        let bowTie = try Geometry(wkb: WKB(polygons: [PolygonRings(rings: [[Point(0, 0), Point(10, 10), Point(10, 0), Point(0, 10), Point(0, 0)]])]), context: c)
        XCTAssertNotNil(bowTie.invalidity)
        let valid = try bowTie.madeValid()
        XCTAssertNil(valid.invalidity)
        XCTAssertEqual(valid.area, 50, accuracy: 1e-9)
        XCTAssertEqual(valid.partCount, 2)
    }
}

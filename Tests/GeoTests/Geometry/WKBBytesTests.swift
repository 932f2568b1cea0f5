import Foundation
import XCTest
@testable import Geo

/// WKB compares byte for byte (by `memcmp`), as an array of bytes does, and hashes alike.
final class WKBBytesTests: XCTestCase {
    func testEqualityIsByteForByte() {
        let square = WKB(polygons: [PolygonRings(rings: [[Point(0, 0), Point(1, 0), Point(1, 1), Point(0, 1), Point(0, 0)]])])
        let copy = WKB(Array(square.bytes))
        XCTAssertEqual(square, copy, "the same bytes in other storage")
        XCTAssertEqual(square.hashValue, copy.hashValue)
        var moved = copy
        moved.bytes[moved.bytes.count - 1] ^= 1
        XCTAssertNotEqual(square, moved, "the last byte differs")
        var first = copy
        first.bytes[0] ^= 1
        XCTAssertNotEqual(square, first, "the first byte differs")
        XCTAssertNotEqual(square, WKB(Array(square.bytes.dropLast())), "a prefix")
        XCTAssertEqual(WKB([]), WKB([]))
        XCTAssertNotEqual(WKB([]), square)
        let samples = [square, copy, moved, first, WKB([]), WKB([1]), WKB([1, 2])]
        for a in samples {
            for b in samples { XCTAssertEqual(a == b, a.bytes == b.bytes, "\(a.bytes.count) and \(b.bytes.count) bytes") }
        }
        XCTAssertEqual(Set(samples).count, Set(samples.map(\.bytes)).count)
    }

    func testACopyHasStorageOfItsOwn() {
        let square = WKB(polygons: [PolygonRings(rings: [[Point(0, 0), Point(1, 0), Point(1, 1), Point(0, 1), Point(0, 0)]])])
        func storage(_ wkb: WKB) -> Int { wkb.bytes.withUnsafeBufferPointer { Int(bitPattern: $0.baseAddress) } }
        let copy = square.copied()
        XCTAssertEqual(copy, square)
        XCTAssertEqual(copy.bytes, square.bytes)
        XCTAssertNotEqual(storage(copy), storage(square))
        XCTAssertEqual(WKB([]).copied(), WKB([]))
    }
}

import Foundation
import XCTest
@testable import Geo

/// `RasterImage.read`: a PNG made byte by byte (zlib by Python, PNG chunks by hand), read back through GDAL.
final class RasterImageTests: XCTestCase {
    /// 3 × 2 RGB: red, green, blue / white, black, grey 128.
    private static let png = "iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAAFUlEQVR4nGP4z8DAAMH//4PohoYGAEfPB3vT+rJCAAAAAElFTkSuQmCC"

    func testReadsEveryPixelTopRowFirst() throws {
        let path = try makeTemporaryDirectory("png").appendingPathComponent("tiny.png")
        try Data(base64Encoded: Self.png)!.write(to: path)
        let image = try RasterImage.read(path: path.path)
        XCTAssertEqual([image.width, image.height, image.bands], [3, 2, 3])
        let expected: [[UInt8]] = [[255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 255, 255], [0, 0, 0], [128, 128, 128]]
        for (i, rgb) in expected.enumerated() {
            let p = image.rgb(x: i % 3, y: i / 3)
            XCTAssertEqual([p.r, p.g, p.b], rgb, "pixel \(i % 3), \(i / 3)")
        }
    }

    func testNotAnImageIsAClearError() throws {
        let path = try makeTemporaryDirectory("png").appendingPathComponent("not.png")
        try Data("not a picture".utf8).write(to: path)
        XCTAssertThrowsError(try RasterImage.read(path: path.path)) { error in
            XCTAssertEqual((error as? GeoError)?.kind, .notADataset)
            XCTAssertTrue((error as? GeoError)?.message.contains(path.path) ?? false)
        }
    }
}

import Foundation
import Geo
import XCTest
@testable import ForestAssessment
@testable import ForestChange
@testable import ForestCheck
@testable import ForestMapCore
@testable import ForestSynth
@testable import ForestTestSupport

/// The ring belt layer (环城林带): read in its own CRS into the layers', refused when it is not polygons.
final class RingBeltTests: XCTestCase {
    /// The belt is read in its own CRS and reprojected into the layers'.
    func testRingBeltIsReprojectedIntoTheLayersCRS() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A belt written in geographic CGCS2000 (EPSG:4490) around 106.65° E, 26.4° N.
        let ring = [Point(106.6, 26.35), Point(106.7, 26.35), Point(106.7, 26.45), Point(106.6, 26.45), Point(106.6, 26.35)]
        let source = try Fixtures.gpkg(folder, name: "belt", epsg: 4490, fields: [FieldDefinition("MC", .string)],
                                       features: [Feature(values: [.string("环城林带")], geometry: WKB(polygons: [PolygonRings(rings: [ring])]))])
        let target = try SpatialReference(epsg: 4545)
        let belt = try RingBelt.load(source, config: ForestMapConfig(), into: target.wkt).polygons
        XCTAssertEqual(belt.count, 1)
        let expected = try CoordinateTransform(from: SpatialReference(epsg: 4490), to: target).transform([PolygonRings(rings: [ring])])
        let got = belt
        for (a, b) in zip(got[0].rings[0], expected[0].rings[0]) {
            XCTAssertEqual(a.x, b.x, accuracy: 1e-6)
            XCTAssertEqual(a.y, b.y, accuracy: 1e-6)
        }
        XCTAssertGreaterThan(got[0].rings[0][0].x, 300_000, "Gauss-Kruger eastings, not degrees")
    }

    func testRingBeltOfPointsIsRefusedWithItsName() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var point: [UInt8] = [1, 1, 0, 0, 0]
        for v in [380_000.0, 2_920_000.0] { withUnsafeBytes(of: v.bitPattern.littleEndian) { point.append(contentsOf: $0) } }
        let source = try Fixtures.gpkg(folder, name: "belt", fields: [FieldDefinition("MC", .string)],
                                       features: [Feature(values: [.string("x")], geometry: WKB(point))], geometry: .point)
        XCTAssertThrowsError(try RingBelt.load(source, config: ForestMapConfig(), into: try SpatialReference(epsg: 4545).wkt)) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("belt.gpkg|layername=belt") && message.contains("polygons"), message)
        }
    }
}

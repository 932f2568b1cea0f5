import Foundation
import Geo
import XCTest
@testable import ForestAssessment
@testable import ForestChange
@testable import ForestCheck
@testable import ForestMapCore
@testable import ForestSynth
@testable import ForestTestSupport

/// Township boundaries and the other departments' polygons (permit red lines, the ring belt) that are not usable
/// polygons: one line naming the file, layer and feature, as the sub-compartment layer's loader gives.
final class TownshipBoundariesTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws { folder = try Fixtures.temporaryFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    /// A GeoJSON layer of two polygons in EPSG:4545, the second with `ring`.
    private func geojson(_ ring: String) throws -> SourceReference {
        let path = folder.appendingPathComponent("polygons.geojson")
        func feature(_ code: String, _ ring: String) -> String {
            """
            {"type": "Feature", "properties": {"XZQDM": "\(code)", "XZQMC": "", "PZWH": "\(code)"}, "geometry": {"type": "Polygon", "coordinates": [\(ring)]}}
            """
        }
        try Data("""
        {"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4545"}}, "features": [
        \(feature("520111101", "[[380000, 2920000], [381000, 2920000], [381000, 2921000], [380000, 2921000], [380000, 2920000]]")),
        \(feature("520111102", ring))]}
        """.utf8).write(to: path)
        return SourceReference(path: path.path)
    }

    private func assertInputError(_ body: @autoclosure () throws -> Any, contains parts: [String], line: UInt = #line) {
        XCTAssertThrowsError(try body(), line: line) { e in
            let message = (e as? ForestMapError)?.message ?? "\(e)"
            XCTAssertEqual((e as? ForestMapError)?.status, .badInput, message, line: line)
            for p in parts { XCTAssertTrue(message.contains(p), "'\(p)' not in: \(message)", line: line) }
        }
    }

    func testUnclosedRingsAndCoordinatesOutOfRangeNameTheFeature() throws {
        let crs = try SpatialReference(epsg: 4545).wkt
        func townships(_ source: SourceReference) throws -> TownshipBoundaries {
            try TownshipBoundaries.load(source, fields: TownshipFields(), districtCode: "520111", into: crs, towgs84: nil, encoding: nil)
        }
        let open = try geojson("[[381000, 2920000], [382000, 2920000], [382000, 2921000], [381000, 2921000]]")
        assertInputError(try townships(open), contains: ["polygons.geojson|layername=polygons: feature 1 (XZQDM 520111102) is not a valid polygon",
                                                          "ring not closed, ending at (381000.000, 2921000.000) instead of its start at (381000.000, 2920000.000)"])
        assertInputError(try PermitLayer.load(open, config: ForestMapConfig(), into: crs),
                         contains: ["polygons.geojson|layername=polygons: feature 1 is not a valid polygon", "ring not closed"])
        assertInputError(try RingBelt.load(open, config: ForestMapConfig(), into: crs), contains: ["feature 1 is not a valid polygon", "ring not closed"])

        let far = try geojson("[[1e15, 2920000], [1e15, 2921000], [381000, 2921000], [381000, 2920000], [1e15, 2920000]]")
        assertInputError(try townships(far), contains: ["polygons.geojson|layername=polygons: feature 1 (XZQDM 520111102): coordinate (1e+15, 2920000.000) is out of range",
                                                         "fix or delete the feature"])
        assertInputError(try PermitLayer.load(far, config: ForestMapConfig(), into: crs), contains: ["feature 1: coordinate (1e+15, 2920000.000) is out of range"])
        XCTAssertEqual(try townships(geojson("[[381000, 2920000], [382000, 2920000], [382000, 2921000], [381000, 2921000], [381000, 2920000]]")).parts.count, 2)
    }
}

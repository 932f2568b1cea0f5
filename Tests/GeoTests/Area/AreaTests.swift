import Foundation
import XCTest
@testable import Geo

final class AreaTests: XCTestCase {
    /// A ~1 km² quadrilateral near Huaxi (lon, lat) and a 0.02° square with a 0.005° hole.
    static let quad = [Point(106.600, 26.400), Point(106.610, 26.401), Point(106.611, 26.410), Point(106.601, 26.409)]
    static let shell = [Point(106.60, 26.40), Point(106.62, 26.40), Point(106.62, 26.42), Point(106.60, 26.42)]
    static let hole = [Point(106.605, 26.405), Point(106.605, 26.410), Point(106.610, 26.410), Point(106.610, 26.405)]

    /// References computed with geographiclib 2.1 (PyPI; Karney's own Python implementation, independent of
    /// PROJ's C code) on the CGCS2000/GRS80 ellipsoid:
    ///
    ///     from geographiclib.geodesic import Geodesic
    ///     g = Geodesic(6378137, 1/298.257222101)
    ///     def ring_area(ring):
    ///         p = g.Polygon()
    ///         for lon, lat in ring: p.AddPoint(lat, lon)
    ///         return abs(p.Compute(False, True)[2])
    ///     ring_area(quad)                       # 983819.6900327802
    ///     ring_area(shell) - ring_area(hole)    # 4145126.055717945
    static let quadReference = 983_819.6900327802
    static let holedReference = 4_145_126.055717945

    func testGeodesicAreaMatchesGeographicLib() {
        let area = GeodesicArea(ellipsoid: .cgcs2000)
        XCTAssertEqual(area.area(of: [PolygonRings(rings: [Self.quad])]), Self.quadReference, accuracy: Self.quadReference * 1e-6)
        XCTAssertEqual(area.area(of: [PolygonRings(rings: [Self.shell, Self.hole])]), Self.holedReference, accuracy: Self.holedReference * 1e-6)
    }

    func testGeodesicAreaIgnoresOrientationAndClosingVertex() {
        let area = GeodesicArea(ellipsoid: .cgcs2000)
        let closedClockwise = Array((Self.quad + [Self.quad[0]]).reversed())
        XCTAssertEqual(area.area(of: [PolygonRings(rings: [closedClockwise])]), Self.quadReference, accuracy: Self.quadReference * 1e-6)
        // Two parts add up.
        let both = area.area(of: [PolygonRings(rings: [Self.quad]), PolygonRings(rings: [Self.shell, Self.hole])])
        XCTAssertEqual(both, Self.quadReference + Self.holedReference, accuracy: 1e-6 * both)
        XCTAssertEqual(area.area(of: [PolygonRings(rings: [[Point(106.6, 26.4), Point(106.7, 26.4)]])]), 0, "degenerate ring")
        XCTAssertEqual(area.area(of: []), 0)
    }

    func testPlanarAreaMatchesGEOS() throws {
        let polygon = SampleLayer.polygons[0]  // 100 m square with a 40 m hole, at Gauss-Kruger coordinates
        let planar = PlanarArea.of(polygon)
        XCTAssertEqual(planar, 10_000 - 1_600, accuracy: 1e-6)
        let context = GEOSContext()
        let geos = try Geometry(wkb: WKB(polygons: polygon), context: context).area
        XCTAssertEqual(planar, geos, accuracy: geos * 1e-9)

        let multi = SampleLayer.polygons[2]
        XCTAssertEqual(PlanarArea.of(multi), 2_500 + 4_000, accuracy: 1e-6)
        let irregular = SampleLayer.polygons[1]
        XCTAssertEqual(PlanarArea.of(irregular), try Geometry(wkb: WKB(polygons: irregular), context: context).area, accuracy: 1e-6)
    }

    /// docs/domain.md §7: planar Gauss-Krüger area near Huaxi overstates the ellipsoidal area by about +0.04% (CM 108)
    /// to +0.07% (CM 105): the scale factor grows with the distance from the central meridian.
    func testGaussKrugerPlanarAreaOverstatesEllipsoidalArea() throws {
        let lonLat = [PolygonRings(rings: [Self.shell, Self.hole])]
        let ellipsoidal = GeodesicArea(ellipsoid: .cgcs2000).area(of: lonLat)
        var ratios: [Int: Double] = [:]
        for epsg in [4545, 4544] {  // CM 108E, CM 105E
            let projected = try CoordinateTransform(from: SpatialReference(epsg: 4490), to: SpatialReference(epsg: epsg)).transform(lonLat)
            let ratio = PlanarArea.of(projected) / ellipsoidal
            XCTAssertGreaterThan(ratio, 1.0002, "EPSG:\(epsg)")
            XCTAssertLessThan(ratio, 1.001, "EPSG:\(epsg)")
            ratios[epsg] = ratio
        }
        XCTAssertGreaterThan(try XCTUnwrap(ratios[4544]), try XCTUnwrap(ratios[4545]), "106.6E is farther from 105E than from 108E")
    }
}

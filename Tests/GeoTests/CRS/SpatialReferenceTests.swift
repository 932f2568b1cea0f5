import Foundation
import XCTest
@testable import Geo

final class SpatialReferenceTests: XCTestCase {
    func testCGCS2000Geographic() throws {
        let crs = try SpatialReference(epsg: 4490)
        XCTAssertTrue(crs.isGeographic)
        XCTAssertFalse(crs.isProjected)
        XCTAssertEqual(crs.epsgCode, 4490)
        XCTAssertEqual(crs.name, "China Geodetic Coordinate System 2000")
        XCTAssertNil(crs.falseEasting)
        XCTAssertNil(crs.centralMeridian)
        XCTAssertEqual(crs.ellipsoid.semiMajorAxis, 6_378_137)
        XCTAssertEqual(1 / crs.ellipsoid.flattening, 298.257222101, accuracy: 1e-9)
    }

    func testGaussKrugerWithoutAndWithZonePrefix() throws {
        let cm108 = try SpatialReference(epsg: 4545)
        XCTAssertTrue(cm108.isProjected)
        XCTAssertEqual(cm108.epsgCode, 4545)
        XCTAssertEqual(cm108.label, "EPSG:4545 (CGCS2000 / 3-degree Gauss-Kruger CM 108E)")
        XCTAssertEqual(cm108.falseEasting, 500_000)
        XCTAssertEqual(cm108.centralMeridian, 108)
        XCTAssertEqual(try cm108.geographic().epsgCode, 4490)

        let zone36 = try SpatialReference(epsg: 4524)  // CGCS2000 / 3-degree Gauss-Kruger zone 36 (CM 108E)
        XCTAssertEqual(zone36.falseEasting, 36_500_000)
        XCTAssertEqual(zone36.centralMeridian, 108)
        XCTAssertFalse(zone36.isSame(as: cm108))
        XCTAssertTrue(try SpatialReference(definition: "EPSG:4545").isSame(as: cm108))
    }

    func testProjectionMethod() throws {
        XCTAssertEqual(try SpatialReference(epsg: 4545).projectionMethod, "Transverse_Mercator")
        XCTAssertEqual(try SpatialReference(epsg: 4524).projectionMethod, "Transverse_Mercator")
        XCTAssertEqual(try SpatialReference(epsg: 3857).projectionMethod, "Mercator_1SP", "Web Mercator, as GDAL 3.6 exports it")
        XCTAssertEqual(try SpatialReference(epsg: 3857).falseEasting, 0)
        XCTAssertNil(try SpatialReference(epsg: 4490).projectionMethod)
    }

    func testOldChineseDatums() throws {
        let xian = try SpatialReference(epsg: 4610)
        XCTAssertTrue(xian.datumName.contains("Xian"), xian.datumName)
        XCTAssertEqual(1 / xian.ellipsoid.flattening, 298.257, accuracy: 1e-9, "IAG 1975")
        XCTAssertFalse(xian.hasTOWGS84)
        let withShift = try xian.withTOWGS84([24, -123, -94, 0.02, -0.25, -0.13, 1.1])
        XCTAssertTrue(withShift.hasTOWGS84)
        XCTAssertFalse(xian.hasTOWGS84, "withTOWGS84 returns a copy")
        XCTAssertTrue(withShift.wkt.contains("TOWGS84") || withShift.wkt.contains("Position Vector"), withShift.wkt)
        assertGeoError(.badCRS) { try xian.withTOWGS84([1, 2, 3]) }

        let beijing = try SpatialReference(epsg: 4214)
        XCTAssertTrue(beijing.datumName.contains("Beijing"), beijing.datumName)
        XCTAssertEqual(beijing.ellipsoid.semiMajorAxis, 6_378_245, "Krassowsky 1940")
    }

    func testUnknownCRSIsBadCRS() {
        assertGeoError(.badCRS) { try SpatialReference(epsg: 999_999) }
        assertGeoError(.badCRS) { try SpatialReference(definition: "not a crs") }
    }

    /// Longitude first (traditional GIS order), although EPSG:4490 declares latitude first.
    ///
    /// References from an independent implementation of Krüger's n-series (Karney 2011, "Transverse Mercator
    /// with an accuracy of a few nanometers", eqs. 7-8 and 35, 6th order in n) in plain Python on GRS80
    /// (a = 6378137, 1/f = 298.257222101), cross-checked against Simpson integration of the meridian arc
    /// (2 876 834.572518 m for 26°) and against pyproj 3.7.2 / PROJ 9.5.1 (agreement better than 1 µm):
    ///   tm(108, 26, lon0=108)  -> (500000.000000, 2876834.572518)
    ///   tm(106.6, 26.4, lon0=108) -> (360304.820719, 2921909.957357)
    func testAxisOrderAndGaussKrugerReference() throws {
        let transform = try CoordinateTransform(from: SpatialReference(epsg: 4490), to: SpatialReference(epsg: 4545))
        var xs = [108.0, 106.6], ys = [26.0, 26.4]
        try transform.transform(xs: &xs, ys: &ys)
        XCTAssertEqual(xs[0], 500_000, accuracy: 1e-3)
        XCTAssertEqual(ys[0], 2_876_834.572518, accuracy: 1e-3)
        XCTAssertEqual(xs[1], 360_304.820719, accuracy: 1e-3)
        XCTAssertEqual(ys[1], 2_921_909.957357, accuracy: 1e-3)

        let back = try CoordinateTransform(from: SpatialReference(epsg: 4545), to: SpatialReference(epsg: 4490))
        let lonLat = try back.transform([PolygonRings(rings: [[Point(xs[1], ys[1])]])])
        XCTAssertEqual(lonLat[0].rings[0][0].x, 106.6, accuracy: 1e-9)
        XCTAssertEqual(lonLat[0].rings[0][0].y, 26.4, accuracy: 1e-9)
    }

    func testZonePrefixTransform() throws {
        let transform = try CoordinateTransform(from: SpatialReference(epsg: 4490), to: SpatialReference(epsg: 4524))
        var xs = [106.6], ys = [26.4]
        try transform.transform(xs: &xs, ys: &ys)
        XCTAssertEqual(xs[0], 36_360_304.820719, accuracy: 1e-3)
        XCTAssertEqual(ys[0], 2_921_909.957357, accuracy: 1e-3)
    }

    func testUntransformablePointThrows() throws {
        let transform = try CoordinateTransform(from: SpatialReference(epsg: 4490), to: SpatialReference(epsg: 4545))
        var xs = [Double.nan], ys = [26.0]
        let error = assertGeoError(.badCRS) { try transform.transform(xs: &xs, ys: &ys) }
        XCTAssertTrue(error?.message.contains("EPSG:4490") ?? false, error?.message ?? "")
    }
}

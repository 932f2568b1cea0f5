import Foundation
internal import CGDAL

/// A coordinate reference system (an owned `OGRSpatialReferenceH`), always in traditional GIS axis order
/// (x = easting or longitude, y = northing or latitude): GDAL 3 / PROJ 9 would otherwise put latitude first for
/// EPSG:4326 and 4490.
public final class SpatialReference {
    let handle: UnsafeMutableRawPointer

    /// Takes ownership of `handle` and sets traditional GIS axis order on it.
    init(owning handle: UnsafeMutableRawPointer) {
        self.handle = handle
        OSRSetAxisMappingStrategy(handle, OAMS_TRADITIONAL_GIS_ORDER)
    }

    /// A CRS from an EPSG code, e.g. 4490 (CGCS2000) or 4545 (CGCS2000 / 3-degree Gauss-Kruger CM 108E).
    public convenience init(epsg: Int) throws {
        _ = GDALLibrary.ready
        guard let h = OSRNewSpatialReference(nil) else { throw GeoError(.library, "cannot allocate a spatial reference") }
        CPLErrorReset()   // the reason read on failure must be this call's
        guard OSRImportFromEPSG(h, Int32(epsg)) == OGRERR_NONE else {
            OSRRelease(h)
            throw GeoError(.badCRS, "EPSG:\(epsg) is not a coordinate reference system PROJ knows\(GDALLibrary.reasonSuffix())")
        }
        self.init(owning: h)
    }

    /// A CRS from anything GDAL's `OSRSetFromUserInput` accepts: "EPSG:4545", WKT, PROJ strings.
    public convenience init(definition: String) throws {
        _ = GDALLibrary.ready
        guard let h = OSRNewSpatialReference(nil) else { throw GeoError(.library, "cannot allocate a spatial reference") }
        CPLErrorReset()
        guard OSRSetFromUserInput(h, definition) == OGRERR_NONE else {
            OSRRelease(h)
            throw GeoError(.badCRS, "'\(definition.prefix(80))' is not a coordinate reference system GDAL understands\(GDALLibrary.reasonSuffix())")
        }
        self.init(owning: h)
    }

    /// Copies a borrowed handle (from a layer) so its lifetime is ours.
    static func copying(_ borrowed: UnsafeMutableRawPointer) -> SpatialReference? {
        guard let h = OSRClone(borrowed) else { return nil }
        return SpatialReference(owning: h)
    }

    deinit { OSRRelease(handle) }

    public var isGeographic: Bool { OSRIsGeographic(handle) != 0 }
    public var isProjected: Bool { OSRIsProjected(handle) != 0 }

    /// The CRS's name, e.g. "CGCS2000 / 3-degree Gauss-Kruger CM 108E".
    public var name: String { OSRGetName(handle).map { String(cString: $0) } ?? "unnamed CRS" }

    /// The datum's name as GDAL reports it, e.g. "China_2000", "Xian_1980", "Beijing_1954".
    public var datumName: String { OSRGetAttrValue(handle, "DATUM", 0).map { String(cString: $0) } ?? "" }

    /// The EPSG code, when the CRS is or can be identified as one.
    public var epsgCode: Int? {
        for node in [isProjected ? "PROJCS" : "GEOGCS", nil] as [String?] {
            if let auth = OSRGetAuthorityName(handle, node), String(cString: auth) == "EPSG",
               let code = OSRGetAuthorityCode(handle, node) {
                return Int(String(cString: code))
            }
        }
        return nil
    }

    /// A label for messages: "EPSG:4545 (CGCS2000 / 3-degree Gauss-Kruger CM 108E)" or the name alone.
    public var label: String { epsgCode.map { "EPSG:\($0) (\(name))" } ?? name }

    /// The ellipsoid as (semi-major axis in metres, flattening).
    public var ellipsoid: Ellipsoid {
        var err: OGRErr = OGRERR_NONE
        let a = OSRGetSemiMajor(handle, &err)
        let invF = OSRGetInvFlattening(handle, &err)
        return Ellipsoid(semiMajorAxis: a, flattening: invF == 0 ? 0 : 1 / invF)
    }

    /// The projection's false easting in metres (500,000 for Gauss-Kruger without zone prefix,
    /// zone × 1,000,000 + 500,000 with it); nil for geographic CRSs.
    public var falseEasting: Double? {
        guard isProjected else { return nil }
        var err: OGRErr = OGRERR_NONE
        let v = OSRGetProjParm(handle, SRS_PP_FALSE_EASTING, 0, &err)
        return err == OGRERR_NONE ? v : nil
    }

    /// The projection method as GDAL names it in WKT 1: "Transverse_Mercator" for Gauss-Kruger, "Mercator_1SP" for
    /// Web Mercator (EPSG:3857, in GDAL 3.6; "Popular_Visualisation_Pseudo_Mercator" in some versions); nil for a CRS
    /// that is not projected.
    public var projectionMethod: String? {
        guard isProjected else { return nil }
        return OSRGetAttrValue(handle, "PROJECTION", 0).map { String(cString: $0) }
    }

    /// The central meridian in degrees, for transverse Mercator (Gauss-Kruger) CRSs.
    public var centralMeridian: Double? {
        guard isProjected else { return nil }
        var err: OGRErr = OGRERR_NONE
        let v = OSRGetProjParm(handle, SRS_PP_CENTRAL_MERIDIAN, 0, &err)
        return err == OGRERR_NONE ? v : nil
    }

    /// Whether the CRS carries Helmert parameters to WGS84 (the TOWGS84 clause).
    public var hasTOWGS84: Bool {
        var params = [Double](repeating: 0, count: 7)
        return OSRGetTOWGS84(handle, &params, 7) == OGRERR_NONE
    }

    /// A copy with the given seven TOWGS84 parameters (dx, dy, dz in m; rx, ry, rz in arc-seconds; ds in ppm).
    public func withTOWGS84(_ p: [Double]) throws -> SpatialReference {
        guard p.count == 7 else { throw GeoError(.badCRS, "TOWGS84 needs 7 parameters, got \(p.count)") }
        let copy = try cloned()
        guard OSRSetTOWGS84(copy.handle, p[0], p[1], p[2], p[3], p[4], p[5], p[6]) == OGRERR_NONE else {
            throw GeoError(.badCRS, "cannot set TOWGS84 on \(label)\(GDALLibrary.reasonSuffix())")
        }
        return copy
    }

    /// The geographic CRS of the same datum (`OSRCloneGeogCS`): where ellipsoidal areas are computed.
    public func geographic() throws -> SpatialReference {
        guard let h = OSRCloneGeogCS(handle) else {
            throw GeoError(.badCRS, "\(label) has no geographic base CRS\(GDALLibrary.reasonSuffix())")
        }
        return SpatialReference(owning: h)
    }

    public func cloned() throws -> SpatialReference {
        guard let copy = SpatialReference.copying(handle) else { throw GeoError(.library, "cannot copy \(label)") }
        return copy
    }

    /// WKT2 (2019) text, as stored in GeoPackages and .prj files written by GDAL.
    public var wkt: String {
        var out: UnsafeMutablePointer<CChar>?
        _ = GDALLibrary.withOptionList(["FORMAT": "WKT2_2019"]) { OSRExportToWktEx(handle, &out, $0) }
        defer { VSIFree(out) }
        return out.map { String(cString: $0) } ?? ""
    }

    /// True when both describe the same CRS (ignoring axis-order metadata).
    public func isSame(as other: SpatialReference) -> Bool { OSRIsSame(handle, other.handle) != 0 }
}

@available(*, unavailable)
extension SpatialReference: Sendable {}

/// An ellipsoid by its semi-major axis (m) and flattening.
public struct Ellipsoid: Sendable, Hashable {
    public var semiMajorAxis: Double
    public var flattening: Double
    public init(semiMajorAxis: Double, flattening: Double) {
        self.semiMajorAxis = semiMajorAxis
        self.flattening = flattening
    }
    /// CGCS2000's ellipsoid (a = 6,378,137 m, 1/f = 298.257222101), as GRS80.
    public static let cgcs2000 = Ellipsoid(semiMajorAxis: 6_378_137, flattening: 1 / 298.257222101)
}

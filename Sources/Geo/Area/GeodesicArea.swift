internal import CPROJ

/// Ellipsoidal area (square metres) of polygons given in geographic longitude/latitude degrees, by PROJ's
/// `geod_polygonarea` (C. F. F. Karney's algorithm, `geodesic.h`): the area official statistics use.
/// GDAL 3.6 has no geodesic area of its own. Holes are subtracted; ring orientation does not matter.
public struct GeodesicArea: Sendable {
    private let geodesic: geod_geodesic

    public init(ellipsoid: Ellipsoid) {
        var g = geod_geodesic()
        geod_init(&g, ellipsoid.semiMajorAxis, ellipsoid.flattening)
        self.geodesic = g
    }

    public func area(of polygons: [PolygonRings]) -> Double {
        polygons.reduce(0) { total, p in
            guard let shell = p.rings.first else { return total }
            return total + ringArea(shell) - p.rings.dropFirst().reduce(0) { $0 + ringArea($1) }
        }
    }

    /// Unsigned area of one ring; a closing vertex equal to the first is dropped (it adds a zero-length edge).
    func ringArea(_ ring: [Point]) -> Double {
        var points = ring
        if points.count > 1, points.first == points.last { points.removeLast() }
        guard points.count >= 3 else { return 0 }
        var lats = points.map(\.y), lons = points.map(\.x)
        var area = 0.0, perimeter = 0.0
        withUnsafePointer(to: geodesic) { g in
            geod_polygonarea(g, &lats, &lons, Int32(points.count), &area, &perimeter)
        }
        return abs(area)
    }
}

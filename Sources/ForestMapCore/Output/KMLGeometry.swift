import Geo

/// Geometry as KML 2.2 writes it, in CGCS2000 degrees with 7 decimals (about 1 cm): the hit list's and the cases'
/// placemarks.
package enum KMLGeometry {
    /// `lon,lat`.
    package static func coordinate(_ lon: Double, _ lat: Double) -> String {
        FixedDecimal(lon, decimals: 7).text + "," + FixedDecimal(lat, decimals: 7).text
    }

    /// Each polygon as `<Polygon>` with its outer ring and holes (coordinates already in degrees).
    package static func polygons(_ polygons: [PolygonRings]) -> String {
        var out = ""
        for polygon in polygons {
            for (k, ring) in polygon.rings.enumerated() {
                out += k == 0 ? "<Polygon><outerBoundaryIs><LinearRing><coordinates>" : "<innerBoundaryIs><LinearRing><coordinates>"
                out += ring.map { coordinate($0.x, $0.y) }.joined(separator: " ")
                out += k == 0 ? "</coordinates></LinearRing></outerBoundaryIs>" : "</coordinates></LinearRing></innerBoundaryIs>"
            }
            out += "</Polygon>"
        }
        return out
    }
}

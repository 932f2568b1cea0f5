import Geo

/// Why a polygon is not valid, for the loaders' one-line messages and `check`. Rings that do not end where they start
/// (GeoJSON from a web export: GDAL reads them as they are) are found here first: GEOS refuses to read such a polygon
/// at all, with no place named.
package enum PolygonValidity {
    /// The first ring of a Polygon or MultiPolygon that does not end where it starts, as an invalidity at its
    /// start; nil when every ring is closed or the WKB is not polygonal.
    static func firstOpenRing(_ wkb: WKB) -> Invalidity? {
        var open: Invalidity?
        try? wkb.forEachRing { _, ring in
            guard open == nil, let first = ring.first, let last = ring.last, first != last else { return }
            open = invalidity(first, last)
        }
        return open
    }

    /// The first ring of the polygons that does not end where it starts, as `firstOpenRing`.
    package static func firstOpenRing(_ polygons: [PolygonRings]) -> Invalidity? {
        for p in polygons {
            for ring in p.rings {
                if let first = ring.first, let last = ring.last, first != last { return invalidity(first, last) }
            }
        }
        return nil
    }

    /// The polygons with every ring closed: its first point repeated at its end where it is not.
    package static func closingRings(_ polygons: [PolygonRings]) -> [PolygonRings] {
        polygons.map { p in
            PolygonRings(rings: p.rings.map { ring in
                guard let first = ring.first, ring.last != first else { return ring }
                return ring + [first]
            })
        }
    }

    /// Why polygons are not valid, or nil: a ring not closed, GEOS cannot read them (its reason, no place), or
    /// GEOS's validity check. For layers of a few features.
    static func invalidity(_ polygons: [PolygonRings], context: GEOSContext) -> Invalidity? {
        if let open = firstOpenRing(polygons) { return open }
        do { return try Geometry(wkb: WKB(polygons: polygons), context: context).invalidity } catch {
            return Invalidity(reason: (error as? GeoError)?.message ?? "\(error)", x: .nan, y: .nan)
        }
    }

    /// "reason at (x, y)" for messages, without the place when there is none.
    package static func describe(_ invalid: Invalidity) -> String {
        guard invalid.x.isFinite, invalid.y.isFinite else { return invalid.reason }
        return "\(invalid.reason) at (\(CoordinateRange.text(invalid.x)), \(CoordinateRange.text(invalid.y)))"
    }

    private static func invalidity(_ first: Point, _ last: Point) -> Invalidity {
        Invalidity(reason: "ring not closed, ending at (\(CoordinateRange.text(last.x)), \(CoordinateRange.text(last.y))) instead of its start",
                   x: first.x, y: first.y)
    }
}

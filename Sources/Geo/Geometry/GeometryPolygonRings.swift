internal import CGEOS

extension Geometry {
    /// The polygonal parts as coordinate rings, read straight from GEOS (no WKB round trip): the polygons of a
    /// Polygon, a MultiPolygon or a GeometryCollection (as an overlay returns where polygons only touch). Points
    /// and lines, which have no area, are left out; an empty geometry gives no polygons.
    public func polygonRings() -> [PolygonRings] {
        var result: [PolygonRings] = []
        collectPolygons(handle, into: &result)
        return result
    }

    private func collectPolygons(_ g: OpaquePointer, into result: inout [PolygonRings]) {
        let h = context.handle
        guard GEOSisEmpty_r(h, g) == 0 else { return }
        switch Int(GEOSGeomTypeId_r(h, g)) {
        case Int(GEOS_POLYGON.rawValue):
            guard let shell = GEOSGetExteriorRing_r(h, g) else { return }
            var rings = [ringPoints(shell)]
            let holes = GEOSGetNumInteriorRings_r(h, g)
            if holes > 0 {
                for i in 0..<holes { if let hole = GEOSGetInteriorRingN_r(h, g, i) { rings.append(ringPoints(hole)) } }
            }
            result.append(PolygonRings(rings: rings))
        case Int(GEOS_MULTIPOLYGON.rawValue), Int(GEOS_GEOMETRYCOLLECTION.rawValue):
            let n = GEOSGetNumGeometries_r(h, g)
            guard n > 0 else { return }
            for i in 0..<n { if let part = GEOSGetGeometryN_r(h, g, i) { collectPolygons(part, into: &result) } }
        default:
            return
        }
    }

    private func ringPoints(_ ring: OpaquePointer) -> [Point] {
        let h = context.handle
        guard let sequence = GEOSGeom_getCoordSeq_r(h, ring) else { return [] }
        var size: UInt32 = 0
        guard GEOSCoordSeq_getSize_r(h, sequence, &size) == 1, size > 0 else { return [] }
        var xy = [Double](repeating: 0, count: Int(size) * 2)
        guard GEOSCoordSeq_copyToBuffer_r(h, sequence, &xy, 0, 0) == 1 else { return [] }
        return (0..<Int(size)).map { Point(xy[2 * $0], xy[2 * $0 + 1]) }
    }
}

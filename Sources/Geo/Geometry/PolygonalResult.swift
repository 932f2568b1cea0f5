internal import CGEOS

extension GEOSContext {
    /// Takes ownership of a GEOS result and keeps only its polygonal part, as a Polygon or MultiPolygon.
    ///
    /// An overlay of two polygons that touch along an edge or at a point returns a GeometryCollection of the
    /// common area and the touching line or point (GEOS 3.9 and later, OverlayNG). Areas are all forestmap uses of
    /// a result, and GEOS refuses a collection of mixed dimensions as input to the next overlay ("Overlay input is
    /// mixed-dimension"), so every overlay, buffer and repair in `Geometry` goes through here: a Polygon or
    /// MultiPolygon is returned as it is; the polygons of a collection (nested collections and multipolygons
    /// flattened) become one Polygon or a MultiPolygon; with none, an empty Polygon.
    func polygonal(_ h: OpaquePointer?, _ operation: String) throws -> Geometry {
        guard let h else { throw GeoError(.library, "GEOS \(operation) failed\(reasonSuffix())") }
        let type = GEOSGeomTypeId_r(handle, h)
        if type == Int32(GEOS_POLYGON.rawValue) || type == Int32(GEOS_MULTIPOLYGON.rawValue) {
            return Geometry(context: self, owning: h)
        }
        defer { GEOSGeom_destroy_r(handle, h) }
        var parts: [OpaquePointer?] = []
        var failed = false
        func collect(_ g: OpaquePointer) {
            let t = GEOSGeomTypeId_r(handle, g)
            if t == Int32(GEOS_POLYGON.rawValue) {
                guard GEOSisEmpty_r(handle, g) == 0 else { return }
                if let copy = GEOSGeom_clone_r(handle, g) { parts.append(copy) } else { failed = true }
            } else if t == Int32(GEOS_MULTIPOLYGON.rawValue) || t == Int32(GEOS_GEOMETRYCOLLECTION.rawValue) {
                let n = GEOSGetNumGeometries_r(handle, g)
                guard n > 0 else { return }
                for i in 0..<n { if let part = GEOSGetGeometryN_r(handle, g, i) { collect(part) } }
            }
        }
        collect(h)
        guard !failed else {
            parts.forEach { if let p = $0 { GEOSGeom_destroy_r(handle, p) } }
            throw GeoError(.library, "cannot copy a polygon of a GEOS \(operation) result\(reasonSuffix())")
        }
        switch parts.count {
        case 0:
            guard let empty = GEOSGeom_createEmptyPolygon_r(handle) else {
                throw GeoError(.library, "cannot make an empty polygon\(reasonSuffix())")
            }
            return Geometry(context: self, owning: empty)
        case 1:
            return Geometry(context: self, owning: parts[0]!)
        default:
            let count = UInt32(parts.count)
            guard let multi = GEOSGeom_createCollection_r(handle, Int32(GEOS_MULTIPOLYGON.rawValue), &parts, count) else {
                parts.forEach { if let p = $0 { GEOSGeom_destroy_r(handle, p) } }
                throw GeoError(.library, "cannot build a multipolygon\(reasonSuffix())")
            }
            return Geometry(context: self, owning: multi)
        }
    }

    /// Copies of the geometries' GEOS handles, for a collection to own; when one cannot be copied, those made are
    /// freed before the error is thrown.
    func clones(of geometries: [Geometry]) throws -> [OpaquePointer?] {
        var handles: [OpaquePointer?] = []
        handles.reserveCapacity(geometries.count)
        for g in geometries {
            guard let c = GEOSGeom_clone_r(handle, g.handle) else {
                handles.forEach { if let h = $0 { GEOSGeom_destroy_r(handle, h) } }
                throw GeoError(.library, "cannot copy a geometry\(reasonSuffix())")
            }
            handles.append(c)
        }
        return handles
    }
}

internal import CGEOS

extension Geometry {
    /// Union of polygons that form a clean coverage: no overlaps, and every edge two polygons share has the same
    /// vertices in both (`GEOSCoverageUnion_r`). Shared edges cancel out without any overlay, so it is much faster
    /// than `union(_:context:)` and adds no vertex; on polygons that are not such a coverage the result is
    /// undefined (GEOS may fail or return a wrong outline), so use it only where the coverage is clean by
    /// construction.
    public static func coverageUnion(_ geometries: [Geometry], context: GEOSContext) throws -> Geometry {
        var handles = try context.clones(of: geometries)
        guard let collection = GEOSGeom_createCollection_r(context.handle, Int32(GEOS_GEOMETRYCOLLECTION.rawValue), &handles, UInt32(handles.count)) else {
            throw GeoError(.library, "cannot build a collection\(context.reasonSuffix())")
        }
        defer { GEOSGeom_destroy_r(context.handle, collection) }
        return try context.polygonal(GEOSCoverageUnion_r(context.handle, collection), "coverage union")
    }
}

internal import CGEOS

extension Geometry {
    /// The geometry simplified for drawing (`GEOSTopologyPreserveSimplify_r`, Douglas-Peucker that keeps rings
    /// simple and holes inside their shells): no vertex moves more than `tolerance` (CRS units) from the
    /// original outline. For maps only, never for areas: the result's area differs from the original's.
    public func simplifiedPreservingTopology(tolerance: Double) throws -> Geometry {
        guard let h = GEOSTopologyPreserveSimplify_r(context.handle, handle, tolerance) else {
            throw GeoError(.library, "GEOS simplify failed\(context.reasonSuffix())")
        }
        return Geometry(context: context, owning: h)
    }
}

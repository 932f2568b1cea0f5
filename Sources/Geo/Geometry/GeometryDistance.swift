internal import CGEOS

extension Geometry {
    /// Whether the two geometries come within `distance` (CRS units) of each other, touching included
    /// (`GEOSDistanceWithin_r`, which stops as soon as it knows).
    public func isWithin(_ distance: Double, of other: Geometry) -> Bool {
        GEOSDistanceWithin_r(context.handle, handle, other.handle, distance) == 1
    }

    /// The boundary (`GEOSBoundary_r`): a polygon's rings as lines.
    public func boundary() throws -> Geometry {
        guard let h = GEOSBoundary_r(context.handle, handle) else {
            throw GeoError(.library, "GEOS boundary failed\(context.reasonSuffix())")
        }
        return Geometry(context: context, owning: h)
    }
}

extension PreparedGeometry {
    /// The distance to another geometry (CRS units; 0 where they meet), through the prepared geometry's index
    /// (`GEOSPreparedDistance_r`); infinite when GEOS cannot measure it.
    public func distance(to other: Geometry) -> Double {
        var d = Double.infinity
        return GEOSPreparedDistance_r(geometry.context.handle, handle, other.handle, &d) == 1 ? d : .infinity
    }
}

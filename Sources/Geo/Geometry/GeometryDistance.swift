internal import CGEOS

extension Geometry {
    /// Whether the two geometries come within `distance` (CRS units) of each other, touching included
    /// (`GEOSDistanceWithin_r`, which stops as soon as it knows).
    public func isWithin(_ distance: Double, of other: Geometry) -> Bool {
        GEOSDistanceWithin_r(context.handle, handle, other.handle, distance) == 1
    }
}

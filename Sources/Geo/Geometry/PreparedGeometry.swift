internal import CGEOS

/// A geometry prepared for repeated predicates (`GEOSPrepare_r`): tests a township polygon against thousands of
/// sub-compartments quickly. Keeps its geometry alive.
public final class PreparedGeometry {
    public let geometry: Geometry
    let handle: OpaquePointer

    public init(_ geometry: Geometry) throws {
        guard let h = GEOSPrepare_r(geometry.context.handle, geometry.handle) else {
            throw GeoError(.library, "cannot prepare a geometry\(geometry.context.reasonSuffix())")
        }
        self.geometry = geometry
        handle = h
    }

    deinit { GEOSPreparedGeom_destroy_r(geometry.context.handle, handle) }

    /// True when `other` lies wholly inside (boundary contact allowed).
    public func contains(_ other: Geometry) -> Bool { GEOSPreparedContains_r(geometry.context.handle, handle, other.handle) == 1 }

    public func intersects(_ other: Geometry) -> Bool { GEOSPreparedIntersects_r(geometry.context.handle, handle, other.handle) == 1 }
}

@available(*, unavailable)
extension PreparedGeometry: Sendable {}

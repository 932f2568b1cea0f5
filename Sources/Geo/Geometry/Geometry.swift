internal import CGEOS

/// A GEOS geometry owned by one `GEOSContext`.
public final class Geometry {
    let context: GEOSContext
    let handle: OpaquePointer

    init(context: GEOSContext, owning handle: OpaquePointer) {
        self.context = context
        self.handle = handle
    }

    /// Parses WKB (`GEOSGeomFromWKB_buf_r`).
    public convenience init(wkb: WKB, context: GEOSContext) throws {
        let h = wkb.bytes.withUnsafeBufferPointer { GEOSGeomFromWKB_buf_r(context.handle, $0.baseAddress, $0.count) }
        guard let h else { throw GeoError(.badGeometry, "unreadable geometry\(context.reasonSuffix())") }
        self.init(context: context, owning: h)
    }

    deinit { GEOSGeom_destroy_r(context.handle, handle) }

    /// Planar area in CRS units.
    public var area: Double {
        var a = 0.0
        _ = GEOSArea_r(context.handle, handle, &a)
        return a
    }

    public var isEmpty: Bool { GEOSisEmpty_r(context.handle, handle) == 1 }

    /// Number of parts (1 for a Polygon, n for a MultiPolygon).
    public var partCount: Int { Int(GEOSGetNumGeometries_r(context.handle, handle)) }

    /// Why the geometry is invalid and where (`GEOSisValidDetail_r`), or nil when it is valid.
    public var invalidity: Invalidity? {
        var reason: UnsafeMutablePointer<CChar>?
        var location: OpaquePointer?
        let valid = GEOSisValidDetail_r(context.handle, handle, 0, &reason, &location)
        defer {
            if let reason { GEOSFree_r(context.handle, reason) }
            if let location { GEOSGeom_destroy_r(context.handle, location) }
        }
        guard valid != 1 else { return nil }
        var x = Double.nan, y = Double.nan
        if let location {
            _ = GEOSGeomGetX_r(context.handle, location, &x)
            _ = GEOSGeomGetY_r(context.handle, location, &y)
        }
        return Invalidity(reason: reason.map { String(cString: $0) } ?? "invalid geometry", x: x, y: y)
    }

    /// Intersection on a fixed precision grid (OverlayNG, `GEOSIntersectionPrec_r`): robust against topology
    /// exceptions; `gridSize` 0 means full precision.
    public func intersection(_ other: Geometry, gridSize: Double = 0) throws -> Geometry {
        try result(GEOSIntersectionPrec_r(context.handle, handle, other.handle, gridSize), "intersection")
    }

    /// Union of many geometries (`GEOSUnaryUnion_r` over a collection).
    public static func union(_ geometries: [Geometry], context: GEOSContext) throws -> Geometry {
        var handles: [OpaquePointer?] = try geometries.map {
            guard let c = GEOSGeom_clone_r(context.handle, $0.handle) else { throw GeoError(.library, "cannot copy a geometry") }
            return c
        }
        guard let collection = GEOSGeom_createCollection_r(context.handle, Int32(GEOS_GEOMETRYCOLLECTION.rawValue), &handles, UInt32(handles.count)) else {
            throw GeoError(.library, "cannot build a collection\(context.reasonSuffix())")
        }
        defer { GEOSGeom_destroy_r(context.handle, collection) }
        let u = GEOSUnaryUnion_r(context.handle, collection)
        return try Geometry(context: context, owning: u ?? { throw GeoError(.library, "union failed\(context.reasonSuffix())") }())
    }

    /// ISO WKB (little-endian, 2D).
    public var wkb: WKB {
        guard let writer = GEOSWKBWriter_create_r(context.handle) else { return WKB([]) }
        defer { GEOSWKBWriter_destroy_r(context.handle, writer) }
        var size = 0
        guard let buffer = GEOSWKBWriter_write_r(context.handle, writer, handle, &size) else { return WKB([]) }
        defer { GEOSFree_r(context.handle, buffer) }
        return WKB(Array(UnsafeBufferPointer(start: buffer, count: size)))
    }

    private func result(_ h: OpaquePointer?, _ operation: String) throws -> Geometry {
        guard let h else { throw GeoError(.library, "GEOS \(operation) failed\(context.reasonSuffix())") }
        return Geometry(context: context, owning: h)
    }
}

@available(*, unavailable)
extension Geometry: Sendable {}

/// Why a geometry is invalid, with the location GEOS reports.
public struct Invalidity: Sendable, Hashable {
    public var reason: String
    public var x: Double
    public var y: Double
}

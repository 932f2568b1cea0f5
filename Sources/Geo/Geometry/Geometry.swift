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

    /// Planar area in CRS units; NaN when GEOS cannot measure it.
    public var area: Double {
        var a = 0.0
        return GEOSArea_r(context.handle, handle, &a) == 1 ? a : .nan
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
    /// exceptions; `gridSize` 0 means full precision. Only the polygonal part is kept: two polygons that touch along
    /// an edge or at a point give a line or point beside their common area, which has no area and which GEOS would
    /// refuse as input to the next overlay ("mixed-dimension"); see ``polygonal(_:_:)``.
    public func intersection(_ other: Geometry, gridSize: Double = 0) throws -> Geometry {
        try polygonal(GEOSIntersectionPrec_r(context.handle, handle, other.handle, gridSize), "intersection")
    }

    /// The length of everything two geometries have in common, of any dimension (`GEOSIntersection_r`, then
    /// `GEOSLength_r`): for two polygons that only touch, the length of the boundary they share.
    public func contactLength(with other: Geometry) throws -> Double {
        try result(GEOSIntersectionPrec_r(context.handle, handle, other.handle, 0), "intersection").length
    }

    /// The part inside a rectangle by GEOS's fast rectangle clipping (`GEOSClipByRect_r`): one pass over the
    /// vertices, those inside kept exactly, crossings with the rectangle's sides computed. Unlike an overlay it may
    /// return an invalid polygon (parts touching along the sides), so it serves to cut a large polygon down before
    /// an exact overlay inside a smaller rectangle, not as a result.
    public func clipped(to rectangle: Envelope) throws -> Geometry {
        try polygonal(GEOSClipByRect_r(context.handle, handle, rectangle.minX, rectangle.minY, rectangle.maxX, rectangle.maxY), "rectangle clip")
    }

    /// Difference on a fixed precision grid (OverlayNG, `GEOSDifferencePrec_r`).
    public func difference(_ other: Geometry, gridSize: Double = 0) throws -> Geometry {
        try polygonal(GEOSDifferencePrec_r(context.handle, handle, other.handle, gridSize), "difference")
    }

    /// Union of two geometries on a fixed precision grid (`GEOSUnionPrec_r`).
    public func union(_ other: Geometry, gridSize: Double = 0) throws -> Geometry {
        try polygonal(GEOSUnionPrec_r(context.handle, handle, other.handle, gridSize), "union")
    }

    /// Buffer with round joins (`GEOSBufferWithStyle_r`); a negative distance shrinks polygons.
    public func buffer(_ distance: Double, quadrantSegments: Int = 8) throws -> Geometry {
        try polygonal(GEOSBufferWithStyle_r(context.handle, handle, distance, Int32(quadrantSegments), 1, 1, 5), "buffer")
    }

    /// A point guaranteed to lie on the polygon's surface (`GEOSPointOnSurface_r`): where a field team goes.
    public func pointOnSurface() throws -> Point {
        let p = try result(GEOSPointOnSurface_r(context.handle, handle), "point on surface")
        var x = 0.0, y = 0.0
        _ = GEOSGeomGetX_r(context.handle, p.handle, &x)
        _ = GEOSGeomGetY_r(context.handle, p.handle, &y)
        return Point(x, y)
    }

    /// The bounding box; nil for an empty geometry.
    public var envelope: Envelope? {
        var minX = 0.0, minY = 0.0, maxX = 0.0, maxY = 0.0
        guard !isEmpty, GEOSGeom_getExtent_r(context.handle, handle, &minX, &minY, &maxX, &maxY) == 1 else { return nil }
        return Envelope(minX: minX, minY: minY, maxX: maxX, maxY: maxY)
    }

    /// Perimeter (boundary length) in CRS units; NaN when GEOS cannot measure it.
    public var length: Double {
        var l = 0.0
        return GEOSLength_r(context.handle, handle, &l) == 1 ? l : .nan
    }

    public func intersects(_ other: Geometry) -> Bool { GEOSIntersects_r(context.handle, handle, other.handle) == 1 }

    /// A valid version of an invalid polygon (`GEOSMakeValidWithParams_r`, structure method: keeps the area a
    /// self-intersecting ring encloses instead of cancelling it).
    public func madeValid() throws -> Geometry {
        guard let params = GEOSMakeValidParams_create_r(context.handle) else { throw GeoError(.library, "cannot allocate make-valid parameters") }
        defer { GEOSMakeValidParams_destroy_r(context.handle, params) }
        _ = GEOSMakeValidParams_setMethod_r(context.handle, params, GEOS_MAKE_VALID_STRUCTURE)
        _ = GEOSMakeValidParams_setKeepCollapsed_r(context.handle, params, 0)
        return try polygonal(GEOSMakeValidWithParams_r(context.handle, handle, params), "make valid")
    }

    /// Union of many geometries (`GEOSUnaryUnion_r` over a collection); with a `gridSize`, on that precision grid
    /// (`GEOSUnaryUnionPrec_r`: coordinates snapped to it, so pieces closer than it join).
    public static func union(_ geometries: [Geometry], context: GEOSContext, gridSize: Double = 0) throws -> Geometry {
        var handles = try context.clones(of: geometries)
        guard let collection = GEOSGeom_createCollection_r(context.handle, Int32(GEOS_GEOMETRYCOLLECTION.rawValue), &handles, UInt32(handles.count)) else {
            throw GeoError(.library, "cannot build a collection\(context.reasonSuffix())")
        }
        defer { GEOSGeom_destroy_r(context.handle, collection) }
        let united = gridSize > 0 ? GEOSUnaryUnionPrec_r(context.handle, collection, gridSize) : GEOSUnaryUnion_r(context.handle, collection)
        return try context.polygonal(united, "union")
    }

    /// ISO WKB (little-endian, 2D), whatever the input's dimensions: the writer's flavour, byte order and output
    /// dimension are set, not left to the GEOS version's defaults (GEOS 3.12 and later write EWKB with Z for Z input),
    /// since the unchanged-polygon fingerprints compare these bytes.
    public var wkb: WKB {
        get throws {
            guard let writer = GEOSWKBWriter_create_r(context.handle) else { throw GeoError(.library, "cannot make a WKB writer") }
            defer { GEOSWKBWriter_destroy_r(context.handle, writer) }
            GEOSWKBWriter_setFlavor_r(context.handle, writer, Int32(GEOS_WKB_ISO.rawValue))
            GEOSWKBWriter_setByteOrder_r(context.handle, writer, Int32(GEOS_WKB_NDR.rawValue))
            GEOSWKBWriter_setOutputDimension_r(context.handle, writer, 2)
            var size = 0
            guard let buffer = GEOSWKBWriter_write_r(context.handle, writer, handle, &size) else {
                throw GeoError(.library, "GEOS cannot write a geometry as WKB\(context.reasonSuffix())")
            }
            defer { GEOSFree_r(context.handle, buffer) }
            return WKB(Array(UnsafeBufferPointer(start: buffer, count: size)))
        }
    }

    private func result(_ h: OpaquePointer?, _ operation: String) throws -> Geometry {
        guard let h else { throw GeoError(.library, "GEOS \(operation) failed\(context.reasonSuffix())") }
        return Geometry(context: context, owning: h)
    }

    private func polygonal(_ h: OpaquePointer?, _ operation: String) throws -> Geometry {
        try context.polygonal(h, operation)
    }

    /// Whether the geometry is a Polygon or MultiPolygon (empty or not): what every overlay here returns.
    public var isPolygonal: Bool {
        let type = GEOSGeomTypeId_r(context.handle, handle)
        return type == Int32(GEOS_POLYGON.rawValue) || type == Int32(GEOS_MULTIPOLYGON.rawValue)
    }
}

@available(*, unavailable)
extension Geometry: Sendable {}

/// Why a geometry is invalid, with the location GEOS reports.
public struct Invalidity: Sendable, Hashable {
    public var reason: String
    public var x: Double
    public var y: Double

    public init(reason: String, x: Double, y: Double) {
        self.reason = reason
        self.x = x
        self.y = y
    }
}

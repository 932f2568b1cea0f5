import Foundation

/// Geometry as ISO well-known binary: the form geometries take between GDAL, GEOS and the domain.
public struct WKB: Sendable, Hashable {
    public var bytes: [UInt8]
    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The same bytes in storage of their own, allocated by the calling thread (an array's copy shares its
    /// storage until written).
    public func copied() -> WKB {
        WKB(bytes.withUnsafeBufferPointer { source in
            [UInt8](unsafeUninitializedCapacity: source.count) { out, count in
                count = out.initialize(fromContentsOf: source)
            }
        })
    }

    /// Byte for byte, by `memcmp` (an array's own `==` compares element by element: `change` compares a million
    /// polygons per year).
    public static func == (a: WKB, b: WKB) -> Bool {
        guard a.bytes.count == b.bytes.count else { return false }
        return a.bytes.withUnsafeBytes { x in
            b.bytes.withUnsafeBytes { y in
                guard let p = x.baseAddress, let q = y.baseAddress, p != q else { return true }
                return memcmp(p, q, x.count) == 0
            }
        }
    }
}

/// A polygon as coordinate rings: the first is the shell, the rest are holes. Coordinates are (x, y) in the
/// layer's CRS (longitude, latitude for geographic CRSs in traditional GIS order).
public struct PolygonRings: Sendable, Hashable {
    public var rings: [[Point]]
    public init(rings: [[Point]]) { self.rings = rings }
}

public struct Point: Sendable, Hashable {
    public var x: Double
    public var y: Double
    public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }
}

extension WKB {
    /// The polygons of a Polygon or MultiPolygon (2D, Z, M or ZM; either byte order). Other types give
    /// `GeoError.badGeometry`: sub-compartments are areas.
    public func polygons() throws -> [PolygonRings] {
        var result: [PolygonRings] = []
        try forEachRing { isShell, ring in
            if isShell { result.append(PolygonRings(rings: [])) }
            result[result.count - 1].rings.append(Array(ring))
        }
        return result
    }

    /// Builds WKB (little-endian, 2D) for polygons: one gives a Polygon, several a MultiPolygon.
    public init(polygons: [PolygonRings]) {
        var out: [UInt8] = []
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        func f64(_ v: Double) { withUnsafeBytes(of: v.bitPattern.littleEndian) { out.append(contentsOf: $0) } }
        func polygon(_ p: PolygonRings) {
            out.append(1); u32(3); u32(UInt32(p.rings.count))
            for ring in p.rings {
                u32(UInt32(ring.count))
                for pt in ring { f64(pt.x); f64(pt.y) }
            }
        }
        if polygons.count == 1 {
            polygon(polygons[0])
        } else {
            out.append(1); u32(6); u32(UInt32(polygons.count))
            polygons.forEach(polygon)
        }
        self.init(out)
    }

    /// Builds WKB (little-endian, 2D) for one point.
    public init(point: Point) {
        var out: [UInt8] = [1]
        withUnsafeBytes(of: UInt32(1).littleEndian) { out.append(contentsOf: $0) }
        for v in [point.x, point.y] { withUnsafeBytes(of: v.bitPattern.littleEndian) { out.append(contentsOf: $0) } }
        self.init(out)
    }
}

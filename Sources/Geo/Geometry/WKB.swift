/// Geometry as ISO well-known binary: the form geometries take between GDAL, GEOS and the domain.
public struct WKB: Sendable, Hashable {
    public var bytes: [UInt8]
    public init(_ bytes: [UInt8]) { self.bytes = bytes }
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
        var reader = WKBReader(bytes: bytes)
        return try reader.readPolygonal()
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

/// A bounds-checked cursor over WKB bytes.
struct WKBReader {
    let bytes: [UInt8]
    var offset = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func readPolygonal() throws -> [PolygonRings] {
        let (type, dims, little) = try header()
        switch type {
        case 3: return [try polygonBody(dims: dims, little: little)]
        case 6:
            let n = try u32(little)
            var result: [PolygonRings] = []
            result.reserveCapacity(n)
            for _ in 0..<n {
                let (partType, partDims, partLittle) = try header()
                guard partType == 3 else { throw Self.unsupported(partType) }
                result.append(try polygonBody(dims: partDims, little: partLittle))
            }
            return result
        default: throw Self.unsupported(type)
        }
    }

    private static func unsupported(_ type: UInt32) -> GeoError {
        GeoError(.badGeometry, "geometry type \(type) is not a polygon or multipolygon")
    }

    /// Reads byte order and type; returns the base type (1..7), the coordinate dimension, and the byte order.
    private mutating func header() throws -> (UInt32, Int, Bool) {
        guard offset < bytes.count else { throw GeoError(.badGeometry, "truncated WKB") }
        let little = bytes[offset] == 1
        offset += 1
        var type = try u32raw(little)
        var dims = 2
        // EWKB flags (PostGIS) and ISO codes (1000s) both appear in the wild.
        if type & 0x8000_0000 != 0 { dims += 1 }
        if type & 0x4000_0000 != 0 { dims += 1 }
        if type & 0x2000_0000 != 0 { offset += 4 }  // SRID
        type &= 0x0FFF_FFFF
        switch type / 1000 {
        case 1, 2: dims = 3
        case 3: dims = 4
        default: break
        }
        return (type % 1000, dims, little)
    }

    private mutating func polygonBody(dims: Int, little: Bool) throws -> PolygonRings {
        let ringCount = try u32(little)
        var rings: [[Point]] = []
        rings.reserveCapacity(ringCount)
        for _ in 0..<ringCount {
            let n = try u32(little)
            guard offset + n * dims * 8 <= bytes.count else { throw GeoError(.badGeometry, "truncated WKB") }
            var ring: [Point] = []
            ring.reserveCapacity(n)
            for _ in 0..<n {
                let x = f64(at: offset, little)
                let y = f64(at: offset + 8, little)
                offset += dims * 8
                ring.append(Point(x, y))
            }
            rings.append(ring)
        }
        return PolygonRings(rings: rings)
    }

    private mutating func u32raw(_ little: Bool) throws -> UInt32 {
        guard offset + 4 <= bytes.count else { throw GeoError(.badGeometry, "truncated WKB") }
        var v: UInt32 = 0
        for i in 0..<4 { v |= UInt32(bytes[offset + i]) << (8 * i) }
        offset += 4
        return little ? v : v.byteSwapped
    }

    private mutating func u32(_ little: Bool) throws -> Int {
        let v = Int(try u32raw(little))
        guard v <= bytes.count else { throw GeoError(.badGeometry, "corrupt WKB count") }
        return v
    }

    private func f64(at position: Int, _ little: Bool) -> Double {
        var v: UInt64 = 0
        for i in 0..<8 { v |= UInt64(bytes[position + i]) << (8 * i) }
        return Double(bitPattern: little ? v : v.byteSwapped)
    }
}

/// One ring of a WKB polygon, read in place: its points are decoded on access, nothing is copied.
///
/// It points into the WKB's bytes and is valid only inside the `forEachRing` closure that hands it out: use it
/// there (or copy it, `Array(ring)`), never keep it. Only this module makes one, and it is not `Sendable`, so it
/// cannot cross to another task.
public struct WKBRing: RandomAccessCollection {
    let base: UnsafeRawPointer
    /// Bytes from one point to the next (16 for 2D, more with Z or M).
    let stride: Int
    let little: Bool
    public let count: Int
    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(i: Int) -> Point {
        let p = base + i * stride
        let x = p.loadUnaligned(as: UInt64.self), y = p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        return little ? Point(Double(bitPattern: UInt64(littleEndian: x)), Double(bitPattern: UInt64(littleEndian: y)))
            : Point(Double(bitPattern: UInt64(bigEndian: x)), Double(bitPattern: UInt64(bigEndian: y)))
    }
}

@available(*, unavailable)
extension WKBRing: Sendable {}

extension WKB {
    /// Visits every ring of a Polygon or MultiPolygon in order, without building arrays: `body(isShell, ring)`,
    /// the shell first in each polygon, then its holes. Accepts what `polygons()` accepts and throws what it throws.
    public func forEachRing(_ body: (_ isShell: Bool, _ ring: WKBRing) throws -> Void) throws {
        try bytes.withUnsafeBytes { raw in
            var scanner = WKBScanner(raw: raw)
            try scanner.polygonal(body)
        }
    }

    /// The box of every vertex; nil when there is none.
    public func envelope() throws -> Envelope? {
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        try forEachRing { _, ring in
            for p in ring {
                minX = min(minX, p.x); maxX = max(maxX, p.x)
                minY = min(minY, p.y); maxY = max(maxY, p.y)
            }
        }
        return minX <= maxX && minY <= maxY ? Envelope(minX: minX, minY: minY, maxX: maxX, maxY: maxY) : nil
    }
}

/// The planar area of polygons (shells less holes, as `PlanarArea.of`), with their area centroid and box, read
/// straight from WKB or from rings.
public struct PlanarMoments: Sendable {
    /// Shell areas less hole areas, in square CRS units.
    public private(set) var area = 0.0
    /// The area centroid; the first vertex when the area is zero.
    public var centroid: Point { area != 0 ? Point(origin.x + mx / area, origin.y + my / area) : origin }
    public var envelope: Envelope? {
        minX <= maxX && minY <= maxY ? Envelope(minX: minX, minY: minY, maxX: maxX, maxY: maxY) : nil
    }

    /// Σ over edges of the edge's left normal × its length³ (shells as counter-clockwise, holes as clockwise):
    /// with a conformal projection's areal scale s, the geodesic through an edge's ends bends off the straight
    /// edge, which moves the area by about (∇s / 2s) · bend / 12 (see `AreaScale`).
    public private(set) var bend = (x: 0.0, y: 0.0)

    /// Σ over edges of (edge midpoint − centroid) ⊗ (left normal × length³), signed as `bend`: how the bend
    /// changes along the polygon when the scale's gradient does.
    public var bendMoments: (xx: Double, xy: Double, yx: Double, yy: Double) {
        let cx = area != 0 ? mx / area : 0, cy = area != 0 ? my / area : 0
        return (txx - cx * bend.x, txy - cx * bend.y, tyx - cy * bend.x, tyy - cy * bend.y)
    }

    /// Second moments of area about the centroid: ∫(x − cx)² dA, ∫(x − cx)(y − cy) dA, ∫(y − cy)² dA.
    public var secondMoments: (xx: Double, xy: Double, yy: Double) {
        guard area != 0 else { return (0, 0, 0) }
        let cx = mx / area, cy = my / area
        return (ixx - area * cx * cx, ixy - area * cx * cy, iyy - area * cy * cy)
    }

    /// Coordinates are taken relative to the first vertex, to keep precision.
    private var origin = Point(0, 0)
    private var hasOrigin = false
    private var mx = 0.0, my = 0.0, ixx = 0.0, ixy = 0.0, iyy = 0.0, txx = 0.0, txy = 0.0, tyx = 0.0, tyy = 0.0
    private var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity

    public init(_ wkb: WKB) throws {
        try wkb.forEachRing { isShell, ring in add(ring, isShell: isShell) }
    }

    public init(_ polygons: [PolygonRings]) {
        for p in polygons {
            for (i, ring) in p.rings.enumerated() { add(ring, isShell: i == 0) }
        }
    }

    private mutating func add<R: RandomAccessCollection>(_ ring: R, isShell: Bool) where R.Element == Point, R.Index == Int {
        guard let first = ring.first else { return }
        if !hasOrigin { origin = first; hasOrigin = true }
        let o = origin
        var twice = 0.0, sx = 0.0, sy = 0.0, bx = 0.0, by = 0.0, sxx = 0.0, sxy = 0.0, syy = 0.0
        var mxx = 0.0, mxy = 0.0, myx = 0.0, myy = 0.0
        let last = ring[ring.endIndex - 1]
        var px = last.x - o.x, py = last.y - o.y
        for p in ring {
            minX = min(minX, p.x); maxX = max(maxX, p.x)
            minY = min(minY, p.y); maxY = max(maxY, p.y)
            let x = p.x - o.x, y = p.y - o.y
            let cross = px * y - x * py
            twice += cross
            sx += (px + x) * cross
            sy += (py + y) * cross
            sxx += (px * px + px * x + x * x) * cross
            syy += (py * py + py * y + y * y) * cross
            sxy += (px * y + 2 * px * py + 2 * x * y + x * py) * cross
            let dx = x - px, dy = y - py, squared = dx * dx + dy * dy
            let nx = -dy * squared, ny = dx * squared, midX = (px + x) / 2, midY = (py + y) / 2
            bx += nx
            by += ny
            mxx += midX * nx
            mxy += midX * ny
            myx += midY * nx
            myy += midY * ny
            px = x
            py = y
        }
        guard ring.count >= 3 else { return }
        // Shells add their area, holes take theirs away, whichever way each ring runs.
        let s: Double = (twice < 0) == isShell ? -1 : 1
        area += s * twice / 2
        mx += s * sx / 6
        my += s * sy / 6
        ixx += s * sxx / 12
        iyy += s * syy / 12
        ixy += s * sxy / 24
        txx += s * mxx
        txy += s * mxy
        tyx += s * myx
        tyy += s * myy
        bend.x += s * bx
        bend.y += s * by
    }
}

/// A bounds-checked cursor over WKB bytes that reads in place: the one WKB parser (`polygons()` builds on it).
private struct WKBScanner {
    let raw: UnsafeRawBufferPointer
    var offset = 0

    init(raw: UnsafeRawBufferPointer) { self.raw = raw }

    mutating func polygonal(_ body: (Bool, WKBRing) throws -> Void) throws {
        let (type, dims, little) = try header()
        switch type {
        case 3: try polygonBody(dims: dims, little: little, body)
        case 6:
            let n = try count(little)
            for _ in 0..<n {
                let (partType, partDims, partLittle) = try header()
                guard partType == 3 else { throw Self.unsupported(partType) }
                try polygonBody(dims: partDims, little: partLittle, body)
            }
        default: throw Self.unsupported(type)
        }
    }

    private static func unsupported(_ type: UInt32) -> GeoError {
        GeoError(.badGeometry, "geometry type \(type) is not a polygon or multipolygon")
    }

    /// Reads byte order and type; returns the base type (1..7), the coordinate dimension, and the byte order.
    /// EWKB flags (PostGIS) and ISO codes (1000s) both appear in the wild.
    private mutating func header() throws -> (UInt32, Int, Bool) {
        guard offset < raw.count else { throw GeoError(.badGeometry, "truncated WKB") }
        let little = raw[offset] == 1
        offset += 1
        var type = try u32(little)
        var dims = 2
        if type & 0x8000_0000 != 0 { dims += 1 }
        if type & 0x4000_0000 != 0 { dims += 1 }
        if type & 0x2000_0000 != 0 { offset += 4 }
        type &= 0x0FFF_FFFF
        switch type / 1000 {
        case 1, 2: dims = 3
        case 3: dims = 4
        default: break
        }
        return (type % 1000, dims, little)
    }

    private mutating func polygonBody(dims: Int, little: Bool, _ body: (Bool, WKBRing) throws -> Void) throws {
        let ringCount = try count(little)
        for r in 0..<ringCount {
            let n = try count(little)
            guard offset + n * dims * 8 <= raw.count else { throw GeoError(.badGeometry, "truncated WKB") }
            try body(r == 0, WKBRing(base: raw.baseAddress! + offset, stride: dims * 8, little: little, count: n))
            offset += n * dims * 8
        }
    }

    private mutating func u32(_ little: Bool) throws -> UInt32 {
        guard offset + 4 <= raw.count else { throw GeoError(.badGeometry, "truncated WKB") }
        let v = raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
        offset += 4
        return little ? UInt32(littleEndian: v) : UInt32(bigEndian: v)
    }

    private mutating func count(_ little: Bool) throws -> Int {
        let v = Int(try u32(little))
        guard v <= raw.count else { throw GeoError(.badGeometry, "corrupt WKB count") }
        return v
    }
}

extension WKB {
    /// True only when the WKB is certainly a valid polygon in GEOS's sense, decided cheaply from the bytes: one
    /// 2D Polygon (or a MultiPolygon of one) without holes whose closed ring has at least 3 distinct vertices,
    /// finite coordinates, no repeated consecutive vertex, and no two edges meeting except neighbours at their
    /// shared vertex, with every orientation sign certain in floating point (Shewchuk's error bound). False means
    /// "not decided here": several parts, holes, collinear or touching vertices and true self-intersections all
    /// go to GEOS, which then gives the same answer and reason as always. Used to skip most `GEOSisValidDetail`
    /// calls.
    public var isCertainlySimplePolygon: Bool {
        bytes.withUnsafeBytes { raw -> Bool in
            func u32(_ at: Int, _ little: Bool) -> UInt32? {
                guard at + 4 <= raw.count else { return nil }
                let v = raw.loadUnaligned(fromByteOffset: at, as: UInt32.self)
                return little ? UInt32(littleEndian: v) : UInt32(bigEndian: v)
            }
            func order(_ at: Int) -> Bool? {
                guard at < raw.count, raw[at] <= 1 else { return nil }
                return raw[at] == 1
            }
            // Byte order and type 3 (2D Polygon), or type 6 with one part, then the part's own order and type 3.
            guard var little = order(0), let type = u32(1, little) else { return false }
            var at = 5
            if type == 6 {
                guard u32(5, little) == 1, let partOrder = order(9), u32(10, partOrder) == 3 else { return false }
                little = partOrder
                at = 14
            } else if type != 3 {
                return false
            }
            guard u32(at, little) == 1, let count = u32(at + 4, little) else { return false }
            let n = Int(count), start = at + 8
            guard n >= 4, n <= 1_000_000, start + n * 16 <= raw.count else { return false }
            return SimpleRing.isCertainlySimple(WKBRing(base: raw.baseAddress! + start, stride: 16, little: little, count: n))
        }
    }
}

/// The simple-ring test behind `WKB.isCertainlySimplePolygon`.
enum SimpleRing {
    static func isCertainlySimple(_ ring: WKBRing) -> Bool {
        let n = ring.count
        guard ring[0] == ring[n - 1] else { return false }
        let m = n - 1   // edges i: ring[i] → ring[i + 1]
        guard m >= 3 else { return false }
        var minX = [Double](repeating: 0, count: m), maxX = minX, minY = minX, maxY = minX
        var a = ring[0]
        for i in 0..<m {
            let b = ring[i + 1]
            guard a.x.isFinite, a.y.isFinite, a != b else { return false }
            minX[i] = min(a.x, b.x); maxX[i] = max(a.x, b.x)
            minY[i] = min(a.y, b.y); maxY[i] = max(a.y, b.y)
            // Neighbouring edges turn at their shared vertex (not collinear, so they meet only there).
            if orientation(a, b, ring[i + 2 == n ? 1 : i + 2]) == 0 { return false }
            a = b
        }
        // Every other pair of edges whose boxes meet must lie certainly apart. Edges sorted by minX and swept.
        let order = (0..<m).sorted { minX[$0] < minX[$1] }
        for (k, i) in order.enumerated() {
            var l = k + 1
            while l < m, minX[order[l]] <= maxX[i] {
                let j = order[l]
                l += 1
                let d = abs(i - j)
                if d == 1 || d == m - 1 { continue }
                guard minY[i] <= maxY[j], minY[j] <= maxY[i] else { continue }
                if !apart(ring[i], ring[i + 1], ring[j], ring[j + 1]) { return false }
            }
        }
        return true
    }

    /// Whether segments pq and rs certainly do not meet: one lies strictly on one side of the other's line.
    private static func apart(_ p: Point, _ q: Point, _ r: Point, _ s: Point) -> Bool {
        let o1 = orientation(p, q, r), o2 = orientation(p, q, s)
        if o1 != 0, o1 == o2 { return true }
        let o3 = orientation(r, s, p), o4 = orientation(r, s, q)
        return o3 != 0 && o3 == o4
    }

    /// The sign of the turn a → b → c (1 left, -1 right), or 0 when floating point cannot be sure of it.
    static func orientation(_ a: Point, _ b: Point, _ c: Point) -> Int {
        let l = (b.x - a.x) * (c.y - a.y), r = (b.y - a.y) * (c.x - a.x)
        let det = l - r
        // Shewchuk's orient2d bound is (3 + 16ε)ε ≈ 3.3e-16 of |l| + |r|; 1e-15 leaves room.
        let bound = 1e-15 * (abs(l) + abs(r))
        if det > bound { return 1 }
        if det < -bound { return -1 }
        return 0
    }
}

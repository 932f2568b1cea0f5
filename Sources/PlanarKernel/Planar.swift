import Foundation
import Geo

/// Floating-point plane predicates for the check's fast paths. Each either answers for certain or says it cannot
/// tell (nil), and the caller then asks GEOS. Orientation uses Shewchuk's error bound, so a sign it gives is the
/// exact sign.
package enum Planar {
    /// +1 when c lies left of a→b, −1 right; nil when c is on the line or too close to call.
    @inline(__always)
    static func orientation(_ a: Point, _ b: Point, _ c: Point) -> Int? {
        let left = (a.x - c.x) * (b.y - c.y)
        let right = (a.y - c.y) * (b.x - c.x)
        let det = left - right
        let bound = 3.3306690738754716e-16 * (abs(left) + abs(right))
        if det > bound { return 1 }
        if -det > bound { return -1 }
        return nil
    }

    /// Twice the signed area of a closed ring (positive counter-clockwise): `PlanarArea.ringArea`, doubled (exactly:
    /// a power of two).
    package static func signedArea2(_ ring: [Point]) -> Double { 2 * PlanarArea.ringArea(ring) }

    /// Twice the signed area of rings together (holes, oriented clockwise, count negative).
    static func signedArea2Total(_ rings: [[Point]]) -> Double {
        rings.reduce(0) { $0 + signedArea2($1) }
    }

    /// How two segments meet.
    package enum SegmentRelation {
        case disjoint
        /// They share one endpoint and nothing else.
        case touch
        /// The same segment in opposite directions: the boundary between two neighbours.
        case twin
        /// The same segment in the same direction: with both interiors on the left, the interiors overlap.
        case same
        /// They cross at a point inside both: the interiors overlap.
        case cross
        /// Collinear contact, an endpoint on the other segment, or too close to call.
        case uncertain
    }

    package static func relation(_ a: Point, _ b: Point, _ c: Point, _ d: Point) -> SegmentRelation {
        if max(a.x, b.x) < min(c.x, d.x) || max(c.x, d.x) < min(a.x, b.x) || max(a.y, b.y) < min(c.y, d.y) || max(c.y, d.y) < min(a.y, b.y) {
            return .disjoint
        }
        if a == d && b == c { return .twin }
        if a == c && b == d { return .same }
        // One shared endpoint: they touch only there when they turn there, or run on in opposite directions along
        // one line (a straight boundary through a vertex); pointing the same way, they overlap.
        if a == c || a == d || b == c || b == d {
            let (shared, p, q) = a == c ? (a, b, d) : a == d ? (a, b, c) : b == c ? (b, a, d) : (b, a, c)
            if orientation(shared, p, q) != nil { return .touch }
            let ux = p.x - shared.x, uy = p.y - shared.y, vx = q.x - shared.x, vy = q.y - shared.y
            let dot = ux * vx + uy * vy
            return dot < -1e-9 * (ux * ux + uy * uy).squareRoot() * (vx * vx + vy * vy).squareRoot() ? .touch : .uncertain
        }
        guard let o1 = orientation(a, b, c), let o2 = orientation(a, b, d), let o3 = orientation(c, d, a),
              let o4 = orientation(c, d, b) else { return .uncertain }
        return o1 != o2 && o3 != o4 ? .cross : .disjoint
    }

    /// The squared distance from a point to the segment a–b.
    package static func squaredDistance(_ p: Point, _ a: Point, _ b: Point) -> Double {
        let dx = b.x - a.x, dy = b.y - a.y
        let length2 = dx * dx + dy * dy
        let t = length2 > 0 ? min(max(((p.x - a.x) * dx + (p.y - a.y) * dy) / length2, 0), 1) : 0
        let ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y
        return ex * ex + ey * ey
    }

    package enum Location { case inside, outside }

    /// Where a point lies against closed rings (even-odd over every ring, so holes and parts count); nil when it is
    /// on or too near an edge to tell.
    package static func locate(_ m: Point, in rings: [[Point]]) -> Location? {
        var inside = false
        for ring in rings {
            for k in 1..<ring.count {
                let p = ring[k - 1], q = ring[k]
                if (p.y <= m.y) != (q.y <= m.y) {
                    guard let o = orientation(p, q, m) else { return nil }
                    // Upward edge: the point is left of it when the ray to +x crosses it; downward: right.
                    if (q.y > p.y) == (o > 0) { inside.toggle() }
                } else if p.y == m.y && q.y == m.y && min(p.x, q.x) <= m.x && m.x <= max(p.x, q.x) {
                    return nil
                }
            }
        }
        return inside ? .inside : .outside
    }

    /// Whether a ring is simple and closed (no self-intersection or self-touch, no spike, at least three distinct
    /// vertices): true when certainly, false when certainly not, nil when it cannot tell (GEOS then decides). Rings
    /// longer than `limit` vertices give nil.
    ///
    /// Runs in the layer load and the check for almost every sub-compartment, so it allocates nothing (the ring
    /// without repeated vertices and its edges' boxes live on the stack) and rejects most edge pairs by their boxes
    /// before `relation`. It visits the pairs in the same order as a plain pair loop calling `relation` on each,
    /// and the box test is `relation`'s own first test, so it answers exactly as that loop does.
    package static func ringIsSimple<R: RandomAccessCollection>(_ raw: R, limit: Int = 80) -> Bool? where R.Element == Point, R.Index == Int {
        let count = raw.count
        guard count <= limit + 1 else { return nil }
        guard count >= 4, raw[raw.startIndex] == raw[raw.endIndex - 1] else { return false }
        for p in raw where !(p.x.isFinite && p.y.isFinite) { return false }
        return withUnsafeTemporaryAllocation(of: Point.self, capacity: count) { ring -> Bool? in
            // The ring without repeated consecutive vertices; ring[n] == ring[0].
            var m = 0
            for p in raw where m == 0 || p != ring[m - 1] {
                ring[m] = p
                m += 1
            }
            let n = m - 1
            guard n >= 3 else { return false }
            return withUnsafeTemporaryAllocation(of: EdgeBox.self, capacity: n) { boxes -> Bool? in
                for i in 0..<n { boxes[i] = EdgeBox(ring[i], ring[i + 1]) }
                for i in 0..<n {
                    let a = ring[i], b = ring[i + 1], c = i + 2 <= n ? ring[i + 2] : ring[1]
                    // Consecutive edges: a turn, or straight on; folding back would be a spike.
                    if orientation(a, b, c) == nil, (b.x - a.x) * (c.x - b.x) + (b.y - a.y) * (c.y - b.y) <= 0 { return nil }
                    guard i + 2 < n else { continue }
                    let box = boxes[i]
                    // The first edge and the last are consecutive too (they meet at ring[0]).
                    for j in (i + 2)..<(i == 0 ? n - 1 : n) {
                        let other = boxes[j]
                        if box.maxX < other.minX || other.maxX < box.minX || box.maxY < other.minY || other.maxY < box.minY { continue }
                        switch relation(a, b, ring[j], ring[j + 1]) {
                        case .disjoint: continue
                        case .cross, .same, .twin, .touch: return false
                        case .uncertain: return nil
                        }
                    }
                }
                return true
            }
        }
    }

    /// The box of one edge.
    private struct EdgeBox {
        var minX, maxX, minY, maxY: Double

        @inline(__always)
        init(_ a: Point, _ b: Point) {
            minX = min(a.x, b.x); maxX = max(a.x, b.x)
            minY = min(a.y, b.y); maxY = max(a.y, b.y)
        }
    }
}

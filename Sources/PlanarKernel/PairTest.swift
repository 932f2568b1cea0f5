import Foundation
import Geo

/// Whether two polygons' interiors overlap, decided from their edges where that is certain.
///
/// Neighbours in a clean coverage share edges exactly, in opposite directions. Among the edges near both
/// polygons (those whose boxes meet the common box), every pair must be apart, touch at a shared end, or be such a
/// reversed twin; then each remaining ("free") edge lies wholly inside or outside the other polygon, and one
/// inside means an overlap. A same-direction twin or a proper crossing means an overlap; anything else (collinear
/// contact, a vertex on an edge, near-degenerate cases, very large polygons) is left to GEOS.
package enum PairTest {
    package enum Outcome { case apart, overlap, uncertain }

    /// Runs for every pair of neighbours a layer check or an overlay considers, so it allocates nothing: the edges
    /// near both polygons, with their boxes, live on the stack, and a pair of edges whose boxes miss each other is
    /// passed over without `relation` (whose first test is that one).
    package static func test(_ p: OrientedRings, _ q: OrientedRings, limit: Int = 4_096) -> Outcome {
        let box = Envelope(minX: max(p.box.minX, q.box.minX), minY: max(p.box.minY, q.box.minY),
                           maxX: min(p.box.maxX, q.box.maxX), maxY: min(p.box.maxY, q.box.maxY))
        guard box.minX <= box.maxX, box.minY <= box.maxY else { return .apart }
        return withUnsafeTemporaryAllocation(of: NearEdge.self, capacity: p.vertexCount) { ep -> Outcome in
            withUnsafeTemporaryAllocation(of: NearEdge.self, capacity: q.vertexCount) { eq -> Outcome in
                let np = NearEdge.collect(p, near: box, into: ep), nq = NearEdge.collect(q, near: box, into: eq)
                guard np * nq <= limit else { return .uncertain }
                for i in 0..<np {
                    let e = ep[i]
                    for j in 0..<nq {
                        let f = eq[j]
                        if e.maxX < f.minX || f.maxX < e.minX || e.maxY < f.minY || f.maxY < e.minY { continue }
                        switch Planar.relation(e.a, e.b, f.a, f.b) {
                        case .disjoint, .touch: continue
                        case .twin: ep[i].free = false; eq[j].free = false
                        case .same, .cross: return .overlap
                        case .uncertain: return .uncertain
                        }
                    }
                }
                // Each free edge lies wholly inside or outside the other polygon: q's first, then p's.
                if let found = freeEdges(eq, nq, against: p, limit: limit) { return found }
                if let found = freeEdges(ep, np, against: q, limit: limit) { return found }
                return .apart
            }
        }
    }

    /// Where the free edges lie against the other polygon: nil when every one is outside it.
    private static func freeEdges(_ edges: UnsafeMutableBufferPointer<NearEdge>, _ count: Int, against other: OrientedRings, limit: Int) -> Outcome? {
        let work = count * other.vertexCount
        for k in 0..<count where edges[k].free {
            let m = Point((edges[k].a.x + edges[k].b.x) / 2, (edges[k].a.y + edges[k].b.y) / 2)
            guard m.x >= other.box.minX, m.x <= other.box.maxX, m.y >= other.box.minY, m.y <= other.box.maxY else { continue }
            if work > 16 * limit { return .uncertain }
            switch Planar.locate(m, in: other.rings) {
            case .outside: continue
            case .inside: return .overlap
            case nil: return .uncertain
            }
        }
        return nil
    }

    /// An edge near the other polygon, with its box, and whether no reversed twin has claimed it.
    private struct NearEdge {
        var a, b: Point
        var minX, maxX, minY, maxY: Double
        var free = true

        /// Writes the edges of `r` whose boxes meet `box` into `out` (room for every vertex), in ring order;
        /// returns how many.
        static func collect(_ r: OrientedRings, near box: Envelope, into out: UnsafeMutableBufferPointer<NearEdge>) -> Int {
            var n = 0
            for ring in r.rings {
                for k in 1..<ring.count {
                    let a = ring[k - 1], b = ring[k]
                    let e = NearEdge(a: a, b: b, minX: min(a.x, b.x), maxX: max(a.x, b.x), minY: min(a.y, b.y), maxY: max(a.y, b.y))
                    if e.maxX < box.minX || e.minX > box.maxX || e.maxY < box.minY || e.minY > box.maxY { continue }
                    out[n] = e
                    n += 1
                }
            }
            return n
        }
    }
}

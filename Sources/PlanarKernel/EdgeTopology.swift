import Foundation
import Geo

/// A polygon as rings oriented with the interior on the left of every edge (shells counter-clockwise, holes
/// clockwise), repeated consecutive vertices dropped: the form the edge tests of overlaps and gaps work on.
package struct OrientedRings: Sendable {
    var rings: [[Point]]
    package var box: Envelope

    /// The number of vertices of every ring together (each ring's closing vertex included).
    var vertexCount: Int { rings.reduce(0) { $0 + $1.count } }

    package init?(_ polygons: [PolygonRings]) {
        var out: [[Point]] = []
        for polygon in polygons {
            for (n, raw) in polygon.rings.enumerated() {
                var ring: [Point] = []
                ring.reserveCapacity(raw.count)
                for p in raw where ring.last != p { ring.append(p) }
                if ring.count > 1, ring.first != ring.last { ring.append(ring[0]) }
                guard ring.count >= 4 else { continue }
                let area = Planar.signedArea2(ring)
                if (n == 0) != (area > 0) { ring.reverse() }
                out.append(ring)
            }
        }
        guard !out.isEmpty, let envelope = Envelope([PolygonRings(rings: out)]) else { return nil }
        rings = out
        box = envelope
    }
}

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

/// The union of polygons that form a clean coverage (neighbours share reversed edges exactly, no overlaps), built
/// from their edges: edges shared by two polygons cancel, the rest are the union's boundary, traced into rings.
/// Rings with the interior on the left are shells when counter-clockwise and holes when clockwise.
package enum CoverageUnion {
    private struct Edge: Hashable {
        var a: Point
        var b: Point
    }

    /// The union, or nil when the edges do not form clean rings or the union's area is not the items' area (GEOS
    /// then unites them).
    package static func unionKeepingArea(_ items: [OrientedRings]) -> [PolygonRings]? {
        guard let polygons = union(items) else { return nil }
        let expected = items.reduce(0.0) { $0 + Planar.signedArea2Total($1.rings) }
        let got = polygons.reduce(0.0) { $0 + Planar.signedArea2Total($1.rings) }
        return abs(got - expected) <= 1e-9 * abs(expected) ? polygons : nil
    }

    /// The union as polygons, or nil when the edges do not form clean rings (GEOS then unites them).
    static func union(_ items: [OrientedRings]) -> [PolygonRings]? {
        var table = EdgeSet(capacity: items.reduce(0) { $0 + $1.vertexCount })
        for item in items {
            for ring in item.rings {
                for k in 1..<ring.count {
                    let e = Edge(a: ring[k - 1], b: ring[k])
                    if !table.remove(Edge(a: e.b, b: e.a)) {
                        guard table.insert(e) else { return nil }   // the same edge twice: an overlap
                    }
                }
            }
        }
        let open = table.elements
        var outgoing: [Point: [Point]] = [:]
        var balance: [Point: Int] = [:]
        for e in open {
            outgoing[e.a, default: []].append(e.b)
            balance[e.a, default: 0] += 1
            balance[e.b, default: 0] -= 1
        }
        guard balance.values.allSatisfy({ $0 == 0 }) else { return nil }
        // Trace closed walks, then cut them at repeated vertices into simple loops.
        var loops: [[Point]] = []
        for start in open.sorted(by: { ($0.a.x, $0.a.y, $0.b.x, $0.b.y) < ($1.a.x, $1.a.y, $1.b.x, $1.b.y) }) {
            guard var nexts = outgoing[start.a], let i = nexts.firstIndex(of: start.b) else { continue }
            nexts.remove(at: i)
            outgoing[start.a] = nexts
            var walk = [start.a, start.b]
            var previous = start.a, current = start.b
            while current != start.a {
                guard let candidates = outgoing[current], !candidates.isEmpty else { return nil }
                let k = candidates.count == 1 ? 0 : mostLeft(from: previous, at: current, candidates)
                var rest = candidates
                let next = rest.remove(at: k)
                outgoing[current] = rest
                walk.append(next)
                (previous, current) = (current, next)
            }
            loops += split(walk)
        }
        var shells: [(ring: [Point], area: Double, box: Envelope, holes: [[Point]])] = []
        var holes: [[Point]] = []
        for loop in loops {
            let area = Planar.signedArea2(loop)
            if area > 0 {
                shells.append((loop, area, Envelope([PolygonRings(rings: [loop])])!, []))
            } else if area < 0 {
                holes.append(loop)
            } else {
                return nil
            }
        }
        let bySize = shells.indices.sorted { shells[$0].area < shells[$1].area }
        for hole in holes {
            let m = Point((hole[0].x + hole[1].x) / 2, (hole[0].y + hole[1].y) / 2)
            var owner: Int?
            for s in bySize where shells[s].box.minX <= m.x && m.x <= shells[s].box.maxX && shells[s].box.minY <= m.y && m.y <= shells[s].box.maxY {
                guard let where_ = Planar.locate(m, in: [shells[s].ring]) else { return nil }
                if where_ == .inside { owner = s; break }
            }
            guard let owner else { return nil }
            shells[owner].holes.append(hole)
        }
        return shells.map { PolygonRings(rings: [$0.ring] + $0.holes) }
    }

    /// Whether polygons traced from edges are sound where their pieces may not have been a clean coverage: no
    /// two edges of any rings meet but at a shared end (a vertex of one piece on its neighbour's edge, or an
    /// overlap, leaves edges running along or across each other), no ring of no width, no shell inside another.
    /// False when it cannot tell.
    package static func isSound(_ polygons: [PolygonRings]) -> Bool {
        var edges: [(a: Point, b: Point, minX: Double, maxX: Double, minY: Double, maxY: Double)] = []
        for polygon in polygons {
            for ring in polygon.rings {
                guard ring.count >= 4 else { return false }
                var perimeter = 0.0
                for k in 1..<ring.count {
                    let a = ring[k - 1], b = ring[k]
                    guard a != b, a.x.isFinite, a.y.isFinite, b.x.isFinite, b.y.isFinite else { return false }
                    perimeter += hypot(b.x - a.x, b.y - a.y)
                    edges.append((a, b, min(a.x, b.x), max(a.x, b.x), min(a.y, b.y), max(a.y, b.y)))
                }
                if abs(Planar.signedArea2(ring)) <= 1e-9 * perimeter * perimeter { return false }
            }
        }
        // Sweep along x: each edge against the edges that start before it ends.
        edges.sort { $0.minX < $1.minX }
        for i in edges.indices {
            let e = edges[i]
            var j = i + 1
            while j < edges.count, edges[j].minX <= e.maxX {
                let f = edges[j]
                j += 1
                if f.maxY < e.minY || e.maxY < f.minY { continue }
                switch Planar.relation(e.a, e.b, f.a, f.b) {
                case .disjoint, .touch: continue
                case .twin, .same, .cross, .uncertain: return false
                }
            }
        }
        // No shell inside another polygon (where their edges never meet): a point of each shell's first edge.
        let boxes = polygons.map { Envelope([$0]) }
        for (k, polygon) in polygons.enumerated() {
            guard let box = boxes[k] else { return false }
            let a = polygon.rings[0][0], b = polygon.rings[0][1]
            let m = Point((a.x + b.x) / 2, (a.y + b.y) / 2)
            for (n, other) in polygons.enumerated() where n != k {
                guard let o = boxes[n], o.minX <= box.minX, box.maxX <= o.maxX, o.minY <= box.minY, box.maxY <= o.maxY else { continue }
                if Planar.locate(m, in: other.rings) != .outside { return false }
            }
        }
        return true
    }

    /// A set of directed edges for the cancelling above, where Swift's `Set` (SipHash over four coordinates) was
    /// most of the union's time: open addressing with linear probing and backward-shift removal, hashed from the
    /// coordinates' bits (−0 taken as 0, as `==` does). Holds at most `capacity` edges.
    private struct EdgeSet {
        private var slots: [Edge]
        private var used: [Bool]
        private let mask: Int

        init(capacity: Int) {
            var size = 16
            while size < 2 * capacity { size *= 2 }
            slots = [Edge](repeating: Edge(a: Point(0, 0), b: Point(0, 0)), count: size)
            used = [Bool](repeating: false, count: size)
            mask = size - 1
        }

        @inline(__always)
        private func home(_ e: Edge) -> Int {
            var h: UInt64 = 0x9E37_79B9_7F4A_7C15
            h = Self.mix(h, e.a.x); h = Self.mix(h, e.a.y); h = Self.mix(h, e.b.x); h = Self.mix(h, e.b.y)
            h = (h ^ (h >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int(truncatingIfNeeded: h ^ (h >> 31)) & mask
        }

        @inline(__always)
        private static func mix(_ h: UInt64, _ v: Double) -> UInt64 {
            let z = (h ^ (v + 0).bitPattern) &* 0xBF58_476D_1CE4_E5B9
            return z ^ (z >> 31)
        }

        /// Adds the edge; false when it is there already.
        mutating func insert(_ e: Edge) -> Bool {
            var i = home(e)
            while used[i] {
                if slots[i] == e { return false }
                i = (i + 1) & mask
            }
            slots[i] = e
            used[i] = true
            return true
        }

        /// Takes the edge out; false when it was not there.
        mutating func remove(_ e: Edge) -> Bool {
            var i = home(e)
            while true {
                guard used[i] else { return false }
                if slots[i] == e { break }
                i = (i + 1) & mask
            }
            // Shift back the entries after it that would no longer be found past the emptied slot.
            used[i] = false
            var j = i
            while true {
                j = (j + 1) & mask
                guard used[j] else { return true }
                let k = home(slots[j])
                let stays = i <= j ? (i < k && k <= j) : (i < k || k <= j)
                if stays { continue }
                slots[i] = slots[j]
                used[i] = true
                used[j] = false
                i = j
            }
        }

        /// The edges held, in slot order.
        var elements: [Edge] { slots.indices.filter { used[$0] }.map { slots[$0] } }
    }

    /// The candidate turning furthest left coming from `previous` through `current`.
    private static func mostLeft(from previous: Point, at current: Point, _ candidates: [Point]) -> Int {
        let dx = current.x - previous.x, dy = current.y - previous.y
        var best = 0, bestAngle = -Double.infinity
        for (k, c) in candidates.enumerated() {
            let ex = c.x - current.x, ey = c.y - current.y
            let angle = atan2(dx * ey - dy * ex, dx * ex + dy * ey)
            if angle > bestAngle { (best, bestAngle) = (k, angle) }
        }
        return best
    }

    /// Cuts a closed walk into simple closed loops at the vertices it visits more than once.
    private static func split(_ walk: [Point]) -> [[Point]] {
        var loops: [[Point]] = []
        var stack: [Point] = []
        var position: [Point: Int] = [:]
        for v in walk {
            if let i = position[v] {
                loops.append(Array(stack[i...]) + [v])
                for u in stack[(i + 1)...] { position[u] = nil }
                stack.removeSubrange((i + 1)...)
            } else {
                position[v] = stack.count
                stack.append(v)
            }
        }
        return loops
    }
}

/// Whether a polygon lies inside another, decided from their edges where that is certain: the common case of a
/// sub-compartment inside a township piece whose boundary it shares exactly.
///
/// Every edge of the inner polygon must lie on the outer one's boundary in the same direction (both interiors on
/// the same side) or strictly inside it, and no free edge of the outer polygon near it may lie inside the inner one
/// (a hole of the outer polygon inside it). A reversed shared edge or a crossing means it is not inside; collinear
/// contact and near-degenerate cases are left to GEOS.
package enum ContainmentTest {
    package enum Outcome { case inside, notInside, uncertain }

    package static func test(_ s: OrientedRings, in t: OrientedRings, limit: Int = 8_192) -> Outcome {
        guard s.box.minX >= t.box.minX, s.box.maxX <= t.box.maxX, s.box.minY >= t.box.minY, s.box.maxY <= t.box.maxY else { return .notInside }
        var es: [(Point, Point)] = []
        for ring in s.rings { for k in 1..<ring.count { es.append((ring[k - 1], ring[k])) } }
        var et: [(Point, Point)] = []
        for ring in t.rings {
            for k in 1..<ring.count {
                let a = ring[k - 1], b = ring[k]
                if max(a.x, b.x) < s.box.minX || min(a.x, b.x) > s.box.maxX || max(a.y, b.y) < s.box.minY || min(a.y, b.y) > s.box.maxY { continue }
                et.append((a, b))
            }
        }
        guard es.count * et.count <= limit else { return .uncertain }
        var sFree = [Bool](repeating: true, count: es.count), tFree = [Bool](repeating: true, count: et.count)
        for i in es.indices {
            for j in et.indices {
                switch Planar.relation(es[i].0, es[i].1, et[j].0, et[j].1) {
                case .disjoint, .touch: continue
                case .same: sFree[i] = false; tFree[j] = false
                case .twin, .cross: return .notInside
                case .uncertain: return .uncertain
                }
            }
        }
        let work = es.count * t.rings.reduce(0) { $0 + $1.count }
        if work > 16 * limit { return .uncertain }
        for i in es.indices where sFree[i] {
            let m = Point((es[i].0.x + es[i].1.x) / 2, (es[i].0.y + es[i].1.y) / 2)
            switch Planar.locate(m, in: t.rings) {
            case .inside: continue
            case .outside: return .notInside
            case nil: return .uncertain
            }
        }
        for j in et.indices where tFree[j] {
            let m = Point((et[j].0.x + et[j].1.x) / 2, (et[j].0.y + et[j].1.y) / 2)
            guard m.x >= s.box.minX, m.x <= s.box.maxX, m.y >= s.box.minY, m.y <= s.box.maxY else { continue }
            switch Planar.locate(m, in: s.rings) {
            case .outside: continue
            case .inside: return .notInside
            case nil: return .uncertain
            }
        }
        return .inside
    }
}

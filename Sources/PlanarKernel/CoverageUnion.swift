import Foundation
import Geo

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

    /// The union of polygons meant to form a clean coverage: traced from their edges where they do, GEOS's overlay
    /// union where they do not (or where tracing would change the area).
    package static func unite(_ items: [[PolygonRings]], context: GEOSContext) throws -> [PolygonRings] {
        let oriented = items.compactMap { OrientedRings($0) }
        if oriented.count == items.count, let union = unionKeepingArea(oriented) { return union }
        return try Geometry.union(items.map { try Geometry(wkb: WKB(polygons: $0), context: context) }, context: context).wkb.polygons()
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

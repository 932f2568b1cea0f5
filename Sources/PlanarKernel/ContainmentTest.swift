import Foundation
import Geo

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

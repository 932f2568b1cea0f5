import Foundation
import Geo

/// How far the rings of a polygon reach from a line: the greatest distance of any point of the rings from the
/// nearest of a set of segments (a township's boundary), found to within a precision.
///
/// Along a straight edge the distance from one segment is convex, so on a part of an edge from a to b no point is
/// farther from the segments than the least, over the segments, of the larger of a's and b's distances from that
/// segment. Edges are halved until no part can beat the largest distance found by more than the precision: exact at
/// vertices, and between them wherever the greatest distance lies (the middle of a straight sub-compartment edge
/// beside a boundary drawn a few metres off, at the boundary's vertex).
package enum FarthestReach {
    /// A segment of the line reached from.
    package struct Segment: Sendable {
        package var a: Point
        package var b: Point

        package init(_ a: Point, _ b: Point) {
            self.a = a
            self.b = b
        }
    }

    /// The greatest distance of a point of `rings` from the nearest of `segments` (0 without segments).
    package static func distance(of rings: [[Point]], from segments: [Segment], precision: Double) -> Double {
        guard !segments.isEmpty else { return 0 }
        return segments.withUnsafeBufferPointer { segments in
            func nearest(_ p: Point) -> Double {
                var best = Double.infinity
                for k in 0..<segments.count { best = min(best, Planar.squaredDistance(p, segments[k].a, segments[k].b)) }
                return best.squareRoot()
            }
            /// No point between a and b is farther than this.
            func bound(_ a: Point, _ b: Point) -> Double {
                var best = Double.infinity
                for k in 0..<segments.count {
                    let s = segments[k]
                    best = min(best, max(Planar.squaredDistance(a, s.a, s.b), Planar.squaredDistance(b, s.a, s.b)))
                }
                return best.squareRoot()
            }
            var farthest = 0.0
            var parts: [(a: Point, b: Point)] = []
            for ring in rings where ring.count > 1 {
                for k in ring.indices {
                    farthest = max(farthest, nearest(ring[k]))
                    if k > 0 { parts.append((ring[k - 1], ring[k])) }
                }
            }
            // Halved a round at a time, all edges together, so the largest distance grows before most are halved.
            while !parts.isEmpty {
                var halves: [(a: Point, b: Point)] = []
                for e in parts where bound(e.a, e.b) > farthest + precision {
                    let middle = Point((e.a.x + e.b.x) / 2, (e.a.y + e.b.y) / 2)
                    farthest = max(farthest, nearest(middle))
                    halves += [(e.a, middle), (middle, e.b)]
                }
                parts = halves
            }
            return farthest
        }
    }

    /// The segments of `rings` that come within `box`.
    package static func segments(of rings: [[Point]], within box: Envelope) -> [Segment] {
        var found: [Segment] = []
        for ring in rings where ring.count > 1 {
            for k in 1..<ring.count {
                let a = ring[k - 1], b = ring[k]
                guard max(a.x, b.x) >= box.minX, min(a.x, b.x) <= box.maxX, max(a.y, b.y) >= box.minY, min(a.y, b.y) <= box.maxY else { continue }
                found.append(Segment(a, b))
            }
        }
        return found
    }
}

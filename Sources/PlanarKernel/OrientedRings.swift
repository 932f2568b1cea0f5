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

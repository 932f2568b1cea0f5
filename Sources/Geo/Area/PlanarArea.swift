/// Planar area in the units of a projected CRS (square metres for Gauss-Kruger): shell minus holes, each ring
/// by the shoelace formula. Matches GEOS's `GEOSArea` on valid polygons.
public enum PlanarArea {
    public static func of(_ polygons: [PolygonRings]) -> Double {
        polygons.reduce(0) { total, p in
            guard let shell = p.rings.first else { return total }
            return total + abs(ringArea(shell)) - p.rings.dropFirst().reduce(0) { $0 + abs(ringArea($1)) }
        }
    }

    /// Signed area (positive counter-clockwise) by the shoelace formula — the one in forestmap; coordinates are
    /// shifted to the first vertex to keep precision. Inlinable, so each caller gets it specialised for its
    /// collection.
    @inlinable
    public static func ringArea<R: RandomAccessCollection>(_ ring: R) -> Double where R.Element == Point, R.Index == Int {
        guard ring.count >= 3 else { return 0 }
        let x0 = ring[0].x, y0 = ring[0].y
        var sum = 0.0
        for i in 0..<(ring.count - 1) {
            let a = ring[i], b = ring[i + 1]
            sum += (a.x - x0) * (b.y - y0) - (b.x - x0) * (a.y - y0)
        }
        let last = ring[ring.count - 1]
        sum += (last.x - x0) * (ring[0].y - y0) - (ring[0].x - x0) * (last.y - y0)
        return sum / 2
    }
}

import Geo
import PlanarKernel

/// A township tile's rings and edge boxes (乡镇分块轮廓), for settling most "does this tile contain the
/// sub-compartment" questions without GEOS: a polygon whose box meets no edge of the tile lies wholly inside it or
/// wholly outside, and one vertex of each part tells which.
struct TileOutline {
    let rings: [[Point]]
    /// The edges' boxes, sorted by their west side.
    private let minX: [Double], maxX: [Double], minY: [Double], maxY: [Double]

    init(_ polygons: [PolygonRings]) {
        rings = polygons.flatMap(\.rings)
        var boxes: [(Double, Double, Double, Double)] = []
        for ring in rings where ring.count > 1 {
            for k in 1..<ring.count {
                let a = ring[k - 1], b = ring[k]
                boxes.append((min(a.x, b.x), max(a.x, b.x), min(a.y, b.y), max(a.y, b.y)))
            }
        }
        boxes.sort { $0.0 < $1.0 }
        minX = boxes.map(\.0)
        maxX = boxes.map(\.1)
        minY = boxes.map(\.2)
        maxY = boxes.map(\.3)
    }

    /// Whether some edge's box meets the box (edges included).
    func meets(_ box: Envelope) -> Bool {
        for k in minX.indices {
            if minX[k] > box.maxX { return false }
            if maxX[k] >= box.minX, minY[k] <= box.maxY, maxY[k] >= box.minY { return true }
        }
        return false
    }

    /// Whether the tile (its box `envelope`) contains a polygon with vertex box `box`, as GEOS's `contains` would
    /// answer: true or false when certain, nil when the polygon comes near the tile's edges (ask GEOS).
    func contains(_ polygon: WKB, box: Envelope, envelope: Envelope) -> Bool? {
        guard envelope.contains(box) else { return false }
        if meets(box) { return nil }
        var answer: Bool? = true
        do {
            try polygon.forEachRing { isShell, ring in
                guard isShell, answer == true, let p = ring.first else { return }
                switch Planar.locate(p, in: rings) {
                case .inside: break
                case .outside: answer = false
                case nil: answer = nil
                }
            }
        } catch { return nil }
        return answer
    }
}

import Geo

/// The ring-city forest belt (环城林带, docs/domain.md §6): a protected green belt around the city. Here an annulus
/// around the district's urban centre, 0.28–0.46 district radii from it with a smooth ±4% wobble: a band about
/// 3 km wide through the townships around the town, the town itself in the hole.
struct SynthBelt: Sendable {
    let centre: Point
    let innerRadius: Double
    let outerRadius: Double
    let seed: UInt64

    /// Vertices per ring.
    static let vertexCount = 720

    init(layout: DistrictLayout, seed: UInt64) {
        let grid = layout.grid
        let radius = layout.shape.radiusInCells * grid.cellSize
        let urban = layout.shape.urbanPosition
        let centreX = grid.originX + (Double(layout.shape.half) + urban.x) * grid.cellSize
        let centreY = grid.originY + (Double(layout.shape.half) + urban.y) * grid.cellSize
        centre = Point(centreX.rounded(), centreY.rounded())
        innerRadius = 0.28 * radius
        outerRadius = 0.46 * radius
        self.seed = seed
    }

    /// The wobble factor in the direction (cx, cy) (a unit vector): smooth over about 30° of arc.
    private func wobble(_ cx: Double, _ cy: Double, ring: Int) -> Double {
        let noise = ValueNoise(seed: seed, stream: .belt, octaves: [(1, 1)])
        return 1 + 0.04 * (2 * noise.value(2 * cx + Double(10 * ring), 2 * cy) - 1)
    }

    /// The belt's boundary radius on ring 0 (outer) or 1 (inner) in the direction of (dx, dy).
    func boundary(_ dx: Double, _ dy: Double, ring: Int) -> Double {
        let d = (dx * dx + dy * dy).squareRoot()
        return (ring == 0 ? outerRadius : innerRadius) * wobble(dx / d, dy / d, ring: ring)
    }

    /// The belt polygon: the outer ring counter-clockwise, the inner ring (the city) clockwise as a hole.
    var rings: [[Point]] {
        // Unit directions by repeated rotation through 2π/720, cos and sin from their series: no libm call.
        let angle = 2 * Double.pi / Double(Self.vertexCount)
        var cosine = 1.0, sine = 0.0, term = 1.0
        for k in 1...12 {
            term *= angle / Double(k)
            switch k % 4 {
            case 1: sine += term
            case 2: cosine -= term
            case 3: sine -= term
            default: cosine += term
            }
        }
        var directions: [(Double, Double)] = []
        var (cx, cy) = (1.0, 0.0)
        for _ in 0..<Self.vertexCount {
            directions.append((cx, cy))
            (cx, cy) = (cx * cosine - cy * sine, cx * sine + cy * cosine)
        }
        func ring(_ r: Int) -> [Point] {
            var points = directions.map { d -> Point in
                let radius = boundary(d.0, d.1, ring: r)
                return Point(centre.x + radius * d.0, centre.y + radius * d.1)
            }
            points.append(points[0])
            return r == 0 ? points : points.reversed()
        }
        return [ring(0), ring(1)]
    }

    enum Membership: UInt8, Sendable { case outside, inside, straddles }

    /// Whether a polygon's shell lies inside the belt, outside it, or across its edge (a margin of 0.2% of the
    /// radius, tens of metres, absorbs the polygon's straight edges and the belt's chords).
    func membership(_ ring: [Point]) -> Membership {
        var inside = 0, outside = 0
        for p in ring {
            let dx = p.x - centre.x, dy = p.y - centre.y
            let d = (dx * dx + dy * dy).squareRoot()
            // The wobble is at most 4%: clear cases need no noise.
            if d < innerRadius * 0.95 || d > outerRadius * 1.05 { outside += 1; continue }
            if d > innerRadius * 1.05 && d < outerRadius * 0.95 { inside += 1; continue }
            let outer = boundary(dx, dy, ring: 0), inner = boundary(dx, dy, ring: 1)
            if d > inner * 1.002 && d < outer * 0.998 { inside += 1 } else if d < inner * 0.998 || d > outer * 1.002 { outside += 1 }
        }
        if inside == ring.count { return .inside }
        if outside == ring.count {
            // All vertices outside: the polygon may still enclose a piece of the belt only if it spans it, which
            // cells (far smaller than the belt) cannot.
            return .outside
        }
        return .straddles
    }
}

import Geo
import ForestMapCore
import PlanarKernel

/// The township polygons: the exact outline of each township's first-year sub-compartments, and the layer "from
/// another department" whose boundaries differ from it by a few metres.
enum SynthTownshipLayers {
    /// The largest move of a boundary vertex in the other department's layer, per axis, metres (below the
    /// 5 m boundary tolerance of `forestmap check`).
    static let shiftPerAxis = 2.8
    /// Moves fade out over this distance from the district's edge, metres: the district outline is the same
    /// in both layers.
    static let taper = 200.0

    /// A township's outline: the coverage union of its first-year cells (shared edges are bit-identical, so the
    /// union adds no vertex and its area is the sum of the parts'), shells counter-clockwise.
    static func dissolved(_ layout: DistrictLayout, rings: SynthRings, _ slots: Range<Int>) throws -> [PolygonRings] {
        let context = GEOSContext()
        let parts = slots.map { [PolygonRings(rings: [rings.ring(cell: Int(layout.cell[$0]))])] }
        return SynthWKB.orientedRings(try CoverageUnion.unite(parts, context: context))
    }

    /// The other department's townships: every vertex moved by a smooth field of up to `shiftPerAxis` on each
    /// axis (a function of its position, so boundaries two townships share move together and the layer stays a
    /// clean partition), fading to nothing at the district's edge.
    static func otherDepartment(_ townships: [[PolygonRings]], seed: UInt64) throws -> [[PolygonRings]] {
        let context = GEOSContext()
        let outline = try CoverageUnion.unite(townships, context: context)
        var segments: [(Point, Point)] = []
        for polygon in outline {
            for ring in polygon.rings {
                for k in 0..<(ring.count - 1) { segments.append((ring[k], ring[k + 1])) }
            }
        }
        let index = SpatialIndex(boxes: segments.map {
            Envelope(minX: min($0.0.x, $0.1.x), minY: min($0.0.y, $0.1.y), maxX: max($0.0.x, $0.1.x), maxY: max($0.0.y, $0.1.y))
        })
        let noiseX = ValueNoise(seed: seed, stream: .townshipShiftX, octaves: [(1_200, 0.6), (400, 0.4)])
        let noiseY = ValueNoise(seed: seed, stream: .townshipShiftY, octaves: [(1_200, 0.6), (400, 0.4)])
        func distanceToEdge(_ p: Point) -> Double {
            let box = Envelope(minX: p.x - taper, minY: p.y - taper, maxX: p.x + taper, maxY: p.y + taper)
            var best = taper
            for k in index.query(box) {
                let (a, b) = segments[k]
                best = min(best, Planar.squaredDistance(p, a, b).squareRoot())
            }
            return best
        }
        var cache: [Point: Point] = [:]
        func moved(_ p: Point) -> Point {
            if let m = cache[p] { return m }
            let fade = distanceToEdge(p) / taper
            let m = Point(p.x + fade * shiftPerAxis * (2 * noiseX.value(p.x, p.y) - 1),
                          p.y + fade * shiftPerAxis * (2 * noiseY.value(p.x, p.y) - 1))
            cache[p] = m
            return m
        }
        let result = townships.map { polygons in polygons.map { PolygonRings(rings: $0.rings.map { $0.map(moved) }) } }
        for (k, polygons) in result.enumerated() {
            if let problem = try Geometry(wkb: WKB(polygons: polygons), context: context).invalidity {
                throw ForestMapError(.internalFailure, "synth: township #\(k + 1) became invalid when its boundary moved: \(problem.reason)")
            }
        }
        return result
    }
}

import Foundation
import Geo

/// Ellipsoidal areas fast enough for every feature, overlap, gap and overlay piece of a large layer.
///
/// The areal scale s (square metres by the configured method per square layer unit) is computed exactly
/// (`AreaCalculator` on a square half a cell wide) at the nodes of a 32 × 32 grid over the layer's extent and
/// interpolated by cubic polynomials through the 4 × 4 nearest nodes, with its first and second derivatives. In a
/// Gauss-Krüger zone it varies smoothly, with the square of the distance from the central meridian, so the
/// interpolation is exact to rounding. A polygon's area is then its planar (shoelace) area times s at its area
/// centroid, plus the second-order terms (`measured`): the scale's change across the polygon and the bend of the
/// geodesic edges in the projection. For sub-compartments up to 2 km across this agrees with the geodesic area of
/// `AreaCalculator` to about 1e-10 relative (tested to 1e-9). With the planar method on a projected CRS the scale
/// is 1; in a geographic CRS (not conformal) only the first term is used.
package struct AreaScale: Sendable {
    private let extent: Envelope
    private let steps: Int
    /// (steps + 1)² node values, row by row; empty when the scale is 1 everywhere.
    private let nodes: [Double]
    /// 2 km in layer units: `measures` leaves larger polygons to the exact calculator.
    private let largest: Double
    /// A projected CRS, taken as conformal (Gauss-Krüger): edges get the geodesic bend correction.
    private let conformal: Bool

    package init(extent: Envelope, method: AreaMethod, crsWKT: String, label: String) throws {
        self.extent = extent
        let srs = try SpatialReference(definition: crsWKT)
        conformal = srs.isProjected
        if method == .planar {
            _ = try AreaCalculator(method: .planar, spatialReference: srs, layerLabel: label)   // refuses a geographic CRS
            steps = 0
            nodes = []
            largest = .infinity
            return
        }
        steps = 32
        _ = try AreaCalculator(method: method, spatialReference: srs, layerLabel: label)   // its errors, on this thread
        let width = max(extent.maxX - extent.minX, 1e-9), height = max(extent.maxY - extent.minY, 1e-9)
        // A square half a grid cell wide (at least a millionth of the extent) centred on a node measures the scale
        // there: its geodesic area is the scale at its centre times its planar area to fourth order (the scale's
        // curvature and the bend of its edges cancel on a square), and it is large enough that the geodesic
        // area's rounding (about 1e-5 m²) stays far below a millionth of a millionth.
        let side = max(min(width, height) / Double(steps) / 2, max(width, height) * 1e-6)
        // The grid's rows are measured in parallel, each task with its own calculator (PROJ objects stay on one
        // thread); every node's value depends on its position alone.
        let steps = self.steps
        let rows = try ParallelJobs.map(jobs: steps + 1, threads: nil, state: {
            try AreaCalculator(method: method, spatialReference: SpatialReference(definition: crsWKT), layerLabel: label)
        }) { calculator, r in
            try (0...steps).map { c in
                let x = extent.minX + width * Double(c) / Double(steps) - side / 2
                let y = extent.minY + height * Double(r) / Double(steps) - side / 2
                let square = PolygonRings(rings: [[Point(x, y), Point(x + side, y), Point(x + side, y + side), Point(x, y + side), Point(x, y)]])
                return try calculator.squareMetres([square]) / (side * side)
            }
        }
        let values = rows.flatMap { $0 }
        nodes = values
        largest = 2_000 / values[(steps / 2) * (steps + 1) + steps / 2].squareRoot()
    }

    /// Whether polygons are measured well by their centroid's scale: their centroid lies on the grid (within a
    /// millionth of the extent; outside it the scale is extrapolated) and they are at most 2 km across (the scale's
    /// change across a 2 km polygon costs about 1e-8 of its area). Larger ones need the exact calculator.
    func measures(_ m: PlanarMoments) -> Bool {
        guard let box = m.envelope, box.maxX - box.minX <= largest, box.maxY - box.minY <= largest else { return false }
        let p = m.centroid
        let mx = (extent.maxX - extent.minX) * 1e-6, my = (extent.maxY - extent.minY) * 1e-6
        return p.x >= extent.minX - mx && p.x <= extent.maxX + mx && p.y >= extent.minY - my && p.y <= extent.maxY + my
    }

    /// The areal scale at a point (clamped to the extent).
    func scale(at p: Point) -> Double {
        guard !nodes.isEmpty else { return 1 }
        let width = max(extent.maxX - extent.minX, 1e-9), height = max(extent.maxY - extent.minY, 1e-9)
        let u = min(max((p.x - extent.minX) / width * Double(steps), 0), Double(steps))
        let v = min(max((p.y - extent.minY) / height * Double(steps), 0), Double(steps))
        // The 4 × 4 nodes around the point: columns c-1...c+2, rows r-1...r+2, kept inside the grid.
        let c = min(max(Int(u), 1), steps - 2), r = min(max(Int(v), 1), steps - 2)
        let wu = Self.cubicWeights(u - Double(c)), wv = Self.cubicWeights(v - Double(r))
        let row = steps + 1
        var sum = 0.0
        for j in 0..<4 {
            let base = (r - 1 + j) * row + c - 1
            sum += wv[j] * (wu[0] * nodes[base] + wu[1] * nodes[base + 1] + wu[2] * nodes[base + 2] + wu[3] * nodes[base + 3])
        }
        return sum
    }

    /// The areal scale at a point (clamped to the extent) with its first and second derivatives per layer unit.
    func local(at p: Point) -> (s: Double, x: Double, y: Double, xx: Double, xy: Double, yy: Double) {
        guard !nodes.isEmpty else { return (1, 0, 0, 0, 0, 0) }
        let width = max(extent.maxX - extent.minX, 1e-9), height = max(extent.maxY - extent.minY, 1e-9)
        let u = min(max((p.x - extent.minX) / width * Double(steps), 0), Double(steps))
        let v = min(max((p.y - extent.minY) / height * Double(steps), 0), Double(steps))
        let c = min(max(Int(u), 1), steps - 2), r = min(max(Int(v), 1), steps - 2)
        let tu = u - Double(c), tv = v - Double(r)
        let wu = Self.cubicWeights(tu), wv = Self.cubicWeights(tv)
        let du = Self.cubicSlopes(tu), dv = Self.cubicSlopes(tv), ddu = Self.cubicCurvatures(tu), ddv = Self.cubicCurvatures(tv)
        let row = steps + 1
        var s = 0.0, su = 0.0, sv = 0.0, suu = 0.0, suv = 0.0, svv = 0.0
        for j in 0..<4 {
            let base = (r - 1 + j) * row + c - 1
            let n = SIMD4(nodes[base], nodes[base + 1], nodes[base + 2], nodes[base + 3])
            let along = (wu * n).sum(), slope = (du * n).sum(), bend = (ddu * n).sum()
            s += wv[j] * along
            su += wv[j] * slope
            sv += dv[j] * along
            suu += wv[j] * bend
            suv += dv[j] * slope
            svv += ddv[j] * along
        }
        let kx = Double(steps) / width, ky = Double(steps) / height
        return (s, su * kx, sv * ky, suu * kx * kx, suv * kx * ky, svv * ky * ky)
    }

    /// Lagrange weights of the cubic through nodes at -1, 0, 1, 2, at t.
    private static func cubicWeights(_ t: Double) -> SIMD4<Double> {
        let a = t + 1, b = t, c = t - 1, d = t - 2
        return SIMD4(-b * c * d / 6, a * c * d / 2, -a * b * d / 2, a * b * c / 6)
    }

    /// The weights' second derivatives in t.
    private static func cubicCurvatures(_ t: Double) -> SIMD4<Double> {
        SIMD4(1 - t, 3 * t - 2, 1 - 3 * t, t)
    }

    /// The weights' derivatives in t.
    private static func cubicSlopes(_ t: Double) -> SIMD4<Double> {
        let t2 = 3 * t * t
        return SIMD4(-(t2 - 6 * t + 2) / 6, (t2 - 4 * t - 1) / 2, -(t2 - 2 * t - 2) / 2, (t2 - 1) / 6)
    }

    /// Square metres of planar moments, to second order in the polygon's size: ∫ s dA over the straight-edged
    /// polygon (the scale at the centroid times the area, plus half its second derivatives times the second
    /// moments), plus what the geodesic edges add in a conformal projection: the geodesic through an edge's ends
    /// curves toward larger scale with curvature ∇s / 2s across the edge, which moves κL³/12 of planar area for
    /// an edge of length L, κ taken at the edge's midpoint.
    private func measured(_ m: PlanarMoments) -> Double {
        guard conformal else { return m.area * scale(at: m.centroid) }
        let l = local(at: m.centroid), i = m.secondMoments, t = m.bendMoments
        let spread = (l.xx * i.xx + 2 * l.xy * i.xy + l.yy * i.yy) / 2
        let bend = (l.x * m.bend.x + l.y * m.bend.y + l.xx * t.xx + l.xy * (t.xy + t.yx) + l.yy * t.yy) / 24
        return m.area * l.s + spread + bend
    }

    /// The area of polygons in square metres (holes subtracted).
    package func squareMetres(_ polygons: [PolygonRings]) -> Double {
        guard !nodes.isEmpty else { return PlanarArea.of(polygons) }
        return measured(PlanarMoments(polygons))
    }

    /// The area in square metres of polygons `measures` accepts (a Polygon or MultiPolygon read straight from its
    /// WKB, or rings); nil for others (the caller measures them exactly).
    func squareMetres(_ wkb: WKB) throws -> Double? {
        squareMetres(try PlanarMoments(wkb))
    }

    func squareMetres(_ m: PlanarMoments) -> Double? {
        guard !nodes.isEmpty else { return m.area }
        return measures(m) ? measured(m) : nil
    }
}

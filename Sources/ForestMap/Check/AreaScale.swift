import Foundation
import Geo

/// Areas by the configured method, fast enough for every feature, overlap and gap of a large layer.
///
/// A polygon's area is its planar (shoelace) area in the layer's CRS times the local areal scale: square metres by
/// the configured method per square layer unit. The scale is computed exactly (`AreaCalculator` on a small square)
/// at the nodes of a 64 × 64 grid over the layer's extent and interpolated bilinearly at the polygon's centre. It
/// varies smoothly (in a Gauss-Krüger zone with the square of the distance from the central meridian), so for
/// polygons the size of sub-compartments the result agrees with the exact ellipsoidal area to far better than a
/// millionth. With the planar method on a projected CRS the scale is 1.
struct AreaScale: Sendable {
    private let extent: Envelope
    private let steps: Int
    /// (steps + 1)² node values, row by row; empty when the scale is 1 everywhere.
    private let nodes: [Double]

    init(extent: Envelope, method: AreaMethod, crsWKT: String, label: String) throws {
        self.extent = extent
        let srs = try SpatialReference(definition: crsWKT)
        if method == .planar {
            _ = try AreaCalculator(method: .planar, spatialReference: srs, layerLabel: label)   // refuses a geographic CRS
            steps = 0
            nodes = []
            return
        }
        steps = 64
        let calculator = try AreaCalculator(method: method, spatialReference: srs, layerLabel: label)
        let width = max(extent.maxX - extent.minX, 1e-9), height = max(extent.maxY - extent.minY, 1e-9)
        // A square a tenth of a grid cell wide (at least a millionth of the extent) measures the scale at a node.
        let side = max(min(width, height) / Double(steps) / 10, max(width, height) * 1e-6)
        var values: [Double] = []
        values.reserveCapacity((steps + 1) * (steps + 1))
        for r in 0...steps {
            for c in 0...steps {
                let x = extent.minX + width * Double(c) / Double(steps) - side / 2
                let y = extent.minY + height * Double(r) / Double(steps) - side / 2
                let square = PolygonRings(rings: [[Point(x, y), Point(x + side, y), Point(x + side, y + side), Point(x, y + side), Point(x, y)]])
                values.append(try calculator.squareMetres([square]) / (side * side))
            }
        }
        nodes = values
    }

    /// The areal scale at a point (clamped to the extent).
    func scale(at p: Point) -> Double {
        guard !nodes.isEmpty else { return 1 }
        let width = max(extent.maxX - extent.minX, 1e-9), height = max(extent.maxY - extent.minY, 1e-9)
        let u = min(max((p.x - extent.minX) / width * Double(steps), 0), Double(steps))
        let v = min(max((p.y - extent.minY) / height * Double(steps), 0), Double(steps))
        let c = min(Int(u), steps - 1), r = min(Int(v), steps - 1)
        let fu = u - Double(c), fv = v - Double(r)
        let row = steps + 1
        let a = nodes[r * row + c], b = nodes[r * row + c + 1], d = nodes[(r + 1) * row + c], e = nodes[(r + 1) * row + c + 1]
        return (a * (1 - fu) + b * fu) * (1 - fv) + (d * (1 - fu) + e * fu) * fv
    }

    /// The area of polygons in square metres (holes subtracted).
    func squareMetres(_ polygons: [PolygonRings]) -> Double {
        guard let box = Envelope(polygons) else { return 0 }
        return PlanarArea.of(polygons) * scale(at: Point(box.centreX, box.centreY))
    }
}

import Foundation
import Geo

/// The coordinates a layer's CRS can hold. A feature shifted by 1e15, or with an infinite or NaN coordinate, would
/// otherwise fail deep inside an area or a reprojection with neither file nor feature named, or give NaN figures.
///
/// Two tests: each point is finite and within a coarse bound (cheap, done as the features are read), and, for a
/// projected CRS, the box of the points PROJ can take to the CRS's geographic CRS (its corners and centre: the
/// projection's domain).
package struct CoordinateRange: Sendable {
    /// Largest absolute x and y: 540° and 90° in a geographic CRS; 100,000 km in a projected one (more than any map
    /// of the Earth, Gauss-Kruger zone prefix included).
    let maxX: Double
    let maxY: Double
    /// The bound in words, for messages.
    private let bound: String

    package init(geographic: Bool) {
        maxX = geographic ? 540 : 1e8
        maxY = geographic ? 90 + 1e-9 : 1e8
        bound = geographic ? "longitude beyond ±540° or latitude beyond ±90°" : "more than 100,000 km from the CRS's origin"
    }

    /// Why a point is out of range; nil when it is not.
    func problem(_ p: Point) -> String? {
        guard p.x.isFinite, p.y.isFinite else { return "coordinate (\(Self.text(p.x)), \(Self.text(p.y))) is not a finite number" }
        guard abs(p.x) <= maxX, abs(p.y) <= maxY else {
            return "coordinate (\(Self.text(p.x)), \(Self.text(p.y))) is out of range: \(bound)"
        }
        return nil
    }

    /// The first out-of-range point of a Polygon or MultiPolygon (its reason) and the box of its points (nil when it
    /// has none or a point is out of range). Throws what `WKB.forEachRing` throws for other geometries.
    func scan(_ wkb: WKB) throws -> (problem: String?, box: Envelope?) {
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        var finite = true
        try wkb.forEachRing { _, ring in
            for p in ring {
                minX = min(minX, p.x); maxX = max(maxX, p.x)
                minY = min(minY, p.y); maxY = max(maxY, p.y)
                finite = finite && p.x.isFinite && p.y.isFinite
            }
        }
        guard minX <= maxX && minY <= maxY || !finite else { return (nil, nil) }
        if finite, -minX <= self.maxX, maxX <= self.maxX, -minY <= self.maxY, maxY <= self.maxY {
            return (nil, Envelope(minX: minX, minY: minY, maxX: maxX, maxY: maxY))
        }
        var first: String?
        try wkb.forEachRing { _, ring in
            for p in ring where first == nil { first = problem(p) }
        }
        return (first, nil)
    }

    /// Why a box's corners and centre cannot be taken to the geographic CRS of `transform`'s source (outside the
    /// projection's domain); nil when they can.
    static func untransformable(_ box: Envelope, _ transform: CoordinateTransform) -> String? {
        var xs = [box.minX, box.maxX, box.maxX, box.minX, (box.minX + box.maxX) / 2]
        var ys = [box.minY, box.minY, box.maxY, box.maxY, (box.minY + box.maxY) / 2]
        do { try transform.transform(xs: &xs, ys: &ys) } catch let e as GeoError {
            return "coordinates from (\(text(box.minX)), \(text(box.minY))) to (\(text(box.maxX)), \(text(box.maxY))) are out of range: \(e.message)"
        } catch {
            return "coordinates from (\(text(box.minX)), \(text(box.minY))) to (\(text(box.maxX)), \(text(box.maxY))) are out of range: \(error)"
        }
        return nil
    }

    /// Why polygons are out of range, or nil: each point by `problem`, then (with `toGeographic`, from a projected
    /// CRS) their box by `untransformable`. For layers of a few features (township boundaries, red lines).
    package func problem(_ polygons: [PolygonRings], toGeographic: CoordinateTransform?) -> String? {
        for p in polygons { for ring in p.rings { for point in ring { if let problem = problem(point) { return problem } } } }
        guard let toGeographic, let box = Envelope(polygons) else { return nil }
        return Self.untransformable(box, toGeographic)
    }

    /// The transformation `untransformable` tests with: from a projected CRS to its geographic CRS; nil for others.
    package static func toGeographic(_ srs: SpatialReference) throws -> CoordinateTransform? {
        srs.isProjected ? try CoordinateTransform(from: srs, to: srs.geographic()) : nil
    }

    /// A coordinate for messages: three decimals, or six significant digits when it is huge.
    static func text(_ v: Double) -> String {
        guard v.isFinite else { return "\(v)" }
        return abs(v) < 1e9 ? String(format: "%.3f", v) : String(format: "%.6g", v)
    }
}

import Geo

/// Turns polygons into SVG path data for one map: simplified to half a pixel (GEOS topology-preserving
/// simplification, for drawing only), rounded to whole pixels and written as relative moves, so a district of
/// 100,000 sub-compartments still makes a file small enough to e-mail. A polygon too small to see becomes a symbol.
///
/// Owns a GEOS context: use it from one task.
final class MapShapes {
    /// A polygon as drawn.
    enum Shape {
        /// Path data ("M12 40l3-2 5 0z…"): draw with fill-rule evenodd, holes included.
        case outline(String)
        /// Too small to see at this scale: a symbol at this pixel (a point on the polygon's surface).
        case symbol(x: Int, y: Int)
    }

    let frame: MapFrame
    /// Below this many pixels across (the larger side of its box), a polygon is a symbol.
    let minimumPixels: Double
    private let context = GEOSContext()

    static let defaultMinimumPixels = 4.0

    init(frame: MapFrame, minimumPixels: Double = MapShapes.defaultMinimumPixels) {
        self.frame = frame
        self.minimumPixels = minimumPixels
    }

    /// The polygon (or multipolygon) as drawn.
    func shape(_ wkb: WKB) throws -> Shape {
        let geometry = try Geometry(wkb: wkb, context: context)
        guard let box = geometry.envelope else { return .outline("") }
        let a = frame.pixel(box.minX, box.minY), b = frame.pixel(box.maxX, box.maxY)
        let across = Double(max(abs(b.x - a.x), abs(b.y - a.y)))
        if across < minimumPixels { return try symbol(geometry) }
        let simple = try geometry.simplifiedPreservingTopology(tolerance: frame.halfPixel)
        let data = pathData(simple.polygonRings())
        return data.isEmpty ? try symbol(geometry) : .outline(data)
    }

    /// Path data of a polygon that is always drawn, however small (a township): "" when it has no area at all.
    func outline(_ wkb: WKB) throws -> String {
        let geometry = try Geometry(wkb: wkb, context: context)
        guard !geometry.isEmpty else { return "" }
        return pathData(try geometry.simplifiedPreservingTopology(tolerance: frame.halfPixel).polygonRings())
    }

    /// Where a label of the polygon goes: GEOS's point on its surface, as a pixel.
    func labelPoint(_ wkb: WKB) throws -> (x: Int, y: Int)? {
        let geometry = try Geometry(wkb: wkb, context: context)
        guard !geometry.isEmpty else { return nil }
        let p = try geometry.pointOnSurface()
        return frame.pixel(p.x, p.y)
    }

    private func symbol(_ geometry: Geometry) throws -> Shape {
        let p = try geometry.pointOnSurface()
        let px = frame.pixel(p.x, p.y)
        return .symbol(x: px.x, y: px.y)
    }

    /// Every ring in pixels: an absolute move to its first point, then relative lines, closed. A ring that
    /// collapses to fewer than three distinct pixels is left out.
    func pathData(_ polygons: [PolygonRings]) -> String {
        var out = ""
        for polygon in polygons {
            for ring in polygon.rings {
                var pixels: [(x: Int, y: Int)] = []
                pixels.reserveCapacity(ring.count)
                for point in ring {
                    let p = frame.pixel(point.x, point.y)
                    if let last = pixels.last, last == p { continue }
                    pixels.append(p)
                }
                if pixels.count > 1, pixels.first! == pixels.last! { pixels.removeLast() }
                guard pixels.count >= 3 else { continue }
                out += "M\(pixels[0].x) \(pixels[0].y)l"
                for i in 1..<pixels.count {
                    Self.append(pixels[i].x - pixels[i - 1].x, to: &out, first: i == 1)
                    Self.append(pixels[i].y - pixels[i - 1].y, to: &out, first: false)
                }
                out += "z"
            }
        }
        return out
    }

    /// A number in a path's list: a space separates it from the one before unless its minus sign does.
    private static func append(_ n: Int, to out: inout String, first: Bool) {
        if !first && n >= 0 { out += " " }
        out += String(n)
    }
}

@available(*, unavailable)
extension MapShapes: Sendable {}

import Foundation
import Geo

/// How wide a polygon is: its mean width (2 × area / perimeter, a strip's width, in layer units), whether it is
/// certainly wider than a width somewhere, its perimeter in metres; and local metres for a polygon in degrees.
/// The width rules of check (thin shapes), change (`[change] sliver_width_m`), update (the reason-97 merge) and the
/// township overlaps are built on these.
package enum PieceWidth {
    /// Metres per degree of latitude (and of longitude at the equator), for measures that need no more.
    package static let metresPerDegree = 111_320.0

    /// 2 × area / perimeter, in layer units.
    package static func mean(_ polygons: [PolygonRings]) -> Double {
        var perimeter = 0.0
        for p in polygons {
            for ring in p.rings where ring.count > 1 {
                for k in 1..<ring.count {
                    perimeter += hypot(ring[k].x - ring[k - 1].x, ring[k].y - ring[k - 1].y)
                }
            }
        }
        return perimeter > 0 ? 2 * PlanarArea.of(polygons) / perimeter : 0
    }

    /// Whether pieces are narrower on average than `width` (`[geometry] xy_tolerance_m` in layer units): the
    /// sliver two grids leave between edges that are one line on the ground (a geodatabase's and a GeoPackage's
    /// coordinates a fraction of a millimetre apart). Land is never a millimetre wide. A width of 0 finds none.
    package static func isNoise(_ polygons: [PolygonRings], narrowerThan width: Double) -> Bool {
        width > 0 && mean(polygons) < width
    }

    /// A polygon in longitude and latitude as local metres: an equirectangular projection at its first vertex,
    /// exact enough for a width test of a few metres.
    package static func localMetres(_ polygon: PolygonRings) -> PolygonRings {
        guard let origin = polygon.rings.first?.first else { return polygon }
        let cosine = cos(origin.y * .pi / 180)
        return PolygonRings(rings: polygon.rings.map { ring in
            ring.map { Point(($0.x - origin.x) * metresPerDegree * cosine, ($0.y - origin.y) * metresPerDegree) }
        })
    }

    /// Whether a polygon is certainly wider than `width` somewhere: its centroid lies inside it, farther than half
    /// the width (and a micrometre) from every edge. A disk that wide fits, so the negative buffer of the width
    /// rule leaves something (GEOS's buffer, its arcs drawn as chords, leaves at least as much). Most patches are
    /// told so without a buffer; for the rest (a strip, a crescent whose centroid falls outside) GEOS decides.
    package static func certainlyWider(_ polygon: PolygonRings, than width: Double) -> Bool {
        guard let shell = polygon.rings.first, shell.count >= 4 else { return false }
        // The shell's centroid, shifted to its first vertex for precision.
        let x0 = shell[0].x, y0 = shell[0].y
        var a2 = 0.0, cx = 0.0, cy = 0.0
        for k in 0..<(shell.count - 1) {
            let px = shell[k].x - x0, py = shell[k].y - y0, qx = shell[k + 1].x - x0, qy = shell[k + 1].y - y0
            let cross = px * qy - qx * py
            a2 += cross
            cx += (px + qx) * cross
            cy += (py + qy) * cross
        }
        guard a2 != 0 else { return false }
        let c = Point(x0 + cx / (3 * a2), y0 + cy / (3 * a2))
        guard Planar.locate(c, in: polygon.rings) == .inside else { return false }
        let reach = width / 2 + 1e-6, reach2 = reach * reach
        for ring in polygon.rings {
            for k in 1..<ring.count where Planar.squaredDistance(c, ring[k - 1], ring[k]) <= reach2 { return false }
        }
        return true
    }

    /// The perimeter in metres: planar in a projected CRS; in a geographic one, each edge scaled by the metres per
    /// degree at the polygon's mean latitude (ample for a thinness measure).
    package static func perimeterMetres(_ polygons: [PolygonRings], geographic: Bool) -> Double {
        var sx = 1.0, sy = 1.0
        if geographic {
            let ys = polygons.flatMap { $0.rings.first ?? [] }.map(\.y)
            let lat = ys.isEmpty ? 0 : ys.reduce(0, +) / Double(ys.count)
            sx = metresPerDegree * cos(lat * .pi / 180)
            sy = metresPerDegree
        }
        var total = 0.0
        for p in polygons {
            for ring in p.rings where ring.count > 1 {
                for k in 1..<ring.count {
                    total += hypot((ring[k].x - ring[k - 1].x) * sx, (ring[k].y - ring[k - 1].y) * sy)
                }
            }
        }
        return total
    }
}

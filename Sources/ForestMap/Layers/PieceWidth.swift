import Foundation
import Geo

/// How wide a piece of an overlay is on average: 2 × area / perimeter (a strip's width), in layer units.
enum PieceWidth {
    static func mean(_ polygons: [PolygonRings]) -> Double {
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
    static func isNoise(_ polygons: [PolygonRings], narrowerThan width: Double) -> Bool {
        width > 0 && mean(polygons) < width
    }
}

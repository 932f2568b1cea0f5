import Foundation
import Geo
import PlanarKernel

/// A sub-compartment whose polygon was used other than as stored (README "Geometry policy"): degenerate parts
/// dropped, or an invalid polygon repaired by GEOS's make-valid. Listed in `repaired.csv` with the area moved.
public struct GeometryRepair: Sendable, Hashable {
    public enum Kind: String, Sendable {
        /// Parts or holes with fewer than three distinct points or (almost) no area were dropped.
        case degenerateParts = "degenerate_parts"
        /// Invalid by a hair: the repair moved the area by at most `[geometry] repair_tolerance_m2` and kept one
        /// polygon per part.
        case repaired
        /// A material invalidity repaired because `--repair` asked for it.
        case repairedOnRequest = "repaired_on_request"
    }

    /// The sub-compartment's place in its layer.
    public var index: Int
    public var fid: Int64
    public var key: String
    public var kind: Kind
    /// What was wrong: GEOS's reason, or how many parts were dropped.
    public var reason: String
    /// How much the area changed, m² (unsigned).
    public var squareMetresMoved: Double
    /// Where (layer CRS): GEOS's location of the invalidity, when it gave one.
    public var point: Point?
}

/// GEOS's repair of one invalid polygon, and whether it is a hair or material.
package struct PolygonRepair {
    package var repaired: WKB
    package var squareMetresMoved: Double
    /// Edges that cross (a bow-tie, a ring crossing another), more than the tolerance moved, a part split or lost,
    /// or nothing left.
    package var material: Bool

    /// Repairs `wkb` (which GEOS found invalid); `squareMetresPerUnit` converts the layer's square units to m² (1 for
    /// a projected CRS in metres). First as ArcGIS's XY tolerance would: consecutive vertices closer than
    /// `[geometry] xy_tolerance_m` merged; when that leaves a valid polygon, it is the repair. Otherwise GEOS's
    /// make-valid, of the polygon with its vertices merged.
    package init(_ wkb: WKB, context: GEOSContext, squareMetresPerUnit: Double, settings: GeometrySettings) throws {
        let original = try wkb.polygons()
        let merged = Self.mergingNearVertices(original, within: settings.xyToleranceMetres / squareMetresPerUnit.squareRoot())
        let mergedGeometry = try Geometry(wkb: WKB(polygons: merged), context: context)
        let rings = merged != original && mergedGeometry.invalidity == nil ? merged : try mergedGeometry.madeValid().polygonRings()
        repaired = rings.isEmpty ? WKB([]) : WKB(polygons: rings)
        squareMetresMoved = abs(PlanarArea.of(rings) - PlanarArea.of(original)) * squareMetresPerUnit
        material = rings.isEmpty || rings.count != original.count || !(squareMetresMoved <= settings.repairToleranceSquareMetres)
            || Self.hasCrossingEdges(merged)
    }

    /// Each ring with every vertex closer than `distance` to the last one kept dropped (the closing vertex kept, so
    /// the ring stays closed); a ring left with fewer than four points is kept as it was.
    static func mergingNearVertices(_ polygons: [PolygonRings], within distance: Double) -> [PolygonRings] {
        let squared = distance * distance
        return polygons.map { p in
            PolygonRings(rings: p.rings.map { ring in
                guard var last = ring.first, ring.count > 4 else { return ring }
                var kept = [last]
                for (k, point) in ring.enumerated().dropFirst() {
                    let dx = point.x - last.x, dy = point.y - last.y
                    if k == ring.count - 1 {
                        if dx * dx + dy * dy < squared, kept.count > 1 { kept.removeLast() }
                        kept.append(point)
                    } else if dx * dx + dy * dy >= squared {
                        kept.append(point)
                        last = point
                    }
                }
                return kept.count >= 4 ? kept : ring
            })
        }
    }

    /// Whether two edges of a polygon's rings cross properly (at a point inside both): a bow-tie or a ring crossing
    /// another, which ArcGIS does not call simple either. Rings that only touch themselves or each other (at a
    /// vertex, or along a stretch where snapping put both sides on one line) are not crossing. Runs only on polygons
    /// GEOS found invalid.
    static func hasCrossingEdges(_ polygons: [PolygonRings]) -> Bool {
        for polygon in polygons {
            var edges: [(Point, Point)] = []
            for ring in polygon.rings where ring.count > 1 {
                for k in 1..<ring.count where ring[k - 1] != ring[k] { edges.append((ring[k - 1], ring[k])) }
            }
            for i in edges.indices {
                for j in (i + 1)..<edges.count where Planar.relation(edges[i].0, edges[i].1, edges[j].0, edges[j].1) == .cross {
                    return true
                }
            }
        }
        return false
    }

    /// m² per square unit of a layer: 1 for a projected CRS; for longitude/latitude, a degree's square at the
    /// layer's middle latitude (on the CGCS2000 ellipsoid's mean radius: a tolerance, not an area figure).
    static func squareMetresPerUnit(geographic: Bool, extent: Envelope?) -> Double {
        guard geographic else { return 1 }
        let latitude = extent.map { ($0.minY + $0.maxY) / 2 } ?? 0
        let metresPerDegree = 6_371_008.8 * Double.pi / 180
        let c = cos(min(89, abs(latitude.isFinite ? latitude : 0)) * Double.pi / 180)
        return metresPerDegree * metresPerDegree * c
    }
}

extension SubCompartmentLayer {
    /// A length in metres (a tolerance) in the layer's units: degrees at the layer's middle latitude.
    package func layerUnits(metres: Double) -> Double { metres / squareMetresPerUnit.squareRoot() }
}

import Foundation
import Geo
import PlanarKernel

/// 乡镇界线重叠: where the polygons of two different townships overlap. A township layer is meant to partition the
/// district; an overlap would count in both townships' land area.
///
/// An overlap wider than the boundary tolerance somewhere — shrunk by half the tolerance from every side (a
/// negative buffer, as the change sliver rule measures width), something is left — is a drawing error: `check`
/// reports it (`township_overlap`), `stats` and `change` refuse the layer. A narrower one is digitising noise
/// (another department's boundary a few metres off): `TownshipBoundaries.withoutOverlaps` gives it to one
/// township. Pieces that are numerical noise (no larger than `[check] min_problem_m2`, or narrower on average
/// than `xy_tolerance_m`) are no overlap at all.
package struct TownshipOverlap: Sendable {
    /// The `[check]` figures that judge an overlap.
    package struct Tolerances: Sendable, Hashable {
        /// `[check] boundary_tolerance_m`: an overlap wider than this somewhere is an error.
        var widthMetres = 5.0
        /// `[check] min_problem_m2` and `xy_tolerance_m`: smaller or thinner pieces are numerical noise.
        var noiseSquareMetres = 0.01
        var noiseWidthMetres = 0.001

        package init() {}

        package init(_ check: CheckSettings) {
            widthMetres = check.boundaryToleranceMetres
            noiseSquareMetres = check.minimumProblemSquareMetres
            noiseWidthMetres = check.xyToleranceMetres
        }
    }

    /// The two boundary features (indices into `TownshipBoundaries.parts`), in layer order.
    package var first: Int
    package var second: Int
    /// The overlap's pieces that are not noise, in the layer's CRS.
    package var polygons: [PolygonRings]
    /// Whether it is wider than the tolerance somewhere.
    package var isWide: Bool

    /// Every overlap of two features of different townships, by feature pair in layer order. Candidate pairs come
    /// from the features' boxes; neighbours that only share their boundary leave no polygonal overlap. Townships
    /// are few (tens of features), so this is a handful of overlays, each cut down to the pair's common box.
    package static func find(_ boundaries: TownshipBoundaries, tolerances: Tolerances, geographic: Bool) throws -> [TownshipOverlap] {
        let parts = boundaries.parts
        // Townships that share their boundaries edge for edge (a clean partition, as a layer built with topology
        // is) cannot overlap: their edges tell, without an overlay (`CoverageUnion`, as the check's gaps use it).
        let rings = parts.compactMap { OrientedRings($0.polygons) }
        if rings.count == parts.count, let union = CoverageUnion.unionKeepingArea(rings), CoverageUnion.isSound(union) { return [] }
        let context = GEOSContext()
        var geometries: [Int: (Geometry, PreparedGeometry)] = [:]
        func geometry(_ k: Int) throws -> (Geometry, PreparedGeometry) {
            if let g = geometries[k] { return g }
            let g = try Geometry(wkb: parts[k].wkb, context: context)
            let made = (g, try PreparedGeometry(g))
            geometries[k] = made
            return made
        }
        var found: [TownshipOverlap] = []
        for i in parts.indices {
            for j in boundaries.index.query(parts[i].envelope).sorted() where j > i && parts[j].township != parts[i].township {
                let (a, prepared) = try geometry(i), (b, _) = try geometry(j)
                guard prepared.intersects(b) else { continue }
                // The overlap lies in both boxes: each polygon is first cut down to (a little more than) their common box.
                let pi = parts[i].envelope, pj = parts[j].envelope
                let common = Envelope(minX: max(pi.minX, pj.minX), minY: max(pi.minY, pj.minY), maxX: min(pi.maxX, pj.maxX), maxY: min(pi.maxY, pj.maxY))
                let overlap = try a.overlay(within: common) { nearA in
                    try b.overlay(within: common) { nearB in try nearA.intersection(nearB) }
                }
                let pieces = overlap.polygonRings().filter { !isNoise($0, tolerances: tolerances, geographic: geographic) }
                guard !pieces.isEmpty else { continue }
                let wide = try pieces.contains { try isWider($0, than: tolerances.widthMetres, geographic: geographic, context: context) }
                found.append(TownshipOverlap(first: i, second: j, polygons: pieces, isWide: wide))
            }
        }
        return found
    }

    /// A piece no larger than the noise area, or narrower on average (2 × area / perimeter) than the XY tolerance.
    private static func isNoise(_ polygon: PolygonRings, tolerances: Tolerances, geographic: Bool) -> Bool {
        let metric = geographic ? PieceWidth.localMetres(polygon) : polygon
        let m2 = PlanarArea.of([metric])
        guard m2 > tolerances.noiseSquareMetres else { return true }
        let perimeter = PieceWidth.perimeterMetres([metric], geographic: false)
        return perimeter > 0 && 2 * m2 / perimeter < tolerances.noiseWidthMetres
    }

    /// Whether a piece is wider than `width` somewhere: shrunk by half of it from every side, something is left
    /// (in local metres for a geographic layer). With a width of 0 every piece is.
    private static func isWider(_ polygon: PolygonRings, than width: Double, geographic: Bool, context: GEOSContext) throws -> Bool {
        guard width > 0 else { return true }
        let metric = geographic ? PieceWidth.localMetres(polygon) : polygon
        if PieceWidth.certainlyWider(metric, than: width) { return true }
        let shrunk = try Geometry(wkb: WKB(polygons: [metric]), context: context).buffer(-width / 2, quadrantSegments: 2)
        return !shrunk.isEmpty && shrunk.area > 0
    }

    /// "520111101 (feature 3) and 520111102 (feature 5)".
    func townships(in boundaries: TownshipBoundaries) -> String {
        let a = boundaries.parts[first], b = boundaries.parts[second]
        return "\(boundaries.townships[a.township].code) (feature \(a.fid)) and \(boundaries.townships[b.township].code) (feature \(b.fid))"
    }
}

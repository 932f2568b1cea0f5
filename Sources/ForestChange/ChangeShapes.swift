import Foundation
import Geo
import ForestMapCore
import ForestStats
import PlanarKernel

/// The shapes of the change patches (变化图斑合并与筛选): the overlay's pieces with the same change merged where they
/// touch, then what is not a change on the ground dropped.
///
/// 1. Each piece gets its change type (``ChangeClassification``) and a merge key: type, from and to class, the
///    recorded reason, the attribute values for an attribute-only change, and the township from XIANG when there
///    are no township polygons. Pieces of non-forest land that stays non-forest are not forest changes.
/// 2. The pieces of one key are unioned (GEOS unary union); each polygon of the union is a candidate patch and
///    takes the pieces whose interior point lies in it.
/// 3. A candidate below the inspection unit (`[area] inspection_unit_m2`) is dropped, and so is a sliver: a patch
///    nowhere wider than `[change] sliver_width_m` — shrunk by half that width from every side (a negative
///    buffer), nothing is left. A 6 m road shrunk by 2.5 m keeps a 1 m strip; a boundary moved by up to 5 m
///    leaves nothing.
///
/// Keys are processed in parallel, each with its own GEOS context; candidates come out in key order.
struct ChangeShapes: Sendable {
    struct Shape: Sendable {
        var key: Key
        var polygon: PolygonRings
        /// Indexes into the overlay's pieces.
        var pieces: [Int]
        var squareMetres: Double
    }

    struct Key: Sendable, Hashable, Comparable {
        var type: ChangePatch.ChangeType
        var fromClass: String
        var toClass: String
        var recordedReason: String
        var attributes: String
        var zone: String

        static func < (a: Key, b: Key) -> Bool {
            (a.type.rawValue, a.fromClass, a.toClass, a.recordedReason, a.attributes, a.zone)
                < (b.type.rawValue, b.fromClass, b.toClass, b.recordedReason, b.attributes, b.zone)
        }
    }

    var shapes: [Shape]
    /// Candidates dropped: below the inspection unit, and slivers.
    var belowInspectionUnit: Int
    var slivers: Int
    /// Pieces whose class changed but is unknown in either year (not in the code table, or empty): not classified.
    var unknownClassPieces: Int

    static func compute(_ overlay: ChangeOverlay, previous: SubCompartmentLayer, current: SubCompartmentLayer, zoneByAttribute: ZoneOfPiece?,
                        area: LayerAreaMethod, options: ChangeOptions) throws -> ChangeShapes {
        let inspectionUnit = options.inspectionUnitSquareMetres, sliverWidth = options.sliverWidthMetres
        let olds = previous.subCompartments, news = current.subCompartments
        let fromTable = previous.landClassTable, toTable = current.landClassTable
        let bhyy = AttributeZones.fieldIndex(current, options.fields.bhyy)
        // A layer in degrees is measured for the width rule in local metres (equirectangular at the patch).
        let geographic = try current.spatialReference().isGeographic
        let records = RecordComparison(previous: previous, current: current, options: options)
        var groups: [Key: [Int]] = [:]
        var unknownClass = 0
        for (k, piece) in overlay.pieces.enumerated() {
            let p = olds[piece.previous], c = news[piece.current]
            let recorded = ChangeClassification.recordedReason(bhyy.flatMap { c.attributes[$0].text })
            guard let type = ChangeClassification.changeType(from: p.landClass, to: c.landClass, difference: piece.difference,
                                                             recordedReason: recorded) else {
                if piece.difference.landClass == .change && (p.landClass == nil || c.landClass == nil) { unknownClass += 1 }
                continue
            }
            let attributes = type == .attributeOnly ? records.attributeTransition(piece.previous, piece.current) : ""
            let key = Key(type: type, fromClass: TransitionAccounting.fromClass(p, fromTable, toTable).code,
                          toClass: TransitionAccounting.toClass(c, toTable).code, recordedReason: recorded ?? "",
                          attributes: attributes, zone: zoneByAttribute?.code(attributeOf: c) ?? "")
            groups[key, default: []].append(k)
        }
        // Jobs: the pieces of one key whose boxes touch, directly or through others (a superset of the pieces
        // that touch: the union sorts them out), so a key spread over the district is many small unions.
        let jobs: [(key: Key, members: [Int])] = groups.keys.sorted().flatMap { key in
            Self.clusters(groups[key]!, overlay.pieces, grow: options.patchGridSize).map { (key, $0) }
        }
        let results = try ParallelJobs.map(jobs: jobs.count, threads: options.threads, state: { (GEOSContext(), try LayerAreaMeasure(area)) }) { state, job in
            let (context, measure) = state
            let key = jobs[job].key, members = jobs[job].members
            let geometries = try members.map { try Geometry(wkb: overlay.pieces[$0].wkb, context: context) }
            let grid = options.patchGridSize
            let merged = try geometries.count == 1 ? geometries[0].polygonRings()
                : (grid > 0 ? nil : Self.coverageUnion(members, overlay.pieces))
                    ?? Geometry.union(geometries, context: context, gridSize: grid).polygonRings()
            // A cluster of one piece is its own shape: no interior points needed to tell its pieces apart.
            let points = geometries.count == 1 ? [] : try geometries.map { try $0.pointOnSurface() }
            var shapes: [Shape] = [], small = 0, slivers = 0
            for polygon in merged {
                // In a projected CRS the planar area is within 2% of the ellipsoidal one (Gauss-Krüger and UTM
                // scale factors): a candidate far below the inspection unit needs no geodesic measure.
                if !geographic, PlanarArea.of([polygon]) < 0.98 * inspectionUnit { small += 1; continue }
                let m2 = try measure.squareMetres([polygon])
                if m2 < inspectionUnit { small += 1; continue }
                if sliverWidth > 0 {
                    let metric = geographic ? PieceWidth.localMetres(polygon) : polygon
                    if !PieceWidth.certainlyWider(metric, than: sliverWidth) {
                        let shrunk = try Geometry(wkb: WKB(polygons: [metric]), context: context).buffer(-sliverWidth / 2, quadrantSegments: 2)
                        if shrunk.isEmpty || shrunk.area <= 0 { slivers += 1; continue }
                    }
                }
                let box = Envelope([polygon])
                var inside = points.isEmpty ? [0] : members.indices.filter { i in
                    box.map { $0.contains(points[i]) } ?? false && Planar.locate(points[i], in: polygon.rings) == .inside
                }
                if inside.isEmpty {
                    // No piece's interior point falls inside (it lies on the polygon's edge): the pieces it overlaps.
                    let g = try Geometry(wkb: WKB(polygons: [polygon]), context: context)
                    inside = try members.indices.filter { i in try geometries[i].intersects(g) && geometries[i].intersection(g).area > 0 }
                }
                guard !inside.isEmpty else {
                    throw ForestMapError(.internalFailure, "change: a merged patch of \(key.type.rawValue) at (\(polygon.rings[0][0].x), \(polygon.rings[0][0].y)) has no piece; please report this with the two layers")
                }
                shapes.append(Shape(key: key, polygon: polygon, pieces: inside.map { members[$0] }, squareMetres: m2))
            }
            return ChangeShapes(shapes: shapes, belowInspectionUnit: small, slivers: slivers, unknownClassPieces: 0)
        }
        return ChangeShapes(shapes: results.flatMap(\.shapes), belowInspectionUnit: results.map(\.belowInspectionUnit).reduce(0, +),
                            slivers: results.map(\.slivers).reduce(0, +), unknownClassPieces: unknownClass)
    }
}

extension ChangeShapes {
    /// The union of pieces that are all whole current sub-compartments, from their edges (``CoverageUnion``):
    /// neighbours in a clean layer share their edges, which cancel. Nil when a piece is not whole, or the result
    /// is not sound (``CoverageUnion/isSound(_:)``: a vertex of one polygon on its neighbour's edge, an overlap)
    /// or its area is not the pieces' area; GEOS then unites them.
    static func coverageUnion(_ members: [Int], _ pieces: [ChangePiece]) -> [PolygonRings]? {
        guard members.allSatisfy({ pieces[$0].wholeCurrent }) else { return nil }
        let rings = members.compactMap { OrientedRings(pieces[$0].polygons) }
        guard rings.count == members.count, let union = CoverageUnion.unionKeepingArea(rings), CoverageUnion.isSound(union) else { return nil }
        return union
    }

    /// The pieces (indexes into `pieces`) in groups whose boxes touch, directly or through others; each group in
    /// piece order, the groups by their first piece.
    private static func clusters(_ members: [Int], _ pieces: [ChangePiece], grow: Double = 0) -> [[Int]] {
        guard members.count > 1 else { return [members] }
        let boxes = members.map { b in
            let box = pieces[b].box
            return grow > 0 ? Envelope(minX: box.minX - grow, minY: box.minY - grow, maxX: box.maxX + grow, maxY: box.maxY + grow) : box
        }
        let index = SpatialIndex(boxes: boxes)
        var groups = DisjointSets(count: members.count)
        for i in members.indices where boxes[i].minX.isFinite {
            for j in index.query(boxes[i]) where j > i { groups.join(i, j) }
        }
        return groups.sets().map { $0.map { members[$0] } }
    }
}

extension Envelope {
    func contains(_ p: Point) -> Bool { minX <= p.x && p.x <= maxX && minY <= p.y && p.y <= maxY }
}

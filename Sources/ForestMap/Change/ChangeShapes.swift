import Geo

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

    static func compute(_ overlay: ChangeOverlay, previous: SubCompartmentLayer, current: SubCompartmentLayer, zoneByAttribute: ZoneOfPiece?,
                        area: StatsAreaMethod, inspectionUnit: Double, sliverWidth: Double, fields: SubCompartmentFields,
                        threads: Int?) throws -> ChangeShapes {
        let olds = previous.subCompartments, news = current.subCompartments
        let fromTable = previous.landClassTable, toTable = current.landClassTable
        let bhyy = AttributeZones.fieldIndex(current, fields.bhyy)
        let tracked = [fields.senLinLB, fields.qiYuan, fields.shiQuanD, fields.gjgylBHDJ].map {
            (AttributeZones.fieldIndex(previous, $0), AttributeZones.fieldIndex(current, $0))
        }
        var groups: [Key: [Int]] = [:]
        for (k, piece) in overlay.pieces.enumerated() {
            let p = olds[piece.previous], c = news[piece.current]
            let recorded = ChangeClassification.recordedReason(bhyy.flatMap { c.attributes[$0].text })
            guard let type = ChangeClassification.changeType(from: p.landClass, to: c.landClass, difference: piece.difference,
                                                             recordedReason: recorded) else { continue }
            var attributes = ""
            if type == .attributeOnly {
                attributes = tracked.map { a, b in
                    RecordComparison.normalised(a.flatMap { p.attributes[$0].text }) + ">" + RecordComparison.normalised(b.flatMap { c.attributes[$0].text })
                }.joined(separator: ",")
            }
            let key = Key(type: type, fromClass: TransitionAccounting.fromClass(p, fromTable, toTable).code,
                          toClass: TransitionAccounting.toClass(c, toTable).code, recordedReason: recorded ?? "",
                          attributes: attributes, zone: zoneByAttribute?.code(attributeOf: c) ?? "")
            groups[key, default: []].append(k)
        }
        let keys = groups.keys.sorted()
        let memberLists = keys.map { groups[$0]! }
        let results = try ParallelJobs.map(jobs: keys.count, threads: threads, state: { (GEOSContext(), try StatsAreaMeasure(area)) }) { state, job in
            let (context, measure) = state
            let key = keys[job], members = memberLists[job]
            let geometries = try members.map { try Geometry(wkb: WKB(polygons: overlay.pieces[$0].polygons), context: context) }
            let merged = try (geometries.count == 1 ? geometries[0] : Geometry.union(geometries, context: context)).polygonRings()
            let points = try geometries.map { try $0.pointOnSurface() }
            var shapes: [Shape] = [], small = 0, slivers = 0
            for polygon in merged {
                let m2 = try measure.squareMetres([polygon])
                if m2 < inspectionUnit { small += 1; continue }
                if sliverWidth > 0 {
                    let shrunk = try Geometry(wkb: WKB(polygons: [polygon]), context: context).buffer(-sliverWidth / 2, quadrantSegments: 2)
                    if shrunk.isEmpty || shrunk.area <= 0 { slivers += 1; continue }
                }
                let box = Envelope([polygon])
                let inside = members.indices.filter { i in
                    box.map { $0.contains(points[i]) } ?? false && polygon.contains(points[i])
                }.map { members[$0] }
                shapes.append(Shape(key: key, polygon: polygon, pieces: inside, squareMetres: m2))
            }
            return (shapes, small, slivers)
        }
        return ChangeShapes(shapes: results.flatMap(\.0), belowInspectionUnit: results.reduce(0) { $0 + $1.1 },
                            slivers: results.reduce(0) { $0 + $1.2 })
    }
}

extension Envelope {
    func contains(_ p: Point) -> Bool { minX <= p.x && p.x <= maxX && minY <= p.y && p.y <= maxY }
}

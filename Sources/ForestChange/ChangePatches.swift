import Geo
import ForestMapCore
import ForestStats
import PlanarKernel

/// The change patches (变化图斑) of two years: the shapes of ``ChangeShapes`` split at the township boundaries,
/// each with its township and village, the sub-compartments it came from, the previous year's record as context
/// (ring belt, public-welfare forest, natural forest), and the permit check (``PermitCheck``).
///
/// A patch is judged whole (inspection unit, sliver width) before it is split at township boundaries; every
/// piece of it is then kept, so the township figures add up to the patch.
struct ChangePatches: Sendable {
    var patches: [ChangePatch]
    var shapes: Int
    var belowInspectionUnit: Int
    var slivers: Int
    var unknownClassPieces: Int

    struct Inputs: Sendable {
        var previous: SubCompartmentLayer
        var current: SubCompartmentLayer
        var townships: TownshipBoundaries?
        var permits: PermitLayer?
        var ringBelt: RingBelt?
        var period: ChangePeriod?
    }

    /// One piece of a shape in one township, before the permits are compared across patches.
    fileprivate struct Draft: Sendable {
        var shape: Int
        var townshipCode: String
        var polygons: [PolygonRings]
        var squareMetres: Double
        var point: Point
        var pieces: [Int]
        var villageCode: String
        var previousRecord: Int
        var inRingBelt: Bool
        var evidence: PermitCheck.Evidence?
    }

    /// `area`: the method the accounting measures with (nil: made here, as the accounting makes it).
    static func compute(_ overlay: ChangeOverlay, inputs: Inputs, area: LayerAreaMethod? = nil, options: ChangeOptions) throws -> ChangePatches {
        let current = inputs.current, townships = inputs.townships
        let area = try area ?? options.areaMethod(for: current)
        let zones = ZoneOfPiece(current: current, townships: townships, options: options)
        let shapes = try ChangeShapes.compute(overlay, previous: inputs.previous, current: current, zoneByAttribute: townships == nil ? zones : nil,
                                              area: area, options: options)
        let check = inputs.permits.map { PermitCheck(permits: $0.permits, period: inputs.period) }
        let drafts = try Self.drafts(shapes.shapes, overlay: overlay, inputs: inputs, zones: zones, check: check, area: area, options: options)
        let statuses = (check ?? PermitCheck(permits: [], period: inputs.period))
            .statuses(drafts.map(\.evidence), areas: drafts.map(\.squareMetres), inspectionUnit: options.inspectionUnitSquareMetres)
        let order = stableOrder(drafts, shapes: shapes.shapes)
        let records = PatchRecords(shapes: shapes.shapes, pieces: overlay.pieces, previous: inputs.previous, current: current, options: options)
        var patches = try ParallelChunks.map(count: order.count, threads: options.threads, minimumChunk: 1_000) { range in
            range.map { order[$0] }.map { k in records.patch(drafts[k], status: statuses[k]) }
        }
        numberByTownship(&patches)
        return ChangePatches(patches: patches, shapes: shapes.shapes.count, belowInspectionUnit: shapes.belowInspectionUnit, slivers: shapes.slivers,
                             unknownClassPieces: shapes.unknownClassPieces)
    }

    /// Step 1: each shape cut at the township boundaries, each part a draft, on every core (a GEOS context and the
    /// prepared ring belt, townships and red lines per chunk).
    private static func drafts(_ shapes: [ChangeShapes.Shape], overlay: ChangeOverlay, inputs: Inputs, zones: ZoneOfPiece, check: PermitCheck?,
                               area: LayerAreaMethod, options: ChangeOptions) throws -> [Draft] {
        let current = inputs.current, townships = inputs.townships, belt = inputs.ringBelt
        let cun = AttributeZones.fieldIndex(current, options.fields.cun)
        let pieces = overlay.pieces, news = current.subCompartments
        let drafts: [[Draft]] = try ParallelChunks.map(count: shapes.count, threads: options.threads, minimumChunk: 50) { range in
            let context = GEOSContext()
            let drafter = Drafter(
                shapes: shapes, pieces: pieces, news: news, cun: cun, zones: zones, inspectionUnit: options.inspectionUnitSquareMetres,
                context: context, measure: try LayerAreaMeasure(area),
                belt: try belt.map { try RingBelt.Prepared($0, context: context) },
                cutter: try townships.map { try TownshipCutter($0, context: context, noiseWidth: options.patchGridSize) },
                permits: check.map { (check: $0, redLines: PermitCheck.RedLines($0, context: context)) })
            return try range.map { try drafter.drafts(shape: $0) }
        }
        return drafts.flatMap { $0 }
    }

    /// Step 2: stable identifiers: by township, then from north to south and west to east; the drafts are put in
    /// that order (as indexes, ties in draft order) before their patches are made, on every core.
    private static func stableOrder(_ drafts: [Draft], shapes: [ChangeShapes.Shape]) -> [Int] {
        let keys = drafts.map { d in (d.townshipCode, -d.point.y, d.point.x, shapes[d.shape].key.type.rawValue) }
        return keys.indices.sorted { a, b in
            (keys[a].0, keys[a].1, keys[a].2, keys[a].3, a) < (keys[b].0, keys[b].1, keys[b].2, keys[b].3, b)
        }
    }

    /// Step 4: the patch identifiers, township code and a number counted within the township in patch order.
    private static func numberByTownship(_ patches: inout [ChangePatch]) {
        var counter: [String: Int] = [:]
        for i in patches.indices {
            counter[patches[i].townshipCode, default: 0] += 1
            patches[i].patchID = "\(patches[i].townshipCode)-\(counter[patches[i].townshipCode]!.zeroPadded(4))"
        }
    }
}

/// A piece of a shape in one part of it, with its planar area in that part.
private struct PieceShare {
    var piece: Int
    var share: Double
}

/// Drafts the parts of shapes in one chunk: its own GEOS context and prepared geometries.
private struct Drafter {
    let shapes: [ChangeShapes.Shape]
    let pieces: [ChangePiece]
    let news: [SubCompartment]
    let cun: Int?
    let zones: ZoneOfPiece
    let inspectionUnit: Double
    let context: GEOSContext
    let measure: LayerAreaMeasure
    let belt: RingBelt.Prepared?
    let cutter: TownshipCutter?
    let permits: (check: PermitCheck, redLines: PermitCheck.RedLines)?

    /// The shape cut at the township boundaries (uncut without township polygons), a draft per part.
    func drafts(shape s: Int) throws -> [ChangePatches.Draft] {
        let shape = shapes[s]
        let whole = try Geometry(wkb: WKB(polygons: [shape.polygon]), context: context)
        let parts: [(code: String, polygons: [PolygonRings])]
        if let cutter {
            parts = try cutter.cut(whole, polygons: [shape.polygon]).map { (zones.code(township: $0.township), $0.polygons) }
        } else {
            parts = [(shape.key.zone, [shape.polygon])]
        }
        return try parts.map { part -> ChangePatches.Draft in
            let uncut = parts.count == 1
            let g = uncut ? whole : try Geometry(wkb: WKB(polygons: part.polygons), context: context)
            let m2 = uncut ? shape.squareMetres : try measure.squareMetres(part.polygons)
            let members = try members(of: shape, in: uncut ? nil : g, polygons: part.polygons)
            // The village with the largest share, among those of the patch's township when there are any.
            let village = Self.largest(members, preferring: part.code) { k in
                let c = news[pieces[k].current]
                guard let cun, let raw = c.attributes[cun].text else { return "" }
                let digits = AttributeZones.villageDigits(raw)
                return c.townshipCode.isEmpty || digits.isEmpty ? "" : c.townshipCode + digits
            }
            let record = Int(Self.largest(members) { String(pieces[$0].previous) }) ?? pieces[members[0].piece].previous
            let box = Envelope(part.polygons) ?? Envelope(minX: 0, minY: 0, maxX: 0, maxY: 0)
            let inBelt = try belt?.holds(g, box: box, squareMetres: m2, inspectionUnit: inspectionUnit, measure: measure) ?? false
            var evidence: PermitCheck.Evidence?
            if let family = ChangeClassification.permitFamily(shape.key.type) {
                evidence = try permits.map {
                    try $0.check.evidence(g, polygons: part.polygons, family: family, toCode: shape.key.toClass,
                                          toClass: news[pieces[members[0].piece].current].landClass, redLines: $0.redLines,
                                          context: context, measure: measure)
                } ?? PermitCheck.Evidence()
            }
            return ChangePatches.Draft(shape: s, townshipCode: part.code, polygons: part.polygons, squareMetres: m2, point: try g.pointOnSurface(),
                                       pieces: members.map(\.piece).sorted(), villageCode: village, previousRecord: record,
                                       inRingBelt: inBelt, evidence: evidence)
        }
    }

    /// The pieces in a part of the shape (`cut`: the part, nil when the shape is uncut), with their planar area in
    /// it, for the largest shares: a piece away from the part's box has none, one inside the part has all of its
    /// own. Never empty: with no piece in it, the shape's first piece with none.
    private func members(of shape: ChangeShapes.Shape, in cut: Geometry?, polygons: [PolygonRings]) throws -> [PieceShare] {
        var members: [PieceShare] = []
        let cut = try cut.map { (box: Envelope(polygons), prepared: try PreparedGeometry($0), geometry: $0) }
        for k in shape.pieces {
            guard let cut else { members.append(PieceShare(piece: k, share: PlanarArea.of(pieces[k].polygons))); continue }
            guard cut.box?.intersects(pieces[k].box) ?? false else { continue }
            let piece = try Geometry(wkb: pieces[k].wkb, context: context)
            guard cut.prepared.intersects(piece) else { continue }
            let share = try cut.prepared.contains(piece) ? piece.area : piece.intersection(cut.geometry).area
            if share > 0 { members.append(PieceShare(piece: k, share: share)) }
        }
        if members.isEmpty, let k = shape.pieces.first { members = [PieceShare(piece: k, share: 0)] }
        return members
    }

    /// The value with the largest total share, among those starting with `prefix` when there are any (ties: the
    /// smallest value).
    private static func largest(_ members: [PieceShare], preferring prefix: String = "", _ value: (Int) -> String) -> String {
        var byValue: [String: Double] = [:]
        for m in members { byValue[value(m.piece), default: 0] += m.share }
        let preferred = byValue.filter { !prefix.isEmpty && $0.key.hasPrefix(prefix) }
        return (preferred.isEmpty ? byValue : preferred).max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? ""
    }
}

/// Step 3: a draft made a change patch, with the previous year's record as context; the identifier comes later.
private struct PatchRecords: Sendable {
    let shapes: [ChangeShapes.Shape]
    let pieces: [ChangePiece]
    let olds: [SubCompartment]
    let news: [SubCompartment]
    let facts: SubCompartmentFactReader
    let origin: Int?
    let grades: [Int]
    let bhyy: Int?

    init(shapes: [ChangeShapes.Shape], pieces: [ChangePiece], previous: SubCompartmentLayer, current: SubCompartmentLayer, options: ChangeOptions) {
        self.shapes = shapes
        self.pieces = pieces
        facts = SubCompartmentFactReader(layer: previous, fields: options.previousFields)
        origin = AttributeZones.fieldIndex(previous, options.previousFields.qiYuan)
        grades = [options.previousFields.shiQuanD, options.previousFields.gjgylBHDJ].compactMap { AttributeZones.fieldIndex(previous, $0) }
        bhyy = AttributeZones.fieldIndex(current, options.fields.bhyy)
        olds = previous.subCompartments
        news = current.subCompartments
    }

    func patch(_ d: ChangePatches.Draft, status: (ChangePatch.PermitStatus?, [String], Double)) -> ChangePatch {
        let shape = shapes[d.shape], key = shape.key
        let record = olds[d.previousRecord]
        let f = facts.facts(record)
        let current = news[pieces[d.pieces[0]].current]
        let recorded = ChangeClassification.recordedReason(bhyy.flatMap { current.attributes[$0].text })
        let grade = grades.compactMap { record.attributes[$0].text.map(SubCompartmentFactReader.trimmed) }.filter { !$0.isEmpty }.joined(separator: "/")
        let toClass = current.landClass
        return ChangePatch(
            patchID: "", changeType: key.type,
            bhyy: ChangeClassification.derivedReason(key.type, permitStatus: status.0, recordedReason: recorded),
            bhyyRecorded: recorded, isCorrection: recorded?.hasPrefix("9") ?? false,
            townshipCode: d.townshipCode, villageCode: d.villageCode, fromClass: key.fromClass, toClass: key.toClass,
            fromForestLand: record.landClass?.isForestLand ?? false, toForestLand: toClass?.isForestLand ?? false,
            squareMetres: d.squareMetres,
            fromIDs: Array(Set(d.pieces.map { olds[pieces[$0].previous].key })).sorted(),
            toIDs: Array(Set(d.pieces.map { news[pieces[$0].current].key })).sorted(),
            permitStatus: status.0, permitIDs: status.1, uncoveredSquareMetres: status.0 == nil ? 0 : status.2,
            inRingBelt: d.inRingBelt, publicWelfareGrade: f.isPublicWelfare ? (grade.isEmpty ? "yes" : grade) : "",
            naturalForest: (record.landClass?.isForestLand ?? false)
                && (origin.flatMap { record.attributes[$0].text }.map(SubCompartmentFactReader.trimmed)?.hasPrefix("1") ?? false), onFarmland: key.type == .afforestation && record.landClass?.group == .farmland,
            geometry: WKB(polygons: d.polygons), pointX: d.point.x, pointY: d.point.y)
    }
}

/// Cuts a patch at the township boundaries: the piece in each township whose polygon overlaps it, in layer
/// order, and what lies outside every township. A patch inside one township is not cut. The townships do not
/// overlap (`TownshipBoundaries.withoutOverlaps`) but by numerical dust, which goes to the first in layer order.
final class TownshipCutter {
    private let boundaries: TownshipBoundaries
    private let context: GEOSContext
    private let geometries: [Geometry]
    private let prepared: [PreparedGeometry]
    /// Pieces narrower than this on average are no land (``ChangeOptions/patchGridSize``: the years came on
    /// different grids, and a patch joined on the tolerance's grid may stand over a boundary by less than it).
    private let noiseWidth: Double

    init(_ boundaries: TownshipBoundaries, context: GEOSContext, noiseWidth: Double = 0) throws {
        self.boundaries = boundaries
        self.context = context
        self.noiseWidth = noiseWidth
        geometries = try boundaries.parts.map { try Geometry(wkb: $0.wkb, context: context) }
        prepared = try geometries.map { try PreparedGeometry($0) }
    }

    func cut(_ g: Geometry, polygons: [PolygonRings]) throws -> [(township: Int, polygons: [PolygonRings])] {
        guard let box = Envelope(polygons) else { return [] }
        // Where a patch runs along a township boundary, the overlays leave dust (pieces of 1e-9 m² and less,
        // floating-point noise, not land): pieces below `TownshipOverlay.closure` of the patch are no pieces.
        let dust = g.area * TownshipOverlay.closure
        func land(_ pieces: [PolygonRings]) -> [PolygonRings] {
            PlanarArea.of(pieces) > dust && !PieceWidth.isNoise(pieces, narrowerThan: noiseWidth) ? pieces : []
        }
        // Inside one township part (most patches): the first that contains it, before any other is asked.
        let near = boundaries.index.query(box).sorted()
        if let k = near.first(where: { prepared[$0].contains(g) }) { return [(boundaries.parts[k].township, polygons)] }
        let candidates = near.filter { prepared[$0].intersects(g) }
        var result: [(Int, [PolygonRings])] = []
        var rest: Geometry? = g
        for k in candidates {
            guard let r = rest else { break }
            // Township parts are large: each overlay meets only the part of one near the patch.
            let inside = land(try geometries[k].overlay(within: box) { try r.intersection($0) }.polygonRings())
            if !inside.isEmpty { result.append((boundaries.parts[k].township, inside)) }
            let remaining = land(try geometries[k].overlay(within: box) { try r.difference($0) }.polygonRings())
            rest = remaining.isEmpty ? nil : try Geometry(wkb: WKB(polygons: remaining), context: context)
        }
        if let rest, !land(rest.polygonRings()).isEmpty { result.append((TownshipShare.outside, rest.polygonRings())) }
        // All of it dust (cannot happen for a patch of the inspection unit, but never lose a patch): uncut.
        return result.isEmpty ? [(TownshipShare.outside, polygons)] : result
    }
}

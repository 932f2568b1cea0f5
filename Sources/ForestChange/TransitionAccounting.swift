import Geo
import ForestMapCore
import ForestStats

/// The exact accounting of land-class change between two years (地类转移核算, 两期小班叠加): every piece of the
/// district where a previous and a current sub-compartment overlap gets both classes, and the pieces whose class
/// differs are summed by township and transition.
///
/// - The pieces come from ``ChangeOverlay``: unchanged polygons compared by attributes, every other pair of
///   overlapping sub-compartments intersected; pairs whose classes are the same after normalisation add nothing.
/// - Classes are compared with `compare(from:in:to:in:)`: a difference forced by the change of code system is a
///   reclassification, kept apart from changes.
/// - Pieces go to townships by the exact overlay `forestmap stats` uses (``TownshipOverlay``), or to the current
///   sub-compartment's XIANG without township polygons.
///
/// Work runs over the pieces in parallel chunks, each with its own area measure and township overlay; pieces
/// are summed in layer order, so the result is the same with any number of threads.
public struct TransitionAccounting: Sendable {
    /// Sorted by township (outside and unknown last), then from and to class and kind.
    public var transitions: [LandClassTransition]
    /// How many sub-compartments kept their polygon and were compared by attributes only.
    public var unchangedGeometry: Int
    /// How many previous sub-compartments went through the overlay.
    public var overlaid: Int
    /// How many pieces with a changed class were measured.
    public var pieces: Int

    public static func compute(previous: SubCompartmentLayer, current: SubCompartmentLayer, townships: TownshipBoundaries?,
                               options: ChangeOptions) throws -> TransitionAccounting {
        try checkSameCRS(previous, current)
        let overlay = try ChangeOverlay.compute(previous: previous, current: current, options: options)
        return try compute(overlay, previous: previous, current: current, townships: townships, area: options.areaMethod(for: current), options: options)
    }

    static func checkSameCRS(_ previous: SubCompartmentLayer, _ current: SubCompartmentLayer) throws {
        let previousSRS = try previous.spatialReference(), currentSRS = try current.spatialReference()
        guard previousSRS.isSame(as: currentSRS) else {
            throw ForestMapError.input("\(previous.label) is in \(previous.crsLabel) but \(current.label) is in \(current.crsLabel); reproject the previous year into the current year's CRS first")
        }
    }

    /// Sums the overlay's pieces whose class changed, split at the townships.
    static func compute(_ overlay: ChangeOverlay, previous: SubCompartmentLayer, current: SubCompartmentLayer, townships: TownshipBoundaries?,
                        area: LayerAreaMethod, options: ChangeOptions) throws -> TransitionAccounting {
        let olds = previous.subCompartments, news = current.subCompartments
        let zones = ZoneOfPiece(current: current, townships: townships, options: options)
        let tiling = townships.map { TownshipTiling(boundaries: $0, subCompartmentCount: news.count) }
        let fromTable = previous.landClassTable, toTable = current.landClassTable
        let changed = overlay.pieces.filter { $0.difference.landClass != nil }
        // The township tiles of the cells the changed pieces fall in, cut once and shared by every task (a piece
        // lies inside its current sub-compartment; a cell missing here is cut by the task that needs it).
        let tiles = try townships.map { boundaries -> [TownshipTiling.Cell: [TownshipOverlay.Tile]] in
            let holders = Array(Set(changed.map(\.current))).sorted().map { news[$0] }
            return try TownshipOverlay.sharedTiles(holders, boundaries: boundaries, tiling: tiling!, threads: options.threads)
        }

        let noiseWidth = current.layerUnits(metres: options.xyToleranceMetres)
        let perPiece: [[LandClassTransition]] = try ParallelChunks.map(count: changed.count, threads: options.threads, minimumChunk: 200) { range in
            let measure = try LayerAreaMeasure(area)
            let worker = try townships.map { try TownshipOverlay.Worker(boundaries: $0, tiling: tiling!, area: area, tiles: tiles ?? [:],
                                                                        noiseWidth: noiseWidth) }
            return try range.map { k -> [LandClassTransition] in
                let piece = changed[k]
                let p = olds[piece.previous], c = news[piece.current]
                let from = Self.fromClass(p, fromTable, toTable), to = Self.toClass(c, toTable)
                let row = { (township: String, m2: Double) in
                    LandClassTransition(townshipCode: township, fromClass: from.code, toClass: to.code, kind: piece.difference.landClass!,
                                        fromName: from.name, toName: to.name,
                                        fromForestLand: p.landClass?.isForestLand ?? false, toForestLand: c.landClass?.isForestLand ?? false, squareMetres: m2)
                }
                if let worker {
                    return try worker.split(piece.wkb).shares.map { row(zones.code(township: $0.township), $0.squareMetres) }
                }
                return [row(zones.code(attributeOf: c), try measure.squareMetres(piece.polygons))]
            }
        }
        var sums: [Key: LandClassTransition] = [:]
        var pieceCount = 0
        for list in perPiece {
            for t in list where t.squareMetres > 0 {
                sums[Key(t), default: LandClassTransition(t, squareMetres: 0)].squareMetres += t.squareMetres
                pieceCount += 1
            }
        }
        let rows = sums.values.sorted { Key($0) < Key($1) }
        return TransitionAccounting(transitions: rows, unchangedGeometry: overlay.unchangedGeometry,
                                    overlaid: overlay.overlaid, pieces: pieceCount)
    }

    /// How the classes of a previous and a current sub-compartment differ; nil when they are the same. A code not
    /// in its code table is compared as written.
    static func kind(_ p: SubCompartment, _ fromTable: LandClassTable, _ c: SubCompartment, _ toTable: LandClassTable) -> LandClassTransition.Kind? {
        guard let a = p.landClass, let b = c.landClass else {
            return p.landClassCode == c.landClassCode && fromTable.system == toTable.system ? nil : .change
        }
        return kind(compare(from: a, in: fromTable.system, to: b, in: toTable.system))
    }

    /// The transition a comparison of two classes makes; nil when they are the same.
    static func kind(_ comparison: ClassComparison) -> LandClassTransition.Kind? {
        switch comparison {
        case .same: nil
        case .reclassification: .reclassification
        case .change: .change
        }
    }

    /// The previous year's class in the newer year's code system: its own code and name when both years use the
    /// same system; else the newer system's code for its normalised class with the class's name (old 0210 耕地
    /// becomes 0101, named 耕地); its own code when the class has none there (old 0171) or is not in its table.
    static func fromClass(_ p: SubCompartment, _ fromTable: LandClassTable, _ toTable: LandClassTable) -> (code: String, name: String) {
        if fromTable.system != toTable.system, let landClass = p.landClass, let code = toTable.code(for: landClass) {
            return (code, landClass.chineseName)
        }
        return (p.landClassCode, fromTable.chineseName(ofCode: p.landClassCode) ?? p.landClass?.chineseName ?? "")
    }

    /// The current year's class: its own code (already in the newer system) and name.
    static func toClass(_ c: SubCompartment, _ toTable: LandClassTable) -> (code: String, name: String) {
        (c.landClassCode, toTable.chineseName(ofCode: c.landClassCode) ?? c.landClass?.chineseName ?? "")
    }

    /// A row's identity, in the table's order: townships by code with `outside` and `unknown` last.
    private struct Key: Hashable, Comparable {
        var township: String
        var from: String
        var to: String
        var kind: LandClassTransition.Kind

        init(_ t: LandClassTransition) {
            township = t.townshipCode
            from = t.fromClass
            to = t.toClass
            kind = t.kind
        }

        static func < (a: Key, b: Key) -> Bool {
            func rank(_ code: String) -> Int { code == ZoneOfPiece.outside ? 1 : code == ZoneOfPiece.unknown ? 2 : 0 }
            return (rank(a.township), a.township, a.from, a.to, a.kind.rawValue) < (rank(b.township), b.township, b.from, b.to, b.kind.rawValue)
        }
    }
}

import Geo
import ForestMapCore
import ForestStats
import PlanarKernel

/// One piece of the two-year overlay (两期叠加图斑): where a previous and a current sub-compartment overlap and
/// their records differ in land class or in a tracked attribute.
struct ChangePiece: Sendable {
    var previous: Int
    var current: Int
    /// The piece, in the layer's CRS, as WKB (compact until it is needed), and its box.
    var wkb: WKB
    var box: Envelope
    var difference: RecordDifference
    /// Whether the piece is the current sub-compartment's whole polygon, as read (its polygon did not change, or
    /// it lies inside the previous one).
    var wholeCurrent: Bool

    init(previous: Int, current: Int, polygons: [PolygonRings], difference: RecordDifference, wholeCurrent: Bool = false) {
        self.previous = previous
        self.current = current
        self.wholeCurrent = wholeCurrent
        wkb = WKB(polygons: polygons)
        box = Envelope(polygons) ?? Envelope(minX: .nan, minY: .nan, maxX: .nan, maxY: .nan)
        self.difference = difference
    }

    var polygons: [PolygonRings] { (try? wkb.polygons()) ?? [] }
}

/// How the records of a previous and a current sub-compartment differ.
struct RecordDifference: Sendable, Hashable {
    /// The land-class difference; nil when the class is the same after normalisation.
    var landClass: LandClassTransition.Kind?
    /// Whether forest category (森林类别), origin (起源), or public-welfare grade (事权等级, 保护等级) differ.
    var attributes: Bool

    var isEmpty: Bool { landClass == nil && !attributes }
}

/// The overlay of the two years (两期小班叠加), once, for both the exact accounting and the change patches.
///
/// - A sub-compartment whose polygon did not change (``UnchangedGeometry``) is one piece: its own polygon.
/// - Every other pair of a previous and a current sub-compartment whose boxes meet (a packed R-tree over the
///   current year) is intersected (OverlayNG at full precision), so a changed polygon that overlaps an unchanged
///   neighbour by a sliver counts there too. Two unchanged sub-compartments are never intersected: an overlap
///   between them is in both years alike (a 质检 error, not a change).
/// - Pairs whose records do not differ are skipped before any geometry work. Attributes (forest category, origin,
///   grade) are compared only for the same sub-compartment: its unchanged polygon, or the same key in both years.
///
/// Work runs over the previous sub-compartments in parallel chunks, each with its own GEOS context; pieces come
/// out in layer order, so the result is the same with any number of threads.
struct ChangeOverlay: Sendable {
    /// In previous-layer order, then current-layer order.
    var pieces: [ChangePiece]
    var unchangedGeometry: Int
    var overlaid: Int

    /// The current year's boxes and their packed R-tree.
    struct CurrentIndex: Sendable {
        let boxes: [Envelope]
        let index: SpatialIndex

        init(_ current: SubCompartmentLayer) throws {
            boxes = try current.subCompartments.map { try $0.geometry.envelope() ?? Envelope(minX: .nan, minY: .nan, maxX: .nan, maxY: .nan) }
            index = SpatialIndex(boxes: boxes)
        }
    }

    static func compute(previous: SubCompartmentLayer, current: SubCompartmentLayer, options: ChangeOptions) throws -> ChangeOverlay {
        let matched = try matchYears(previous, current, options: options, checkingChanged: false)
        return try compute(previous: previous, current: current, unchanged: matched.unchanged, indexed: matched.indexed, options: options)
    }

    /// The unchanged polygons, with the current year's index built on another core meanwhile. `checkingChanged`:
    /// the current polygons that are not the previous year's are then checked for validity (their load deferred
    /// it, ``LayerLoadOptions/validityDeferred``), those invalid by a hair repaired (`current` is the layer with
    /// them repaired) and a material invalidity refused with the loader's message.
    static func matchYears(_ previous: SubCompartmentLayer, _ current: SubCompartmentLayer, options: ChangeOptions,
                           checkingChanged: Bool) throws -> (indexed: CurrentIndex, unchanged: UnchangedGeometry, current: SubCompartmentLayer) {
        let (indexed, matched) = try ParallelJobs.alongside(threads: options.threads, side: { try CurrentIndex(current) }, main: {
            var unchanged = try UnchangedGeometry(previous, current, options: options)
            var checked = current
            // One year on another grid (a geodatabase's): its coordinates put back on the other's first.
            let aligned = try GridAlignment.align(&checked, to: previous, unchanged: &unchanged,
                                                  tolerance: current.layerUnits(metres: options.xyToleranceMetres),
                                                  threads: options.threads)
            if checkingChanged { try checked.repairInvalid(unchanged.uncheckedCurrent, threads: options.threads) }
            return (unchanged: unchanged, current: checked, aligned: aligned)
        })
        // Aligned boxes moved by up to the tolerance: the index is made again from them.
        return (matched.aligned ? try CurrentIndex(matched.current) : indexed, matched.unchanged, matched.current)
    }

    /// The overlay, with the unchanged polygons and the current year's index already found.
    static func compute(previous: SubCompartmentLayer, current: SubCompartmentLayer, unchanged: UnchangedGeometry,
                        indexed: CurrentIndex, options: ChangeOptions) throws -> ChangeOverlay {
        let olds = previous.subCompartments, news = current.subCompartments
        let boxes = indexed.boxes, index = indexed.index
        // An unchanged sub-compartment meets only the current ones whose polygon changed: a smaller index of those.
        let changedCurrent = unchanged.changedCurrent
        let changedIndex = SpatialIndex(boxes: changedCurrent.map { boxes[$0] })
        let records = RecordComparison(previous: previous, current: current, options: options)
        // Pieces narrower than the XY tolerance, in the layer's units: where one year's grid left its edges.
        let noiseWidth = current.layerUnits(metres: options.xyToleranceMetres)

        let perPrevious: [[ChangePiece]] = try ParallelChunks.map(count: olds.count, threads: options.threads, minimumChunk: 200) { range in
            let context = GEOSContext()
            // A current sub-compartment is a candidate of several previous ones: its edges are read once per task.
            var orientedCurrent: [Int: OrientedRings?] = [:]
            func oriented(_ j: Int) throws -> OrientedRings? {
                if let known = orientedCurrent[j] { return known }
                let made = OrientedRings(try news[j].geometry.polygons())
                orientedCurrent[j] = made
                return made
            }
            return try range.map { i -> [ChangePiece] in
                var found: [ChangePiece] = []
                let match = unchanged.currentOf[i]
                if let j = match {
                    let d = records.difference(i, j, attributes: true)
                    if !d.isEmpty { found.append(ChangePiece(previous: i, current: j, polygons: try news[j].geometry.polygons(), difference: d, wholeCurrent: true)) }
                }
                // Overlay with every current sub-compartment whose box meets this one's, but not two unchanged
                // ones (an unchanged sub-compartment is its own whole piece): an unchanged one looks only among
                // the changed current ones, with its twin's box, and reads its polygon only when one differs.
                let near: [Int]
                var read: [PolygonRings]? = nil
                if let j = match {
                    near = changedIndex.query(boxes[j]).map { changedCurrent[$0] }
                } else {
                    read = try olds[i].geometry.polygons()
                    guard let box = Envelope(read!) else { return found }
                    near = index.query(box)
                }
                let candidates = near.sorted()
                    .compactMap { j -> (Int, RecordDifference)? in
                        let d = records.difference(i, j, attributes: olds[i].key == news[j].key)
                        return d.isEmpty ? nil : (j, d)
                    }
                guard !candidates.isEmpty else { return found }
                let polygons = try read ?? olds[i].geometry.polygons()
                let g = try Geometry(wkb: olds[i].geometry, context: context)
                let prepared = try PreparedGeometry(g)
                let mine = OrientedRings(polygons)
                for (j, d) in candidates {
                    // Neighbours that only share edges (the common case) are told apart from their edges, without
                    // an overlay; GEOS decides the rest.
                    if let mine, let q = try oriented(j) {
                        if PairTest.test(mine, q) == .apart { continue }
                        // One inside the other (the parts of a split, the members of a merge, a patch cut out of a
                        // stand), told from their edges: the piece is that polygon as it is, no overlay.
                        if ContainmentTest.test(q, in: mine) == .inside {
                            found.append(ChangePiece(previous: i, current: j, polygons: try news[j].geometry.polygons(), difference: d, wholeCurrent: true))
                            continue
                        }
                        if ContainmentTest.test(mine, in: q) == .inside {
                            found.append(ChangePiece(previous: i, current: j, polygons: polygons, difference: d))
                            continue
                        }
                    }
                    let other = try Geometry(wkb: news[j].geometry, context: context)
                    guard prepared.intersects(other) else { continue }
                    let rings = try g.intersection(other).polygonRings()
                    guard !rings.isEmpty, !PieceWidth.isNoise(rings, narrowerThan: noiseWidth) else { continue }
                    found.append(ChangePiece(previous: i, current: j, polygons: rings, difference: d))
                }
                return found
            }
        }
        return ChangeOverlay(pieces: perPrevious.flatMap { $0 }, unchangedGeometry: unchanged.count, overlaid: olds.count - unchanged.count)
    }
}

/// Compares the records of the two years: land class after normalisation (``TransitionAccounting/kind``), and
/// the attributes a change patch reports: forest category, origin, and the public-welfare grades.
struct RecordComparison: Sendable {
    let previous: [SubCompartment]
    let current: [SubCompartment]
    let fromTable: LandClassTable
    let toTable: LandClassTable
    /// Field positions (previous, current) of the tracked attributes both layers have.
    let attributePairs: [(Int, Int)]
    /// How two classes of the code tables compare (``TransitionAccounting/kind``), by class number
    /// (previous × classes + current, from 0): the sub-compartments are compared without being copied.
    private let classKinds: [LandClassTransition.Kind?]
    /// Whether each class (by number, from 0) is forest land.
    private let forestLand: [Bool]

    init(previous: SubCompartmentLayer, current: SubCompartmentLayer, options: ChangeOptions) {
        self.previous = previous.subCompartments
        self.current = current.subCompartments
        fromTable = previous.landClassTable
        toTable = current.landClassTable
        let p = options.previousFields, c = options.fields
        attributePairs = [(p.senLinLB, c.senLinLB), (p.qiYuan, c.qiYuan), (p.shiQuanD, c.shiQuanD), (p.gjgylBHDJ, c.gjgylBHDJ)].compactMap { a, b in
            guard let i = AttributeZones.fieldIndex(previous, a), let j = AttributeZones.fieldIndex(current, b) else { return nil }
            return (i, j)
        }
        let systems = (fromTable.system, toTable.system)
        classKinds = LandClass.all.flatMap { a in LandClass.all.map { b in TransitionAccounting.kind(compare(from: a, in: systems.0, to: b, in: systems.1)) } }
        forestLand = LandClass.all.map(\.isForestLand)
    }

    /// `attributes`: whether to compare the tracked attributes too (for the same sub-compartment only).
    func difference(_ i: Int, _ j: Int, attributes: Bool) -> RecordDifference {
        let from = Int(previous[i].landClassNumber) - 1, to = Int(current[j].landClassNumber) - 1
        let kind = from >= 0 && to >= 0 ? classKinds[from * forestLand.count + to]
            : TransitionAccounting.kind(previous[i], fromTable, current[j], toTable)
        // Attributes are compared on forest land kept as forest land of the same class only (elsewhere the class
        // change says it all), and only within one sub-compartment: where neighbours with other records overlap
        // it is a boundary that moved, not a change of the stand.
        guard attributes, kind == nil, from >= 0, forestLand[from] else { return RecordDifference(landClass: kind, attributes: false) }
        let differs = attributePairs.contains { a, b in
            let x = previous[i].attributes[a], y = current[j].attributes[b]
            // Equal as read is equal as compared; only values that differ as read are normalised.
            return x != y && Self.normalised(x.text) != Self.normalised(y.text)
        }
        return RecordDifference(landClass: nil, attributes: differs)
    }

    /// The tracked attributes of a pair as text, previous>current, for telling attribute-only changes apart.
    func attributeTransition(_ i: Int, _ j: Int) -> String {
        attributePairs.map { a, b in
            Self.normalised(previous[i].attributes[a].text) + ">" + Self.normalised(current[j].attributes[b].text)
        }.joined(separator: ",")
    }

    /// A code as compared: spaces and a trailing ".0" dropped, old 2-digit forest categories as 3 digits.
    static func normalised(_ raw: String?) -> String {
        SubCompartmentFactReader.forestCategory(raw ?? "")
    }
}

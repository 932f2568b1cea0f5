import Foundation
import ForestMapCore
import Geo
import PlanarKernel

/// The steps of `MapUpdate.compute`, each handing the next a named result: which patches update records and which
/// cut geometry; the conflicts between patches resolved; the map cut; the reason-97 merge.
extension MapUpdate {
    /// A piece of a cut sub-compartment: inside one patch, or the part no patch covers.
    struct Piece: Sendable {
        var parent: Int
        var patch: Int?
        var polygon: PolygonRings
        var squareMetres: Double
    }

    /// The patches by what they do: record updates (a key, no geometry) by the sub-compartment they update, the
    /// others (indexes into the patches) cut geometry.
    struct PatchRoles {
        var recordPatch: [Int: Int]
        var geometryPatches: [Int]
    }

    /// Record updates by key; two of one key: the later feature wins.
    static func patchRoles(_ patches: [UpdatePatch], subs: [SubCompartment], mapLabel: String,
                           problems: inout [PatchProblem], conflicts: inout [PatchConflict]) -> PatchRoles {
        // Keys are looked up only for record updates; most patch layers have none.
        let keyIndex = patches.contains { $0.key != nil } ? Dictionary(subs.indices.map { (subs[$0].key, $0) }) { a, _ in a } : [:]
        var recordPatch: [Int: Int] = [:]
        var geometryPatches: [Int] = []
        for (p, patch) in patches.enumerated() {
            guard let key = patch.key else { geometryPatches.append(p); continue }
            guard let s = keyIndex[key] else {
                problems.append(PatchProblem(fid: patch.fid, outcome: .rejected, reason: "key_not_in_map",
                                             detail: "no sub-compartment \(key) in \(mapLabel)"))
                continue
            }
            if let earlier = recordPatch[s] {
                conflicts.append(PatchConflict(winner: patch.fid, loser: patches[earlier].fid, squareMetres: 0, rule: "same_key"))
                problems.append(PatchProblem(fid: patches[earlier].fid, outcome: .rejected, reason: "overridden",
                                             detail: "a later record update of \(key) (feature \(patch.fid)) replaces it"))
            }
            recordPatch[s] = p
        }

        return PatchRoles(recordPatch: recordPatch, geometryPatches: geometryPatches)
    }

    /// Each geometry patch's rank (a later year, then a smaller patch, then a later feature wins) and what is left
    /// of it (nil: nothing) once the patches that win its overlaps are taken away.
    struct ResolvedPatches {
        var rank: [Int: Int]
        var effective: [Int: WKB]
    }

    /// Step 1, the conflicts: each patch loses what a patch of higher priority covers.
    static func resolveConflicts(_ patches: [UpdatePatch], geometryPatches: [Int], options: Options,
                                 problems: inout [PatchProblem], conflicts: inout [PatchConflict]) throws -> ResolvedPatches {
        let ranked = geometryPatches.sorted { a, b in
            let x = patches[a], y = patches[b]
            if x.year != y.year { return x.year < y.year }
            if x.planarArea != y.planarArea { return x.planarArea > y.planarArea }
            return x.fid < y.fid
        }
        let rank = Dictionary(uniqueKeysWithValues: ranked.enumerated().map { ($1, $0) })
        let patchIndex = SpatialIndex(boxes: geometryPatches.map { patches[$0].envelope! })
        let minimum = options.minimumSquareMetres
        let geometryList = geometryPatches
        let resolved: [(WKB?, [PatchConflict])] = try ParallelJobs.map(jobs: geometryList.count, threads: options.threads, state: { GEOSContext() }) { context, k in
            let p = geometryList[k], patch = patches[p]
            let own = try Geometry(wkb: patch.geometry!, context: context)
            var winners: [Geometry] = [], found: [PatchConflict] = []
            for j in patchIndex.query(patch.envelope!).sorted() {
                let q = geometryList[j]
                guard q != p, rank[q]! > rank[p]! else { continue }
                let other = try Geometry(wkb: patches[q].geometry!, context: context)
                let overlap = try own.intersection(other).area
                guard overlap > 0 else { continue }
                winners.append(other)
                if overlap > minimum {
                    let w = patches[q]
                    let rule = w.year != patch.year ? "later_year" : w.planarArea != patch.planarArea ? "more_specific" : "later_feature"
                    found.append(PatchConflict(winner: w.fid, loser: patch.fid, squareMetres: overlap, rule: rule))
                }
            }
            guard !winners.isEmpty else { return (patch.geometry, found) }
            let rest = try own.difference(winners.count == 1 ? winners[0] : try Geometry.union(winners, context: context))
            let polygons = rest.polygonRings()
            return (polygons.isEmpty || rest.area <= minimum ? nil : WKB(polygons: polygons), found)
        }
        var effective: [Int: WKB] = [:]
        for (k, (wkb, found)) in resolved.enumerated() {
            conflicts += found
            let patch = patches[geometryPatches[k]]
            if let wkb { effective[geometryPatches[k]] = wkb } else {
                problems.append(PatchProblem(fid: patch.fid, outcome: .rejected, reason: "overridden",
                                             detail: "wholly covered by patches that win the overlap (see the conflicts)"))
            }
        }
        return ResolvedPatches(rank: rank, effective: effective)
    }

    /// The map cut by the patches: the pieces (inside a patch, or left over) above the noise area, the
    /// sub-compartments cut, and how many patches applied.
    struct CutMap {
        var pieces: [Piece]
        var touched: Set<Int>
        var applied: Int
        var mapIndex: SpatialIndex
        var area: LayerAreaMethod
    }

    /// Step 2, the cut: the sub-compartments each patch touches.
    static func cut(_ map: SubCompartmentLayer, patches: [UpdatePatch], geometryPatches: [Int], resolved: ResolvedPatches,
                    options: Options, problems: inout [PatchProblem]) throws -> CutMap {
        let subs = map.subCompartments, effective = resolved.effective, minimum = options.minimumSquareMetres
        let mapIndex = SpatialIndex(boxes: try subs.map { try $0.geometry.envelope() ?? Envelope(minX: .nan, minY: .nan, maxX: .nan, maxY: .nan) })
        var patchesOf: [Int: [Int]] = [:]
        for p in geometryPatches where effective[p] != nil {
            for s in mapIndex.query(patches[p].envelope!) { patchesOf[s, default: []].append(p) }
        }
        let candidates = patchesOf.keys.sorted()
        let patchesOfSub = patchesOf, effectiveOf = effective, rank = resolved.rank
        let area = try LayerAreaMethod(method: options.areaMethod, layer: map, planarCRS: nil)
        struct Cut: Sendable {
            var sub: Int
            var pieces: [Piece]
            /// Planar m² of each patch inside the sub-compartment.
            var inside: [(Int, Double)]
        }
        let cuts: [Cut] = try ParallelJobs.map(jobs: (candidates.count + 199) / 200, threads: options.threads,
                                               state: { (GEOSContext(), try LayerAreaMeasure(area)) }) { state, job in
            let (context, measure) = state
            return try candidates[(job * 200)..<min(candidates.count, job * 200 + 200)].map { s -> Cut in
                let sub = try Geometry(wkb: subs[s].geometry, context: context)
                var pieces: [Piece] = [], inside: [(Int, Double)] = [], covering: [Geometry] = []
                let order: [Int] = patchesOfSub[s]!.sorted { (a: Int, b: Int) -> Bool in rank[a]! > rank[b]! }
                for p in order {
                    let patch = try Geometry(wkb: effectiveOf[p]!, context: context)
                    let part = try sub.intersection(patch)
                    let polygons = part.polygonRings()
                    guard !polygons.isEmpty, part.area > 0 else { continue }
                    inside.append((p, part.area))
                    covering.append(patch)
                    for polygon in polygons {
                        pieces.append(Piece(parent: s, patch: p, polygon: polygon, squareMetres: try measure.squareMetres([polygon])))
                    }
                }
                guard !covering.isEmpty else { return Cut(sub: s, pieces: [], inside: []) }
                let rest = try sub.difference(covering.count == 1 ? covering[0] : try Geometry.union(covering, context: context))
                for polygon in rest.polygonRings() {
                    pieces.append(Piece(parent: s, patch: nil, polygon: polygon, squareMetres: try measure.squareMetres([polygon])))
                }
                return Cut(sub: s, pieces: pieces, inside: inside)
            }
        }.flatMap { $0 }

        var insideArea: [Int: Double] = [:]
        var pieces: [Piece] = []
        var touched = Set<Int>()
        for cut in cuts where !cut.pieces.isEmpty {
            touched.insert(cut.sub)
            for (p, a) in cut.inside { insideArea[p, default: 0] += a }
            pieces += cut.pieces.filter { $0.squareMetres > minimum }
        }
        var applied = 0
        for p in geometryPatches where effective[p] != nil {
            let patch = patches[p]
            let inside = insideArea[p] ?? 0
            if inside <= 0 {
                problems.append(PatchProblem(fid: patch.fid, outcome: .rejected, reason: "outside_map", detail: "the patch lies outside every sub-compartment of \(map.label)"))
                continue
            }
            applied += 1
            let effectiveArea = (try? Geometry(wkb: effective[p]!, context: GEOSContext()).area) ?? patch.planarArea
            let outside = effectiveArea - inside
            if outside > max(minimum, effectiveArea * 1e-9) {
                problems.append(PatchProblem(fid: patch.fid, outcome: .trimmed, reason: "partly_outside",
                                             detail: String(format: "applied inside the map; %.2f m² outside every sub-compartment dropped", outside)))
            }
        }
        return CutMap(pieces: pieces, touched: touched, applied: applied, mapIndex: mapIndex, area: area)
    }

    /// The pieces after the reason-97 merge: those merged into a neighbour (`absorbed` by the piece that took
    /// them), the merged pieces' geometry, each piece's own area before the merge, and the pieces no neighbour
    /// could take.
    struct MergedPieces {
        var pieces: [Piece]
        var ownSquareMetres: [Double]
        var touched: Set<Int>
        var absorbed: [Int: [Int]]
        var merged: Set<Int>
        var geometry: [Int: WKB]
        var keptSlivers: Int
    }

    /// Step 3, the reason-97 merge (边界细碎图斑合并): a piece below the map unit or narrower on average than
    /// `[check] thin_width_m` goes to the neighbour it shares the longest edge with (a piece of its own patch first).
    static func reason97Merge(_ cut: CutMap, subs: [SubCompartment], effective: [Int: WKB], options: Options) throws -> MergedPieces {
        var pieces = cut.pieces, touched = cut.touched
        let mapIndex = cut.mapIndex, area = cut.area
        var largestOfPatch: [Int: Int] = [:]
        for (i, piece) in pieces.enumerated() {
            guard let p = piece.patch else { continue }
            if let j = largestOfPatch[p], pieces[j].squareMetres >= piece.squareMetres { continue }
            largestOfPatch[p] = i
        }
        let unit = options.mapUnitSquareMetres
        let isSliver = pieces.indices.map { i in
            (pieces[i].squareMetres < unit || PieceWidth.mean([pieces[i].polygon]) < options.thinWidthMetres)
                && (pieces[i].patch == nil || largestOfPatch[pieces[i].patch!] != i)
        }
        // Merge targets: pieces that are not slivers, and sub-compartments no patch cut.
        enum Target: Hashable, Sendable { case piece(Int), sub(Int) }
        let sliverIndices = pieces.indices.filter { isSliver[$0] }
        let pieceBoxes = pieces.map { Envelope([$0.polygon])! }
        let pieceIndex = SpatialIndex(boxes: pieceBoxes)
        let pieceList = pieces, touchedSubs = touched
        let targets: [Target?] = try ParallelJobs.map(jobs: (sliverIndices.count + 99) / 100, threads: options.threads, state: { GEOSContext() }) { context, job in
            try sliverIndices[(job * 100)..<min(sliverIndices.count, job * 100 + 100)].map { i -> Target? in
                let sliver = try Geometry(wkb: WKB(polygons: [pieceList[i].polygon]), context: context)
                var best: (target: Target, samePatch: Bool, length: Double)?
                func consider(_ target: Target, _ wkb: WKB, samePatch: Bool) throws {
                    let length = try sliver.contactLength(with: try Geometry(wkb: wkb, context: context))
                    guard length > 1e-6 else { return }
                    if let b = best, (b.samePatch && !samePatch) || (b.samePatch == samePatch && b.length >= length) { return }
                    best = (target, samePatch, length)
                }
                for j in pieceIndex.query(pieceBoxes[i]).sorted() where j != i && !isSliver[j] {
                    let same = pieceList[i].patch != nil && pieceList[j].patch == pieceList[i].patch
                    try consider(.piece(j), WKB(polygons: [pieceList[j].polygon]), samePatch: same)
                }
                for s in mapIndex.query(pieceBoxes[i]).sorted() where !touchedSubs.contains(s) && (try? subs[s].geometry.polygons().count) == 1 {
                    try consider(.sub(s), subs[s].geometry, samePatch: false)
                }
                return best?.target
            }
        }.flatMap { $0 }
        // Sub-compartments that take a sliver become pieces of their own.
        var pieceOfSub: [Int: Int] = [:]
        var absorbed: [Int: [Int]] = [:]
        var keptSlivers = 0
        for (k, i) in sliverIndices.enumerated() {
            guard let target = targets[k] else { keptSlivers += 1; continue }
            let j: Int
            switch target {
            case .piece(let t): j = t
            case .sub(let s):
                if let existing = pieceOfSub[s] { j = existing } else {
                    let polygons = try subs[s].geometry.polygons()
                    let measure = try LayerAreaMeasure(area)
                    pieces.append(Piece(parent: s, patch: nil, polygon: polygons[0], squareMetres: try measure.squareMetres(polygons)))
                    j = pieces.count - 1
                    pieceOfSub[s] = j
                    touched.insert(s)
                }
            }
            absorbed[j, default: []].append(i)
        }
        let merged = Set(absorbed.values.flatMap { $0 })
        // Unions of each target with its slivers.
        let receivers = absorbed.keys.sorted()
        let pieceSnapshot = pieces, absorbedBy = absorbed
        let unions: [(PolygonRings?, [PolygonRings])] = try ParallelJobs.map(jobs: receivers.count, threads: options.threads, state: { GEOSContext() }) { context, k in
            let j = receivers[k]
            let parts = try ([j] + absorbedBy[j]!).map { try Geometry(wkb: WKB(polygons: [pieceSnapshot[$0].polygon]), context: context) }
            let union = try Geometry.union(parts, context: context).polygonRings()
            return (union.count == 1 ? union[0] : nil, union)
        }
        var mergedGeometry: [Int: WKB] = [:]
        let finalMeasure = try LayerAreaMeasure(area)
        for (k, j) in receivers.enumerated() {
            let polygons = unions[k].1
            mergedGeometry[j] = WKB(polygons: polygons)
            pieces[j].squareMetres = try finalMeasure.squareMetres(polygons)
        }
        // A piece that is its whole patch (with the slivers it took back) is the patch as drawn: its own vertices,
        // not the union of cut parts, so no floating-point dust separates it from its neighbours.
        var piecesOfPatch: [Int: Set<Int>] = [:]
        for (i, piece) in pieces.enumerated() { if let p = piece.patch { piecesOfPatch[p, default: []].insert(i) } }
        for (i, piece) in pieces.enumerated() where !merged.contains(i) {
            guard let p = piece.patch, piecesOfPatch[p] == Set([i] + (absorbed[i] ?? [])) else { continue }
            let polygons = try effective[p]!.polygons()
            guard polygons.count == 1 else { continue }
            mergedGeometry[i] = effective[p]!
            pieces[i].squareMetres = try finalMeasure.squareMetres(polygons)
        }
        return MergedPieces(pieces: pieces, ownSquareMetres: pieceSnapshot.map(\.squareMetres), touched: touched, absorbed: absorbed,
                            merged: merged, geometry: mergedGeometry, keptSlivers: keptSlivers)
    }
}

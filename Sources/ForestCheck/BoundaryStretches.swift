import Foundation
import Geo
import ForestMapCore
import PlanarKernel

/// `boundary_mismatch` per stretch of township boundary: the pieces the feature pass and the edge check find
/// (a sub-compartment's part over its township's boundary, a band of the district that no sub-compartment covers)
/// are gathered into one problem per stretch.
///
/// Each piece has two sides: the township it counts in (the sub-compartment's, or the one an uncovered band lies
/// in) and the township across — the one a part over the boundary lies in (at its point on the surface), or none
/// for a part outside every township and for an uncovered band along the district's edge. A stretch is a set of
/// pieces that
/// - lie along the same boundary: the same pair of townships whichever side each counts in (A's sub-compartments
///   over the boundary into B and B's into A), or one township and the outside; and
/// - are connected: each touches, or comes within the boundary tolerance (`[check] boundary_tolerance_m`) of,
///   another of the stretch.
///
/// So a boundary another department drew a few metres off is one problem for as long as the mismatch runs on
/// without a break wider than the tolerance, whichever side the sub-compartments stick out on. The stretch's
/// problem names its sub-compartments (FIDs ascending), counts in the township most of its area counts in (the
/// lower code on a tie); its polygon is the union of its pieces, its area the sum of theirs, its point that of
/// the piece with the largest offset, and its detail gives the count and that offset: how far the piece reaches
/// from the boundary of the township it counts in (the greatest distance of a point of its outline from it).
struct BoundaryStretches {
    /// The two sides of a piece: the township it counts in and the one across the boundary.
    struct Sides: Hashable, Sendable {
        /// The township the problem counts in.
        var township: String
        /// The township across the boundary; "" for none (the district's edge, or a gap of the township layer).
        var across: String

        /// The same boundary whichever side a piece counts in: the lower code first (none stays last).
        var pair: Sides {
            across.isEmpty || township <= across ? self : Sides(township: across, across: township)
        }
    }

    /// A mismatch piece with its sides and how far it reaches from its township's boundary, in metres.
    struct Piece: Sendable {
        var problem: CheckProblem
        var sides: Sides
        var offsetMetres: Double
    }

    let inputs: CheckInputs
    let threads: Int?

    /// The problems with every `boundary_mismatch` piece replaced by the stretches they form (in no set order:
    /// the caller sorts).
    func grouped(_ problems: [CheckProblem]) throws -> [CheckProblem] {
        let found = problems.filter { $0.check == .boundaryMismatch }
        guard !found.isEmpty else { return problems }
        let pieces = try self.pieces(found)
        let bySides = Dictionary(grouping: pieces.indices, by: { pieces[$0].sides.pair })
        let sides = bySides.keys.sorted { ($0.township, $0.across) < ($1.township, $1.across) }
        let this = self
        let stretches = try ParallelJobs.map(jobs: sides.count, threads: threads, state: { CheckWorker(this.inputs) }) { worker, job in
            try this.stretches(bySides[sides[job]]!.map { pieces[$0] }, worker)
        }.flatMap { $0 }
        return problems.filter { $0.check != .boundaryMismatch } + stretches
    }

    /// The pieces with their sides and offsets, in chunks on every core.
    func pieces(_ found: [CheckProblem]) throws -> [Piece] {
        let inputs = inputs
        let ranges = ParallelJobs.ranges(count: found.count, size: 200)
        return try ParallelJobs.map(jobs: ranges.count, threads: threads, state: { CheckWorker(inputs) }) { worker, job in
            try ranges[job].map { i in
                let p = found[i]
                // A part over the boundary lies across it; a band (no feature) lies inside its township, at the edge.
                let across = p.featureIDs.isEmpty ? nil : try p.point.flatMap { try worker.townshipCode(at: $0) }
                return Piece(problem: p, sides: Sides(township: p.townshipCode, across: across ?? ""),
                             offsetMetres: Self.offsetMetres(p.geometry, township: p.townshipCode, worker))
            }
        }.flatMap { $0 }
    }

    /// How far a piece reaches from its township's boundary, in metres: the greatest distance of a point of its
    /// outline from the boundary of the township it counts in (a part over the boundary lies outside that township,
    /// an uncovered band inside it), to within a millimetre (`FarthestReach`). Measured against the boundary
    /// within a reach of the piece's box, from twice the tolerance up, doubled until the distance found is no more
    /// than the reach (then every nearest point was within it). In a geographic CRS degrees are taken as 111,320 m,
    /// as for the tolerance.
    static func offsetMetres(_ wkb: WKB?, township: String, _ worker: CheckWorker) -> Double {
        guard let wkb, let townships = worker.inputs.townships, let polygons = try? wkb.polygons(), let box = Envelope(polygons) else { return 0 }
        let rings = townships.parts.indices.filter { townships.parts[$0].code == township }.flatMap { worker.townshipRings($0) }
        guard let extent = Envelope(rings.map { PolygonRings(rings: [$0]) }) else { return 0 }
        let outline = polygons.flatMap(\.rings)
        let metres = worker.inputs.geographic ? PieceWidth.metresPerDegree : 1
        var reach = 2 * worker.inputs.tolerance
        while true {
            let window = Envelope(minX: box.minX - reach, minY: box.minY - reach, maxX: box.maxX + reach, maxY: box.maxY + reach)
            let segments = FarthestReach.segments(of: rings, within: window)
            let whole = window.minX <= extent.minX && window.minY <= extent.minY && window.maxX >= extent.maxX && window.maxY >= extent.maxY
            if !segments.isEmpty {
                let d = FarthestReach.distance(of: outline, from: segments, precision: 0.001 / metres)
                if d <= reach || whole { return d * metres }
            } else if whole {
                return 0
            }
            reach *= 2
        }
    }

    /// The stretches of pieces that have the same sides: the connected groups, each one problem.
    private func stretches(_ pieces: [Piece], _ worker: CheckWorker) throws -> [CheckProblem] {
        let ordered = pieces.sorted { CheckProblem.ordered($0.problem, $1.problem) }
        let geometries = try ordered.map { try $0.problem.geometry.map { try worker.geometry($0) } }
        let reach = inputs.tolerance
        let boxes = geometries.map { g -> Envelope in
            let b = g?.envelope ?? Envelope(minX: .infinity, minY: .infinity, maxX: .infinity, maxY: .infinity)
            return Envelope(minX: b.minX - reach, minY: b.minY - reach, maxX: b.maxX + reach, maxY: b.maxY + reach)
        }
        let index = SpatialIndex(boxes: boxes)
        var groups = DisjointSets(count: ordered.count)
        for i in ordered.indices {
            guard let a = geometries[i] else { continue }
            for j in index.query(boxes[i]) where j > i && groups.find(i) != groups.find(j) {
                if let b = geometries[j], a.isWithin(reach, of: b) { groups.join(i, j) }
            }
        }
        return try groups.sets().map { members in
            let united = try Geometry.union(members.compactMap { geometries[$0] }, context: worker.context)
            return stretch(members.map { ordered[$0] }, polygon: WKB(polygons: united.polygonRings()))
        }
    }

    /// The sides of a stretch: the township most of its area counts in (the lower code on a tie), and the other.
    static func sides(_ pieces: [Piece]) -> Sides {
        var area: [String: Double] = [:]
        for p in pieces { area[p.sides.township, default: 0] += p.problem.squareMetres ?? 0 }
        let township = area.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }!.key
        let pair = pieces[0].sides.pair
        return Sides(township: township, across: township == pair.township ? pair.across : pair.township)
    }

    /// The problem of one stretch (its pieces in problem order).
    private func stretch(_ pieces: [Piece], polygon: WKB) -> CheckProblem {
        let sides = Self.sides(pieces)
        let over = pieces.filter { !$0.problem.featureIDs.isEmpty }
        let named = over.flatMap { p in zip(p.problem.featureIDs, p.problem.keys) }.sorted { $0.0 < $1.0 }
        let overM2 = over.reduce(0) { $0 + ($1.problem.squareMetres ?? 0) }
        let bandM2 = pieces.reduce(0) { $0 + ($1.problem.squareMetres ?? 0) } - overM2
        let farthest = pieces.max { a, b in a.offsetMetres < b.offsetMetres }!
        let detail = BoundaryStretchDetail(inputs: inputs, sides: sides, keys: named.map(\.1), overSquareMetres: overM2,
                                           bandSquareMetres: bandM2, bandPieces: pieces.count - over.count,
                                           largestOffsetMetres: farthest.offsetMetres, largestOffsetKey: farthest.problem.keys.first).text
        return CheckProblem(check: .boundaryMismatch, featureIDs: named.map(\.0), keys: named.map(\.1), townshipCode: sides.township,
                            detail: detail, geometry: polygon.bytes.isEmpty ? nil : polygon, point: farthest.problem.point,
                            squareMetres: overM2 + bandM2)
    }
}

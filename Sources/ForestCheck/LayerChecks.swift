import Foundation
import Geo
import ForestMapCore
import PlanarKernel

/// The checks across sub-compartments: overlaps, gaps (and, with townships, the district's uncovered edges) and
/// duplicate keys.
///
/// The sub-compartments with a polygon are taken in a spatial order (Hilbert curve over their boxes' centres) and
/// cut into jobs of a fixed size, so each job handles neighbours and the result never depends on the number of
/// threads.
struct LayerChecks {
    let inputs: CheckInputs
    let facts: [FeatureFacts]
    let threads: Int?
    /// Item numbers of the sub-compartments with a polygon, in spatial order.
    let order: [Int]
    /// Over `order` positions.
    let index: SpatialIndex

    static let jobSize = 1_000

    init(inputs: CheckInputs, facts: [FeatureFacts], threads: Int?) {
        self.inputs = inputs
        self.facts = facts
        self.threads = threads
        let usable = facts.indices.filter { facts[$0].rings != nil }
        let boxes = usable.map { facts[$0].envelope! }
        let extent = boxes.dropFirst().reduce(boxes.first) { $0!.union($1) }
        let keys = boxes.map { Self.hilbert($0, in: extent!) }
        order = usable.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }.map { usable[$0] }
        index = SpatialIndex(boxes: order.map { facts[$0].envelope! })
    }

    /// The position of a box's centre on a Hilbert curve of 2¹⁶ × 2¹⁶ cells over the extent.
    static func hilbert(_ box: Envelope, in extent: Envelope) -> Int {
        let n = 1 << 16
        func cell(_ v: Double, _ lo: Double, _ hi: Double) -> Int {
            hi > lo ? min(n - 1, max(0, Int((v - lo) / (hi - lo) * Double(n)))) : 0
        }
        var x = cell(box.centreX, extent.minX, extent.maxX), y = cell(box.centreY, extent.minY, extent.maxY)
        var d = 0
        var s = n / 2
        while s > 0 {
            let rx = (x & s) > 0 ? 1 : 0, ry = (y & s) > 0 ? 1 : 0
            d += s * s * ((3 * rx) ^ ry)
            if ry == 0 {
                if rx == 1 { x = n - 1 - x; y = n - 1 - y }
                (x, y) = (y, x)
            }
            s /= 2
        }
        return d
    }

    /// The polygon the overlays use: the repaired one when the original is invalid.
    private func wkb(_ item: Int) -> WKB { facts[item].repaired ?? inputs.subCompartments[item].geometry }

    private func township(_ item: Int) -> String {
        let s = inputs.subCompartments[item]
        return s.townshipCode.isEmpty ? (facts[item].spatialTownship ?? "") : s.townshipCode
    }

    // MARK: - Overlaps

    /// Pairs of positions in `order` whose contact was not a clean shared edge (an overlap, or one the edge test
    /// could not decide): the union then leaves their job to GEOS.
    struct Overlaps: Sendable {
        var problems: [CheckProblem]
        var unclean: [(Int, Int)]
    }

    /// Every pair whose interiors overlap by more than the noise threshold. Candidates come from the boxes; the edge
    /// test (`PairTest`) clears neighbours that only share edges; GEOS intersects the rest, and the overlap polygon
    /// is the problem.
    func overlaps() throws -> Overlaps {
        let jobs = ParallelJobs.ranges(count: order.count, size: Self.jobSize)
        let inputs = inputs, order = order, index = index, this = self
        let found = try ParallelJobs.map(jobs: jobs.count, threads: threads, state: { CheckWorker(inputs) }) { worker, job in
            var cache: [Int: Geometry] = [:]
            func geometry(_ p: Int) throws -> Geometry {
                if let g = cache[p] { return g }
                let g = try worker.geometry(this.wkb(order[p]))
                cache[p] = g
                return g
            }
            var result = Overlaps(problems: [], unclean: [])
            var later: [Int] = []
            for p in jobs[job] {
                let rp = this.facts[order[p]].rings!
                later.removeAll(keepingCapacity: true)
                index.forEach(intersecting: rp.box) { q in if q > p { later.append(q) } }
                later.sort()
                for q in later {
                    guard PairTest.test(rp, this.facts[order[q]].rings!) != .apart else { continue }
                    result.unclean.append((p, q))
                    let a = try geometry(p), b = try geometry(q)
                    guard a.intersects(b) else { continue }
                    let overlap = try a.intersection(b)
                    guard overlap.area > 0 else { continue }
                    let pieces = overlap.polygonRings()
                    let m2 = inputs.area.squareMetres(pieces)
                    guard !inputs.isNoise(pieces, squareMetres: m2) else { continue }
                    result.problems.append(this.overlapProblem(order[p], order[q], overlap, m2, worker))
                }
            }
            return result
        }
        return Overlaps(problems: found.flatMap(\.problems), unclean: found.flatMap(\.unclean))
    }

    private func overlapProblem(_ i: Int, _ j: Int, _ overlap: Geometry, _ m2: Double, _ worker: CheckWorker) -> CheckProblem {
        let subs = inputs.subCompartments
        let (a, b) = subs[i].fid <= subs[j].fid ? (i, j) : (j, i)
        let areaA = facts[a].squareMetres ?? 0, areaB = facts[b].squareMetres ?? 0
        let polygons = overlap.polygonRings()
        let identical = m2 >= 0.999 * areaA && m2 >= 0.999 * areaB ? "; the two polygons are the same" : ""
        return CheckProblem(
            check: .overlap, featureIDs: [subs[a].fid, subs[b].fid], keys: [subs[a].key, subs[b].key],
            townshipCode: township(a),
            detail: "\(subs[a].key) and \(subs[b].key) overlap by \(MessageFormat.area(m2)) (\(MessageFormat.percent(m2, of: areaA)) and \(MessageFormat.percent(m2, of: areaB)) of them)\(identical)",
            geometry: WKB(polygons: polygons), point: try? worker.geometry(polygons).pointOnSurface(), squareMetres: m2)
    }

    // MARK: - Gaps

    /// Holes in the union of the sub-compartments (without townships, every hole; with them, the parts inside the
    /// district), and with townships the district's area that no sub-compartment covers: a gap where it reaches
    /// deeper than the tolerance inside the district's edge, a boundary mismatch where it is only a band along it.
    /// The district is the union of the townships the sub-compartments lie in. `unclean` are the pairs the overlap
    /// check could not clear.
    func gaps(unclean: [(Int, Int)]) throws -> [CheckProblem] {
        guard !order.isEmpty else { return [] }
        let (unionWKB, districtWKB) = try union(unclean: unclean)
        let worker = CheckWorker(inputs)
        let union = try worker.geometry(unionWKB)
        let polygons = union.polygonRings()
        let polygonIndex = SpatialIndex(boxes: polygons.map { Envelope([$0])! })
        let district = try districtWKB.map { try worker.geometry($0) }
        let preparedDistrict = try district.map { try PreparedGeometry($0) }
        let minimum = inputs.settings.minimumProblemSquareMetres
        var problems: [CheckProblem] = []
        var islands = Set<Int>()
        for (n, polygon) in polygons.enumerated() {
            for hole in polygon.rings.dropFirst() {
                let holeRings = PolygonRings(rings: [hole])
                guard let box = Envelope([holeRings]) else { continue }
                var gap = try worker.geometry([holeRings])
                let prepared = try PreparedGeometry(gap)
                for k in polygonIndex.query(box).sorted() where k != n {
                    let island = try worker.geometry([PolygonRings(rings: [polygons[k].rings[0]])])
                    if prepared.contains(island) {
                        islands.insert(k)
                        gap = try gap.difference(island)
                    }
                }
                if let district, let preparedDistrict, !preparedDistrict.contains(gap) {
                    gap = try gap.intersection(district)
                }
                for piece in gap.polygonRings() {
                    let m2 = inputs.area.squareMetres([piece])
                    guard !inputs.isNoise([piece], squareMetres: m2) else { continue }
                    if let p = try gapProblem(piece, m2, worker, edge: false) { problems.append(p) }
                }
            }
        }
        if let district {
            let filled = polygons.indices.filter { !islands.contains($0) }.map { PolygonRings(rings: [polygons[$0].rings[0]]) }
            let uncovered = filled.isEmpty ? district : try district.difference(worker.geometry(filled))
            let pieces = uncovered.polygonRings().filter { !inputs.isNoise([$0], squareMetres: inputs.area.squareMetres([$0])) }
            if !pieces.isEmpty {
                let core = try district.buffer(-inputs.tolerance)
                for piece in pieces {
                    let deep = worker.squareMetres(try worker.geometry([piece]).intersection(core))
                    if let p = try gapProblem(piece, inputs.area.squareMetres([piece]), worker, edge: true, deep: deep > minimum ? deep : nil) {
                        problems.append(p)
                    }
                }
            }
        }
        return problems
    }

    /// The union of every polygon, and the district (`districtGeometry`, made alongside as the first job). Each job
    /// of neighbours is united from its edges when its polygons form a clean coverage (`CoverageUnion`), by GEOS
    /// otherwise; the jobs' unions are then merged pairwise by GEOS in rounds.
    private func union(unclean: [(Int, Int)]) throws -> (union: WKB, district: WKB?) {
        let order = order, this = self
        let jobs = ParallelJobs.ranges(count: order.count, size: Self.jobSize)
        let dirty = Set(unclean.filter { $0.0 / Self.jobSize == $0.1 / Self.jobSize }.map { $0.0 / Self.jobSize })
        let made = try ParallelJobs.map(jobs: jobs.count + 1, threads: threads, state: { GEOSContext() }) { context, n -> WKB? in
            guard n > 0 else { return try this.districtGeometry(context)?.wkb }
            let job = n - 1
            let items = jobs[job].map { order[$0] }
            if !dirty.contains(job) {
                let rings = items.map { this.facts[$0].rings! }
                if let polygons = CoverageUnion.unionKeepingArea(rings) { return WKB(polygons: polygons) }
            }
            let geometries = try items.map { try Geometry(wkb: this.wkb($0), context: context) }
            return try Geometry.union(geometries, context: context).wkb
        }
        var pieces = made.dropFirst().map { $0! }
        while pieces.count > 1 {
            let round = pieces
            pieces = try ParallelJobs.map(jobs: (round.count + 1) / 2, threads: threads, state: { GEOSContext() }) { context, k in
                guard 2 * k + 1 < round.count else { return round[2 * k] }
                let pair = try [round[2 * k], round[2 * k + 1]].map { try Geometry(wkb: $0, context: context) }
                return try Geometry.union(pair, context: context).wkb
            }
        }
        return (pieces[0], made[0])
    }

    /// The union of the township parts whose townships hold at least one sub-compartment (nil without townships).
    private func districtGeometry(_ context: GEOSContext) throws -> Geometry? {
        guard let townships = inputs.townships else { return nil }
        let occupied = Set(facts.compactMap(\.spatialTownship))
        let parts = try townships.parts.filter { occupied.contains($0.code) }.map { try Geometry(wkb: $0.wkb, context: context) }
        guard !parts.isEmpty else { return nil }
        return try Geometry.union(parts, context: context)
    }

    /// The problem of an uncovered piece; nil when only invalid sub-compartments border it (GEOS's repair of them
    /// left it: their invalid_geometry problem covers it).
    private func gapProblem(_ piece: PolygonRings, _ m2: Double, _ worker: CheckWorker, edge: Bool, deep: Double? = nil) throws -> CheckProblem? {
        let pieceWKB = WKB(polygons: [piece])
        let g = try worker.geometry(pieceWKB)
        let subs = inputs.subCompartments
        let point = try? g.pointOnSurface()
        // The sub-compartments around it, for the detail and (without townships) its township.
        var neighbours: [Int] = []
        if let box = g.envelope {
            let grown = Envelope(minX: box.minX - inputs.millimetre, minY: box.minY - inputs.millimetre, maxX: box.maxX + inputs.millimetre, maxY: box.maxY + inputs.millimetre)
            let prepared = try PreparedGeometry(try g.buffer(inputs.millimetre * 10, quadrantSegments: 2))
            neighbours = try index.query(grown).map { order[$0] }.sorted().filter { prepared.intersects(try worker.geometry(wkb($0))) }
        }
        if !neighbours.isEmpty, neighbours.allSatisfy({ facts[$0].repaired != nil }) { return nil }
        let township = try point.flatMap { try worker.townshipCode(at: $0) } ?? mostCommonTownship(neighbours)
        let keys = neighbours.map { subs[$0].key }
        let around = keys.isEmpty ? "no sub-compartment" : keys.prefix(4).joined(separator: ", ") + (keys.count > 4 ? " and \(keys.count - 4) more" : "")
        let check: QualityCheck
        let detail: String
        if !edge {
            check = .gap
            detail = "gap of \(MessageFormat.area(m2)) covered by no sub-compartment, between \(around)"
        } else if let deep {
            check = .gap
            detail = "\(MessageFormat.area(m2)) of \(inputs.townshipLabel(township)) covered by no sub-compartment (\(MessageFormat.area(deep)) more than \(inputs.settings.boundaryToleranceMetres) m inside the district's boundary), beside \(around)"
        } else {
            check = .boundaryMismatch
            detail = "\(MessageFormat.area(m2)) inside the boundary of \(inputs.townshipLabel(township)) covered by no sub-compartment, all within \(inputs.settings.boundaryToleranceMetres) m of the boundary: the township boundary and the sub-compartments differ there; beside \(around)"
        }
        return CheckProblem(check: check, featureIDs: [], keys: [], townshipCode: township, detail: detail, geometry: pieceWKB,
                            point: point, squareMetres: m2)
    }

    /// The township most of the items name (the lowest code on a tie); "" for none.
    private func mostCommonTownship(_ items: [Int]) -> String {
        var counts: [String: Int] = [:]
        for i in items { let t = township(i); if !t.isEmpty { counts[t, default: 0] += 1 } }
        return counts.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key ?? ""
    }

    // MARK: - Duplicate keys

    /// Every feature whose key another feature has too (layers keyed by feature id have no duplicates).
    func duplicateKeys() -> [CheckProblem] {
        let subs = inputs.subCompartments
        let worker = CheckWorker(inputs)
        // The first feature of each key; the features of keys seen more than once (no array per key: most are unique).
        var first: [String: Int] = [:]
        first.reserveCapacity(subs.count)
        var byKey: [String: [Int]] = [:]
        for (i, s) in subs.enumerated() where !s.key.hasPrefix("fid:") {
            if let j = first.updateValue(i, forKey: s.key) {
                first[s.key] = j
                byKey[s.key, default: [j]].append(i)
            }
        }
        var problems: [CheckProblem] = []
        for (key, items) in byKey {
            for i in items {
                let others = items.filter { $0 != i }.map { String(subs[$0].fid) }
                problems.append(CheckProblem(
                    check: .duplicateKey, featureIDs: [subs[i].fid], keys: [key], townshipCode: township(i),
                    detail: "\(key): the key is also on feature\(others.count > 1 ? "s" : "") \(others.joined(separator: ", "))",
                    geometry: subs[i].geometry.bytes.isEmpty ? nil : subs[i].geometry,
                    point: (facts[i].repaired ?? (subs[i].geometry.bytes.isEmpty ? nil : subs[i].geometry)).flatMap { try? worker.geometry($0).pointOnSurface() },
                    squareMetres: nil))
            }
        }
        return problems
    }
}

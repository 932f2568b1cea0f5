import Foundation
import Geo
import ForestCheck
import ForestMapCore
import PlanarKernel

/// `synth --defects`: a copy of the first year with every quality problem of docs/domain.md §8 planted (one or more
/// of each `QualityCheck`), and defects_truth.csv listing each with the check's key, the features (GeoPackage
/// FID, 1-based in write order, and key) and where it is.
///
/// Each defect sits on cells of its own, none next to another's, inside one township (except the crossing one),
/// so one problem never causes another: a moved vertex gets its feature's MIAN_JI recomputed, an island's host
/// gets a hole. The only problem not planted in the copy is `boundary_mismatch`: it comes from townships.gpkg
/// (another department's boundaries, a few metres off everywhere), one row per township.
struct SynthDefects {
    struct Problem {
        var check: QualityCheck
        /// Rows of the problem's features: first-year slots (modified in place) or extra features (−1 − index).
        var features: [Int]
        var point: Point?
        var squareMetres: Double?
        var detail: String
        var township: String
    }

    let district: SynthDistrict
    let context = GEOSContext()
    let area: AreaCalculator
    var sites: SynthSitePlanner
    /// Replaced first-year rows (nil: removed).
    var modified: [Int: SynthRow?] = [:]
    var extras: [SynthRow] = []
    var problems: [Problem] = []
    var rings: SynthRings
    private var lastXiaoBan: [UInt64: Int] = [:]

    init(_ district: SynthDistrict) throws {
        self.district = district
        let neighbourhood = SynthNeighbourhood(district.layout)
        sites = SynthSitePlanner(neighbourhood, eligible: (0..<district.layout.count).map(neighbourhood.isInterior))
        area = try AreaCalculator(method: .ellipsoidal, spatialReference: try SpatialReference(epsg: SynthDistrict.epsg), layerLabel: "synth")
        rings = district.previousRings
        let layout = district.layout
        for slot in 0..<layout.count {
            let key = Self.linBanKey(layout, slot)
            lastXiaoBan[key] = max(lastXiaoBan[key] ?? 0, Int(layout.xiaoBan[slot]))
        }
    }

    static func linBanKey(_ layout: DistrictLayout, _ slot: Int) -> UInt64 {
        UInt64(layout.township[slot]) << 40 | UInt64(layout.village[slot]) << 24 | UInt64(layout.linBan[slot])
    }

    var layout: DistrictLayout { district.layout }
    var neighbourhood: SynthNeighbourhood { sites.neighbourhood }
    var seed: UInt64 { district.options.seed }

    func row(_ slot: Int) -> SynthRow {
        if let m = modified[slot], let row = m { return row }
        return SynthLayerFiles.previousRow(district, slot)
    }

    func shell(_ slot: Int) -> [Point] { rings.ring(cell: Int(layout.cell[slot])) }

    func hectares(_ polygons: [[[Point]]]) throws -> Double {
        SynthStandAttributes.round(AreaUnit.hectares(try area.squareMetres(polygons.map { PolygonRings(rings: $0) })), 10_000)
    }

    func geometry(_ polygons: [[[Point]]]) throws -> Geometry { try Geometry(wkb: SynthWKB.multiPolygon(polygons), context: context) }

    /// A new feature in the LIN_BAN of `slot`, with `slot`'s record and the next XIAO_BAN.
    mutating func extra(like slot: Int, polygons: [[[Point]]]) throws -> Int {
        let key = Self.linBanKey(layout, slot)
        let number = (lastXiaoBan[key] ?? 0) + 1
        lastXiaoBan[key] = number
        var r = SynthLayerFiles.previousRow(district, slot)
        r.xiaoBan = number.zeroPadded(4)
        r.geometry = SynthWKB.multiPolygon(polygons)
        r.hectares = try hectares(polygons)
        extras.append(r)
        return -extras.count
    }

    /// Free cells in a seeded order, accepted by `test`, taken (with the cells around them blocked).
    mutating func pick(_ index: Int, _ test: (Int) -> Bool) -> Int? {
        for s in SynthSitePlanner.scrambled(layout.count, seed: seed, stream: .defects, index) where sites.isFree(s) && test(s) {
            sites.take([s])
            return s
        }
        return nil
    }

    func kind(_ slot: Int) -> SynthLandKind { district.previousKinds[slot] }
    func code(_ slot: Int) -> String { district.townshipCode(slot) }

    // MARK: - Planting

    mutating func plant() throws {
        try plantCrossing()
        try plantThinStrip()
        try plantBowTie()
        try plantMultipart()
        try plantIslands()
        try plantOverlapAndGap()
        try plantAttributes()
        for (k, spec) in layout.county.townships.enumerated() {
            problems.append(Problem(check: .boundaryMismatch, features: [], point: nil, squareMetres: nil,
                                    detail: "townships.gpkg: another department's boundary of \(spec.name) differs from the sub-compartments' by up to \(Int((SynthTownshipLayers.shiftPerAxis * 2.squareRoot()).rounded(.up))) m",
                                    township: layout.county.townships[k].divisionCode))
        }
    }

    /// crosses_township: two cells of one township merged with a cell of the neighbouring township, keeping the
    /// first's record: a third of the feature lies across the boundary.
    mutating func plantCrossing() throws {
        for b in SynthSitePlanner.scrambled(layout.count, seed: seed, stream: .defects, 1) {
            let i = neighbourhood.column(b), j = neighbourhood.row(b)
            for (di, dj) in SynthNeighbourhood.edgeSteps {
                guard let a1 = neighbourhood.slot(i + di, j + dj), let a2 = neighbourhood.slot(i + 2 * di, j + 2 * dj),
                      layout.township[a1] != layout.township[b], layout.township[a2] == layout.township[a1] else { continue }
                let cells = [a1, a2, b]
                guard cells.allSatisfy({ sites.state[$0] == .free || sites.state[$0] == .ineligible }),
                      let m1 = SynthPlanner.merge(shell(a1), shell(a2)), let shell = SynthPlanner.merge(m1, shell(b)),
                      try geometry([[shell]]).invalidity == nil else { continue }
                sites.take(cells)
                var r = row(a1)
                r.geometry = SynthWKB.multiPolygon([[shell]])
                r.hectares = try hectares([[shell]])
                modified[a1] = r
                modified[a2] = .some(nil)
                modified[b] = .some(nil)
                let across = try geometry([[self.shell(b)]])
                problems.append(Problem(check: .crossesTownship, features: [a1], point: try across.pointOnSurface(),
                                        squareMetres: across.area,
                                        detail: "merged with \(layout.key(b)) of \(code(b)): about a third lies outside \(code(a1))",
                                        township: code(a1)))
                return
            }
        }
        throw ForestMapError(.internalFailure, "synth --defects: no place for the township-crossing feature")
    }

    /// thin_shape: a strip 2.5 m wide and at least 320 m long cut north through a column of cells, one feature.
    mutating func plantThinStrip() throws {
        let grid = layout.grid
        let length = max(1, Int((320 / grid.cellSize).rounded(.up)))
        for start in SynthSitePlanner.scrambled(layout.count, seed: seed, stream: .defects, 2) {
            let i = neighbourhood.column(start), j0 = neighbourhood.row(start)
            var run: [Int] = []
            for k in 0..<length {
                guard let s = neighbourhood.slot(i, j0 + k), sites.isFree(s), layout.township[s] == layout.township[start] else { break }
                run.append(s)
            }
            guard run.count == length, let below = neighbourhood.slot(i, j0 - 1), let above = neighbourhood.slot(i, j0 + length),
                  sites.state[below] != .used, sites.state[above] != .used else { continue }
            var trial = rings
            var crossings: [(west: Point, east: Point)] = []
            for e in 0...length {
                let j = j0 + e
                let (p1, p2) = grid.edgePoints(grid.vertexID(i, j), grid.vertex(i, j), grid.vertexID(i + 1, j), grid.vertex(i + 1, j))
                guard let c = SynthStrip.crossing(grid, base: [p1, p2], i, j, width: 2.5) else { break }
                trial.insertions[SynthEdge(grid.vertexID(i, j), grid.vertexID(i + 1, j))] = c.points
                crossings.append((c.west, c.east))
            }
            guard crossings.count == length + 1 else { continue }
            var cuts: [(west: [Point], strip: [Point], east: [Point])] = []
            for k in 0..<length {
                let ring = trial.ring(i, j0 + k)
                guard let parts = SynthStrip.cut(ring, southWest: crossings[k].west, southEast: crossings[k].east,
                                                 northWest: crossings[k + 1].west, northEast: crossings[k + 1].east),
                      SynthPlanner.tiles([parts.west, parts.strip, parts.east], ring, context) else { break }
                cuts.append(parts)
            }
            guard cuts.count == length else { continue }
            let stripRings = try CoverageUnion.unite(cuts.map { [PolygonRings(rings: [$0.strip])] }, context: context)
            guard stripRings.count == 1, let stripShell = SynthWKB.oriented(stripRings).first else { continue }
            let strip = try Geometry(wkb: WKB(polygons: stripRings), context: context)
            rings = trial
            sites.take(run)
            sites.reserve([below, above])
            for end in [below, above] {
                var r = row(end)
                r.geometry = SynthWKB.multiPolygon([[shell(end)]])
                modified[end] = r
            }
            for (k, s) in run.enumerated() {
                var r = row(s)
                r.geometry = SynthWKB.multiPolygon([[cuts[k].west]])
                r.hectares = try hectares([[cuts[k].west]])
                modified[s] = r
                _ = try extra(like: s, polygons: [[cuts[k].east]])
            }
            let feature = try extra(like: run[0], polygons: [stripShell])
            let squareMetres = strip.area
            problems.append(Problem(check: .thinShape, features: [feature], point: try strip.pointOnSurface(), squareMetres: squareMetres,
                                    detail: "a strip 2.5 m wide, \(Int(squareMetres / 2.5)) m long: mean width \(CSVTable.number(2 * squareMetres / strip.length, decimals: 2)) m",
                                    township: code(run[0])))
            return
        }
        throw ForestMapError(.internalFailure, "synth --defects: no column of cells for the thin strip")
    }

    /// invalid_geometry: a tiny bow-tie loop (5 cm, as digitising leaves them) inside a cell, off one of its edge
    /// points: the ring crosses itself. Its lobes are below a hundredth of a square metre, so a checker that makes
    /// the polygon valid before looking for gaps loses nothing it would report.
    mutating func plantBowTie() throws {
        guard let s = pick(3, { _ in true }) else { throw ForestMapError(.internalFailure, "synth --defects: no cell for the bow-tie") }
        var ring = shell(s)
        let b = ring[1], c = ring[2]
        let dx = c.x - b.x, dy = c.y - b.y, length = (dx * dx + dy * dy).squareRoot()
        let u = 0.05
        let t = (dx / length * u, dy / length * u), nrm = (-t.1, t.0)   // along the edge, and inwards (left of a CCW ring)
        func at(_ a: Double, _ n: Double) -> Point { Point(b.x + a * t.0 + n * nrm.0, b.y + a * t.1 + n * nrm.1) }
        ring.insert(contentsOf: [at(2, 3), at(2, 1), at(0, 3), b], at: 2)
        var r = row(s)
        r.geometry = SynthWKB.multiPolygon([[ring]])
        modified[s] = r
        problems.append(Problem(check: .invalidGeometry, features: [s], point: at(1.2, 1.8), squareMetres: nil,
                                detail: "self-intersection: a bow-tie loop of \(CSVTable.number(3 * u, decimals: 2)) m off the edge point", township: code(s)))
    }

    /// multipart: a cell and another cell of its LIN_BAN, not touching it, as one MultiPolygon feature.
    mutating func plantMultipart() throws {
        for a in SynthSitePlanner.scrambled(layout.count, seed: seed, stream: .defects, 4) where sites.isFree(a) {
            let near = Set(neighbourhood.neighbours(a, diagonal: true))
            let start = a - 40, end = a + 40
            guard let c = (max(0, start)..<min(layout.count, end)).first(where: { q in
                q != a && !near.contains(q) && sites.isFree(q) && neighbourhood.sameLinBan(a, q)
                    && Set(neighbourhood.neighbours(q, diagonal: true)).isDisjoint(with: near)
            }) else { continue }
            sites.take([a, c])
            let polygons = [[shell(a)], [shell(c)]]
            var r = row(a)
            r.geometry = SynthWKB.multiPolygon(polygons)
            r.hectares = try hectares(polygons)
            modified[a] = r
            modified[c] = .some(nil)
            problems.append(Problem(check: .multipart, features: [a], point: try geometry([[shell(a)]]).pointOnSurface(), squareMetres: nil,
                                    detail: "2 parts: \(layout.key(c)) was merged into it", township: code(a)))
            return
        }
        throw ForestMapError(.internalFailure, "synth --defects: no pair of cells for the multipart feature")
    }

    /// zero_area and sliver: islands cut out of a cell (which gets a hole): a 0.01 m² triangle and a square
    /// below the map unit.
    mutating func plantIslands() throws {
        let grid = layout.grid
        for (k, check) in [(5, QualityCheck.zeroArea), (6, .sliver)] {
            var placed = false
            while !placed {
                guard let s = pick(k, { _ in true }) else { throw ForestMapError(.internalFailure, "synth --defects: no cell for \(check.rawValue)") }
                let c = Int(layout.cell[s])
                let centre = grid.centre(grid.column(ofCell: c), grid.row(ofCell: c))
                let island: [Point]
                if check == .zeroArea {
                    island = [centre, Point(centre.x + 0.2, centre.y), Point(centre.x, centre.y + 0.1), centre]
                } else {
                    let half = min(300.0.squareRoot(), 0.2 * grid.cellSize) / 2
                    island = [Point(centre.x - half, centre.y - half), Point(centre.x + half, centre.y - half),
                              Point(centre.x + half, centre.y + half), Point(centre.x - half, centre.y + half),
                              Point(centre.x - half, centre.y - half)]
                }
                let host = [shell(s), island.reversed()]
                guard try geometry([host]).invalidity == nil else { continue }
                var r = row(s)
                r.geometry = SynthWKB.multiPolygon([host])
                r.hectares = try hectares([host])
                modified[s] = r
                let feature = try extra(like: s, polygons: [[island]])
                let g = try geometry([[island]])
                problems.append(Problem(check: check, features: [feature], point: try g.pointOnSurface(), squareMetres: g.area,
                                        detail: check == .zeroArea ? "area \(CSVTable.number(g.area, decimals: 2)) m²"
                                            : "area \(CSVTable.number(g.area, decimals: 1)) m², below the map unit (1 mu, 666.7 m²)",
                                        township: code(s)))
                placed = true
            }
        }
    }

    /// overlap and gap: a cell's first point on its east edge moved into the east neighbour, and another's moved
    /// away from it (both cells recomputed, the neighbours untouched).
    mutating func plantOverlapAndGap() throws {
        for (k, outward) in [(7, true), (8, false)] {
            var placed = false
            for a in SynthSitePlanner.scrambled(layout.count, seed: seed, stream: .defects, k) where !placed && sites.isFree(a) {
                guard let b = neighbourhood.slot(neighbourhood.column(a) + 1, neighbourhood.row(a)), sites.isFree(b) else { continue }
                var ring = shell(a)
                // Shell indices 3...6 are the east edge: corner, two edge points, corner.
                let p = ring[3], q = ring[6]
                let dx = q.x - p.x, dy = q.y - p.y, length = (dx * dx + dy * dy).squareRoot()
                let h = min(10, 0.05 * layout.grid.cellSize) * (outward ? 1 : -1)
                ring[4] = Point(ring[4].x + dy / length * h, ring[4].y - dx / length * h)
                let moved = try geometry([[ring]]), original = try geometry([[shell(a)]]), neighbour = try geometry([[shell(b)]])
                guard moved.invalidity == nil else { continue }
                let piece = outward ? try moved.intersection(neighbour) : try original.difference(moved)
                guard piece.area > 1 else { continue }
                sites.take([a, b])
                var r = row(a)
                r.geometry = SynthWKB.multiPolygon([[ring]])
                r.hectares = try hectares([[ring]])
                modified[a] = r
                problems.append(Problem(check: outward ? .overlap : .gap, features: outward ? [a, b] : [], point: try piece.pointOnSurface(),
                                        squareMetres: piece.area,
                                        detail: outward ? "\(layout.key(a)) reaches into \(layout.key(b))" : "between \(layout.key(a)) and \(layout.key(b))",
                                        township: code(a)))
                placed = true
            }
            if !placed { throw ForestMapError(.internalFailure, "synth --defects: no place for the \(outward ? "overlap" : "gap")") }
        }
    }

    /// The attribute problems, each on a cell of its own.
    mutating func plantAttributes() throws {
        let layout = self.layout, neighbourhood = self.neighbourhood, district = self.district
        let keys = Set((0..<layout.count).map { layout.key($0) })
        func place(_ index: Int, _ check: QualityCheck, where test: (Int) -> Bool,
                   change: (inout SynthRow, Int) -> String) throws {
            guard let s = pick(index, test) else { throw ForestMapError(.internalFailure, "synth --defects: no cell for \(check.rawValue)") }
            var r = row(s)
            let detail = change(&r, s)
            modified[s] = r
            problems.append(Problem(check: check, features: [s], point: try geometry([[shell(s)]]).pointOnSurface(), squareMetres: nil,
                                    detail: detail, township: check == .townshipMismatch ? layout.county.code + r.xiang : code(s)))
        }
        let kinds = district.previousKinds
        // XIANG of another township on a cell deep inside its own, its new key unused.
        try place(9, .townshipMismatch, where: { s in
            let other = layout.county.townships[(Int(layout.township[s]) + 1) % layout.county.townships.count].code
            let parts = layout.key(s).split(separator: "|").map(String.init)
            let key = [parts[0], other, parts[2], parts[3], parts[4]].joined(separator: "|")
            return !keys.contains(key) && neighbourhood.neighbours(s, diagonal: true).allSatisfy(neighbourhood.isInterior)
        }) { r, s in
            let own = r.xiang
            r.xiang = layout.county.townships[(Int(layout.township[s]) + 1) % layout.county.townships.count].code
            return "XIANG \(r.xiang), but the polygon lies in \(layout.county.code + own)"
        }
        try place(10, .unknownCode, where: { kinds[$0] == .dryLand || kinds[$0] == .paddy }) { r, _ in
            r.code = "0199"
            return "DI_LEI 0199 is not in the code table"
        }
        try place(11, .unknownCode, where: { kinds[$0] == .arbor }) { r, _ in
            r.stand.qiYuan = "31"
            return "QI_YUAN 31 is not in the code table"
        }
        try place(12, .areaMismatch, where: { _ in true }) { r, _ in
            let computed = r.hectares
            r.hectares = SynthStandAttributes.round(computed * 1.25, 10_000)
            return "MIAN_JI \(SynthTruth.hectares(r.hectares)) ha, computed \(SynthTruth.hectares(computed)) ha"
        }
        try place(13, .harvestedWithStand, where: { kinds[$0] == .arbor }) { r, _ in
            r.code = LandClassTable.builtIn(district.options.previousSystem).code(for: .harvested) ?? "0161"
            return "DI_LEI \(r.code) (harvested) with QI_YUAN \(r.stand.qiYuan ?? "") and YU_BI_DU \(r.stand.canopy.map { CSVTable.number($0, decimals: 2) } ?? "")"
        }
        try place(14, .canopyOutOfRange, where: { kinds[$0] == .arbor }) { r, _ in
            r.stand.canopy = 1.25
            return "YU_BI_DU 1.25"
        }
        try place(15, .arborWithoutSpecies, where: { kinds[$0] == .arbor }) { r, _ in
            r.stand.species = nil
            return "arbor forest with no YOU_SHI_SZ"
        }
        // ArcGIS's "no value" in the volume of a stand.
        try place(17, .badNumber, where: { kinds[$0] == .arbor }) { r, _ in
            r.stand.volume = -1.7976931348623157e308
            return "HUO_LMGQXJ -1.7976931348623157e308 (ArcGIS's no-value)"
        }
        // duplicate_key: a cell given the XIAO_BAN of another cell of its LIN_BAN.
        for s in SynthSitePlanner.scrambled(layout.count, seed: seed, stream: .defects, 16) where sites.isFree(s) {
            let range = max(0, s - 40)..<min(layout.count, s + 40)
            guard let other = range.first(where: { $0 != s && sites.isFree($0) && neighbourhood.sameLinBan(s, $0) }) else { continue }
            sites.take([s])
            sites.reserve([other])
            var r = row(s)
            r.xiaoBan = Int(layout.xiaoBan[other]).zeroPadded(4)
            modified[s] = r
            problems.append(Problem(check: .duplicateKey, features: [min(s, other), max(s, other)],
                                    point: try geometry([[shell(s)]]).pointOnSurface(), squareMetres: nil,
                                    detail: "key \(layout.key(other)) twice", township: code(s)))
            return
        }
        throw ForestMapError(.internalFailure, "synth --defects: no pair of cells for the duplicate key")
    }

    // MARK: - Output

    /// The defective layer's rows in write order: first-year rows (modified or left out), then the extra features.
    func rows() -> some Sequence<SynthRow> {
        let n = layout.count, modified = self.modified, district = self.district
        let first = (0..<n).lazy.compactMap { slot -> SynthRow? in
            if let m = modified[slot] { return m }
            return SynthLayerFiles.previousRow(district, slot)
        }
        return [AnySequence(first), AnySequence(extras)].lazy.joined()
    }

    /// FID (1-based write position) of every first-year slot still written, and of extra features.
    func fids() -> (slots: [Int64], extraBase: Int64) {
        var fid: Int64 = 0
        var slots = [Int64](repeating: 0, count: layout.count)
        for slot in 0..<layout.count {
            if let m = modified[slot], m == nil { continue }
            fid += 1
            slots[slot] = fid
        }
        return (slots, fid)
    }

    static let header = ["check", "severity", "check_name", "feature_ids", "keys", "township_code", "x", "y", "area_m2",
                         "detail", "planted_in"]

    func truth() -> CSVTable {
        let (slotFIDs, base) = fids()
        func fid(_ f: Int) -> Int64 { f >= 0 ? slotFIDs[f] : base + Int64(-f) }
        func key(_ f: Int) -> String {
            let r = f >= 0 ? row(f) : extras[-f - 1]
            return [layout.county.code, r.xiang, r.cun, r.linBan, r.xiaoBan].joined(separator: "|")
        }
        let rank = Dictionary(uniqueKeysWithValues: QualityCheck.allCases.enumerated().map { ($1, $0) })
        let ordered = problems.sorted { a, b in
            rank[a.check]! != rank[b.check]! ? rank[a.check]! < rank[b.check]!
                : a.features.map(fid).lexicographicallyPrecedes(b.features.map(fid)) || (a.features.map(fid) == b.features.map(fid) && a.township < b.township)
        }
        return CSVTable(header: Self.header, rows: ordered.map { p in
            let features = p.features.sorted { fid($0) < fid($1) }
            return [p.check.rawValue, p.check.severity.rawValue, p.check.chineseName, features.map { String(fid($0)) }.joined(separator: ";"),
             features.map(key).joined(separator: ";"), p.township,
             p.point.map { CSVTable.number($0.x, decimals: 2) } ?? "", p.point.map { CSVTable.number($0.y, decimals: 2) } ?? "",
             p.squareMetres.map { CSVTable.number($0, decimals: 2) } ?? "", p.detail,
             p.check == .boundaryMismatch ? "townships" : "layer"]
        })
    }
}

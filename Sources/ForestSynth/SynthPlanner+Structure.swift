import Geo
import ForestMapCore

/// Second-year changes of the sub-compartments themselves: the road cut through forest, splits and merges.
extension SynthPlanner {
    /// A closed shell as a GEOS geometry.
    static func geometry(_ shell: [Point], _ context: GEOSContext) throws -> Geometry {
        try Geometry(wkb: SynthWKB.multiPolygon([[shell]]), context: context)
    }

    /// True when the shells are valid and exactly tile `whole` (areas add up to 1e-9).
    static func tiles(_ parts: [[Point]], _ whole: [Point], _ context: GEOSContext) -> Bool {
        guard let total = try? geometry(whole, context).area else { return false }
        var sum = 0.0
        for part in parts {
            guard let g = try? geometry(part, context), g.invalidity == nil, g.area > 0 else { return false }
            sum += g.area
        }
        return abs(sum - total) <= total * 1e-9
    }

    // MARK: - The road

    /// A 6 m rural road (农村道路, 1006) cut north through a column of arbor cells of one township, unapproved: a
    /// narrow real change a sliver filter must keep. Each crossed cell becomes three sub-compartments (west of
    /// the road, the road, east of it); the cells at both ends gain the crossing points on their edges.
    mutating func plantRoad() throws {
        let grid = layout.grid, n = layout.count
        let length = min(12, max(2, Int((500 / grid.cellSize).rounded(.up))))
        let kinds = previousKinds
        for start in SynthSitePlanner.scrambled(n, seed: seed, stream: .road, 0) {
            guard sites.isFree(start), kinds[start] == .arbor else { continue }
            let i = neighbourhood.column(start), j0 = neighbourhood.row(start)
            var run: [Int] = []
            for k in 0..<length {
                guard let s = neighbourhood.slot(i, j0 + k), sites.isFree(s), kinds[s] == .arbor,
                      layout.township[s] == layout.township[start], membership[s] == membership[start] else { break }
                run.append(s)
            }
            guard run.count == length, let below = neighbourhood.slot(i, j0 - 1), let above = neighbourhood.slot(i, j0 + length),
                  !geometryChanged[below], !geometryChanged[above],
                  sites.state[below] != .used, sites.state[above] != .used else { continue }
            var rings = currentRings
            var crossings: [(west: Point, east: Point)] = []
            for e in 0...length {
                let j = j0 + e
                let (p1, p2) = grid.edgePoints(grid.vertexID(i, j), grid.vertex(i, j), grid.vertexID(i + 1, j), grid.vertex(i + 1, j))
                guard let c = SynthStrip.crossing(grid, base: [p1, p2], i, j, width: Self.roadWidth) else { break }
                rings.insertions[SynthEdge(grid.vertexID(i, j), grid.vertexID(i + 1, j))] = c.points
                crossings.append((c.west, c.east))
            }
            guard crossings.count == length + 1 else { continue }
            var cuts: [(west: [Point], strip: [Point], east: [Point])] = []
            for k in 0..<length {
                let ring = rings.ring(i, j0 + k)
                guard let parts = SynthStrip.cut(ring, southWest: crossings[k].west, southEast: crossings[k].east,
                                                 northWest: crossings[k + 1].west, northEast: crossings[k + 1].east),
                      Self.tiles([parts.west, parts.strip, parts.east], ring, context) else { break }
                cuts.append(parts)
            }
            guard cuts.count == length else { continue }

            currentRings = rings
            sites.take(run)
            sites.reserve([below, above])
            geometryChanged[below] = true
            geometryChanged[above] = true
            var roadPieces: [SynthRef] = []
            for (k, s) in run.enumerated() {
                replaced[s] = true
                let grown = SynthStandAttributes.grown(previousStands[s], kind: .arbor, seed: seed, cell: cell(s))
                let west = addPiece(parent: s, shell: cuts[k].west, kind: .arbor, stand: grown)
                let road = addPiece(parent: s, shell: cuts[k].strip, kind: .ruralRoad, stand: SynthStand(), changedFrom: s)
                let east = addPiece(parent: s, shell: cuts[k].east, kind: .arbor, stand: grown)
                roadPieces.append(road)
                var split = SynthEventRecord(kind: .roadSplit, from: [s], to: [west, east], note: "the forest on both sides of the road")
                split.inBelt = membership[s] == .inside
                events.append(split)
            }
            var road = SynthEventRecord(kind: .road, from: run, to: roadPieces,
                                        note: "a \(Int(Self.roadWidth)) m rural road through forest, no approval")
            road.inBelt = membership[start] == .inside
            events.append(road)
            for end in [below, above] {
                var record = SynthEventRecord(kind: .roadEnd, from: [end], to: [.cell(end)], note: "the road's crossing points added to its edge")
                record.inBelt = membership[end] == .inside
                events.append(record)
            }
            return
        }
        throw ForestMapError(.internalFailure, "synth: no column of forest cells found for the road; try another seed")
    }

    /// Adds a second-year piece of a first-year cell (its XIAO_BAN is given when the plan is finished).
    mutating func addPiece(parent: Int, shell: [Point], kind: SynthLandKind, stand: SynthStand, reason: String? = nil,
                           changedFrom: Int? = nil) -> SynthRef {
        pieces.append(SynthPiece(township: layout.township[parent], village: layout.village[parent],
                                 linBan: layout.linBan[parent], shell: shell, kind: kind, stand: stand, reason: reason,
                                 changedFrom: changedFrom, parent: parent))
        return .piece(pieces.count - 1)
    }

    // MARK: - Splits and merges

    /// Cuts a cell's first-year shell in two along a path through existing edge points and the cell's centre
    /// (north–south, else east–west), so the neighbours' edges are untouched. Nil when no cut gives two valid
    /// parts of at least 25% each.
    static func split(_ shell: [Point], centre: Point, _ context: GEOSContext) -> (first: [Point], second: [Point])? {
        // Shell indices: corners 0, 3, 6, 9; edge points 1, 2 (south), 4, 5 (east), 7, 8 (north), 10, 11 (west).
        let open = Array(shell.dropLast())
        guard open.count == 12 else { return nil }
        for (a, b) in [(2, 7), (1, 8), (5, 10), (4, 11)] {
            let first = Array(open[a...b]) + [centre, open[a]]
            let second = Array(open[b...]) + Array(open[...a]) + [centre, open[b]]
            guard tiles([first, second], shell, context) else { continue }
            let whole = (try? geometry(shell, context).area) ?? 0
            if let g = try? geometry(first, context), g.area > 0.25 * whole, g.area < 0.75 * whole { return (first, second) }
        }
        return nil
    }

    /// The union of two counter-clockwise shells that share one chain of points: each shell's points off the
    /// chain, joined at the chain's two ends. Nil when they do not share exactly one chain.
    static func merge(_ a: [Point], _ b: [Point]) -> [Point]? {
        let ao = Array(a.dropLast()), bo = Array(b.dropLast())
        let inB = Set(bo)
        let n = ao.count
        let shared = ao.map { inB.contains($0) }
        let starts = (0..<n).filter { shared[$0] && !shared[($0 + n - 1) % n] }
        guard starts.count == 1, let i = starts.first else { return nil }
        var j = i
        while shared[(j + 1) % n] { j = (j + 1) % n }
        guard j != i, let bi = bo.firstIndex(of: ao[i]), let bj = bo.firstIndex(of: ao[j]) else { return nil }
        var out: [Point] = []
        var k = j
        while true {
            out.append(ao[k])
            if k == i { break }
            k = (k + 1) % n
        }
        k = (bi + 1) % bo.count
        while k != bj {
            out.append(bo[k])
            k = (k + 1) % bo.count
        }
        out.append(out[0])
        return out
    }

    /// Splits: a sub-compartment divided into two with new XIAO_BANs. `harvestSplit` harvests one child under a
    /// valid permit (a patch smaller than the sub-compartment); `split` changes nothing on the ground.
    mutating func plantSplits(_ kind: SynthEventKind) throws {
        let found: [[Int]]
        let shells: [Int: ([Point], [Point])]
        do {
            let seedTest = seeds(kind), rings = previousRings, context = self.context, layout = self.layout
            let hectares = previousHectares
            var cut: [Int: ([Point], [Point])] = [:]
            let index = SynthEventKind.allCases.firstIndex(of: kind)!
            found = sites.sites(count: siteCount(kind), size: 1, seed: seed, index: index, seedTest: { slot in
                guard seedTest(slot), kind != .harvestSplit || hectares[slot] >= Self.splitHarvestHectares else { return false }
                let c = Int(layout.cell[slot])
                guard let parts = Self.split(rings.ring(cell: c), centre: layout.grid.centre(layout.grid.column(ofCell: c), layout.grid.row(ofCell: c)), context) else { return false }
                cut[slot] = parts
                return true
            }, memberTest: { _, _ in false })
            shells = cut
        }
        for site in found {
            let s = site[0]
            guard let (first, second) = shells[s] else { continue }
            replaced[s] = true
            if kind == .harvestSplit { prepareSplitHarvest(s) }
            let kindHere = previousKinds[s]
            let grown = SynthStandAttributes.grown(previousStands[s], kind: kindHere, seed: seed, cell: cell(s))
            let a = addPiece(parent: s, shell: first, kind: kindHere, stand: grown)
            if kind == .harvestSplit {
                let stand = SynthStandAttributes.changed(to: .harvested, from: previousStands[s], seed: seed, layout: layout, slot: s)
                let b = addPiece(parent: s, shell: second, kind: .harvested, stand: stand, reason: SynthEventKind.harvestSplit.recordedReason,
                                 changedFrom: s)
                var record = SynthEventRecord(kind: .harvestSplit, from: [s], to: [b], note: "one part of a split sub-compartment harvested")
                record.inBelt = membership[s] == .inside
                let line = try Self.geometry(second, context).buffer(2, quadrantSegments: 2)
                let y = year
                let volume = (previousStands[s].volume ?? 0) * previousHectares[s] / 2
                record.permits = [try addHarvestPermit(line, from: date(y, months: 1...6, s, 1), to: "\(y)-12-31",
                                                       volume: volume, township: townshipCode(s), startYear: y)]
                events.append(record)
                var rest = SynthEventRecord(kind: .split, from: [s], to: [a], note: "the part left standing")
                rest.inBelt = record.inBelt
                events.append(rest)
            } else {
                let b = addPiece(parent: s, shell: second, kind: kindHere, stand: grown)
                var record = SynthEventRecord(kind: .split, from: [s], to: [a, b])
                record.inBelt = membership[s] == .inside
                events.append(record)
            }
        }
    }

    /// The first year of a harvested split: planted commercial forest.
    private mutating func prepareSplitHarvest(_ slot: Int) {
        if previousStands[slot].qiYuan != "21" {
            previousStands[slot].qiYuan = "21"
            previousStands[slot].species = SynthStandAttributes.pick(SynthStandAttributes.Species.planted, seed, .rewrite, cell(slot))
        }
    }

    /// Merges: two neighbouring sub-compartments of one LIN_BAN with the same land and origin become one, with a
    /// new XIAO_BAN and the first one's record. Nothing changes on the ground.
    mutating func plantMerges() throws {
        let found: [[Int]]
        do {
            let seedTest = seeds(.merge), kinds = previousKinds, stands = previousStands
            let index = SynthEventKind.allCases.firstIndex(of: .merge)!
            found = sites.sites(count: siteCount(.merge), size: 2, seed: seed, index: index, seedTest: seedTest) { a, b in
                kinds[a] == kinds[b] && stands[a].qiYuan == stands[b].qiYuan
            }
        }
        for pair in found where pair.count == 2 {
            let a = pair[0], b = pair[1]
            guard let shell = Self.merge(previousRings.ring(cell: cell(a)), previousRings.ring(cell: cell(b))),
                  let g = try? Self.geometry(shell, context), g.invalidity == nil else { continue }
            replaced[a] = true
            replaced[b] = true
            let grown = SynthStandAttributes.grown(previousStands[a], kind: previousKinds[a], seed: seed, cell: cell(a))
            let piece = addPiece(parent: a, shell: shell, kind: previousKinds[a], stand: grown)
            var record = SynthEventRecord(kind: .merge, from: [a, b], to: [piece])
            record.inBelt = membership[a] == .inside
            events.append(record)
        }
    }
}

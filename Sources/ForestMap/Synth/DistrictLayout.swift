import Geo

/// Who each sub-compartment belongs to: township, village, compartment (林班) and its own number (小班), in the
/// order the layers list them (by key).
struct DistrictLayout {
    let shape: DistrictShape
    /// Per sub-compartment, in key order: its grid cell, township (index into `HuaxiTownships.all`), village
    /// (1-based within the township), LIN_BAN (1-based within the village) and XIAO_BAN (1-based within the LIN_BAN).
    let cell: [Int32]
    let township: [UInt8]
    let village: [UInt8]
    let linBan: [UInt16]
    let xiaoBan: [UInt16]

    /// LIN_BAN blocks are this many grid cells on a side.
    static let blockSize = 6

    var count: Int { cell.count }
    var grid: JitteredGrid { shape.grid }

    /// XIAN|XIANG|CUN|LIN_BAN|XIAO_BAN.
    func key(_ slot: Int) -> String {
        [HuaxiTownships.county, HuaxiTownships.all[Int(township[slot])].code, Self.digits(Int(village[slot]), 3),
         Self.digits(Int(linBan[slot]), 4), Self.digits(Int(xiaoBan[slot]), 4)].joined(separator: "|")
    }

    static func digits(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    /// Cell coordinates relative to the district centre, in cells.
    func relative(_ gridCell: Int) -> (x: Double, y: Double) {
        (Double(grid.column(ofCell: gridCell)) + 0.5 - Double(shape.half), Double(grid.row(ofCell: gridCell)) + 0.5 - Double(shape.half))
    }

    /// A fraction of the district's half-extent (as `TownshipSpec.east/north`) in cells relative to the centre.
    static func position(east: Double, north: Double, shape: DistrictShape) -> (x: Double, y: Double) {
        let o = shape.outline, r = shape.radiusInCells * 0.85
        return (east * r * o.relativeRadius(east >= 0 ? 1 : -1, 0), north * r * o.relativeRadius(0, north >= 0 ? 1 : -1))
    }

    static func build(shape: DistrictShape, seed: UInt64) -> DistrictLayout {
        let grid = shape.grid
        let cells = shape.cells
        let n = cells.count
        precondition(grid.size < 4096, "grid too large for the sort key")
        var slotOfCell = [Int32](repeating: -1, count: grid.size * grid.size)
        for (p, c) in cells.enumerated() { slotOfCell[Int(c)] = Int32(p) }
        func rel(_ p: Int) -> (x: Double, y: Double) {
            let c = Int(cells[p])
            return (Double(grid.column(ofCell: c)) + 0.5 - Double(shape.half), Double(grid.row(ofCell: c)) + 0.5 - Double(shape.half))
        }
        /// District cells around slot `p`: the 4 edge neighbours, then (with `diagonal`) the 4 corner neighbours.
        func neighbours(_ p: Int, diagonal: Bool = false) -> [Int] {
            let c = Int(cells[p]), i = grid.column(ofCell: c), j = grid.row(ofCell: c)
            let steps = diagonal ? [(1, 0), (0, 1), (-1, 0), (0, -1), (1, 1), (-1, 1), (-1, -1), (1, -1)]
                                 : [(1, 0), (0, 1), (-1, 0), (0, -1)]
            return steps.compactMap { di, dj in
                guard grid.contains(i + di, j + dj) else { return nil }
                let q = slotOfCell[grid.cellIndex(i + di, j + dj)]
                return q >= 0 ? Int(q) : nil
            }
        }

        // Township seeds: the free district cell nearest each township's plausible position.
        let specs = HuaxiTownships.all
        var seedOf: [Int] = []
        for spec in specs {
            let target = position(east: spec.east, north: spec.north, shape: shape)
            var best = -1, bestDistance = Double.infinity
            for p in 0..<n where !seedOf.contains(p) {
                let (x, y) = rel(p)
                let d = (x - target.x) * (x - target.x) + (y - target.y) * (y - target.y)
                if d < bestDistance { (best, bestDistance) = (p, d) }
            }
            seedOf.append(best)
        }

        // Competitive growth: every township spreads from its seed at its own speed through smooth noise (8
        // neighbours, diagonal steps √2 longer), a cell going to the first to arrive. Each township is connected.
        let noise = ValueNoise(seed: seed, stream: .townshipCost, octaves: [(2_500, 0.55), (800, 0.45)])
        let stepCost: [Double] = (0..<n).map { p in
            let centre = grid.centre(grid.column(ofCell: Int(cells[p])), grid.row(ofCell: Int(cells[p])))
            let v = noise.value(centre.x, centre.y)
            return 0.15 + 3 * v * v
        }
        var township = [UInt8](repeating: UInt8.max, count: n)
        var heap = SynthHeap(capacity: 4 * n)
        for (t, p) in seedOf.enumerated() { heap.push(0, p, owner: t) }
        while let entry = heap.pop() {
            let p = Int(entry.index)
            guard township[p] == UInt8.max else { continue }
            let t = Int(entry.owner)
            township[p] = UInt8(t)
            for (k, q) in neighbours(p, diagonal: true).enumerated() where township[q] == UInt8.max {
                let length = k < 4 ? 1.0 : 1.4142135623730951
                heap.push(entry.key + length * (stepCost[p] + stepCost[q]) / 2 / specs[t].weight, q, owner: t)
            }
        }
        // Equal arrival times leave one-cell tails: give a cell with at most one edge neighbour of its own
        // township (never a seed) to the township holding most of its edge neighbours (at most 3 times per cell,
        // so it ends), then hand every cell cut off from its township's seed to an edge neighbour's township.
        var isSeed = [Bool](repeating: false, count: n)
        for p in seedOf { isSeed[p] = true }
        var changes = [UInt8](repeating: 0, count: n)
        var work = Array((0..<n).reversed())
        var queued = [Bool](repeating: true, count: n)
        while let p = work.popLast() {
            queued[p] = false
            guard !isSeed[p], changes[p] < 3 else { continue }
            let around = neighbours(p)
            let own = around.filter { township[$0] == township[p] }.count
            guard own <= 1 else { continue }
            var tally = [Int](repeating: 0, count: specs.count)
            for q in around where township[q] != township[p] { tally[Int(township[q])] += 1 }
            guard let best = tally.indices.max(by: { tally[$0] != tally[$1] ? tally[$0] < tally[$1] : $0 > $1 }),
                  tally[best] >= max(1, own) else { continue }
            township[p] = UInt8(best)
            changes[p] += 1
            for q in neighbours(p, diagonal: true) where !queued[q] {
                queued[q] = true
                work.append(q)
            }
        }
        var connected = [Bool](repeating: false, count: n)
        var frontier = seedOf
        for p in seedOf { connected[p] = true }
        while !frontier.isEmpty {
            var next: [Int] = []
            for p in frontier {
                for q in neighbours(p) where !connected[q] && township[q] == township[p] {
                    connected[q] = true
                    next.append(q)
                }
            }
            if next.isEmpty {
                // Cut-off cells next to a connected cell join that cell's township (lowest slot first).
                for p in 0..<n where !connected[p] {
                    if let q = neighbours(p).filter({ connected[$0] }).min() {
                        township[p] = township[q]
                        connected[p] = true
                        next.append(p)
                    }
                }
            }
            frontier = next
        }

        // Villages: 3–12 per township (by its size), seeded by farthest-point sampling, each cell to the nearest
        // seed; numbered north to south, then west to east.
        var members = [[Int]](repeating: [], count: specs.count)
        for p in 0..<n { members[Int(township[p])].append(p) }
        var village = [UInt8](repeating: 0, count: n)
        for list in members {
            let k = min(list.count, max(3, min(12, Int((Double(list.count) / Double(n) * 150).rounded()))))
            let points = list.map(rel)
            var first = 0
            for m in 1..<max(1, list.count)
            where SynthHash.bits(seed, .villageSeed, Int(cells[list[m]])) < SynthHash.bits(seed, .villageSeed, Int(cells[list[first]])) {
                first = m
            }
            var seeds = [first]
            var nearest = points.map { ($0.x - points[first].x) * ($0.x - points[first].x) + ($0.y - points[first].y) * ($0.y - points[first].y) }
            while seeds.count < k {
                var far = 0
                for m in 1..<list.count where nearest[m] > nearest[far] { far = m }
                seeds.append(far)
                for m in 0..<list.count {
                    let d = (points[m].x - points[far].x) * (points[m].x - points[far].x) + (points[m].y - points[far].y) * (points[m].y - points[far].y)
                    if d < nearest[m] { nearest[m] = d }
                }
            }
            seeds.sort { a, b in
                points[a].y != points[b].y ? points[a].y > points[b].y : points[a].x < points[b].x
            }
            for (m, p) in list.enumerated() {
                var best = 0, bestDistance = Double.infinity
                for (v, s) in seeds.enumerated() {
                    let d = (points[m].x - points[s].x) * (points[m].x - points[s].x) + (points[m].y - points[s].y) * (points[m].y - points[s].y)
                    if d < bestDistance { (best, bestDistance) = (v, d) }
                }
                village[p] = UInt8(best + 1)
            }
        }

        // Key order: township, village, block (north to south, west to east), cell (north to south, west to east).
        let b = blockSize, top = grid.size - 1, topBlock = top / b
        func sortKey(_ p: Int) -> UInt64 {
            let c = Int(cells[p]), i = grid.column(ofCell: c), j = grid.row(ofCell: c)
            var key = UInt64(township[p]) << 50 | UInt64(village[p]) << 44
            key |= UInt64(topBlock - j / b) << 34 | UInt64(i / b) << 24
            return key | UInt64(top - j) << 12 | UInt64(i)
        }
        let keys = (0..<n).map(sortKey)
        let order = (0..<n).sorted { keys[$0] < keys[$1] }

        var outCell = [Int32](), outTownship = [UInt8](), outVillage = [UInt8](), outLinBan = [UInt16](), outXiaoBan = [UInt16]()
        outCell.reserveCapacity(n)
        outTownship.reserveCapacity(n)
        outVillage.reserveCapacity(n)
        outLinBan.reserveCapacity(n)
        outXiaoBan.reserveCapacity(n)
        var linBan = 0, xiaoBan = 0
        var previousVillage: UInt64 = .max, previousBlock: UInt64 = .max
        for p in order {
            let villageKey = keys[p] >> 44, blockKey = keys[p] >> 24
            if villageKey != previousVillage { linBan = 0; previousVillage = villageKey; previousBlock = .max }
            if blockKey != previousBlock { linBan += 1; xiaoBan = 0; previousBlock = blockKey }
            xiaoBan += 1
            outCell.append(cells[p])
            outTownship.append(township[p])
            outVillage.append(village[p])
            outLinBan.append(UInt16(linBan))
            outXiaoBan.append(UInt16(xiaoBan))
        }
        precondition(outLinBan.max() ?? 0 <= 9999, "more than 9999 LIN_BAN in a village")
        return DistrictLayout(shape: shape, cell: outCell, township: outTownship, village: outVillage,
                              linBan: outLinBan, xiaoBan: outXiaoBan)
    }
}

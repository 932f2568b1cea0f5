/// Cuts the district into its townships (19 in Huaxi): irregular, each one connected piece.
enum SynthTownshipGrowth {
    /// The township (index into `county.townships`) of every slot.
    static func assign(_ cells: DistrictCells, seed: UInt64) -> [UInt8] {
        let seeds = placeSeeds(cells)
        var township = grow(cells, seeds: seeds, seed: seed)
        trimTails(cells, &township, seeds: seeds)
        reconnect(cells, &township, seeds: seeds)
        return township
    }

    /// A fraction of the district's half-extent (as `SynthTownship.east/north`) in cells relative to the centre.
    static func position(east: Double, north: Double, shape: DistrictShape) -> (x: Double, y: Double) {
        let o = shape.outline, r = shape.radiusInCells * 0.85
        return (east * r * o.relativeRadius(east >= 0 ? 1 : -1, 0), north * r * o.relativeRadius(0, north >= 0 ? 1 : -1))
    }

    /// Each township's seed: the free district cell nearest its plausible position, so every township has at
    /// least one cell at any N. Invented townships (`SynthCounty.inventedTownships`) are spread over the shape
    /// instead (`spreadSeeds`).
    static func placeSeeds(_ cells: DistrictCells) -> [Int] {
        let county = cells.shape.county
        if county.inventedTownships { return spreadSeeds(cells, count: county.townships.count) }
        var seeds: [Int] = []
        for spec in county.townships {
            let target = position(east: spec.east, north: spec.north, shape: cells.shape)
            var best = -1, bestDistance = Double.infinity
            for p in 0..<cells.count where !seeds.contains(p) {
                let (x, y) = cells.relative(p)
                let d = (x - target.x) * (x - target.x) + (y - target.y) * (y - target.y)
                if d < bestDistance { (best, bestDistance) = (p, d) }
            }
            seeds.append(best)
        }
        return seeds
    }

    /// `count` seeds spread evenly over the district: farthest-point sampling from the cell nearest the urban
    /// centre, then 8 rounds of Lloyd's relaxation (every cell to its nearest centre, each centre to its cells'
    /// mean), each centre snapped to the nearest free cell; listed nearest the urban centre first, so the streets
    /// (the first codes) lie in and around the town.
    static func spreadSeeds(_ cells: DistrictCells, count: Int) -> [Int] {
        let n = cells.count, urban = cells.shape.urbanPosition
        let positions = (0..<n).map { cells.relative($0) }
        func d2(_ p: Int, _ c: (x: Double, y: Double)) -> Double {
            (positions[p].x - c.x) * (positions[p].x - c.x) + (positions[p].y - c.y) * (positions[p].y - c.y)
        }
        func nearest(to c: (x: Double, y: Double), excluding taken: Set<Int> = []) -> Int {
            var best = -1, bestDistance = Double.infinity
            for p in 0..<n where !taken.contains(p) {
                let d = d2(p, c)
                if d < bestDistance { (best, bestDistance) = (p, d) }
            }
            return best
        }
        var centres = [positions[nearest(to: urban)]]
        var distance = (0..<n).map { d2($0, centres[0]) }
        while centres.count < count {
            var far = 0
            for p in 1..<n where distance[p] > distance[far] { far = p }
            centres.append(positions[far])
            for p in 0..<n { distance[p] = min(distance[p], d2(p, positions[far])) }
        }
        for _ in 0..<8 {
            var sums = [(x: Double, y: Double, n: Int)](repeating: (0, 0, 0), count: count)
            for p in 0..<n {
                var best = 0, bestDistance = Double.infinity
                for (k, c) in centres.enumerated() {
                    let d = d2(p, c)
                    if d < bestDistance { (best, bestDistance) = (k, d) }
                }
                sums[best].x += positions[p].x
                sums[best].y += positions[p].y
                sums[best].n += 1
            }
            for k in 0..<count where sums[k].n > 0 { centres[k] = (sums[k].x / Double(sums[k].n), sums[k].y / Double(sums[k].n)) }
        }
        let order = centres.indices.sorted {
            let a = centres[$0], b = centres[$1]
            let da = (a.x - urban.x) * (a.x - urban.x) + (a.y - urban.y) * (a.y - urban.y)
            let db = (b.x - urban.x) * (b.x - urban.x) + (b.y - urban.y) * (b.y - urban.y)
            return (da, $0) < (db, $1)
        }
        var seeds: [Int] = [], taken = Set<Int>()
        for k in order {
            let p = nearest(to: centres[k], excluding: taken)
            seeds.append(p)
            taken.insert(p)
        }
        return seeds
    }

    /// Competitive growth: every township spreads from its seed at its own speed through smooth noise (8
    /// neighbours, diagonal steps √2 longer), a cell going to the first to arrive (ties: lower slot, lower township).
    static func grow(_ cells: DistrictCells, seeds: [Int], seed: UInt64) -> [UInt8] {
        let n = cells.count, specs = cells.shape.county.townships
        let noise = ValueNoise(seed: seed, stream: .townshipCost, octaves: [(2_500, 0.55), (800, 0.45)])
        let stepCost: [Double] = (0..<n).map { p in
            let centre = cells.centre(p)
            let v = noise.value(centre.x, centre.y)
            return 0.35 + 2 * v * v
        }
        var township = [UInt8](repeating: UInt8.max, count: n)
        var heap = SynthHeap(capacity: 4 * n)
        for (t, p) in seeds.enumerated() { heap.push(0, p, owner: t) }
        while let entry = heap.pop() {
            let p = Int(entry.index)
            guard township[p] == UInt8.max else { continue }
            let t = Int(entry.owner)
            township[p] = UInt8(t)
            for (k, q) in cells.neighbours(p, diagonal: true).enumerated() where township[q] == UInt8.max {
                let length = k < 4 ? 1.0 : 1.4142135623730951
                heap.push(entry.key + length * (stepCost[p] + stepCost[q]) / 2 / specs[t].weight, q, owner: t)
            }
        }
        return township
    }

    /// Equal arrival times leave one-cell tails: a cell with at most one edge neighbour of its own township (never
    /// a seed) goes to the township holding most of its edge neighbours; at most 3 times per cell, so it ends.
    static func trimTails(_ cells: DistrictCells, _ township: inout [UInt8], seeds: [Int]) {
        let n = cells.count
        var isSeed = [Bool](repeating: false, count: n)
        for p in seeds { isSeed[p] = true }
        var changes = [UInt8](repeating: 0, count: n)
        var work = Array((0..<n).reversed())
        var queued = [Bool](repeating: true, count: n)
        while let p = work.popLast() {
            queued[p] = false
            guard !isSeed[p], changes[p] < 3 else { continue }
            let around = cells.neighbours(p)
            let own = around.filter { township[$0] == township[p] }.count
            guard own <= 1 else { continue }
            var tally = [Int](repeating: 0, count: cells.shape.county.townships.count)
            for q in around where township[q] != township[p] { tally[Int(township[q])] += 1 }
            guard let best = tally.indices.max(by: { tally[$0] != tally[$1] ? tally[$0] < tally[$1] : $0 > $1 }),
                  tally[best] >= max(1, own) else { continue }
            township[p] = UInt8(best)
            changes[p] += 1
            for q in cells.neighbours(p, diagonal: true) where !queued[q] {
                queued[q] = true
                work.append(q)
            }
        }
    }

    /// Makes every township one edge-connected piece: a group of cells cut off from its township's seed joins the
    /// township of the lowest-slot connected cell next to it.
    static func reconnect(_ cells: DistrictCells, _ township: inout [UInt8], seeds: [Int]) {
        let n = cells.count
        var connected = [Bool](repeating: false, count: n)
        var frontier = seeds
        for p in seeds { connected[p] = true }
        while true {
            while !frontier.isEmpty {
                var next: [Int] = []
                for p in frontier {
                    for q in cells.neighbours(p) where !connected[q] && township[q] == township[p] {
                        connected[q] = true
                        next.append(q)
                    }
                }
                frontier = next
            }
            var visited = connected
            for p in 0..<n where !visited[p] {
                // The cut-off group of p: same township, edge-connected.
                var group = [p], k = 0
                visited[p] = true
                while k < group.count {
                    for q in cells.neighbours(group[k]) where !visited[q] && township[q] == township[p] {
                        visited[q] = true
                        group.append(q)
                    }
                    k += 1
                }
                let anchor = group.flatMap { cells.neighbours($0) }.filter { connected[$0] }.min()
                guard let anchor else { continue }
                for q in group {
                    township[q] = township[anchor]
                    connected[q] = true
                }
                frontier += group
            }
            if frontier.isEmpty { break }
        }
    }
}

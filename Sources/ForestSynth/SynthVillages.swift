/// SynthVillages (村): 3–12 per township by its size, seeded by farthest-point sampling from a hashed start cell, each
/// cell to the nearest seed; numbered 1... north to south, then west to east.
enum SynthVillages {
    /// The 1-based village number of every slot, within its township.
    static func assign(_ cells: DistrictCells, township: [UInt8], seed: UInt64) -> [UInt8] {
        let n = cells.count
        var members = [[Int]](repeating: [], count: cells.shape.county.townships.count)
        for p in 0..<n { members[Int(township[p])].append(p) }
        var village = [UInt8](repeating: 0, count: n)
        for list in members where !list.isEmpty {
            let k = min(list.count, max(3, min(12, Int((Double(list.count) / Double(n) * 150).rounded()))))
            let start = list.min { SynthHash.bits(seed, .villageSeed, Int(cells.cells[$0])) < SynthHash.bits(seed, .villageSeed, Int(cells.cells[$1])) }!
            var seeds = [start]
            var nearest = list.map { cells.distance2($0, start) }
            while seeds.count < k {
                var far = 0
                for m in 1..<list.count where nearest[m] > nearest[far] { far = m }
                seeds.append(list[far])
                for m in 0..<list.count { nearest[m] = min(nearest[m], cells.distance2(list[m], list[far])) }
            }
            seeds.sort { a, b in
                let pa = cells.relative(a), pb = cells.relative(b)
                return pa.y != pb.y ? pa.y > pb.y : pa.x < pb.x
            }
            for p in list {
                var best = 0, bestDistance = Double.infinity
                for (v, s) in seeds.enumerated() {
                    let d = cells.distance2(p, s)
                    if d < bestDistance { (best, bestDistance) = (v, d) }
                }
                village[p] = UInt8(best + 1)
            }
        }
        return village
    }
}

import Geo

/// Neighbours by layout slot (key order), and the rules that keep planted events apart and away from boundaries.
struct SynthNeighbourhood: Sendable {
    let layout: DistrictLayout
    /// Layout slot per grid cell index, -1 outside the district.
    let slotOfCell: [Int32]

    init(_ layout: DistrictLayout) {
        self.layout = layout
        var slots = [Int32](repeating: -1, count: layout.grid.size * layout.grid.size)
        for (slot, cell) in layout.cell.enumerated() { slots[Int(cell)] = Int32(slot) }
        slotOfCell = slots
    }

    var grid: JitteredGrid { layout.grid }

    func column(_ slot: Int) -> Int { grid.column(ofCell: Int(layout.cell[slot])) }
    func row(_ slot: Int) -> Int { grid.row(ofCell: Int(layout.cell[slot])) }

    /// The slot of cell (i, j), nil outside the grid or the district.
    func slot(_ i: Int, _ j: Int) -> Int? {
        guard grid.contains(i, j) else { return nil }
        let s = slotOfCell[grid.cellIndex(i, j)]
        return s >= 0 ? Int(s) : nil
    }

    static let edgeSteps = [(1, 0), (0, 1), (-1, 0), (0, -1)]
    static let allSteps = edgeSteps + [(1, 1), (-1, 1), (-1, -1), (1, -1)]

    /// The district slots sharing an edge (east, north, west, south) or, with `diagonal`, also a corner.
    func neighbours(_ slot: Int, diagonal: Bool = false) -> [Int] {
        let i = column(slot), j = row(slot)
        return (diagonal ? Self.allSteps : Self.edgeSteps).compactMap { self.slot(i + $0.0, j + $0.1) }
    }

    /// All 8 cells around exist and lie in the same township: a site here keeps clear of township boundaries and
    /// the district's edge (by at least a cell, more than the few metres another department's boundaries move).
    func isInterior(_ slot: Int) -> Bool {
        let i = column(slot), j = row(slot), t = layout.township[slot]
        for (di, dj) in Self.allSteps {
            guard let q = self.slot(i + di, j + dj), layout.township[q] == t else { return false }
        }
        return true
    }

    func sameLinBan(_ a: Int, _ b: Int) -> Bool {
        layout.township[a] == layout.township[b] && layout.village[a] == layout.village[b] && layout.linBan[a] == layout.linBan[b]
    }
}

/// Picks the cells of planted events: each site is one cell or a small edge-connected cluster inside one LIN_BAN,
/// on free interior cells; a site takes its cells and blocks the 8 cells around each, so no two sites touch (each
/// change patch stays one event).
struct SynthSitePlanner {
    enum State: UInt8 { case free = 0, used, blocked, ineligible }

    let neighbourhood: SynthNeighbourhood
    private(set) var state: [State]

    init(_ neighbourhood: SynthNeighbourhood, eligible: [Bool]) {
        self.neighbourhood = neighbourhood
        state = eligible.map { $0 ? .free : .ineligible }
    }

    var count: Int { state.count }
    func isFree(_ slot: Int) -> Bool { state[slot] == .free }

    /// Takes the cells and blocks the cells around them.
    mutating func take(_ slots: [Int]) {
        for s in slots { state[s] = .used }
        for s in slots {
            for q in neighbourhood.neighbours(s, diagonal: true) where state[q] == .free || state[q] == .ineligible {
                state[q] = .blocked
            }
        }
    }

    /// Marks cells as used without blocking around them (cells whose geometry changes without an event).
    mutating func reserve(_ slots: [Int]) {
        for s in slots where state[s] != .used { state[s] = .used }
    }

    /// Every slot once, in a seeded scrambled order: start + k·step (mod n) with step coprime to n.
    static func scrambled(_ n: Int, seed: UInt64, stream: SynthStream, _ index: Int) -> some Sequence<Int> {
        var rng = SplitMix64(seed: SynthHash.bits(seed, stream, index))
        let start = Int(rng.next() % UInt64(max(1, n)))
        var step = max(1, Int(Double(n) * 0.6180339887)) | 1
        func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
        while n > 1, gcd(step, n) != 1 { step += 2 }
        return (0..<n).lazy.map { (start + $0 * step) % n }
    }

    /// Up to `count` sites of `size` cells (trying smaller sizes down to 1 if none of `size` is found). A site
    /// grows from a seed accepted by `seedTest` through free cells of its LIN_BAN accepted by `memberTest(seed, cell)`.
    mutating func sites(count: Int, size: Int, seed: UInt64, index: Int, seedTest: (Int) -> Bool,
                        memberTest: (Int, Int) -> Bool) -> [[Int]] {
        guard count > 0 else { return [] }
        var found: [[Int]] = []
        var k = size
        while found.isEmpty && k >= 1 {
            for s in Self.scrambled(count == 0 ? 0 : state.count, seed: seed, stream: .sitePlan, index) {
                if found.count == count { break }
                guard state[s] == .free, seedTest(s) else { continue }
                guard let cluster = grow(from: s, size: k, memberTest: memberTest) else { continue }
                take(cluster)
                found.append(cluster)
            }
            k -= 1
        }
        return found
    }

    /// A breadth-first cluster of exactly `size` free cells from `seed`, or nil.
    func grow(from seed: Int, size: Int, memberTest: (Int, Int) -> Bool) -> [Int]? {
        var cluster = [seed]
        var k = 0
        while cluster.count < size && k < cluster.count {
            for q in neighbourhood.neighbours(cluster[k]) where cluster.count < size {
                guard state[q] == .free, !cluster.contains(q), neighbourhood.sameLinBan(seed, q), memberTest(seed, q) else { continue }
                cluster.append(q)
            }
            k += 1
        }
        return cluster.count == size ? cluster.sorted() : nil
    }
}

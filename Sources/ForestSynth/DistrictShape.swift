import Geo
import ForestMapCore

/// The district's blob-shaped outline: r(θ) = R · (1 + Σ_{k=2..5} a_k cos(kθ + φ_k)) with small seeded amplitudes,
/// a_2 largest and phased so the district is taller north–south than wide, as Huaxi is.
///
/// cos(kθ + φ) is evaluated as Re(z^k · e^{iφ}) with z the unit direction, so no trigonometric function is called.
struct DistrictOutline {
    struct Harmonic {
        let order: Int
        let amplitude: Double
        let cosPhase: Double
        let sinPhase: Double
    }

    let harmonics: [Harmonic]

    init(seed: UInt64) {
        var rng = SplitMix64(seed: SynthHash.bits(seed, .shape, 0))
        let ranges: [(Int, Double, Double)] = [(2, 0.10, 0.16), (3, 0.03, 0.07), (4, 0.02, 0.05), (5, 0.01, 0.03)]
        harmonics = ranges.map { order, low, high in
            let amplitude = rng.uniform(low, high)
            // φ_2 near π puts the long axis north–south; the other phases are free.
            var (c, s) = order == 2 ? (-1.0, rng.uniform(-0.3, 0.3)) : (0.0, 0.0)
            while c * c + s * s < 0.01 { (c, s) = (rng.uniform(-1, 1), rng.uniform(-1, 1)) }
            let norm = (c * c + s * s).squareRoot()
            return Harmonic(order: order, amplitude: amplitude, cosPhase: c / norm, sinPhase: s / norm)
        }
    }

    /// r(θ) / R in the direction of (x, y), which must not be (0, 0).
    func relativeRadius(_ x: Double, _ y: Double) -> Double {
        let d = (x * x + y * y).squareRoot()
        let cx = x / d, sy = y / d
        var re = 1.0, im = 0.0, r = 1.0
        var k = 0
        for h in harmonics {
            while k < h.order {
                (re, im) = (re * cx - im * sy, re * sy + im * cx)
                k += 1
            }
            r += h.amplitude * (re * h.cosPhase - im * h.sinPhase)
        }
        return r
    }

    /// Distance from the centre over r(θ): the order cells join the district in.
    func score(_ x: Double, _ y: Double) -> Double {
        let d = (x * x + y * y).squareRoot()
        return d == 0 ? 0 : d / relativeRadius(x, y)
    }

    /// The largest r(θ) / R can be.
    var maximumRelativeRadius: Double { 1 + harmonics.reduce(0) { $0 + $1.amplitude } }

    /// The mean of (r(θ) / R)² over all directions: the blob's area is π R² times this.
    var meanSquareRadius: Double { 1 + harmonics.reduce(0) { $0 + $1.amplitude * $1.amplitude / 2 } }
}

/// The cells of the jittered grid that make the district: exactly N of them, one polygon without holes.
///
/// Without an outline (`SynthCounty.huaxi`) the district is a seeded blob of the county's area around its centre;
/// with one (the counties of a region) it is the county's real outline filled with cells lying wholly inside it (20 m
/// in from it), less about 1% at its farthest tips: grown from the cell nearest the outline's centroid, nearest first, to N cells.
struct DistrictShape {
    /// Huaxi's area in square metres (docs/domain.md §9), whatever the number of sub-compartments: the blob's area.
    static let districtArea = 964.15e6

    let county: SynthCounty
    let grid: JitteredGrid
    let outline: DistrictOutline
    /// Grid cell indices of the district's cells, ascending.
    let cells: [Int32]
    /// The grid cell (i, j) whose lower-left corner is the district centre: (half, half).
    let half: Int
    /// R of the outline, in cells (with a real outline: the radius of a disk of N cells).
    let radiusInCells: Double

    /// The district of `options`: the blob around `centre` or the county's outline.
    static func make(_ options: SynthOptions, centre: () throws -> Point) throws -> DistrictShape {
        if options.county.outline != nil {
            return try fit(count: options.subcompartments, seed: options.seed, county: options.county)
        }
        return try grow(count: options.subcompartments, seed: options.seed, centre: try centre(), county: options.county)
    }

    /// Grows the district from the centre cell in order of `outline.score` (distance over r(θ); ties by cell
    /// index), skipping a cell for as long as adding it would pinch the district at a corner or enclose a hole,
    /// until `count` cells are in. The result is the N lowest-scoring cells except where that rule intervenes.
    static func grow(count: Int, seed: UInt64, centre: Point, county: SynthCounty = .huaxi) throws -> DistrictShape {
        let outline = DistrictOutline(seed: seed)
        let cellSize = (county.area / Double(count)).squareRoot()
        let radius = (Double(count) / (Double.pi * outline.meanSquareRadius)).squareRoot()
        let half = Int(radius * outline.maximumRelativeRadius * 1.15) + 6
        let grid = JitteredGrid(size: 2 * half, cellSize: cellSize,
                                originX: centre.x - Double(half) * cellSize, originY: centre.y - Double(half) * cellSize,
                                seed: seed)
        guard let cells = growCells(grid: grid, count: count, start: (half, half), allowed: nil, score: { i, j in
            outline.score(Double(i) + 0.5 - Double(half), Double(j) + 0.5 - Double(half))
        }) else {
            throw ForestMapError(.internalFailure, "synth: the district could not grow to \(count) cells")
        }
        return DistrictShape(county: county, grid: grid, outline: outline, cells: cells, half: half, radiusInCells: radius)
    }

    /// The cells in order of `score` from `start`, skipping a cell for as long as adding it would pinch the
    /// district or enclose a hole (and every cell `allowed` says no to), until `count` are in; nil if they run out.
    static func growCells(grid: JitteredGrid, count: Int, start: (Int, Int), allowed: [Bool]?,
                          score: (Int, Int) -> Double) -> [Int32]? {
        let size = grid.size
        // 0 not seen, 1 queued, 2 in the district, 3 deferred (adding it would pinch or enclose a hole).
        var state = [UInt8](repeating: 0, count: size * size)
        var heap = SynthHeap(capacity: 2 * count)
        func member(_ i: Int, _ j: Int) -> Bool { grid.contains(i, j) && state[grid.cellIndex(i, j)] == 2 }
        func enqueue(_ i: Int, _ j: Int, from states: ClosedRange<UInt8>) {
            guard grid.contains(i, j) else { return }
            let index = grid.cellIndex(i, j)
            if let allowed, !allowed[index] { return }
            let s = state[index]
            guard s == 0 || s == 3, states.contains(s) else { return }
            state[index] = 1
            heap.push(score(i, j), index)
        }
        /// Adding the cell keeps a closed disk a closed disk when its boundary meets the district in one arc:
        /// the 8 boundary pieces (4 edges, 4 corners) that touch the district form one circular run with an edge.
        func isSimple(_ i: Int, _ j: Int) -> Bool {
            let e = member(i + 1, j), n = member(i, j + 1), w = member(i - 1, j), s = member(i, j - 1)
            guard e || n || w || s else { return false }
            let around = [e, e || n || member(i + 1, j + 1), n, n || w || member(i - 1, j + 1),
                          w, w || s || member(i - 1, j - 1), s, s || e || member(i + 1, j - 1)]
            var runs = 0
            for k in 0..<8 where around[k] && !around[(k + 7) % 8] { runs += 1 }
            return runs == 1
        }

        enqueue(start.0, start.1, from: 0...0)
        var added = 0
        var cells: [Int32] = []
        cells.reserveCapacity(count)
        while added < count {
            guard let entry = heap.pop() else { return nil }
            let index = Int(entry.index)
            let i = grid.column(ofCell: index), j = grid.row(ofCell: index)
            guard added == 0 || isSimple(i, j) else {
                state[index] = 3
                continue
            }
            state[index] = 2
            cells.append(entry.index)
            added += 1
            for (di, dj) in [(1, 0), (0, 1), (-1, 0), (0, -1)] { enqueue(i + di, j + dj, from: 0...0) }
            for dj in -1...1 { for di in -1...1 where di != 0 || dj != 0 { enqueue(i + di, j + dj, from: 3...3) } }
        }
        cells.sort()
        return cells
    }

    /// The urban centre relative to the district centre, in cells: the blob's `urbanEast/North` as a fraction of
    /// its half-extents, or the county seat moved toward the centre (in tenths of the way) until at least 60% of
    /// the ring belt's annulus (0.28–0.46 radii) lies in the district: a seat on the county's edge would leave the
    /// belt and the town mostly outside.
    var urbanPosition: (x: Double, y: Double) {
        guard let seat = county.seat else {
            return SynthTownshipGrowth.position(east: county.urbanEast, north: county.urbanNorth, shape: self)
        }
        let cx = grid.originX + Double(half) * grid.cellSize, cy = grid.originY + Double(half) * grid.cellSize
        let sx = (seat.x - cx) / grid.cellSize, sy = (seat.y - cy) / grid.cellSize
        let r = 0.46 * radiusInCells, r0 = 0.28 * radiusInCells, annulus = Double.pi * (r * r - r0 * r0)
        var best = (x: sx, y: sy), bestInside = -1
        for step in 0...10 {
            let t = Double(step) / 10
            let x = sx * (1 - t), y = sy * (1 - t)
            var inside = 0
            for c in cells {
                let dx = Double(grid.column(ofCell: Int(c))) + 0.5 - Double(half) - x
                let dy = Double(grid.row(ofCell: Int(c))) + 0.5 - Double(half) - y
                let d2 = dx * dx + dy * dy
                if d2 <= r * r && d2 >= r0 * r0 { inside += 1 }
            }
            if Double(inside) >= 0.6 * annulus { return (x, y) }
            if inside > bestInside { (best, bestInside) = ((x, y), inside) }
        }
        return best
    }

    // MARK: - A real outline

    /// How far inside the county's outline every cell stays, metres: more than the 4 m the other department's
    /// township boundaries move, so neighbouring counties' layers never overlap.
    static let outlineMargin = 20.0

    /// Fills the county's outline with `count` cells: the cell size is one that leaves 0.5–1.5% more cells wholly
    /// inside the outline than `count` (the growth then leaves out the tips farthest from the start), smaller
    /// while the growth cannot reach `count`.
    static func fit(count: Int, seed: UInt64, county: SynthCounty) throws -> DistrictShape {
        guard let rings = county.outline, let shell = rings.first else { preconditionFailure("fit needs an outline") }
        let context = GEOSContext()
        let inner = try Geometry(wkb: SynthWKB.multiPolygon([rings]), context: context).buffer(-outlineMargin)
        let prepared = try PreparedGeometry(inner)
        // The centre: the shell's centroid, whole metres.
        var cx = 0.0, cy = 0.0, twice = 0.0
        for k in 0..<(shell.count - 1) {
            let a = shell[k], b = shell[k + 1], cross = a.x * b.y - b.x * a.y
            twice += cross
            cx += (a.x + b.x) * cross
            cy += (a.y + b.y) * cross
        }
        let centre = Point((cx / (3 * twice)).rounded(), (cy / (3 * twice)).rounded())
        let reach = shell.reduce(0.0) { max($0, abs($1.x - centre.x), abs($1.y - centre.y)) }
        let outline = DistrictOutline(seed: seed)
        var factor = 1.0
        for _ in 0..<60 {
            let cellSize = (county.area / Double(count)).squareRoot() * factor
            let half = Int(reach / cellSize) + 4
            guard 2 * half < 4096 else { break }
            let grid = JitteredGrid(size: 2 * half, cellSize: cellSize,
                                    originX: centre.x - Double(half) * cellSize, originY: centre.y - Double(half) * cellSize,
                                    seed: seed)
            let allowed = try allowedCells(grid: grid, rings: rings, prepared: prepared, context: context)
            let available = allowed.reduce(0) { $0 + ($1 ? 1 : 0) }
            guard Double(available) >= 1.005 * Double(count) else {
                factor *= min(0.998, (Double(available) / (1.01 * Double(count))).squareRoot())
                continue
            }
            // The start: the allowed cell nearest the centre.
            var start = (half, half), best = Double.infinity
            for index in allowed.indices where allowed[index] {
                let i = grid.column(ofCell: index), j = grid.row(ofCell: index)
                let d = (Double(i) + 0.5 - Double(half)) * (Double(i) + 0.5 - Double(half)) + (Double(j) + 0.5 - Double(half)) * (Double(j) + 0.5 - Double(half))
                if d < best { (start, best) = ((i, j), d) }
            }
            let (si, sj) = (Double(start.0) + 0.5, Double(start.1) + 0.5)
            if let cells = growCells(grid: grid, count: count, start: start, allowed: allowed, score: { i, j in
                let dx = Double(i) + 0.5 - si, dy = Double(j) + 0.5 - sj
                return (dx * dx + dy * dy).squareRoot()
            }) {
                let radius = (Double(count) / Double.pi).squareRoot()
                return DistrictShape(county: county, grid: grid, outline: outline, cells: cells, half: half, radiusInCells: radius)
            }
            factor *= 0.995
        }
        throw ForestMapError(.internalFailure, "synth: \(county.code) \(county.name) could not be filled with \(count) cells")
    }

    /// Per grid cell, whether it lies wholly inside `prepared` (the outline `outlineMargin` in): cells whose centre
    /// is inside by the even-odd rule and far from every outline edge without a test, the others near an edge by
    /// GEOS.
    static func allowedCells(grid: JitteredGrid, rings: [[Point]], prepared: PreparedGeometry, context: GEOSContext) throws -> [Bool] {
        let size = grid.size, s = grid.cellSize
        var inside = [Bool](repeating: false, count: size * size)
        for j in 0..<size {
            let y = grid.originY + (Double(j) + 0.5) * s
            var xs: [Double] = []
            for ring in rings {
                for k in 0..<(ring.count - 1) {
                    let a = ring[k], b = ring[k + 1]
                    if (a.y > y) != (b.y > y) { xs.append(a.x + (y - a.y) * (b.x - a.x) / (b.y - a.y)) }
                }
            }
            xs.sort()
            var k = 0
            while k + 1 < xs.count {
                let first = max(0, Int(((xs[k] - grid.originX) / s - 0.5).rounded(.up)))
                let last = min(size - 1, Int(((xs[k + 1] - grid.originX) / s - 0.5).rounded(.down)))
                if first <= last { for i in first...last { inside[grid.cellIndex(i, j)] = true } }
                k += 2
            }
        }
        // Cells within 3 cells (and the margin) of an outline edge, by points every half cell along it: tested
        // exactly. Any other cell lies wholly on the side of its centre (a cell reaches under 0.9 cells from it).
        var near = [Bool](repeating: false, count: size * size)
        let pad = 3 + Int((outlineMargin / s).rounded(.up))
        for ring in rings {
            for k in 0..<(ring.count - 1) {
                let a = ring[k], b = ring[k + 1]
                let length = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
                let steps = max(1, Int((2 * length / s).rounded(.up)))
                for step in 0...steps {
                    let t = Double(step) / Double(steps)
                    let i = Int(((a.x + t * (b.x - a.x) - grid.originX) / s).rounded(.down))
                    let j = Int(((a.y + t * (b.y - a.y) - grid.originY) / s).rounded(.down))
                    // The grid reaches 4 cells beyond the outline on every side.
                    for jj in max(0, j - pad)...min(size - 1, j + pad) {
                        for ii in max(0, i - pad)...min(size - 1, i + pad) {
                            near[grid.cellIndex(ii, jj)] = true
                        }
                    }
                }
            }
        }
        var allowed = inside
        for index in near.indices where near[index] {
            let i = grid.column(ofCell: index), j = grid.row(ofCell: index)
            let cell = try Geometry(wkb: SynthWKB.multiPolygon([[grid.ring(i, j)]]), context: context)
            allowed[index] = prepared.contains(cell)
        }
        return allowed
    }
}

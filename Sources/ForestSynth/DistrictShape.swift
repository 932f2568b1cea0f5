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
struct DistrictShape {
    /// District area in square metres (DOMAIN §9), whatever the number of sub-compartments.
    static let districtArea = 964.15e6

    let grid: JitteredGrid
    let outline: DistrictOutline
    /// Grid cell indices of the district's cells, ascending.
    let cells: [Int32]
    /// The grid cell (i, j) whose lower-left corner is the district centre: (half, half).
    let half: Int
    /// R of the outline, in cells.
    let radiusInCells: Double

    /// Grows the district from the centre cell in order of `outline.score` (distance over r(θ); ties by cell
    /// index), skipping a cell for as long as adding it would pinch the district at a corner or enclose a hole,
    /// until `count` cells are in. The result is the N lowest-scoring cells except where that rule intervenes.
    static func grow(count: Int, seed: UInt64, centre: Point) throws -> DistrictShape {
        let outline = DistrictOutline(seed: seed)
        let cellSize = (districtArea / Double(count)).squareRoot()
        let radius = (Double(count) / (Double.pi * outline.meanSquareRadius)).squareRoot()
        let half = Int(radius * outline.maximumRelativeRadius * 1.15) + 6
        let grid = JitteredGrid(size: 2 * half, cellSize: cellSize,
                                originX: centre.x - Double(half) * cellSize, originY: centre.y - Double(half) * cellSize,
                                seed: seed)
        let size = grid.size
        // 0 not seen, 1 queued, 2 in the district, 3 deferred (adding it would pinch or enclose a hole).
        var state = [UInt8](repeating: 0, count: size * size)
        var heap = SynthHeap(capacity: 2 * count)
        func score(_ i: Int, _ j: Int) -> Double {
            outline.score(Double(i) + 0.5 - Double(half), Double(j) + 0.5 - Double(half))
        }
        func member(_ i: Int, _ j: Int) -> Bool { grid.contains(i, j) && state[grid.cellIndex(i, j)] == 2 }
        func enqueue(_ i: Int, _ j: Int, from states: ClosedRange<UInt8>) {
            guard grid.contains(i, j) else { return }
            let index = grid.cellIndex(i, j)
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

        enqueue(half, half, from: 0...0)
        var added = 0
        var cells: [Int32] = []
        cells.reserveCapacity(count)
        while added < count {
            guard let entry = heap.pop() else {
                throw ForestMapError(.internalFailure, "synth: the district could not grow to \(count) cells")
            }
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
        return DistrictShape(grid: grid, outline: outline, cells: cells, half: half, radiusInCells: radius)
    }
}

import Foundation
import Geo

/// A grid over the township layer whose cells know whether they lie wholly inside one township: the fast answer to
/// "which township holds this sub-compartment" for all those well inside one (most of them). A sub-compartment
/// whose box covers only cells of one township lies in it; any other goes to the exact overlay.
///
/// Cells touched by a boundary edge are "mixed"; every other cell is wholly inside or outside each part, decided at
/// its centre by crossing parity along its row. Exact, since no edge passes through such a cell.
struct TownshipRaster: Sendable {
    static let mixed: Int32 = -1
    static let outside: Int32 = -2

    private let minX: Double, minY: Double, cell: Double
    private let columns: Int, rows: Int
    /// Row by row: an index into `codes`, or `mixed` / `outside`.
    private let labels: [Int32]
    let codes: [String]
    /// Blocks of `blockSize` × `blockSize` cells: the tiles the townships are cut into near their boundaries.
    static let blockSize = 32
    private let blockColumns: Int
    /// The blocks holding a mixed cell, ascending.
    let mixedBlocks: [Int]

    init(parts: [(code: String, rings: [[Point]])], cellsPerSide: Int = 1024) {
        codes = Array(Set(parts.map(\.code))).sorted()
        let label = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1, Int32($0)) })
        var x0 = Double.infinity, y0 = Double.infinity, x1 = -Double.infinity, y1 = -Double.infinity
        for p in parts { for r in p.rings { for pt in r { x0 = min(x0, pt.x); y0 = min(y0, pt.y); x1 = max(x1, pt.x); y1 = max(y1, pt.y) } } }
        guard x0 < x1, y0 < y1 else {
            (minX, minY, cell, columns, rows, labels, blockColumns, mixedBlocks) = (0, 0, 1, 0, 0, [], 0, [])
            return
        }
        let size = max(x1 - x0, y1 - y0) / Double(cellsPerSide)
        let cols = Int(((x1 - x0) / size).rounded(.up)) + 1, rowCount = Int(((y1 - y0) / size).rounded(.up)) + 1
        var grid = [Int32](repeating: Self.outside, count: cols * rowCount)
        // Mixed: every cell an edge passes through (with a margin for rounding).
        let margin = size * 1e-6
        func column(_ x: Double) -> Int { min(cols - 1, max(0, Int(((x - x0) / size).rounded(.down)))) }
        func row(_ y: Double) -> Int { min(rowCount - 1, max(0, Int(((y - y0) / size).rounded(.down)))) }
        var edgesByRow = [[(Point, Point, Int32)]](repeating: [], count: rowCount)
        for p in parts {
            for ring in p.rings where ring.count > 1 {
                for k in 1..<ring.count {
                    let a = ring[k - 1], b = ring[k]
                    let c0 = column(min(a.x, b.x) - margin), c1 = column(max(a.x, b.x) + margin)
                    for c in c0...c1 {
                        // The part of the segment within this column's x-range, and its y-range.
                        let lo = max(x0 + Double(c) * size, min(a.x, b.x)), hi = min(x0 + Double(c + 1) * size, max(a.x, b.x))
                        var ya = a.y, yb = b.y
                        if a.x != b.x {
                            let t0 = (lo - a.x) / (b.x - a.x), t1 = (hi - a.x) / (b.x - a.x)
                            ya = a.y + (b.y - a.y) * min(max(t0, 0), 1)
                            yb = a.y + (b.y - a.y) * min(max(t1, 0), 1)
                        }
                        for r in row(min(ya, yb) - margin)...row(max(ya, yb) + margin) { grid[r * cols + c] = Self.mixed }
                    }
                    if a.y != b.y {
                        for r in row(min(a.y, b.y))...row(max(a.y, b.y)) { edgesByRow[r].append((a, b, label[p.code]!)) }
                    }
                }
            }
        }
        // Inside: along each row's centre line, the spans between crossings of each township's edges.
        for r in 0..<rowCount {
            let y = y0 + (Double(r) + 0.5) * size
            var crossings: [Int32: [Double]] = [:]
            for (a, b, l) in edgesByRow[r] where (a.y <= y) != (b.y <= y) {
                crossings[l, default: []].append(a.x + (y - a.y) / (b.y - a.y) * (b.x - a.x))
            }
            for (l, xs) in crossings {
                let sorted = xs.sorted()
                var k = 0
                while k + 1 < sorted.count {
                    let first = Int(((sorted[k] - x0) / size - 0.5).rounded(.up)), last = Int(((sorted[k + 1] - x0) / size - 0.5).rounded(.down))
                    if first <= last {
                        for c in max(0, first)...min(cols - 1, last) {
                            let i = r * cols + c
                            if grid[i] == Self.outside { grid[i] = l } else if grid[i] != l { grid[i] = Self.mixed }
                        }
                    }
                    k += 2
                }
            }
        }
        (minX, minY, cell, columns, rows, labels) = (x0, y0, size, cols, rowCount, grid)
        blockColumns = (cols + Self.blockSize - 1) / Self.blockSize
        var mixed = Set<Int>()
        for r in 0..<rowCount {
            for c in 0..<cols where grid[r * cols + c] == Self.mixed {
                mixed.insert((r / Self.blockSize) * blockColumns + c / Self.blockSize)
            }
        }
        mixedBlocks = mixed.sorted()
    }

    /// The block whose cells alone cover the box; nil when it spans blocks or leaves the raster.
    func block(covering box: Envelope) -> Int? {
        guard !labels.isEmpty else { return nil }
        let c0 = Int(((box.minX - minX) / cell).rounded(.down)), c1 = Int(((box.maxX - minX) / cell).rounded(.down))
        let r0 = Int(((box.minY - minY) / cell).rounded(.down)), r1 = Int(((box.maxY - minY) / cell).rounded(.down))
        guard c0 >= 0, r0 >= 0, c1 < columns, r1 < rows else { return nil }
        let b = Self.blockSize
        guard c0 / b == c1 / b, r0 / b == r1 / b else { return nil }
        return (r0 / b) * blockColumns + c0 / b
    }

    /// A block's rectangle.
    func envelope(ofBlock block: Int) -> Envelope {
        let side = cell * Double(Self.blockSize)
        let c = block % blockColumns, r = block / blockColumns
        return Envelope(minX: minX + Double(c) * side, minY: minY + Double(r) * side,
                        maxX: minX + Double(c + 1) * side, maxY: minY + Double(r + 1) * side)
    }

    /// The township code whose cells alone cover the box; nil when the box touches a boundary or lies outside.
    func township(covering box: Envelope) -> String? {
        guard !labels.isEmpty else { return nil }
        let c0 = Int(((box.minX - minX) / cell).rounded(.down)), c1 = Int(((box.maxX - minX) / cell).rounded(.down))
        let r0 = Int(((box.minY - minY) / cell).rounded(.down)), r1 = Int(((box.maxY - minY) / cell).rounded(.down))
        guard c0 >= 0, r0 >= 0, c1 < columns, r1 < rows else { return nil }
        let l = labels[r0 * columns + c0]
        guard l >= 0 else { return nil }
        for r in r0...r1 { for c in c0...c1 where labels[r * columns + c] != l { return nil } }
        return codes[Int(l)]
    }
}

import Foundation

/// A GeoPackage spatial index (`rtree_<table>_<geom>`, SQLite's R*Tree module) packed in one pass instead of
/// inserted row by row.
///
/// GDAL 3.6 fills a new layer's index at close with one R*Tree insertion per feature (about as costly as writing
/// the feature itself). The same entries — each feature's box in 32-bit floats, rounded outwards exactly as SQLite
/// rounds them — are here sorted into full nodes (Sort-Tile-Recursive) and the nodes are written straight into the
/// module's tables (`_node`, `_rowid`, `_parent`) in SQLite's node format. Queries through the virtual table see
/// the same entries; only the grouping into nodes differs, and SQLite keeps maintaining the tree on later edits.
struct GeoPackageRTree {
    struct Entry: Equatable {
        var id: Int64
        var minX: Float, maxX: Float, minY: Float, maxY: Float

        /// The entry SQLite stores for a box given in doubles: minima rounded down, maxima up (rtree.c's
        /// `rtreeValueDown` / `rtreeValueUp`).
        init(id: Int64, minX: Double, maxX: Double, minY: Double, maxY: Double) {
            self.init(id: id, minX: Self.down(minX), maxX: Self.up(maxX), minY: Self.down(minY), maxY: Self.up(maxY))
        }

        init(id: Int64, minX: Float, maxX: Float, minY: Float, maxY: Float) {
            self.id = id
            self.minX = minX; self.maxX = maxX; self.minY = minY; self.maxY = maxY
        }

        static let towards = 1.0 - 1.0 / 8_388_608.0, away = 1.0 + 1.0 / 8_388_608.0

        static func down(_ d: Double) -> Float {
            let f = Float(d)
            return Double(f) > d ? Float(d * (d < 0 ? away : towards)) : f
        }

        static func up(_ d: Double) -> Float {
            let f = Float(d)
            return Double(f) < d ? Float(d * (d < 0 ? towards : away)) : f
        }
    }

    /// One node: its number (1 is the root) and its cells (entries in a leaf; child numbers and boxes above).
    struct Node {
        var number: Int64
        var cells: [Entry]
    }

    /// Nodes, root first; `depth` is the number of levels below the root (0: the root is the only leaf).
    var nodes: [Node]
    var depth: Int
    /// Leaf number of each entry id (`_rowid`), and parent of each node but the root (`_parent`).
    var leafOf: [(id: Int64, node: Int64)]
    var parentOf: [(node: Int64, parent: Int64)]

    /// Packs `entries` into nodes of at most `capacity` cells.
    init(_ entries: [Entry], capacity: Int) {
        precondition(capacity >= 2)
        guard !entries.isEmpty else {
            nodes = [Node(number: 1, cells: [])]
            depth = 0
            leafOf = []
            parentOf = []
            return
        }
        // Levels bottom-up; each node is the indices of its cells in the level below (entries for leaves).
        var levels: [[[Int]]] = []
        var boxes = entries
        repeat {
            let groups = Self.tiles(boxes, capacity: capacity)
            levels.append(groups)
            boxes = groups.map { group in
                var box = boxes[group[0]]
                for i in group.dropFirst() {
                    let b = boxes[i]
                    box.minX = min(box.minX, b.minX); box.maxX = max(box.maxX, b.maxX)
                    box.minY = min(box.minY, b.minY); box.maxY = max(box.maxY, b.maxY)
                }
                return box
            }
        } while levels.last!.count > 1
        // Numbers: the root 1, then each level from the top down.
        var numbers: [[Int64]] = Array(repeating: [], count: levels.count)
        var next: Int64 = 1
        for level in levels.indices.reversed() {
            numbers[level] = levels[level].indices.map { _ in defer { next += 1 }; return next }
        }
        var nodes: [Node] = [], leafOf: [(Int64, Int64)] = [], parentOf: [(Int64, Int64)] = []
        var childBoxes: [Entry] = entries
        for level in levels.indices {
            var made: [Entry] = []
            for (k, group) in levels[level].enumerated() {
                let number = numbers[level][k]
                let cells = group.map { i -> Entry in
                    var cell = childBoxes[i]
                    if level > 0 {
                        cell.id = numbers[level - 1][i]
                        parentOf.append((cell.id, number))
                    } else {
                        leafOf.append((cell.id, number))
                    }
                    return cell
                }
                nodes.append(Node(number: number, cells: cells))
                var box = cells[0]
                for c in cells.dropFirst() {
                    box.minX = min(box.minX, c.minX); box.maxX = max(box.maxX, c.maxX)
                    box.minY = min(box.minY, c.minY); box.maxY = max(box.maxY, c.maxY)
                }
                made.append(box)
            }
            childBoxes = made
        }
        self.nodes = nodes.sorted { $0.number < $1.number }
        self.depth = levels.count - 1
        self.leafOf = leafOf
        self.parentOf = parentOf.sorted { $0.0 < $1.0 }
    }

    /// Sort-Tile-Recursive grouping: vertical slices by centre x, each cut into runs of `capacity` by centre y.
    static func tiles(_ boxes: [Entry], capacity: Int) -> [[Int]] {
        guard boxes.count > capacity else { return [Array(boxes.indices)] }
        let nodeCount = (boxes.count + capacity - 1) / capacity
        let slices = Int(Double(nodeCount).squareRoot().rounded(.up))
        let sliceSize = capacity * ((nodeCount + slices - 1) / slices)
        func cx(_ i: Int) -> Float { boxes[i].minX / 2 + boxes[i].maxX / 2 }
        func cy(_ i: Int) -> Float { boxes[i].minY / 2 + boxes[i].maxY / 2 }
        let byX = boxes.indices.sorted { cx($0) != cx($1) ? cx($0) < cx($1) : $0 < $1 }
        var groups: [[Int]] = []
        groups.reserveCapacity(nodeCount + slices)
        var start = 0
        while start < byX.count {
            let slice = byX[start..<min(byX.count, start + sliceSize)].sorted { cy($0) != cy($1) ? cy($0) < cy($1) : $0 < $1 }
            var s = 0
            while s < slice.count {
                groups.append(Array(slice[s..<min(slice.count, s + capacity)]))
                s += capacity
            }
            start += sliceSize
        }
        return groups
    }

    /// A node as SQLite stores it: depth (root only) and cell count as 16-bit big-endian, then per cell the id as
    /// 64-bit and minX, maxX, minY, maxY as 32-bit floats, big-endian, zero-padded to `size` bytes.
    func blob(_ node: Node, size: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: size)
        func put16(_ v: Int, at o: Int) { bytes[o] = UInt8((v >> 8) & 0xFF); bytes[o + 1] = UInt8(v & 0xFF) }
        func put32(_ v: UInt32, at o: Int) { for k in 0..<4 { bytes[o + k] = UInt8((v >> (24 - 8 * k)) & 0xFF) } }
        if node.number == 1 { put16(depth, at: 0) }
        put16(node.cells.count, at: 2)
        for (k, cell) in node.cells.enumerated() {
            let o = 4 + 24 * k
            let id = UInt64(bitPattern: cell.id)
            put32(UInt32(truncatingIfNeeded: id >> 32), at: o)
            put32(UInt32(truncatingIfNeeded: id), at: o + 4)
            put32(cell.minX.bitPattern, at: o + 8)
            put32(cell.maxX.bitPattern, at: o + 12)
            put32(cell.minY.bitPattern, at: o + 16)
            put32(cell.maxY.bitPattern, at: o + 20)
        }
        return bytes
    }

    /// Cells per node for a node of `size` bytes.
    static func capacity(nodeSize size: Int) -> Int { (size - 4) / 24 }
}

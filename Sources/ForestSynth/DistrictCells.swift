import Geo

/// The district's cells by slot (ascending grid cell index), with their positions and neighbours: what township
/// and village assignment work on.
struct DistrictCells {
    let shape: DistrictShape
    /// Grid cell index per slot.
    let cells: [Int32]
    /// Slot per grid cell index, -1 outside the district.
    private let slotOfCell: [Int32]

    init(_ shape: DistrictShape) {
        self.shape = shape
        cells = shape.cells
        var slots = [Int32](repeating: -1, count: shape.grid.size * shape.grid.size)
        for (p, c) in cells.enumerated() { slots[Int(c)] = Int32(p) }
        slotOfCell = slots
    }

    var count: Int { cells.count }
    var grid: JitteredGrid { shape.grid }

    /// The cell's centre relative to the district centre, in cells.
    func relative(_ p: Int) -> (x: Double, y: Double) {
        let c = Int(cells[p])
        return (Double(grid.column(ofCell: c)) + 0.5 - Double(shape.half), Double(grid.row(ofCell: c)) + 0.5 - Double(shape.half))
    }

    /// The cell's unjittered centre in the layer CRS.
    func centre(_ p: Int) -> Geo.Point {
        let c = Int(cells[p])
        return grid.centre(grid.column(ofCell: c), grid.row(ofCell: c))
    }

    /// Squared distance between two cell centres, in cells².
    func distance2(_ p: Int, _ q: Int) -> Double {
        let a = relative(p), b = relative(q)
        return (a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)
    }

    private static let edgeSteps = [(1, 0), (0, 1), (-1, 0), (0, -1)]
    private static let allSteps = edgeSteps + [(1, 1), (-1, 1), (-1, -1), (1, -1)]

    /// District cells around slot `p`: the 4 edge neighbours, then (with `diagonal`) the 4 corner neighbours, in a
    /// fixed order.
    func neighbours(_ p: Int, diagonal: Bool = false) -> [Int] {
        let c = Int(cells[p]), i = grid.column(ofCell: c), j = grid.row(ofCell: c)
        return (diagonal ? Self.allSteps : Self.edgeSteps).compactMap { di, dj in
            guard grid.contains(i + di, j + dj) else { return nil }
            let q = slotOfCell[grid.cellIndex(i + di, j + dj)]
            return q >= 0 ? Int(q) : nil
        }
    }
}

import Geo

/// Who each sub-compartment belongs to: township, village, compartment (林班) and its own number (小班), in the
/// order the layers list them (by key).
struct DistrictLayout {
    let shape: DistrictShape
    /// Per sub-compartment, in key order: its grid cell, township (index into `county.townships`), village
    /// (1-based within the township), LIN_BAN (1-based within the village) and XIAO_BAN (1-based within the LIN_BAN).
    let cell: [Int32]
    let township: [UInt8]
    let village: [UInt8]
    let linBan: [UInt16]
    let xiaoBan: [UInt16]

    /// LIN_BAN blocks are this many grid cells on a side.
    static let blockSize = 6

    var count: Int { cell.count }
    var county: SynthCounty { shape.county }
    var grid: JitteredGrid { shape.grid }

    /// XIAN|XIANG|CUN|LIN_BAN|XIAO_BAN.
    func key(_ slot: Int) -> String {
        [county.code, county.townships[Int(township[slot])].code, Int(village[slot]).zeroPadded(3),
         Int(linBan[slot]).zeroPadded(4), Int(xiaoBan[slot]).zeroPadded(4)].joined(separator: "|")
    }

    /// Cell coordinates relative to the district centre, in cells.
    func relative(_ gridCell: Int) -> (x: Double, y: Double) {
        (Double(grid.column(ofCell: gridCell)) + 0.5 - Double(shape.half), Double(grid.row(ofCell: gridCell)) + 0.5 - Double(shape.half))
    }

    /// Townships, villages, then LIN_BAN blocks and XIAO_BAN numbers, listed in key order.
    static func build(shape: DistrictShape, seed: UInt64) -> DistrictLayout {
        let district = DistrictCells(shape)
        let grid = shape.grid, cells = shape.cells, n = cells.count
        precondition(grid.size < 4096, "grid too large for the sort key")
        let township = SynthTownshipGrowth.assign(district, seed: seed)
        let village = SynthVillages.assign(district, township: township, seed: seed)

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

import Geo

/// The land of the first year, on the ground: construction around the urban centre and in scattered hamlets,
/// farmland, orchards and water in low areas, forest land on higher ground.
///
/// A smooth seeded "elevation" (rising towards 高坡 in the east) and the distance to the urban centre rank the
/// cells; shares are exact fractions of N taken in rank order, so the class mix is the same at every N:
/// arbor forest about 45% of the cells (all cells have nearly the same area), coverage (arbor, bamboo,
/// special-regulation shrub) about 51%, forest land about 61%.
struct SynthLandscape {
    /// The ground kind of each sub-compartment in the previous year, in key order.
    let kinds: [SynthLandKind]
    /// Closeness to the urban centre per sub-compartment, 1 at the centre falling to ~0.1 at 10 km.
    let urbanCloseness: [Double]

    /// Shares of all cells, in rank order within each band.
    static let constructionShare = 0.09
    /// The part of construction in and around the town; the rest is hamlets, roads and works in the country.
    static let townShare = 0.05
    /// Lowest ground first.
    static let lowBand: [(SynthLandKind, Double)] = [
        (.river, 0.010), (.paddy, 0.096), (.dryLand, 0.140), (.fruitOrchard, 0.030), (.naturalGrass, 0.015), (.bareRock, 0.005),
    ]
    /// Forest-land edge first, arbor forest takes the rest (≈ 45%).
    static let forestBand: [(SynthLandKind, Double)] = [
        (.suitableBarren, 0.018), (.suitableOther, 0.012), (.treeless1631, 0.006), (.treeless1632, 0.006),
        (.treeless1634, 0.003), (.auxiliary, 0.003), (.nursery, 0.002), (.unestablishedPlanted, 0.012),
        (.unestablishedEnclosed, 0.006), (.harvested, 0.004), (.sparse, 0.010), (.otherShrub, 0.020),
        (.specialShrub, 0.050), (.bamboo, 0.012),
    ]

    /// The position of slot `slot` relative to the district centre, in metres.
    static func offset(_ layout: DistrictLayout, _ slot: Int) -> (x: Double, y: Double) {
        let r = layout.relative(Int(layout.cell[slot]))
        return (r.x * layout.grid.cellSize, r.y * layout.grid.cellSize)
    }

    static func generate(layout: DistrictLayout, seed: UInt64) -> SynthLandscape {
        let n = layout.count
        let s = layout.grid.cellSize
        let radius = layout.shape.radiusInCells * s
        let urban = layout.shape.urbanPosition
        let urbanX = urban.x * s, urbanY = urban.y * s
        let elevationNoise = ValueNoise(seed: seed, stream: .elevation, octaves: [(7_000, 0.5), (2_500, 0.3), (900, 0.2)])
        let urbanNoise = ValueNoise(seed: seed, stream: .urbanNoise, octaves: [(1_500, 0.6), (600, 0.4)])
        let typeNoise = ValueNoise(seed: seed, stream: .forestTypeNoise, octaves: [(2_000, 0.6), (700, 0.4)])

        var closeness = [Double](repeating: 0, count: n)
        var elevation = [Double](repeating: 0, count: n)
        var builtUp = [Double](repeating: 0, count: n)
        for slot in 0..<n {
            let (x, y) = offset(layout, slot)
            let cell = Int(layout.cell[slot])
            let du2 = ((x - urbanX) * (x - urbanX) + (y - urbanY) * (y - urbanY)) / (3_500 * 3_500)
            let u = 1 / (1 + du2)
            closeness[slot] = u
            elevation[slot] = elevationNoise.value(x, y) + 0.22 * x / radius - 0.08 * y / radius - 0.25 * u
                + 0.06 * SynthHash.unit(seed, .cellNoise, cell, 1)
            builtUp[slot] = 0.75 * u + 0.25 * urbanNoise.value(x, y) + 0.12 * SynthHash.unit(seed, .cellNoise, cell, 2)
        }

        var kinds = [SynthLandKind](repeating: .arbor, count: n)
        func take(_ slots: [Int], _ bands: [(SynthLandKind, Double)], rest: SynthLandKind?) {
            var start = 0, cumulative = 0.0
            for (kind, share) in bands {
                cumulative += share
                let end = min(slots.count, Int(cumulative * Double(n)))
                for k in start..<max(start, end) { kinds[slots[k]] = kind }
                start = max(start, end)
            }
            if let rest { for k in start..<slots.count { kinds[slots[k]] = rest } }
        }

        // Construction: the town (the most built-up cells), then hamlets scattered over low ground.
        let byBuiltUp = (0..<n).sorted { builtUp[$0] != builtUp[$1] ? builtUp[$0] > builtUp[$1] : $0 < $1 }
        let townCount = Int(townShare * Double(n))
        var hamlet = [Double](repeating: 0, count: n)
        for slot in byBuiltUp.dropFirst(townCount) {
            hamlet[slot] = 0.5 * SynthHash.unit(seed, .cellNoise, Int(layout.cell[slot]), 4) - elevation[slot]
        }
        let byHamlet = byBuiltUp.dropFirst(townCount).sorted { hamlet[$0] != hamlet[$1] ? hamlet[$0] > hamlet[$1] : $0 < $1 }
        let hamletCount = Int((constructionShare - townShare) * Double(n))
        let built = Array(byBuiltUp.prefix(townCount)) + Array(byHamlet.prefix(hamletCount))
        for slot in built { kinds[slot] = constructionKind(closeness[slot], seed, Int(layout.cell[slot])) }

        // The rest by elevation: low band first, forest land above.
        let open = byHamlet.dropFirst(hamletCount).sorted { elevation[$0] != elevation[$1] ? elevation[$0] < elevation[$1] : $0 < $1 }
        let lowCount = min(open.count, Int(lowBand.reduce(0) { $0 + $1.1 } * Double(n)))
        take(Array(open.prefix(lowCount)), lowBand, rest: nil)
        let forest = Array(open.dropFirst(lowCount))
        // Within forest land: the lower edge and a patchy second noise get the treeless and shrub classes.
        var q = [Double](repeating: 0, count: n)
        for (rank, slot) in forest.enumerated() {
            let (x, y) = offset(layout, slot)
            q[slot] = 0.55 * Double(rank) / Double(max(1, forest.count)) + 0.45 * typeNoise.value(x, y)
                + 0.05 * SynthHash.unit(seed, .cellNoise, Int(layout.cell[slot]), 3)
        }
        take(forest.sorted { q[$0] != q[$1] ? q[$0] < q[$1] : $0 < $1 }, forestBand, rest: .arbor)

        // Split the kinds the bands name once into their variants.
        for slot in 0..<n {
            let h = SynthHash.unit(seed, .kindChoice, Int(layout.cell[slot]))
            switch kinds[slot] {
            case .river: kinds[slot] = h < 0.6 ? .river : h < 0.75 ? .reservoir : .pond
            case .fruitOrchard: kinds[slot] = h < 0.6 ? .fruitOrchard : .teaGarden
            case .naturalGrass: kinds[slot] = h < 0.3 ? .naturalGrass : .otherGrass
            case .bareRock: kinds[slot] = h < 0.5 ? .bareSoil : .bareRock
            default: break
            }
        }
        return SynthLandscape(kinds: kinds, urbanCloseness: closeness)
    }

    /// Construction by closeness to the urban centre: housing, roads and industry in town, homesteads and roads
    /// in the country.
    static func constructionKind(_ closeness: Double, _ seed: UInt64, _ cell: Int, stream: SynthStream = .kindChoice) -> SynthLandKind {
        let h = SynthHash.unit(seed, stream, cell, 7)
        if closeness > 0.35 {
            return h < 0.45 ? .urbanHousing : h < 0.60 ? .cityRoad : h < 0.85 ? .industry : .logistics
        }
        return h < 0.55 ? .ruralHousing : h < 0.75 ? .ruralRoad : h < 0.85 ? .highway : h < 0.95 ? .industry : .mining
    }
}

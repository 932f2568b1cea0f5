/// The forest attributes of one sub-compartment in one year; nil is a null field. All nil on non-forest land.
struct SynthStand: Hashable, Sendable {
    var qiYuan: String?
    var senLinLB: String?
    var shiQuanD: String?
    var gjgylBhdj: String?
    var linZhong: String?
    var species: String?
    var canopy: Double?
    var volume: Double?
}

/// Forest attributes with realistic ranges (docs/domain.md §2). Management (forest category, public-welfare level and
/// grade) is drawn per LIN_BAN, as it is managed; the stand (origin, species, canopy, volume) per sub-compartment.
enum SynthStandAttributes {
    /// Dominant-species codes (YOU_SHI_SZ, 6 digits). ILLUSTRATIVE ONLY, not the authoritative national species
    /// code table: a handful of plausible codes for species common around Guiyang.
    enum Species {
        static let massonPine = "150100"      // 马尾松 Pinus massoniana
        static let armandPine = "150300"      // 华山松 Pinus armandii
        static let chineseFir = "150200"      // 杉木 Cunninghamia lanceolata
        static let cypress = "150400"         // 柏木 Cupressus funebris
        static let oak = "210100"             // 栎类 Quercus spp.
        static let hardBroadleaf = "220000"   // 其他硬阔类
        static let mixedBroadleaf = "290000"  // 阔叶混
        static let bamboo = "350900"          // 杂竹
        static let firethorn = "500100"       // 火棘 Pyracantha fortuneana (karst shrub)
        static let otherShrub = "500900"      // 其他灌木

        static let planted = [chineseFir, massonPine, cypress, armandPine]
        static let natural = [oak, massonPine, mixedBroadleaf, hardBroadleaf]
        static let shrubs = [firethorn, otherShrub]
    }

    /// SEN_LIN_LB, SHI_QUAN_D and GJGYL_BHDJ of a LIN_BAN: about 55% public-welfare (011 key, national, grade 1
    /// or 2; 012 general, local), 45% commercial (021 key, 022 general, no public-welfare level).
    static func management(seed: UInt64, layout: DistrictLayout, slot: Int) -> (category: String, level: String?, grade: String?) {
        let unit = Int(layout.township[slot]) * 1_000 + Int(layout.village[slot])
        let u = SynthHash.unit(seed, .category, unit, Int(layout.linBan[slot]))
        switch u {
        case ..<0.22: return ("011", "10", u < 0.09 ? "1" : "2")
        case ..<0.55: return ("012", "20", nil)
        case ..<0.65: return ("021", nil, nil)
        default: return ("022", nil, nil)
        }
    }

    /// LIN_ZHONG for the category: 11x protection forest (111 water conservation, 112 soil and water conservation,
    /// 116 roadside) for public welfare, 23x timber (231 short-rotation, 232 fast-growing, 233 general) otherwise.
    static func forestUse(category: String, seed: UInt64, cell: Int) -> String {
        let u = SynthHash.unit(seed, .linZhong, cell)
        if category.hasPrefix("01") { return u < 0.45 ? "111" : u < 0.9 ? "112" : "116" }
        return u < 0.3 ? "231" : u < 0.55 ? "232" : "233"
    }

    static func pick(_ options: [String], _ seed: UInt64, _ stream: SynthStream, _ cell: Int) -> String {
        options[min(options.count - 1, Int(SynthHash.unit(seed, stream, cell) * Double(options.count)))]
    }

    static func round(_ value: Double, _ decimals: Double) -> Double { (value * decimals).rounded() / decimals }

    /// The first year's attributes of ground kind `kind`.
    static func first(kind: SynthLandKind, seed: UInt64, layout: DistrictLayout, slot: Int) -> SynthStand {
        guard kind.landClass.isForestLand else { return SynthStand() }
        let cell = Int(layout.cell[slot])
        let (category, level, grade) = management(seed: seed, layout: layout, slot: slot)
        var r = SynthStand(senLinLB: category, shiQuanD: level, gjgylBhdj: grade)
        guard kind.isStocked else { return r }
        r.linZhong = forestUse(category: category, seed: seed, cell: cell)
        let natural = SynthHash.unit(seed, .origin, cell) < 0.4
        let c1 = SynthHash.unit(seed, .canopy, cell, 1), c2 = SynthHash.unit(seed, .canopy, cell, 2)
        let v = SynthHash.unit(seed, .volume, cell)
        switch kind {
        case .arbor:
            // Natural (11) about 40%, planted (21) about 60%; canopy 0.20–0.90, volume 20–175 m³/ha with canopy.
            r.qiYuan = natural ? "11" : "21"
            r.species = pick(natural ? Species.natural : Species.planted, seed, .species, cell)
            let canopy = round(0.2 + 0.7 * (c1 + c2) / 2, 100)
            r.canopy = canopy
            r.volume = round(20 + 155 * (canopy - 0.2) / 0.7 * (0.5 + 0.5 * v), 10)
        case .bamboo:
            r.qiYuan = natural ? "11" : "21"
            r.species = Species.bamboo
            r.canopy = round(0.4 + 0.4 * c1, 100)
        case .specialShrub, .otherShrub:
            r.qiYuan = SynthHash.unit(seed, .origin, cell) < 0.85 ? "11" : "21"
            r.species = pick(Species.shrubs, seed, .species, cell)
        case .sparse:
            r.qiYuan = "11"
            r.species = pick(Species.natural, seed, .species, cell)
            r.canopy = round(0.10 + 0.09 * c1, 100)
            r.volume = round(3 + 12 * v, 10)
        case .unestablishedPlanted:
            r.qiYuan = "21"
            r.species = pick(Species.planted, seed, .species, cell)
        case .unestablishedEnclosed:
            r.qiYuan = "12"
            r.species = pick(Species.natural, seed, .species, cell)
        default:
            break
        }
        return r
    }

    /// The second year's record of land that did not change: the same, arbor volume grown 2–4% (at most
    /// 180 m³/ha).
    static func grown(_ previous: SynthStand, kind: SynthLandKind, seed: UInt64, cell: Int) -> SynthStand {
        var r = previous
        if kind == .arbor, let volume = previous.volume {
            r.volume = min(180, round(volume * (1.02 + 0.02 * SynthHash.unit(seed, .growth, cell)), 10))
        }
        return r
    }

    /// The management of a sub-compartment: its own where it has one, else its LIN_BAN's.
    static func managed(_ previous: SynthStand, seed: UInt64, layout: DistrictLayout, slot: Int) -> SynthStand {
        if previous.senLinLB != nil { return SynthStand(senLinLB: previous.senLinLB, shiQuanD: previous.shiQuanD, gjgylBhdj: previous.gjgylBhdj) }
        let (category, level, grade) = management(seed: seed, layout: layout, slot: slot)
        return SynthStand(senLinLB: category, shiQuanD: level, gjgylBhdj: grade)
    }

    /// The record of land that became `kind` in the second year, from the first year's record.
    static func changed(to kind: SynthLandKind, from previous: SynthStand, seed: UInt64, layout: DistrictLayout,
                        slot: Int) -> SynthStand {
        let cell = Int(layout.cell[slot])
        guard kind.landClass.isForestLand else { return SynthStand() }
        var r = managed(previous, seed: seed, layout: layout, slot: slot)
        let u = SynthHash.unit(seed, .newStand, cell, 1)
        switch kind {
        case .harvested, .burned:
            break
        case .unestablishedPlanted:
            r.linZhong = previous.linZhong ?? forestUse(category: r.senLinLB ?? "022", seed: seed, cell: cell)
            r.qiYuan = "21"
            r.species = previous.species.flatMap { Species.planted.contains($0) ? $0 : nil } ?? pick(Species.planted, seed, .newStand, cell)
        case .sparse:
            // Pest damage: the stand thinned to sparse forest.
            r.linZhong = previous.linZhong ?? forestUse(category: r.senLinLB ?? "022", seed: seed, cell: cell)
            r.qiYuan = previous.qiYuan ?? "11"
            r.species = previous.species ?? Species.massonPine
            r.canopy = round(0.10 + 0.09 * u, 100)
            r.volume = round(3 + 12 * u, 10)
        case .otherShrub, .specialShrub:
            r.linZhong = previous.linZhong ?? forestUse(category: r.senLinLB ?? "012", seed: seed, cell: cell)
            r.qiYuan = "11"
            r.species = pick(Species.shrubs, seed, .newStand, cell)
        case .arbor:
            // A survey correction: natural arbor forest the last survey missed.
            r.linZhong = previous.linZhong ?? forestUse(category: r.senLinLB ?? "012", seed: seed, cell: cell)
            r.qiYuan = "11"
            r.species = pick(Species.natural, seed, .newStand, cell)
            r.canopy = round(0.25 + 0.3 * u, 100)
            r.volume = round(30 + 60 * u, 10)
        default:
            return first(kind: kind, seed: seed, layout: layout, slot: slot)
        }
        return r
    }
}

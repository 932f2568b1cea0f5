import ForestMapCore
/// The land on the ground, finer than a normalised `LandClass` so each year can carry a specific code
/// (paddy or dry land, fruit or tea, which kind of construction). The code written for a year comes from the
/// year's built-in `LandClassTable`: the kind's preferred code when the table files it under the kind's class,
/// otherwise `LandClassTable.code(for:)`.
enum SynthLandKind: UInt8, CaseIterable, Sendable {
    // Forest land (林地).
    case arbor, bamboo, specialShrub, otherShrub, sparse, unestablishedPlanted, unestablishedEnclosed, nursery, harvested
    /// 0171 宜林荒山荒地 and 0173 其他宜林地.
    case suitableBarren, suitableOther
    /// 0180 林业辅助生产用地.
    case auxiliary
    /// 163x 其他无立木林地 (1631, 1632, 1634; 1633 and 1635 are the change-survey classes and are not planted).
    case treeless1631, treeless1632, treeless1634
    // Other land.
    case paddy, dryLand, fruitOrchard, teaGarden, naturalGrass, otherGrass, river, reservoir, pond
    case urbanHousing, ruralHousing, industry, mining, logistics, highway, cityRoad, ruralRoad, bareSoil, bareRock
    /// 火烧迹地: planted by the fire events of the second year (appended: the cases above keep their raw values).
    case burned

    var landClass: LandClass {
        switch self {
        case .arbor: .arbor
        case .bamboo: .bamboo
        case .specialShrub: .specialShrub
        case .otherShrub: .otherShrub
        case .sparse: .sparse
        case .unestablishedPlanted: .unestablishedPlanted
        case .unestablishedEnclosed: .unestablishedEnclosed
        case .nursery: .nursery
        case .harvested: .harvested
        case .burned: .burned
        case .suitableBarren, .suitableOther: .suitableForForest
        case .auxiliary: .auxiliary
        case .treeless1631, .treeless1632, .treeless1634: .otherTreeless
        case .paddy, .dryLand: .farmland
        case .fruitOrchard, .teaGarden: .orchard
        case .naturalGrass, .otherGrass: .grass
        case .river, .reservoir, .pond: .water
        case .urbanHousing, .ruralHousing, .industry, .mining, .logistics, .highway, .cityRoad, .ruralRoad: .construction
        case .bareSoil, .bareRock: .other
        }
    }

    /// Preferred codes, tried in order; the first the table files under `landClass` is used.
    private var preferredCodes: [String] {
        switch self {
        case .suitableBarren: ["0171"]
        case .suitableOther: ["0173"]
        case .treeless1631: ["1631"]
        case .treeless1632: ["1632"]
        case .treeless1634: ["1634"]
        case .paddy: ["0101"]
        case .dryLand: ["0103"]
        case .fruitOrchard: ["0201"]
        case .teaGarden: ["0202"]
        case .naturalGrass: ["0401"]
        case .otherGrass: ["0404"]
        case .river: ["1101"]
        case .reservoir: ["1103"]
        case .pond: ["1104"]
        case .urbanHousing: ["0701"]
        case .ruralHousing: ["0702"]
        case .industry: ["0601"]
        case .mining: ["0602"]
        case .logistics: ["0508"]
        case .highway: ["1003"]
        case .cityRoad: ["1004"]
        case .ruralRoad: ["1006"]
        case .bareSoil: ["1206"]
        case .bareRock: ["1207"]
        default: []
        }
    }

    /// The land this kind is filed as by a code system that has no code for its class: the non-forest GB/T 21010
    /// land the new systems put 017x, 0180 and 163x under (docs/domain.md §3), and farmland for orchards in the old
    /// 4-digit system (which files non-forest land under 0210 耕地 ... 0250 建设用地 only).
    var refiled: SynthLandKind? {
        switch self {
        case .suitableBarren: .otherGrass
        case .suitableOther: .bareSoil
        case .auxiliary: .ruralRoad
        case .treeless1631: .bareSoil
        case .treeless1632: .bareRock
        case .treeless1634: .otherGrass
        case .fruitOrchard, .teaGarden: .dryLand
        default: nil
        }
    }

    /// The kind as a code system can record it: itself when the table has a code for its class, else `refiled`.
    func recorded(in table: LandClassTable) -> SynthLandKind {
        if table.code(for: landClass) != nil { return self }
        if let refiled, table.code(for: refiled.landClass) != nil { return refiled }
        return self
    }

    /// The code of this kind in `table` (call on `recorded(in:)`); nil only when the table has no code for it.
    func code(in table: LandClassTable) -> String? {
        for code in preferredCodes where table.classify(code) == landClass { return code }
        return table.code(for: landClass)
    }

    /// True for kinds whose stand carries trees or planted seedlings (origin, species, forest use).
    var isStocked: Bool {
        switch self {
        case .arbor, .bamboo, .specialShrub, .otherShrub, .sparse, .unestablishedPlanted, .unestablishedEnclosed: true
        default: false
        }
    }
}

/// Group used by statistics (docs/domain.md §4) and change classification (§5).
public enum LandClassGroup: String, Sendable, CaseIterable, Codable {
    case arbor, bamboo, specialShrub = "special_shrub", otherShrub = "other_shrub", sparse, unestablished, nursery,
         harvested, burned, otherTreeless = "other_treeless", suitableForForest = "suitable_for_forest", auxiliary,
         farmland, orchard, grass, construction, water, other

    /// Forest land (林地): every group from arbor to auxiliary production land.
    public var isForestLand: Bool {
        switch self {
        case .farmland, .orchard, .grass, .construction, .water, .other: false
        default: true
        }
    }

    /// Forest (森林) in the coverage rate: arbor forest, bamboo and special-regulation shrub (特灌) only.
    public var countsTowardCoverage: Bool {
        self == .arbor || self == .bamboo || self == .specialShrub
    }
}

/// A normalised land class: the same class whatever code system a layer uses, so two years in different systems compare.
///
/// The catalogue below is closed: a class is one of the `static let`s, found by key with ``init(key:)``.
public struct LandClass: Hashable, Sendable {
    /// Stable English key, e.g. "arbor", "unestablished_planted"; the `class` column of a user table.
    public let key: String
    public let group: LandClassGroup
    /// Forest land (林地).
    public let isForestLand: Bool
    /// Forest (森林) for the coverage rate: arbor (incl. mangrove, forest swamp), bamboo, special-regulation shrub.
    public let countsTowardCoverage: Bool
    /// Chinese name of the class, e.g. 乔木林地.
    public let chineseName: String

    private init(_ key: String, _ group: LandClassGroup, _ chineseName: String) {
        self.key = key
        self.group = group
        self.isForestLand = group.isForestLand
        self.countsTowardCoverage = group.countsTowardCoverage
        self.chineseName = chineseName
    }

    /// The class with this key, nil for an unknown key.
    public init?(key: String) {
        guard let found = Self.all.first(where: { $0.key == key }) else { return nil }
        self = found
    }

    public static let arbor = LandClass("arbor", .arbor, "乔木林地")
    public static let mangrove = LandClass("mangrove", .arbor, "红树林地")
    public static let forestSwamp = LandClass("forest_swamp", .arbor, "森林沼泽")
    public static let bamboo = LandClass("bamboo", .bamboo, "竹林地")
    /// 国家特别规定灌木林地 (特灌), in the 6-digit system 特殊灌木林地.
    public static let specialShrub = LandClass("special_shrub", .specialShrub, "特殊灌木林地")
    /// 其他灌木林地, in the 6-digit system 一般灌木林地.
    public static let otherShrub = LandClass("other_shrub", .otherShrub, "一般灌木林地")
    public static let sparse = LandClass("sparse", .sparse, "疏林地")
    public static let unestablishedPlanted = LandClass("unestablished_planted", .unestablished, "未成林造林地")
    public static let unestablishedEnclosed = LandClass("unestablished_enclosed", .unestablished, "未成林封育地")
    public static let nursery = LandClass("nursery", .nursery, "苗圃地")
    public static let harvested = LandClass("harvested", .harvested, "采伐迹地")
    public static let burned = LandClass("burned", .burned, "火烧迹地")
    public static let otherTreeless = LandClass("other_treeless", .otherTreeless, "其他无立木林地")
    /// Forest land cleared for farming (毁林开垦), a kind of other treeless forest land.
    public static let clearedForFarming = LandClass("cleared_for_farming", .otherTreeless, "毁林开垦地")
    /// Forest land used before approval (未批先占), a kind of other treeless forest land.
    public static let usedWithoutApproval = LandClass("used_without_approval", .otherTreeless, "未批先占地")
    public static let suitableForForest = LandClass("suitable_for_forest", .suitableForForest, "宜林地")
    public static let auxiliary = LandClass("auxiliary", .auxiliary, "林业辅助生产用地")
    public static let farmland = LandClass("farmland", .farmland, "耕地")
    public static let orchard = LandClass("orchard", .orchard, "园地")
    public static let grass = LandClass("grass", .grass, "草地")
    public static let construction = LandClass("construction", .construction, "建设用地")
    public static let water = LandClass("water", .water, "水域")
    public static let other = LandClass("other", .other, "其他土地")

    /// Every class, forest land first.
    public static let all: [LandClass] = [
        arbor, mangrove, forestSwamp, bamboo, specialShrub, otherShrub, sparse, unestablishedPlanted,
        unestablishedEnclosed, nursery, harvested, burned, otherTreeless, clearedForFarming, usedWithoutApproval,
        suitableForForest, auxiliary, farmland, orchard, grass, construction, water, other,
    ]

    /// 1 + the class's place in `all` (0 stands for "no class" where a class is stored as a number).
    static func number(of landClass: LandClass) -> UInt8 { numbers[landClass.key]! }

    private static let numbers = Dictionary(uniqueKeysWithValues: all.enumerated().map { ($1.key, UInt8($0 + 1)) })
}

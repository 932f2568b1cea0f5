/// Settings for codes a code system cannot tell apart (docs/domain.md §3). Every output states them: see ``assumptionNote``.
public struct AmbiguousCodeSettings: Hashable, Sendable {
    /// GB/T 21010 0305 灌木林地, and 0306 灌丛沼泽 with it: `.specialShrub` (default: most shrub in Guizhou's karst
    /// is special-regulation shrub, 特灌) or `.otherShrub`.
    public var shrub0305: LandClassGroup = .specialShrub
    /// GB/T 21010 0307 其他林地: `.harvested` (采伐迹地, default) or `.burned` (火烧迹地).
    public var otherForest0307: LandClassGroup = .harvested
    /// 6-digit 030303, shrub land taken over from orchard: `.specialShrub` (default, on the rule that economic
    /// shrub forest, 灌木经济林, is special-regulation shrub) or `.otherShrub`. **(unconfirmed)**, hence a setting.
    public var shrubFromOrchard030303: LandClassGroup = .specialShrub

    /// The groups ``shrub0305`` and ``shrubFromOrchard030303`` accept.
    public static let shrubChoices: [LandClassGroup] = [.specialShrub, .otherShrub]
    /// The groups ``otherForest0307`` accepts.
    public static let otherForestChoices: [LandClassGroup] = [.harvested, .burned]

    public init(
        shrub0305: LandClassGroup = .specialShrub,
        otherForest0307: LandClassGroup = .harvested,
        shrubFromOrchard030303: LandClassGroup = .specialShrub
    ) {
        self.shrub0305 = shrub0305
        self.otherForest0307 = otherForest0307
        self.shrubFromOrchard030303 = shrubFromOrchard030303
    }

    /// The assumptions in Chinese and English, for the head of every table and report.
    public var assumptionNote: String {
        let shrub = shrubClass(shrub0305), otherForest = otherForestClass, orchardShrub = shrubClass(shrubFromOrchard030303)
        let coverage = { (c: LandClass) in c.countsTowardCoverage ? "计入森林覆盖率" : "不计入森林覆盖率" }
        let coverageEn = { (c: LandClass) in c.countsTowardCoverage ? "counts toward" : "does not count toward" }
        let english = { (c: LandClass) in
            [LandClass.specialShrub: "special-regulation shrub", .otherShrub: "other shrub", .harvested: "harvested land",
             .burned: "burned land"][c] ?? c.key
        }
        return "地类假设：GB/T 21010 的 0305 灌木林地和 0306 灌丛沼泽按\(shrub.chineseName)统计（\(coverage(shrub))），"
            + "0307 其他林地按\(otherForest.chineseName)统计，030303 园地转灌木林地按\(orchardShrub.chineseName)统计（\(coverage(orchardShrub))）。"
            + " Assumptions: GB/T 21010 codes 0305 shrub land and 0306 shrub swamp are taken as \(english(shrub)) "
            + "(\(coverageEn(shrub)) forest coverage), 0307 other forest land as \(english(otherForest)), "
            + "and 030303 shrub land from orchard as \(english(orchardShrub)) (\(coverageEn(orchardShrub)) forest coverage)."
    }

    func shrubClass(_ group: LandClassGroup) -> LandClass {
        precondition(Self.shrubChoices.contains(group), "a shrub setting must be special_shrub or other_shrub, not \(group.rawValue)")
        return group == .specialShrub ? .specialShrub : .otherShrub
    }

    var otherForestClass: LandClass {
        precondition(Self.otherForestChoices.contains(otherForest0307), "otherForest0307 must be harvested or burned, not \(otherForest0307.rawValue)")
        return otherForest0307 == .harvested ? .harvested : .burned
    }
}

/// The three built-in code lists (docs/domain.md §3), each code with its Chinese name.
enum BuiltInCodes {
    typealias Entry = LandClassTable.Entry

    /// The entries of a built-in system; the first entry of a class gives its code in ``LandClassTable/code(for:)``.
    static func entries(_ system: LandClassSystem, settings: AmbiguousCodeSettings) -> [Entry] {
        switch system {
        case .old4: old4
        case .new6: new6Forest(settings) + gbtForest(settings).filter { ["0303", "0304", "0306"].contains($0.code) } + gbtOtherLand
        case .gbt21010: gbtForest(settings) + gbtOtherLand
        case .user: preconditionFailure("a user code table is read from CSV, it is not built in")
        }
    }

    /// Codes for classes a system has no code of their own for, used by ``LandClassTable/code(for:)`` only:
    /// GB/T 21010 0305 holds all shrub land, and 0307 其他林地 holds 疏林地, 未成林地, 迹地 and 苗圃.
    static func codeFallbacks(_ system: LandClassSystem) -> [String: String] {
        guard system == .gbt21010 else { return [:] }
        let otherForestLand: [LandClass] = [.sparse, .unestablishedPlanted, .unestablishedEnclosed, .nursery, .harvested, .burned]
        return [LandClass.specialShrub.key: "0305", LandClass.otherShrub.key: "0305"]
            .merging(otherForestLand.map { ($0.key, "0307") }) { first, _ in first }
    }

    /// The codes each built-in system recognises, for detection.
    static let codeSets: [LandClassSystem: Set<String>] = Dictionary(uniqueKeysWithValues:
        [LandClassSystem.old4, .new6, .gbt21010].map { ($0, Set(entries($0, settings: .init()).map(\.code))) })

    /// LY/T 2893-2017 era 4-digit forest-survey codes (林地落界 / 一张图 before the third land survey).
    private static let old4: [Entry] = [
        Entry("0111", .arbor, "乔木林"), Entry("0112", .mangrove, "红树林"), Entry("0113", .bamboo, "竹林"),
        Entry("0120", .sparse, "疏林地"),
        Entry("0131", .specialShrub, "国家特别规定灌木林地"), Entry("0132", .otherShrub, "其他灌木林地"),
        Entry("0141", .unestablishedPlanted, "未成林造林地"), Entry("0142", .unestablishedEnclosed, "未成林封育地"),
        Entry("0150", .nursery, "苗圃地"),
        Entry("0161", .harvested, "采伐迹地"), Entry("0162", .burned, "火烧迹地"),
        Entry("0163", .otherTreeless, "其他无立木林地"),
        // Subdivisions of 其他无立木林地 used in change surveys: only 1633 and 1635 are confirmed, the rest keep the generic name.
        Entry("1631", .otherTreeless, "其他无立木林地"), Entry("1632", .otherTreeless, "其他无立木林地"),
        Entry("1633", .clearedForFarming, "毁林开垦地"), Entry("1634", .otherTreeless, "其他无立木林地"),
        Entry("1635", .usedWithoutApproval, "未批先占地"),
        Entry("0171", .suitableForForest, "宜林荒山荒地"), Entry("0172", .suitableForForest, "宜林沙荒地"),
        Entry("0173", .suitableForForest, "其他宜林地"),
        Entry("0180", .auxiliary, "林业辅助生产用地"),
        Entry("0210", .farmland, "耕地"), Entry("0220", .grass, "牧草地"), Entry("0230", .water, "水域"),
        Entry("0240", .other, "未利用地"), Entry("0250", .construction, "建设用地"),
    ]

    /// 6-digit forest codes aligned with the land survey. The names of 030101 and 030303 (taken over from orchard)
    /// are not confirmed: kept generic.
    private static func new6Forest(_ settings: AmbiguousCodeSettings) -> [Entry] {
        [
            Entry("030100", .arbor, "乔木林地"), Entry("030101", .arbor, "乔木林地（园地转入）"),
            Entry("030200", .bamboo, "竹林地"),
            Entry("030301", .specialShrub, "特殊灌木林地"), Entry("030302", .otherShrub, "一般灌木林地"),
            Entry("030303", settings.shrubClass(settings.shrubFromOrchard030303), "灌木林地（园地转入）"),
            Entry("030401", .sparse, "疏林地"), Entry("030402", .unestablishedPlanted, "未成林造林地"),
            Entry("030403", .unestablishedEnclosed, "未成林封育地"), Entry("030404", .nursery, "苗圃地"),
            Entry("030405", .harvested, "采伐迹地"), Entry("030406", .burned, "火烧迹地"),
        ]
    }

    /// GB/T 21010-2017 03 林地, with the third land survey's "K" codes (可调整地类).
    private static func gbtForest(_ settings: AmbiguousCodeSettings) -> [Entry] {
        let shrub = settings.shrubClass(settings.shrub0305), otherForest = settings.otherForestClass
        return [
            Entry("0301", .arbor, "乔木林地"), Entry("0302", .bamboo, "竹林地"), Entry("0303", .mangrove, "红树林地"),
            Entry("0304", .forestSwamp, "森林沼泽"), Entry("0305", shrub, "灌木林地"), Entry("0306", shrub, "灌丛沼泽"),
            Entry("0307", otherForest, "其他林地"),
            Entry("0301K", .arbor, "可调整乔木林地"), Entry("0302K", .bamboo, "可调整竹林地"),
            Entry("0307K", otherForest, "可调整其他林地"),
        ]
    }

    /// GB/T 21010-2017 codes for land other than 林地, with the third land survey's working codes
    /// (0508, 05H1, 08H1, 08H2, 08H2A, 0810A, 1104A and the "K" codes).
    private static let gbtOtherLand: [Entry] = [
        Entry("0101", .farmland, "水田"), Entry("0102", .farmland, "水浇地"), Entry("0103", .farmland, "旱地"),
        Entry("0201", .orchard, "果园"), Entry("0202", .orchard, "茶园"), Entry("0203", .orchard, "橡胶园"),
        Entry("0204", .orchard, "其他园地"),
        Entry("0201K", .orchard, "可调整果园"), Entry("0202K", .orchard, "可调整茶园"),
        Entry("0203K", .orchard, "可调整橡胶园"), Entry("0204K", .orchard, "可调整其他园地"),
        Entry("0401", .grass, "天然牧草地"), Entry("0402", .grass, "沼泽草地"), Entry("0403", .grass, "人工牧草地"),
        Entry("0404", .grass, "其他草地"), Entry("0403K", .grass, "可调整人工牧草地"),
        Entry("0501", .construction, "零售商业用地"), Entry("0502", .construction, "批发市场用地"),
        Entry("0503", .construction, "餐饮用地"), Entry("0504", .construction, "旅馆用地"),
        Entry("0505", .construction, "商务金融用地"), Entry("0506", .construction, "娱乐用地"),
        Entry("0507", .construction, "其他商服用地"), Entry("0508", .construction, "物流仓储用地"),
        Entry("05H1", .construction, "商业服务业设施用地"),
        Entry("0601", .construction, "工业用地"), Entry("0602", .construction, "采矿用地"),
        Entry("0603", .construction, "盐田"), Entry("0604", .construction, "仓储用地"),
        Entry("0701", .construction, "城镇住宅用地"), Entry("0702", .construction, "农村宅基地"),
        Entry("0801", .construction, "机关团体用地"), Entry("0802", .construction, "新闻出版用地"),
        Entry("0803", .construction, "教育用地"), Entry("0804", .construction, "科研用地"),
        Entry("0805", .construction, "医疗卫生用地"), Entry("0806", .construction, "社会福利用地"),
        Entry("0807", .construction, "文化设施用地"), Entry("0808", .construction, "体育用地"),
        Entry("0809", .construction, "公用设施用地"), Entry("0810", .construction, "公园与绿地"),
        Entry("0810A", .construction, "广场用地"),
        Entry("08H1", .construction, "机关团体新闻出版用地"), Entry("08H2", .construction, "科教文卫用地"),
        Entry("08H2A", .construction, "高教用地"),
        Entry("09", .construction, "特殊用地"),
        Entry("1001", .construction, "铁路用地"), Entry("1002", .construction, "轨道交通用地"),
        Entry("1003", .construction, "公路用地"), Entry("1004", .construction, "城镇村道路用地"),
        Entry("1005", .construction, "交通服务场站用地"), Entry("1006", .construction, "农村道路"),
        Entry("1007", .construction, "机场用地"), Entry("1008", .construction, "港口码头用地"),
        Entry("1009", .construction, "管道运输用地"),
        Entry("1101", .water, "河流水面"), Entry("1102", .water, "湖泊水面"), Entry("1103", .water, "水库水面"),
        Entry("1104", .water, "坑塘水面"), Entry("1104A", .water, "养殖坑塘"), Entry("1104K", .water, "可调整养殖坑塘"),
        Entry("1105", .water, "沿海滩涂"), Entry("1106", .water, "内陆滩涂"), Entry("1107", .water, "沟渠"),
        Entry("1108", .water, "沼泽地"), Entry("1109", .water, "水工建筑用地"), Entry("1110", .water, "冰川及永久积雪"),
        Entry("1201", .construction, "空闲地"), Entry("1202", .farmland, "设施农用地"), Entry("1203", .farmland, "田坎"),
        Entry("1204", .other, "盐碱地"), Entry("1205", .other, "沙地"), Entry("1206", .other, "裸土地"),
        Entry("1207", .other, "裸岩石砾地"),
    ]
}

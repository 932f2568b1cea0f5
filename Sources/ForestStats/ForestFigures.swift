import ForestMapCore
/// The forest-resource figures of one statistical unit (统计指标), unrounded: areas in square metres, volume in
/// cubic metres. Rounding for tables happens once, in `ClosingTable`, so every table closes as written.
public struct ForestFigures: Sendable, Hashable {
    /// 土地总面积: the township's boundary polygon area; for units without a polygon, the area of their
    /// sub-compartments (or pieces of them).
    public var landArea = 0.0
    /// 小班面积: the area of the sub-compartments (or pieces) counted here.
    public var mappedArea = 0.0
    /// 林地面积.
    public var forestLand = 0.0
    /// 乔木林地 (with mangrove and forest swamp), 竹林地, 特殊（国家特别规定）灌木林地.
    public var arbor = 0.0
    public var bamboo = 0.0
    public var specialShrub = 0.0
    /// 四旁树折算面积: four-side trees converted to area (tree count / trees per hectare).
    public var fourSide = 0.0
    /// 公益林面积 (on forest land).
    public var publicWelfare = 0.0
    /// 天然林面积 (on forest).
    public var naturalForest = 0.0
    /// 活立木蓄积 over arbor forest, m³.
    public var stock = 0.0

    public init() {}

    /// 森林面积: arbor + bamboo + special-regulation shrub (+ four-side trees), docs/domain.md §4.
    public var forest: Double { arbor + bamboo + specialShrub + fourSide }

    /// Adds `squareMetres` of a sub-compartment with these facts (the whole of it, or one piece).
    mutating func add(_ squareMetres: Double, _ facts: SubCompartmentFacts) {
        mappedArea += squareMetres
        if facts.isForestLand { forestLand += squareMetres }
        switch facts.group {
        case .arbor?:
            arbor += squareMetres
            stock += (facts.volumePerHectare ?? 0) * AreaUnit.hectares(squareMetres)
        case .bamboo?: bamboo += squareMetres
        case .specialShrub?: specialShrub += squareMetres
        default: break
        }
        if facts.isPublicWelfare { publicWelfare += squareMetres }
        if facts.isNatural { naturalForest += squareMetres }
    }
}

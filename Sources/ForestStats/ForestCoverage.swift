import ForestMapCore

/// 森林覆盖率, the forest coverage rate: forest area (森林面积: arbor + bamboo + special-regulation shrub, plus
/// four-side trees) over land area, in percent to 2 decimals. Computed from the figures as a table writes them, so
/// that every row's rate agrees with the row's own columns.
enum ForestCoverage {
    /// The rate from written forest and land areas (in the same unit); nil without land area.
    static func percent(forest: FixedDecimal, landArea: FixedDecimal) -> FixedDecimal? {
        FixedDecimal.percent(forest, of: landArea)
    }

    /// The area of the land classes that count as forest, four-side trees aside (they are no land class).
    static func forestClassesArea(_ f: ForestFigures) -> Double { f.arbor + f.bamboo + f.specialShrub }
}

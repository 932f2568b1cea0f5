import Foundation
import Geo
import ForestMapCore

/// The default styles of `townships.gpkg` in GIS (QGIS reads them from `layer_styles`): townships by 森林覆盖率
/// class in the report's greens (the report's classes: steps of 10 or 20 points over the townships' rates),
/// labelled with the township's name and rate; the pieces outside every township by size.
package enum StatsStyles {
    /// 各乡镇森林覆盖率: one range per coverage class, light to dark.
    static func townships(rates: [Double]) -> MapStyle {
        let classes = CoverageClasses(rates)
        return MapStyle(
            field: StatsColumn.coverage.key(.hectare),
            classes: (0..<classes.count).map { k in
                let lower = classes.lower + Double(k) * classes.step
                return .init(.range(lower, lower + classes.step), label: classes.label(k), colour: classes.colour(k))
            },
            stroke: "#ffffff", strokeWidth: 0.5,
            label: [.field("township_name"), .text("\n"), .number(StatsColumn.coverage.key(.hectare), decimals: 2), .text("%")])
    }

    /// 乡镇界线: the township boundaries as outlines, for the top of a map (the run's QGIS project); the names are
    /// the coverage layer's labels (QGIS draws labels above every layer), not repeated here.
    package static let boundaries = MapStyle(
        field: nil, classes: [.init(.value(""), label: "乡镇界线", colour: "#4d4d4d")], shape: .outline, strokeWidth: 0.6)

    /// 界外图斑: pieces of sub-compartments outside every township, by size (a sliver under 1 mu, a piece up to a
    /// hectare, a larger one: a boundary to look at).
    static let outside = MapStyle(
        field: "area_ha",
        classes: [.init(.range(0, 1 / AreaUnit.muPerHectare), label: "< 1 亩", colour: "#fcbba1"),
                  .init(.range(1 / AreaUnit.muPerHectare, 1), label: "1 亩 – 1 公顷", colour: "#fb6a4a"),
                  .init(.range(1, 1_000_000), label: "≥ 1 公顷", colour: "#a50f15")],
        stroke: "#67000d", strokeWidth: 0.3)

    static func styles(rates: [Double]) -> [LayerStyle] {
        [townships(rates: rates).layerStyle(layer: "townships", description: "统计 乡镇森林覆盖率 townships by forest coverage"),
         outside.layerStyle(layer: "outside", description: "统计 界外图斑 pieces outside every township")]
    }
}

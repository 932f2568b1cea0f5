import Geo
import ForestMapCore

/// The default style of the updated map (`xiaoban_<year>.gpkg`) in GIS (QGIS reads it from `layer_styles`): the
/// sub-compartments by land-class code (地类), each code named and coloured by its class: forest in greens,
/// treeless forest land in earth tones, farmland, construction and water as on a land-use map.
enum UpdateStyles {
    static func colour(_ group: LandClassGroup) -> String {
        switch group {
        case .arbor: return "#1b7837"
        case .bamboo: return "#5aae61"
        case .specialShrub: return "#7fbc41"
        case .otherShrub: return "#a6dba0"
        case .sparse: return "#c2e699"
        case .unestablished: return "#b8e186"
        case .nursery: return "#4d9221"
        case .harvested: return "#e0a100"
        case .burned: return "#ff6f00"
        case .otherTreeless: return "#dfc27d"
        case .suitableForForest: return "#f6e8c3"
        case .auxiliary: return "#bababa"
        case .farmland: return "#fee08b"
        case .orchard: return "#fdae61"
        case .grass: return "#d9ef8b"
        case .construction: return "#d7191c"
        case .water: return "#4575b4"
        case .other: return "#e0e0e0"
        }
    }

    /// One class per land-class code in `codes` (as written, sorted), named "code 名称"; codes no table knows grey.
    static func map(field: String, codes: [String], classify: (String) -> LandClass?) -> MapStyle {
        let classes = codes.map { code -> MapStyle.Class in
            let landClass = classify(code)
            return .init(.value(code), label: [code, landClass?.chineseName].compactMap { $0 }.joined(separator: " "),
                         colour: landClass.map { colour($0.group) } ?? "#9e9e9e")
        }
        return MapStyle(field: field, classes: classes.isEmpty ? [.init(.value(""), label: "无地类", colour: "#9e9e9e")] : classes,
                        stroke: "#6b6b6b", strokeWidth: 0.1)
    }
}

import Geo
import ForestMapCore

/// The default style of every layer of `check.gpkg` in GIS (QGIS reads it from `layer_styles`): problems by
/// severity (错误 red, 警告 orange); each layer is one check, named in Chinese in the layer's description.
enum CheckStyles {
    static let severityColours: [QualityCheck.Severity: String] = [.error: "#d7191c", .warning: "#fdae61"]
    static let severityNames: [QualityCheck.Severity: String] = [.error: "错误", .warning: "警告"]

    static let problems = MapStyle(
        field: "severity",
        classes: [QualityCheck.Severity.error, .warning].map { .init(.value($0.rawValue), label: severityNames[$0]!, colour: severityColours[$0]!) },
        stroke: "#7f0000", strokeWidth: 0.4, opacity: 0.6)

    /// One style per layer written, described by the check's names.
    static func styles(_ checks: [QualityCheck]) -> [LayerStyle] {
        checks.map { problems.layerStyle(layer: $0.rawValue, description: "质检 \($0.chineseName) \($0.rawValue)") }
    }
}

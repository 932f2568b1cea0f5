import Foundation
import Geo

/// Describes what a source holds (`forestmap layers`): layers, geometry, CRS, feature count, fields.
public enum SourceInventory {
    public static func describe(_ text: String) throws -> String {
        let source = try SourceReference(parsing: text)
        let dataset = try VectorDataset(reading: source)
        let names = source.layerName.map { [$0] } ?? dataset.layerNames
        var lines = ["\(source.displayPath) (\(dataset.driverName)): \(names.count) layer\(names.count == 1 ? "" : "s")"]
        for name in names {
            let layer = try dataset.layer(named: name)
            let crs = layer.spatialReference?.label ?? "no CRS"
            lines.append("- \(name): \(layer.featureCount) features, \(layer.geometryKind.rawValue), \(crs)")
            lines.append("  fields: " + layer.fields.map { "\($0.name) (\($0.type.rawValue))" }.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }
}

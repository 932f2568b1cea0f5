import Foundation

/// `repaired.csv`: the sub-compartments a command used other than as stored (README "Geometry policy"), one row
/// each: `layer, feature_id, key, repair, reason, area_moved_m2, x, y`. Written only when there are any.
package enum RepairedCSV {
    static let name = "repaired.csv"
    static let columns = ["layer", "feature_id", "key", "repair", "reason", "area_moved_m2", "x", "y"]

    /// Writes the file when the layers have repairs; returns the files written ([] or ["repaired.csv"]).
    package static func write(_ layers: [LayerRepairs], into folder: OutputFolder) throws -> [String] {
        let rows = layers.flatMap { layer in
            layer.repairs.map { r in
                [layer.label, String(r.fid), r.key, r.kind.rawValue, r.reason, String(format: "%.6f", r.squareMetresMoved),
                 r.point.map { SubCompartmentLayer.format($0.x) } ?? "", r.point.map { SubCompartmentLayer.format($0.y) } ?? ""]
            }
        }
        guard !rows.isEmpty else { return [] }
        try CSVTable(header: columns, rows: rows).write(to: folder.file(name))
        return [name]
    }

    /// The summary lines of the layers' repairs, one per layer with any.
    package static func summary(_ layers: [LayerRepairs]) -> [String] {
        layers.compactMap { layer in
            guard !layer.repairs.isEmpty else { return nil }
            let moved = layer.repairs.reduce(0) { $0 + $1.squareMetresMoved }
            let n = layer.repairs.count
            return "\(layer.label): \(n) polygon\(n == 1 ? "" : "s") used repaired (degenerate parts dropped, or invalid by a hair; area moved \(String(format: "%.4f", moved)) m² in all): see \(name)"
        }
    }
}

/// A layer's label and its repairs, kept for the outputs after the layer itself is let go.
public struct LayerRepairs: Sendable {
    public var label: String
    public var repairs: [GeometryRepair]
}

extension SubCompartmentLayer {
    public var repairList: LayerRepairs { LayerRepairs(label: label, repairs: repairs) }
}

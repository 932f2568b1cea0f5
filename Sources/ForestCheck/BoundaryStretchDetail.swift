import Foundation
import ForestMapCore

/// The detail of a `boundary_mismatch` stretch (`BoundaryStretches`), for a person: its sub-compartments (the
/// first four keys and how many more), the boundary it runs along, its area over the boundary and uncovered
/// inside it, and its largest offset (how far a piece reaches from its township's boundary) with where that is.
///
/// "520111|101|001|0001|0003, 520111|101|001|0001|0007 and 2 more: 4 sub-compartments along the boundary between
/// 520111101 乡镇101 and 520111102 乡镇102, 1200.00 m² (0.1200 ha) over it, largest offset 3.00 m (at
/// 520111|101|001|0001|0003): the township boundary and the sub-compartments differ there".
struct BoundaryStretchDetail {
    let inputs: CheckInputs
    let sides: BoundaryStretches.Sides
    /// The keys of its sub-compartments, in FID order.
    let keys: [String]
    let overSquareMetres: Double
    let bandSquareMetres: Double
    /// How many uncovered bands it holds.
    let bandPieces: Int
    let largestOffsetMetres: Double
    /// The key of the sub-compartment of the piece with the largest offset; nil when that is an uncovered band.
    let largestOffsetKey: String?

    var text: String {
        let township = inputs.townshipLabel(sides.township)
        let place = sides.across.isEmpty ? "along the edge of the district in \(township)"
            : "along the boundary between \(township) and \(inputs.townshipLabel(sides.across))"
        var text: String
        if keys.isEmpty {
            text = "\(MessageFormat.area(bandSquareMetres)) covered by no sub-compartment \(place)" + (bandPieces > 1 ? " (\(bandPieces) pieces)" : "")
        } else {
            let named = keys.prefix(4).joined(separator: ", ") + (keys.count > 4 ? " and \(keys.count - 4) more" : "")
            text = "\(named): \(keys.count) sub-compartment\(keys.count == 1 ? "" : "s") \(place), \(MessageFormat.area(overSquareMetres)) over it"
            if bandPieces > 0 { text += ", \(MessageFormat.area(bandSquareMetres)) inside it covered by no sub-compartment" }
        }
        text += ", largest offset \(String(format: "%.2f", largestOffsetMetres)) m"
        if !keys.isEmpty { text += " (\(largestOffsetKey.map { "at \($0)" } ?? "an uncovered piece"))" }
        return text + ": the township boundary and the sub-compartments differ there"
    }
}

import Foundation

/// Rounds parts so that, as written, they add up exactly to their rounded total (the largest-remainder method):
/// each part is rounded down to the unit, and the units still missing go to the parts with the largest remainders.
/// Filed tables must close: a reader adds the rows and compares with the total row.
public enum LargestRemainder {
    /// `values` rounded to `decimals` places so that their sum equals `total` rounded to the same places.
    /// Ties in the remainder go to the earlier part, so the result is deterministic.
    public static func round(_ values: [Double], decimals: Int, total: Double? = nil) -> [Double] {
        guard !values.isEmpty else { return [] }
        let scale = pow(10.0, Double(decimals))
        let target = Int64((((total ?? values.reduce(0, +)) * scale)).rounded())
        let scaled = values.map { $0 * scale }
        var floors = scaled.map { Int64($0.rounded(.down)) }
        var missing = target - floors.reduce(0, +)
        let order = scaled.indices.sorted { a, b in
            let ra = scaled[a] - Double(floors[a]), rb = scaled[b] - Double(floors[b])
            return ra != rb ? ra > rb : a < b
        }
        var i = 0
        while missing > 0, !order.isEmpty {
            floors[order[i % order.count]] += 1
            missing -= 1
            i += 1
        }
        while missing < 0, !order.isEmpty {
            floors[order[order.count - 1 - (i % order.count)]] -= 1
            missing += 1
            i += 1
        }
        return floors.map { Double($0) / scale }
    }
}

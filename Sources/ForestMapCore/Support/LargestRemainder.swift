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
        let target = Int64(clamping: (total ?? values.reduce(0, +)) * scale)
        let scaled = values.map { $0 * scale }
        var floors = scaled.map { Int64(clamping: $0, rule: .down) }
        var missing = floors.reduce(target) { $0.subtractingReportingOverflow($1).partialValue }
        // Never loop for ever on absurd figures: the units missing are at most one per part.
        missing = Swift.max(-Int64(values.count), Swift.min(Int64(values.count), missing))
        let order = scaled.indices.sorted { a, b in
            let ra = scaled[a] - Double(floors[a]), rb = scaled[b] - Double(floors[b])
            return ra != rb ? ra > rb : a < b
        }
        var i = 0
        while missing > 0, !order.isEmpty {
            floors[order[i % order.count]] &+= 1
            missing -= 1
            i += 1
        }
        while missing < 0, !order.isEmpty {
            floors[order[order.count - 1 - (i % order.count)]] &-= 1
            missing += 1
            i += 1
        }
        return floors.map { Double($0) / scale }
    }
}

extension Int64 {
    /// `value` rounded by `rule`, within Int64's range: never the trap of `Int64(Double)` on NaN, infinities or values
    /// beyond ±9.2e18 (those give 0, or the nearest end of the range). Figures reach here checked (`FieldNumber`);
    /// this keeps a bug from becoming a crash of the annual run.
    package init(clamping value: Double, rule: FloatingPointRoundingRule = .toNearestOrAwayFromZero) {
        let r = value.rounded(rule)
        if r.isNaN { self = 0 } else if r >= 9.223372036854775e18 { self = .max } else if r <= -9.223372036854775e18 { self = .min } else { self = Int64(r) }
    }
}

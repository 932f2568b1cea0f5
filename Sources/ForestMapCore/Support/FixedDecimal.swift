/// A number as written in a table (填报数): an integer count of units of 10^-decimals, so sums of written values
/// are exact and the text is exactly what was summed.
package struct FixedDecimal: Sendable, Hashable {
    var units: Int64
    package var decimals: Int

    package init(units: Int64, decimals: Int) {
        self.units = units
        self.decimals = decimals
    }

    /// `value` rounded half away from zero to `decimals` places.
    package init(_ value: Double, decimals: Int) {
        self.init(units: Int64(clamping: value * Self.scale(decimals)), decimals: decimals)
    }

    static func scale(_ decimals: Int) -> Double {
        var s = 1.0
        for _ in 0..<decimals { s *= 10 }
        return s
    }

    package var double: Double { Double(units) / Self.scale(decimals) }

    /// "1234.5000", "-0.0100": digits, never exponents.
    package var text: String {
        let negative = units < 0
        let digits = String(units.magnitude)
        guard decimals > 0 else { return (negative ? "-" : "") + digits }
        let padded = String(repeating: "0", count: max(0, decimals + 1 - digits.count)) + digits
        let cut = padded.index(padded.endIndex, offsetBy: -decimals)
        return (negative ? "-" : "") + padded[..<cut] + "." + padded[cut...]
    }

    package static func + (a: FixedDecimal, b: FixedDecimal) -> FixedDecimal {
        precondition(a.decimals == b.decimals)
        return FixedDecimal(units: a.units.addingReportingOverflow(b.units).partialValue, decimals: a.decimals)
    }

    package static func - (a: FixedDecimal, b: FixedDecimal) -> FixedDecimal {
        precondition(a.decimals == b.decimals)
        return FixedDecimal(units: a.units.subtractingReportingOverflow(b.units).partialValue, decimals: a.decimals)
    }

    /// Rounds a column's values so that, as written, they add up exactly to the column total rounded to the
    /// same places (`LargestRemainder`). `total` defaults to the sum of the values.
    package static func closing(_ values: [Double], decimals: Int, total: Double? = nil) -> [FixedDecimal] {
        LargestRemainder.round(values, decimals: decimals, total: total).map { FixedDecimal($0, decimals: decimals) }
    }

    /// a / b × 100 with `decimals` places; nil when b is zero.
    package static func percent(_ a: FixedDecimal, of b: FixedDecimal, decimals: Int = 2) -> FixedDecimal? {
        guard b.units != 0 else { return nil }
        return FixedDecimal(Double(a.units) / Double(b.units) * 100, decimals: decimals)
    }
}

extension Array where Element == FixedDecimal {
    /// The exact sum (zero with `decimals` places for an empty array).
    package func sum(decimals: Int) -> FixedDecimal {
        reduce(FixedDecimal(units: 0, decimals: decimals), +)
    }
}

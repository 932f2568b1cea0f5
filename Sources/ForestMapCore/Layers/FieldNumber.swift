import Foundation
import Geo

/// 数值读取: a number as read from a layer's field or a table's cell — the one place that knows what is not a number.
///
/// ArcGIS writes "no value" as the most negative double (-1.7976931348623157e308) or float (-3.4028234663852886e38);
/// spreadsheets and web exports bring NaN, infinities, `'nan'`, `'1e400'`, `'abc'` and thousands separators
/// (`'1,234.5'`). A value that is not finite, lies beyond ±10¹² (no area, volume or rate of a district comes near),
/// or is text that is no number is **bad**: missing for every figure, counted per field, and reported (`check`'s
/// `bad_number`, the other commands' summary). Text with thousands separators is the number it writes, counted
/// apart as a warning.
public enum FieldNumber: Sendable, Hashable {
    case value(Double)
    /// Text with thousands separators, read as the number it writes.
    case separated(Double)
    /// NULL or blank.
    case empty
    /// Not a usable number; the raw value as text.
    case bad(String)

    /// Beyond this a value is no figure of a district.
    public static let limit = 1e12

    public init(_ field: FieldValue) {
        switch field {
        case .null: self = .empty
        case .integer(let v): self = Double(v).magnitude <= Self.limit ? .value(Double(v)) : .bad(String(v))
        case .real(let v): self = Self.checked(v, raw: "\(v)")
        case .string(let s): self.init(text: s)
        }
    }

    public init(text: String) {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !t.isEmpty else { self = .empty; return }
        if let v = Double(t) {
            self = Self.checked(v, raw: t)
        } else if t.range(of: #"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$"#, options: .regularExpression) != nil,
                  let v = Double(t.replacingOccurrences(of: ",", with: "")), v.magnitude <= Self.limit {
            self = .separated(v)
        } else {
            self = .bad(t)
        }
    }

    private static func checked(_ v: Double, raw: @autoclosure () -> String) -> FieldNumber {
        v.isFinite && v.magnitude <= limit ? .value(v) : .bad(raw())
    }

    /// The number, for a value or a separated one; nil when empty or bad.
    public var number: Double? {
        switch self {
        case .value(let v), .separated(let v): return v
        case .empty, .bad: return nil
        }
    }

    public var isBad: Bool { if case .bad = self { return true } else { return false } }

    /// The value as written: the raw text of a bad one, the number otherwise.
    package static func rawText(_ value: FieldNumber) -> String {
        switch value {
        case .bad(let raw): return raw
        case .value(let v), .separated(let v): return String(v)
        case .empty: return ""
        }
    }

    /// Why the raw value is not a number, for messages.
    public var why: String? {
        guard case .bad(let raw) = self else { return nil }
        if let v = Double(raw) {
            if v <= -3.4e38 { return "'\(raw)' is ArcGIS's no-value" }
            if v.isNaN { return "'\(raw)' is not a number (NaN)" }
            if v.isInfinite { return "'\(raw)' is infinite" }
            return "'\(raw)' is beyond ±1e12"
        }
        return "'\(raw)' is not a number"
    }
}

/// A value of a numeric field that could not be used, or was written with thousands separators.
public struct OddNumber: Sendable, Hashable {
    /// The sub-compartment's place in its layer.
    public var index: Int
    public var field: String
    public var value: FieldNumber
}

/// Counts of odd numbers per field, for the summaries: "HUO_LMGQXJ: 3 values not numbers (e.g. '-1.7976931348623157e308'
/// is ArcGIS's no-value), counted as missing".
enum OddNumberSummary {
    static func lines(_ odd: [OddNumber], label: String) -> [String] {
        let fields = Set(odd.map(\.field)).sorted()
        return fields.flatMap { field -> [String] in
            let mine = odd.filter { $0.field == field }
            let bad = mine.filter { $0.value.isBad }, separated = mine.count - bad.count
            var out: [String] = []
            if let first = bad.first {
                out.append("\(label): \(field): \(bad.count) value\(bad.count == 1 ? "" : "s") not numbers (e.g. \(first.value.why ?? "")), counted as missing; run `forestmap check` for the list")
            }
            if separated > 0 {
                out.append("\(label): \(field): \(separated) value\(separated == 1 ? "" : "s") written with thousands separators (1,234.5), read as numbers")
            }
            return out
        }
    }
}

extension SubCompartmentLayer {
    /// The summary lines of the layer's odd numbers (none when every value was a number).
    public var numberNotes: [String] { OddNumberSummary.lines(oddNumbers, label: label) }
}

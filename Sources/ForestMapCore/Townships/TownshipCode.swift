import Foundation

/// Township (乡镇/街道) codes are always the full 9-digit statistical division code: 6-digit county + 3-digit
/// township. Layers often store only the 3 digits (XIANG = "101"); those are prefixed with the county code.
public enum TownshipCode {
    /// The 9-digit code for a XIANG value and its county (XIAN) code; nil when the value is empty.
    /// Codes read from numeric fields ("101.0", "4") get their leading zeros back.
    public static func full(xiang raw: String?, xian: String?) -> String? {
        guard let raw else { return nil }
        // Fast path: plain 3 digits with a 6-digit county, or the full 9 digits (every sub-compartment comes here).
        let digits = raw.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        if digits, raw.utf8.count == 9 { return raw }
        if digits, raw.utf8.count == 3, let xian, xian.utf8.count == 6 { return xian + raw }
        var xiang = raw.trimmingCharacters(in: .whitespaces)
        guard !xiang.isEmpty else { return nil }
        if xiang.hasSuffix(".0") { xiang.removeLast(2) }
        if xiang.count == 9 || xiang.count == 12 { return String(xiang.prefix(9)) }
        let county = (xian ?? "").trimmingCharacters(in: .whitespaces)
        let three = String(repeating: "0", count: max(0, 3 - xiang.count)) + xiang
        return county.count == 6 ? county + three : three
    }

    /// Why a township code as written is not one, or nil when it is (or is empty: missing is said elsewhere). Codes
    /// are digits: 9 (the statistical division code), 12 ending in 000 (the land survey's form), or 1 to 3 (XIANG
    /// alone, zero-padded to 3). A letter O for a zero (`52O111OO6`) or another length is no code.
    public static func problem(_ raw: String?) -> String? {
        // Fast path, every sub-compartment's: plain digits of a good length need no trimming.
        if let raw, isCode(raw.utf8) { return nil }
        guard var code = raw?.trimmingCharacters(in: .whitespaces), !code.isEmpty else { return nil }
        if code.hasSuffix(".0") { code.removeLast(2) }
        if isCode(code.utf8) { return nil }
        return "'\(raw!)' is not a township code (9 digits, 12 digits ending in 000, or the 1 to 3 digits of XIANG)"
    }

    /// Digits only: 1 to 3 of them, 9, or 12 ending in 000.
    private static func isCode(_ code: String.UTF8View) -> Bool {
        let n = code.count
        guard n >= 1, n <= 3 || n == 9 || n == 12, code.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        return n != 12 || code.suffix(3).allSatisfy { $0 == 0x30 }
    }
}

/// A sub-compartment whose XIANG is not a township code.
public struct BadTownshipCode: Sendable, Hashable {
    /// The sub-compartment's place in its layer.
    public var index: Int
    /// XIANG as written.
    public var value: String
}

extension SubCompartmentLayer {
    /// Refuses a layer whose XIANG values include one that is not a township code (`stats` counts by it).
    package func requireTownshipCodes(field: String) throws {
        guard let first = badTownshipCodes.first else { return }
        let s = subCompartments[first.index]
        let more = badTownshipCodes.count > 1 ? " (and \(badTownshipCodes.count - 1) more)" : ""
        throw ForestMapError.input("\(label): feature \(s.fid) (key \(s.key)): \(field) \(TownshipCode.problem(first.value) ?? first.value)\(more); correct it (run `forestmap check` for the list)")
    }
}

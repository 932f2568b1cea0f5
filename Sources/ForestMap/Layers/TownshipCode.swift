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
}

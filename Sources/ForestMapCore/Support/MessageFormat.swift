import Foundation

/// How messages, notes and check details write areas, shares and coordinates.
/// Number formats of the details.
package enum MessageFormat {
    /// "12.34 m² (0.0012 ha)".
    package static func area(_ m2: Double) -> String {
        "\(String(format: "%.2f", m2)) m² (\(String(format: "%.4f", AreaUnit.hectares(m2))) ha)"
    }

    package static func hectares(_ m2: Double) -> String { "\(String(format: "%.4f", AreaUnit.hectares(m2))) ha" }

    package static func percent(_ part: Double, of whole: Double) -> String {
        whole > 0 ? String(format: "%.1f%%", part / whole * 100) : "?"
    }

    package static func coordinate(_ v: Double, geographic: Bool) -> String {
        String(format: geographic ? "%.8f" : "%.3f", v)
    }
}

extension String {
    /// Without leading and trailing spaces and tabs; Foundation's trimming (slow, through NSString) only when there
    /// are some.
    package var checkTrimmed: String {
        guard let first = utf8.first, let last = utf8.last,
              first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09 else { return self }
        return trimmingCharacters(in: .whitespaces)
    }
}

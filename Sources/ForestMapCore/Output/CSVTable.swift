import Foundation

/// A CSV table for people and programs: UTF-8 with a byte-order mark (so Excel on Chinese Windows opens it
/// right), stable English column keys in the header, RFC 4180 quoting, CRLF line ends.
public struct CSVTable: Sendable {
    public var header: [String]
    public var rows: [[String]]

    public init(header: [String], rows: [[String]] = []) {
        self.header = header
        self.rows = rows
    }

    public var text: String {
        var out = ""
        for row in [header] + rows {
            for (k, field) in row.enumerated() {
                if k > 0 { out += "," }
                out += Self.quote(field)
            }
            out += "\r\n"
        }
        return out
    }

    public func write(to url: URL) throws {
        var data = Data([0xEF, 0xBB, 0xBF])
        data.append(Data(text.utf8))
        do { try data.write(to: url) } catch {
            throw ForestMapError(.cannotWrite, "cannot write \(url.path): \(error.localizedDescription)")
        }
    }

    /// Writes a file that stands alone (not in an output folder): whole or not at all (a temporary file renamed).
    public func writeAtomically(to url: URL) throws {
        var data = Data([0xEF, 0xBB, 0xBF])
        data.append(Data(text.utf8))
        do { try data.write(to: url, options: .atomic) } catch {
            throw ForestMapError(.cannotWrite, "cannot write \(url.path): \(error.localizedDescription)")
        }
    }

    static func quote(_ field: String) -> String {
        guard field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A number with fixed decimals, as written in tables ("12.3400").
    /// The same text as `String(format: "%.Nf")` (C's correctly rounded decimal), without its cost: the scaled
    /// value is rounded directly unless it lies within a millionth of a rounding tie or is too large to hold
    /// exactly, when C's formatting decides.
    public static func number(_ value: Double, decimals: Int) -> String {
        let scale = FixedDecimal.scale(decimals)
        let scaled = value * scale
        let fraction = abs(scaled - scaled.rounded(.towardZero))
        guard value.isFinite, decimals <= 12, abs(scaled) < 1e15, abs(fraction - 0.5) > 1e-6 else {
            return String(format: "%.\(decimals)f", value)
        }
        let text = FixedDecimal(units: Int64(scaled.rounded()), decimals: decimals).text
        // C writes the sign of a negative value that rounds to zero ("-0.00").
        return value.sign == .minus && !text.hasPrefix("-") ? "-" + text : text
    }
}

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
            throw ForestMapError.input("cannot write \(url.path): \(error.localizedDescription)")
        }
    }

    static func quote(_ field: String) -> String {
        guard field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A number with fixed decimals, as written in tables ("12.3400").
    public static func number(_ value: Double, decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }
}

import Foundation

/// Passwords out of text before it is printed or written (messages, `manifest.json`): `password=…` in a `PG:`
/// connection string (quoted or not), `PGPASSWORD=…`, and the `user:password@` of a URI.
public enum SecretText {
    private static let patterns: [(String, String)] = [
        (#"(?i)PGPASSWORD\s*[=:]\s*('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|\S+)"#, "PGPASSWORD=***"),
        (#"(?i)(?<![A-Za-z])password\s*=\s*('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|[^\s'"|]+)"#, "password=***"),
        (#"([A-Za-z][A-Za-z0-9+.-]*://[^:/@\s]+):([^@\s/]+)@"#, "$1:***@"),
    ]

    public static func masked(_ text: String) -> String {
        patterns.reduce(text) { t, p in t.replacingOccurrences(of: p.0, with: p.1, options: .regularExpression) }
    }
}

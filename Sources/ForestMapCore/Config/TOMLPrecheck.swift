import Foundation

/// Checks the keys of a config's TOML text before TOMLKit parses it: the bundled toml++ parser stops the whole
/// process with an assertion when a table name or key starts with a character that can start neither (a typo such
/// as `[&land_class]` aborted every command). Here such a line is one error naming the line instead. Everything
/// else is left to the parser.
///
/// The scan follows TOML's structure just enough: table headers, the keys of key/value lines and of inline tables,
/// strings (basic, literal, multi-line), comments and arrays that run over several lines.
enum TOMLPrecheck {
    static func check(_ text: String, file: String) throws {
        var multiline: String?   // the closing delimiter of a multi-line string being read
        var depth = 0            // open arrays and inline tables of a value that runs on
        for (n, line) in text.components(separatedBy: "\n").enumerated() {
            let chars = Array(line.unicodeScalars)
            var i = 0
            func fail(_ what: String) -> ForestMapError {
                ForestMapError.input("\(file): line \(n + 1): \(what); a table name or key is letters, digits, _ and -, or text in quotes")
            }
            func skipSpace() { while i < chars.count, chars[i] == " " || chars[i] == "\t" { i += 1 } }
            /// A string starting at `i` (its delimiter there): skipped; a multi-line one may run on past the line.
            func skipString() {
                let quote = chars[i]
                if i + 2 < chars.count, chars[i + 1] == quote, chars[i + 2] == quote {
                    let close = String(repeating: String(quote), count: 3)
                    let rest = String(String.UnicodeScalarView(chars[(i + 3)...]))
                    if let r = rest.range(of: close) {
                        i += 3 + rest.unicodeScalars.distance(from: rest.unicodeScalars.startIndex, to: r.upperBound)
                    } else {
                        multiline = close
                        i = chars.count
                    }
                    return
                }
                i += 1
                while i < chars.count, chars[i] != quote {
                    if quote == "\"", chars[i] == "\\" { i += 1 }
                    i += 1
                }
                i += 1
            }
            /// A dotted key at `i`, up to (not past) what follows it.
            func key(_ context: String) throws {
                repeat {
                    skipSpace()
                    guard i < chars.count else { throw fail("\(context) ends where a name is expected") }
                    if chars[i] == "\"" || chars[i] == "'" {
                        skipString()
                    } else if isBare(chars[i]) {
                        while i < chars.count, isBare(chars[i]) { i += 1 }
                    } else {
                        throw fail("\(context) has '\(chars[i])' where a name starts")
                    }
                    skipSpace()
                    guard i < chars.count, chars[i] == "." else { return }
                    i += 1
                } while true
            }
            /// A value's characters from `i` to the line's end, keeping `depth` and starting keys of inline tables.
            func value() throws {
                while i < chars.count {
                    switch chars[i] {
                    case "\"", "'": skipString(); continue
                    case "#": i = chars.count; continue
                    case "[": depth += 1
                    case "]": depth = max(0, depth - 1)
                    case "{":
                        depth += 1
                        i += 1
                        skipSpace()
                        if i < chars.count, chars[i] != "}" { try key("an inline table"); continue }
                        continue
                    case "}": depth = max(0, depth - 1)
                    case ",":
                        i += 1
                        skipSpace()
                        // In an inline table a key follows; in an array a value.
                        if insideInlineTable(), i < chars.count, chars[i] != "}" { try key("an inline table") }
                        continue
                    default: break
                    }
                    i += 1
                }
            }
            /// Whether the innermost open bracket before `i` on this line is a brace.
            func insideInlineTable() -> Bool {
                var open: [Unicode.Scalar] = []
                var k = 0
                while k < i {
                    switch chars[k] {
                    case "[", "{": open.append(chars[k])
                    case "]", "}": if !open.isEmpty { open.removeLast() }
                    default: break
                    }
                    k += 1
                }
                return open.last == "{"
            }

            if let close = multiline {
                guard let r = line.range(of: close) else { continue }
                multiline = nil
                i = line.unicodeScalars.distance(from: line.unicodeScalars.startIndex, to: r.upperBound)
                try value()
                continue
            }
            if depth > 0 {
                try value()
                continue
            }
            skipSpace()
            guard i < chars.count, chars[i] != "#" else { continue }
            if chars[i] == "[" {
                i += 1
                let array = i < chars.count && chars[i] == "["
                if array { i += 1 }
                try key("the table name")
                guard i < chars.count, chars[i] == "]" else { throw fail("the table name is not closed with ]") }
                i += array ? 2 : 1
                continue
            }
            try key("the key")
            guard i < chars.count, chars[i] == "=" else { continue }   // the parser says what is wrong
            i += 1
            try value()
        }
    }

    private static func isBare(_ c: Unicode.Scalar) -> Bool {
        ("A"..."Z").contains(c) || ("a"..."z").contains(c) || ("0"..."9").contains(c) || c == "_" || c == "-"
    }
}

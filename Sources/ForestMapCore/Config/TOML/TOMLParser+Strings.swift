/// TOML's four strings: basic `"…"` and multi-line basic `"""…"""` with backslash escapes, literal `'…'` and
/// multi-line literal `'''…'''` as written.
extension TOMLParser {
    mutating func basicString() throws(TOMLProblem) -> String {
        try string(quote: UInt8(ascii: "\""), multiline: false)
    }

    mutating func literalString() throws(TOMLProblem) -> String {
        try string(quote: UInt8(ascii: "'"), multiline: false)
    }

    mutating func multilineBasicString() throws(TOMLProblem) -> String {
        try string(quote: UInt8(ascii: "\""), multiline: true)
    }

    mutating func multilineLiteralString() throws(TOMLProblem) -> String {
        try string(quote: UInt8(ascii: "'"), multiline: true)
    }

    /// The string whose opening quote (or three) is at the cursor. Control characters other than tab are refused
    /// in every kind; a multi-line string's line ends are read as LF.
    private mutating func string(quote: UInt8, multiline: Bool) throws(TOMLProblem) -> String {
        let start = scanner.offset
        let escapes = quote == UInt8(ascii: "\"")
        let delimiter = String(repeating: String(UnicodeScalar(quote)), count: multiline ? 3 : 1)
        scanner.advance(delimiter.utf8.count)
        // A line end right after the opening quotes is not part of the text.
        if multiline { _ = scanner.skipNewline() }
        var text: [UInt8] = []
        while true {
            if scanner.isAt(delimiter) {
                scanner.advance(delimiter.utf8.count)
                // Up to two quotes more belong to the text: """a""""" is a"".
                var extra = 0
                while multiline, extra < 2, scanner.current == quote {
                    text.append(quote)
                    scanner.advance()
                    extra += 1
                }
                return String(decoding: text, as: UTF8.self)
            }
            guard let b = scanner.current, multiline || !scanner.isAtNewline else {
                throw TOMLProblem(at: start, multiline
                    ? "the text in \(delimiter) … that starts here is not closed with \(delimiter)"
                    : "the text in quotes that starts here is not closed with \(delimiter) on its line")
            }
            if escapes && b == UInt8(ascii: "\\") {
                if multiline && skipLineEndingBackslash() { continue }
                text += try escape()
            } else if scanner.skipNewline() {
                text.append(.lineFeed)
            } else if b.isControl && b != .tab {
                throw scanner.controlCharacter(in: "text in quotes")
            } else {
                text.append(b)
                scanner.advance()
            }
        }
    }

    /// A backslash that ends a line in a `"""` string: it, the line end, and the blanks and line ends after it are
    /// left out of the text. False, and nothing skipped, when the backslash starts an escape instead.
    private mutating func skipLineEndingBackslash() -> Bool {
        var next = scanner.offset + 1
        while scanner.byte(at: next) == .space || scanner.byte(at: next) == .tab { next += 1 }
        let lineEnds = scanner.byte(at: next) == .lineFeed
            || (scanner.byte(at: next) == .carriageReturn && scanner.byte(at: next + 1) == .lineFeed)
        guard lineEnds else { return false }
        scanner.advance(next - scanner.offset)
        scanner.skipWhitespaceAndNewlines()
        return true
    }

    /// The one-letter escapes (after the backslash) and the characters they stand for.
    private static let simpleEscapes: [UInt8: UInt8] = [
        UInt8(ascii: "b"): 0x08, UInt8(ascii: "t"): 0x09, UInt8(ascii: "n"): 0x0A, UInt8(ascii: "f"): 0x0C,
        UInt8(ascii: "r"): 0x0D, UInt8(ascii: "\""): UInt8(ascii: "\""), UInt8(ascii: "\\"): UInt8(ascii: "\\"),
    ]

    /// The escape at the cursor (a backslash), as the UTF-8 of the character it stands for.
    private mutating func escape() throws(TOMLProblem) -> [UInt8] {
        let start = scanner.offset
        scanner.advance()
        if let b = scanner.current, let character = Self.simpleEscapes[b] {
            scanner.advance()
            return [character]
        }
        let digits = scanner.current == UInt8(ascii: "u") ? 4 : scanner.current == UInt8(ascii: "U") ? 8 : 0
        guard digits > 0 else {
            throw TOMLProblem(at: start, "a backslash followed by \(scanner.describeCurrent()) is no escape; the escapes are \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX \\UXXXXXXXX (write \\\\ for a backslash, or put the text in 'single quotes')")
        }
        scanner.advance()
        let hexStart = scanner.offset
        while scanner.offset - hexStart < digits, scanner.current?.isHexDigit == true { scanner.advance() }
        let hex = scanner.text(from: hexStart)
        guard hex.count == digits, let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) else {
            let form = digits == 4 ? "\\uXXXX" : "\\UXXXXXXXX"
            throw TOMLProblem(at: start, "the escape \(form) needs \(digits) hexadecimal digits of a Unicode character (not a surrogate, at most 10FFFF)")
        }
        return Array(String(scalar).utf8)
    }
}

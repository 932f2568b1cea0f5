/// A cursor over a TOML document's UTF-8 bytes: what the parser looks at, what it steps over (blanks, line ends,
/// comments), and where a problem is as a line and a column.
struct TOMLScanner {
    private let bytes: [UInt8]
    /// Where the document starts: after a UTF-8 byte order mark, if it has one.
    private let start: Int
    private(set) var offset: Int

    init(_ text: String) {
        bytes = Array(text.utf8)
        start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        offset = start
    }

    var isAtEnd: Bool { offset >= bytes.count }

    /// The byte at the cursor; nil at the end.
    var current: UInt8? { byte(at: offset) }

    func byte(at index: Int) -> UInt8? { index < bytes.count ? bytes[index] : nil }

    /// Whether the bytes from the cursor on are `prefix`'s.
    func isAt(_ prefix: String) -> Bool {
        bytes[offset...].starts(with: prefix.utf8)
    }

    mutating func advance(_ count: Int = 1) {
        offset = min(offset + count, bytes.count)
    }

    /// Steps over the byte at the cursor if it is `ascii`.
    mutating func skip(_ ascii: Unicode.Scalar) -> Bool {
        guard current == UInt8(ascii: ascii) else { return false }
        advance()
        return true
    }

    /// Steps over bytes while `condition` holds; returns them as text.
    mutating func take(while condition: (UInt8) -> Bool) -> String {
        let first = offset
        while let b = current, condition(b) { advance() }
        return text(from: first)
    }

    /// The text from `first` to the cursor.
    func text(from first: Int) -> String {
        String(decoding: bytes[first..<offset], as: UTF8.self)
    }

    /// Spaces and tabs.
    mutating func skipWhitespace() {
        while current == .space || current == .tab { advance() }
    }

    /// Whether a line ends at the cursor: LF, or CR LF.
    var isAtNewline: Bool {
        current == .lineFeed || (current == .carriageReturn && byte(at: offset + 1) == .lineFeed)
    }

    /// Steps over a line end (LF or CR LF) if one is at the cursor.
    mutating func skipNewline() -> Bool {
        guard isAtNewline else { return false }
        advance(current == .carriageReturn ? 2 : 1)
        return true
    }

    /// A `#` comment up to (not past) the end of its line; control characters other than tab are refused in it.
    mutating func skipComment() throws(TOMLProblem) {
        guard current == UInt8(ascii: "#") else { return }
        while let b = current, !isAtNewline {
            if b.isControl && b != .tab { throw controlCharacter(in: "a comment") }
            advance()
        }
    }

    /// Spaces, tabs and line ends.
    mutating func skipWhitespaceAndNewlines() {
        repeat { skipWhitespace() } while skipNewline()
    }

    /// Spaces, tabs, line ends and comments, as between the items of an array.
    mutating func skipBlankLines() throws(TOMLProblem) {
        while true {
            skipWhitespace()
            try skipComment()
            guard skipNewline() else { return }
        }
    }

    /// The problem of a control character (other than tab) at the cursor.
    func controlCharacter(in place: String) -> TOMLProblem {
        if current == .carriageReturn {
            return TOMLProblem(at: offset, "a carriage return (U+000D) stands without a line feed after it; lines end with LF or CR LF")
        }
        return TOMLProblem(at: offset, "the control character \(describeCurrent()) is not allowed in \(place)")
    }

    /// The character at the cursor for a message: in quotes, or as U+XXXX when it is invisible; the end of the
    /// line or of the document in words.
    func describeCurrent() -> String {
        guard !isAtEnd else { return "the end of the document" }
        guard !isAtNewline else { return "the end of the line" }
        let scalar = String(decoding: bytes[offset...].prefix(4), as: UTF8.self).unicodeScalars.first ?? "\u{FFFD}"
        if scalar.properties.generalCategory == .control || scalar == " " { return "U+\(scalar.hexDigits)" }
        return "'\(scalar)'"
    }

    /// The line and column (from 1; the column counts characters, not bytes) of a byte offset.
    func location(of target: Int) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = start
        let end = min(target, bytes.count)
        for i in start..<end where bytes[i] == .lineFeed {
            line += 1
            lineStart = i + 1
        }
        // Every byte but a UTF-8 continuation byte starts a character.
        let column = 1 + bytes[lineStart..<end].count(where: { $0 & 0xC0 != 0x80 })
        return (line, column)
    }
}

extension Unicode.Scalar {
    /// The code point in hexadecimal, at least four digits: 0007, 1F600.
    var hexDigits: String {
        let hex = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}

extension UInt8 {
    static let tab = UInt8(ascii: "\t")
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " ")

    /// U+0000 to U+001F and U+007F: never written as they are in TOML, except tab (and line ends where lines end).
    var isControl: Bool { self < 0x20 || self == 0x7F }

    var isDigit: Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) }

    var isHexDigit: Bool {
        isDigit || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(self) || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(self)
    }

    var isLetter: Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self)
    }

    /// A character of a bare key: A-Z a-z 0-9 _ -.
    var isBareKeyCharacter: Bool { isLetter || isDigit || self == UInt8(ascii: "_") || self == UInt8(ascii: "-") }
}

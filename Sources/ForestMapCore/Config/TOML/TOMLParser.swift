/// A TOML 1.0 parser, as far as a config file needs: every part of the language but dates and times, which are
/// refused (no forestmap setting is one). Any input gives a table or one `TOMLSyntaxError`; none stops the process
/// or loops.
///
/// This file reads the document's lines (headers, key/value pairs, comments), keys, and values that hold others
/// (arrays, inline tables); strings and the bare values (numbers, booleans) have files of their own.
struct TOMLParser {
    /// How deep tables and arrays may nest: far past any config, and shallow enough that the recursion of reading,
    /// building and freeing them stays small.
    static let maximumNesting = 100

    var scanner: TOMLScanner
    private let root = TOMLTableNode(path: [], origin: .header)
    /// The table that key/value lines go into: the last header's.
    private var current: TOMLTableNode
    /// Arrays open around the cursor.
    private var openArrays = 0

    private init(_ text: String) {
        scanner = TOMLScanner(text)
        current = root
    }

    /// The document's root table; a leading byte order mark is skipped.
    static func parse(_ text: String) throws(TOMLSyntaxError) -> TOMLTable {
        var parser = TOMLParser(text)
        do {
            try parser.document()
        } catch {
            let (line, column) = parser.scanner.location(of: error.offset)
            throw TOMLSyntaxError(line: line, column: column, message: error.message)
        }
        return parser.root.table
    }

    /// Line by line: blank, a comment, a `[table]` or `[[array]]` header, or `key = value`; each maybe followed by
    /// a comment.
    private mutating func document() throws(TOMLProblem) {
        while true {
            scanner.skipWhitespace()
            switch scanner.current {
            case nil: return
            case UInt8(ascii: "#"), .lineFeed, .carriageReturn: break
            case UInt8(ascii: "["): try header()
            default: try keyValue(into: current)
            }
            try endOfLine()
        }
    }

    /// What may follow a header or a value on its line: blanks and a comment.
    private mutating func endOfLine() throws(TOMLProblem) {
        scanner.skipWhitespace()
        try scanner.skipComment()
        guard scanner.isAtEnd || scanner.skipNewline() else {
            if scanner.current == .carriageReturn { throw scanner.controlCharacter(in: "a line") }
            throw TOMLProblem(at: scanner.offset, "\(scanner.describeCurrent()) follows on a line that is complete; a line holds one key = value, or one [table]")
        }
    }

    /// `[a.b]` or `[[a.b]]`: the table that the following key/value lines go into.
    private mutating func header() throws(TOMLProblem) {
        scanner.advance()
        let isArray = scanner.skip("[")
        let names = try key()
        try checkNesting(names.count, at: names[0].offset)
        let close = isArray ? "]]" : "]"
        guard scanner.isAt(close) else {
            throw TOMLProblem(at: scanner.offset, "the table name \(TOMLKey.dotted(names.map(\.name))) is not closed with \(close); found \(scanner.describeCurrent())")
        }
        scanner.advance(close.utf8.count)
        current = isArray ? try root.appendTable(names) : try root.defineTable(names)
    }

    /// `key = value` into `table` (the current table, or an inline table being read).
    private mutating func keyValue(into table: TOMLTableNode) throws(TOMLProblem) {
        let names = try key()
        let path = table.path + names.map(\.name)
        try checkNesting(path.count + openArrays, at: names[0].offset)
        guard scanner.skip("=") else {
            throw TOMLProblem(at: scanner.offset, "= is expected after the key \(TOMLKey.dotted(path)), found \(scanner.describeCurrent())")
        }
        scanner.skipWhitespace()
        let value = try value(path: path)
        try table.assign(names, value)
    }

    /// A key, dotted or not: bare (`a-b_1`) or quoted parts joined by dots, with blanks around each part.
    private mutating func key() throws(TOMLProblem) -> [TOMLKey] {
        var names: [TOMLKey] = []
        repeat {
            scanner.skipWhitespace()
            let start = scanner.offset
            let name: String
            switch scanner.current {
            case UInt8(ascii: "\""): name = try basicString()
            case UInt8(ascii: "'"): name = try literalString()
            case let b? where b.isBareKeyCharacter: name = scanner.take(while: \.isBareKeyCharacter)
            default:
                throw TOMLProblem(at: start, "\(scanner.describeCurrent()) stands where a key or table name starts; a name is letters, digits, _ and -, or text in quotes")
            }
            names.append(TOMLKey(name: name, offset: start))
            scanner.skipWhitespace()
        } while scanner.skip(".")
        return names
    }

    /// The value at the cursor; `path` is the key it is for.
    private mutating func value(path: [String]) throws(TOMLProblem) -> TOMLValue {
        switch scanner.current {
        case UInt8(ascii: "\""): .string(try scanner.isAt("\"\"\"") ? multilineBasicString() : basicString())
        case UInt8(ascii: "'"): .string(try scanner.isAt("'''") ? multilineLiteralString() : literalString())
        case UInt8(ascii: "["): try array(path: path)
        case UInt8(ascii: "{"): try inlineTable(path: path)
        default: try bareValue()
        }
    }

    /// `[1, 2, "three"]`: values of any types, over any number of lines, with comments between them and a comma
    /// after the last allowed.
    private mutating func array(path: [String]) throws(TOMLProblem) -> TOMLValue {
        let start = scanner.offset
        try checkNesting(path.count + openArrays + 1, at: start)
        scanner.advance()
        openArrays += 1
        defer { openArrays -= 1 }
        var items: [TOMLValue] = []
        while true {
            try scanner.skipBlankLines()
            if scanner.skip("]") { return .array(items) }
            guard !scanner.isAtEnd else { throw TOMLProblem(at: start, "the array [ … that starts here is not closed with ]") }
            items.append(try value(path: path))
            try scanner.skipBlankLines()
            if scanner.skip("]") { return .array(items) }
            guard !scanner.isAtEnd else { throw TOMLProblem(at: start, "the array [ … that starts here is not closed with ]") }
            guard scanner.skip(",") else {
                throw TOMLProblem(at: scanner.offset, "\(scanner.describeCurrent()) follows an item of an array; a comma or ] is expected")
            }
        }
    }

    /// `{ a = 1, b.c = "x" }`: a complete table on one line; no comma after the last pair.
    private mutating func inlineTable(path: [String]) throws(TOMLProblem) -> TOMLValue {
        let start = scanner.offset
        scanner.advance()
        let table = TOMLTableNode(path: path, origin: .dotted)
        scanner.skipWhitespace()
        if scanner.skip("}") { return .table(table.table) }
        while true {
            try keyValue(into: table)
            scanner.skipWhitespace()
            if scanner.skip("}") { return .table(table.table) }
            if scanner.skip(",") {
                scanner.skipWhitespace()
                if scanner.current == UInt8(ascii: "}") {
                    throw TOMLProblem(at: scanner.offset, "an inline table { … } has no comma after its last key = value")
                }
                continue
            }
            if scanner.isAtEnd || scanner.isAtNewline {
                throw TOMLProblem(at: start, "the inline table { … } that starts here is not closed with } on its line")
            }
            throw TOMLProblem(at: scanner.offset, "\(scanner.describeCurrent()) follows a value in an inline table; a comma or } is expected")
        }
    }

    /// Refuses tables and arrays nested deeper than `maximumNesting`: `depth` counts the parts of the key a value
    /// is for and the arrays around it.
    private func checkNesting(_ depth: Int, at offset: Int) throws(TOMLProblem) {
        guard depth <= Self.maximumNesting else {
            throw TOMLProblem(at: offset, "tables and arrays nest more than \(Self.maximumNesting) deep here")
        }
    }
}

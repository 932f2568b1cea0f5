/// One value of a TOML document, as `TOMLParser` reads it. Dates and times are refused by the parser (no forestmap
/// setting is one), so there is no case for them.
enum TOMLValue: Equatable, Sendable {
    case string(String)
    case integer(Int)
    case float(Double)
    case bool(Bool)
    case array([TOMLValue])
    case table(TOMLTable)

    var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    var bool: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    var array: [TOMLValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    var table: TOMLTable? {
        if case .table(let t) = self { return t }
        return nil
    }
}

/// A TOML table: its keys in the order the document gives them, and their values.
struct TOMLTable: Equatable, Sendable {
    private(set) var keys: [String] = []
    private var values: [String: TOMLValue] = [:]

    init() {}

    subscript(key: String) -> TOMLValue? { values[key] }

    /// Adds a key the table does not have yet (the parser has checked that).
    mutating func append(_ key: String, _ value: TOMLValue) {
        precondition(values[key] == nil, "TOML key \(key) added twice")
        keys.append(key)
        values[key] = value
    }
}

@testable import ForestMapCore

// Literals for expected TOML values in tests: `["a": 1, "b": [true, "x"], "c": ["d": 2.5]]`. A table literal
// keeps its keys in the order written, as a parsed table keeps the document's.

extension TOMLValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .float(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: TOMLValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, TOMLValue)...) { self = .table(TOMLTable(elements)) }
}

extension TOMLTable: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, TOMLValue)...) { self.init(elements) }

    init(_ elements: [(String, TOMLValue)]) {
        self.init()
        for (key, value) in elements { append(key, value) }
    }
}

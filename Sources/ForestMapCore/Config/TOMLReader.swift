/// Reads one TOML table strictly: every key must be known and of the right type, and unknown keys are errors
/// naming the full dotted key, so a misspelt setting never silently falls back to its default.
package struct TOMLReader {
    let table: TOMLTable
    let path: String      // dotted prefix, e.g. "fields"
    let file: String
    private var used: Set<String> = []

    init(table: TOMLTable, path: String, file: String) {
        self.table = table
        self.path = path
        self.file = file
    }

    private func name(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    private func wrongType(_ key: String, _ expected: String) -> ForestMapError {
        .input("\(file): setting \(name(key)) must be \(expected)")
    }

    mutating func string(_ key: String) throws -> String? {
        used.insert(key)
        guard let v = table[key] else { return nil }
        guard let s = v.string else { throw wrongType(key, "text in quotes") }
        return s
    }

    mutating func double(_ key: String) throws -> Double? {
        used.insert(key)
        switch table[key] {
        case nil: return nil
        case .integer(let i): return Double(i)
        case .float(let d):
            guard d.isFinite else { throw ForestMapError.input("\(file): setting \(name(key)) = \(d) is not a finite number; give a number") }
            return d
        default: throw wrongType(key, "a number")
        }
    }

    mutating func int(_ key: String) throws -> Int? {
        used.insert(key)
        guard let v = table[key] else { return nil }
        guard case .integer(let i) = v else { throw wrongType(key, "a whole number") }
        return i
    }

    mutating func bool(_ key: String) throws -> Bool? {
        used.insert(key)
        guard let v = table[key] else { return nil }
        guard let b = v.bool else { throw wrongType(key, "true or false") }
        return b
    }

    mutating func strings(_ key: String) throws -> [String]? {
        used.insert(key)
        guard let v = table[key] else { return nil }
        guard let array = v.array else { throw wrongType(key, "a list of texts, e.g. [\"A\", \"B\"]") }
        return try array.map { try $0.string ?? { throw wrongType(key, "a list of texts, e.g. [\"A\", \"B\"]") }() }
    }

    mutating func doubles(_ key: String) throws -> [Double]? {
        used.insert(key)
        guard let v = table[key] else { return nil }
        guard let array = v.array else { throw wrongType(key, "a list of numbers") }
        return try array.map { item in
            switch item {
            case .integer(let i): return Double(i)
            case .float(let d): return d
            default: throw wrongType(key, "a list of numbers")
            }
        }
    }

    /// A value of an enumeration given by its text; the error lists the allowed values.
    mutating func choice<T: RawRepresentable>(_ key: String, _ type: T.Type, allowed: [T]) throws -> T? where T.RawValue == String {
        guard let s = try string(key) else { return nil }
        guard let v = T(rawValue: s), allowed.contains(where: { $0.rawValue == v.rawValue }) else {
            throw ForestMapError.input("\(file): setting \(name(key)) = \"\(s)\" is not one of: \(allowed.map(\.rawValue).joined(separator: ", "))")
        }
        return v
    }

    /// A sub-table, read by `body`; a missing table reads as empty so defaults apply.
    mutating func section<R>(_ key: String, _ body: (inout TOMLReader) throws -> R) throws -> R {
        used.insert(key)
        let sub: TOMLTable
        if let v = table[key] {
            guard let t = v.table else { throw wrongType(key, "a table ([\(name(key))])") }
            sub = t
        } else {
            sub = TOMLTable()
        }
        var reader = TOMLReader(table: sub, path: name(key), file: file)
        let result = try body(&reader)
        try reader.rejectUnknownKeys()
        return result
    }

    /// Fails on the first key that was never asked for.
    func rejectUnknownKeys() throws {
        if let unknown = table.keys.sorted().first(where: { !used.contains($0) }) {
            throw ForestMapError.input("\(file): unknown setting \(name(unknown)); see the README's Settings section for the keys")
        }
    }
}

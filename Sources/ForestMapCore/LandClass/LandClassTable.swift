import Foundation

/// A land-class code table (地类代码表): turns a layer's raw codes into normalised ``LandClass``es and back.
public struct LandClassTable: Sendable {
    /// One code of the table: the code as written, its class and its name.
    struct Entry: Sendable {
        let code: String
        let landClass: LandClass
        let name: String

        init(_ code: String, _ landClass: LandClass, _ name: String) {
            self.code = code
            self.landClass = landClass
            self.name = name
        }
    }

    public let system: LandClassSystem
    private let entries: [Entry]
    /// Entries by normalised code.
    private let byCode: [String: Entry]
    /// Code of each class key in this system.
    private let codeOfClass: [String: String]

    private init(system: LandClassSystem, entries: [Entry], codeFallbacks: [String: String] = [:]) {
        self.system = system
        self.entries = entries
        self.byCode = Dictionary(entries.map { (Self.normalizedCode($0.code), $0) }) { first, _ in first }
        self.codeOfClass = Dictionary(entries.map { ($0.landClass.key, $0.code) }) { first, _ in first }
            .merging(codeFallbacks) { own, _ in own }
    }

    /// A built-in table; `settings` decide the codes GB/T 21010 cannot tell apart.
    public static func builtIn(_ system: LandClassSystem, settings: AmbiguousCodeSettings = .init()) -> LandClassTable {
        precondition(system != .user, "a user code table is read with LandClassTable.user(csv:source:)")
        return LandClassTable(
            system: system,
            entries: BuiltInCodes.entries(system, settings: settings),
            codeFallbacks: BuiltInCodes.codeFallbacks(system))
    }

    /// Normalises the raw code first: trims spaces, drops a trailing ".0" (codes read from numeric fields),
    /// left-pads with zeros a 3-digit code to 4 and a 5-digit code to 6 (integers lose leading zeros).
    /// Returns nil for a code not in the table.
    public func classify(_ rawCode: String) -> LandClass? {
        byCode[Self.normalizedCode(rawCode)]?.landClass
    }

    /// The code as a table holds it: trimmed, upper-case, without a trailing ".0", zero-padded from 3 to 4
    /// and from 5 to 6 digits.
    public static func normalizedCode(_ raw: String) -> String {
        // Fast path for the common case, plain 4- or 6-digit codes: called for every sub-compartment.
        let utf8 = raw.utf8
        if (utf8.count == 4 || utf8.count == 6), utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { return raw }
        var code = raw.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        if let dot = code.firstIndex(of: "."), code[code.index(after: dot)...].allSatisfy({ $0 == "0" }) {
            code = String(code[..<dot])
        }
        let digitsOnly = code.allSatisfy { $0.isASCII && $0.isNumber }
        return digitsOnly && (code.count == 3 || code.count == 5) ? "0" + code : code
    }

    /// The code of a normalised class in this system (for outputs "in the newer year's system");
    /// nil when the class has no code there.
    public func code(for landClass: LandClass) -> String? {
        codeOfClass[landClass.key]
    }

    /// Every code of the table, sorted.
    public var allCodes: [String] {
        entries.map(\.code).sorted()
    }

    /// The code as the table writes it, for a normalised code in it (a user table's "323", not "0323"); nil for a
    /// code not in the table.
    public func writtenCode(_ normalized: String) -> String? {
        byCode[normalized]?.code
    }

    /// The name of a code in this table (e.g. 0101 → 水田), nil for a code not in the table.
    public func chineseName(ofCode rawCode: String) -> String? {
        byCode[Self.normalizedCode(rawCode)]?.name
    }
}

// MARK: - User tables

/// A user code table that cannot be read.
public enum LandClassTableError: Error, Equatable, LocalizedError {
    case empty(source: String)
    case badHeader(source: String, line: Int, header: String)
    case badRow(source: String, line: Int, row: String)
    case unknownClass(source: String, line: Int, value: String)
    case duplicateCode(source: String, line: Int, code: String)

    public var errorDescription: String? {
        switch self {
        case .empty(let source):
            "\(source): no land-class codes; expected the header `code,class[,name]` and one row per code"
        case .badHeader(let source, let line, let header):
            "\(source) line \(line): header is `\(header)`, expected `code,class` or `code,class,name`"
        case .badRow(let source, let line, let row):
            "\(source) line \(line): `\(row)` is not `code,class[,name]` with a non-empty code"
        case .unknownClass(let source, let line, let value):
            "\(source) line \(line): unknown land class `\(value)`; use one of "
                + LandClass.all.map(\.key).joined(separator: ", ")
        case .duplicateCode(let source, let line, let code):
            "\(source) line \(line): code `\(code)` is listed twice"
        }
    }
}

extension LandClassTable {
    /// CSV with header `code,class[,name]` where class is one of the normalised keys (``LandClass/key``);
    /// UTF-8 with or without BOM; errors name the line and the bad value. Fields may be double-quoted.
    /// Without a name, a code is named by its class's Chinese name.
    public static func user(csv: String, source: String) throws -> LandClassTable {
        let text = csv.hasPrefix("\u{FEFF}") ? String(csv.dropFirst()) : csv
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            .enumerated()
            .map { (number: $0.offset + 1, text: String($0.element)) }
            .filter { !$0.text.trimmingCharacters(in: .whitespaces).isEmpty }
        guard let header = lines.first else { throw LandClassTableError.empty(source: source) }
        let columns = csvFields(header.text).map { $0.lowercased() }
        guard columns == ["code", "class"] || columns == ["code", "class", "name"] else {
            throw LandClassTableError.badHeader(source: source, line: header.number, header: header.text)
        }
        var entries: [Entry] = []
        var seen: Set<String> = []
        for line in lines.dropFirst() {
            let fields = csvFields(line.text)
            guard (2...columns.count).contains(fields.count), !fields[0].isEmpty else {
                throw LandClassTableError.badRow(source: source, line: line.number, row: line.text)
            }
            guard let landClass = LandClass(key: fields[1].lowercased()) else {
                throw LandClassTableError.unknownClass(source: source, line: line.number, value: fields[1])
            }
            guard seen.insert(normalizedCode(fields[0])).inserted else {
                throw LandClassTableError.duplicateCode(source: source, line: line.number, code: fields[0])
            }
            let name = fields.count > 2 && !fields[2].isEmpty ? fields[2] : landClass.chineseName
            entries.append(Entry(fields[0], landClass, name))
        }
        guard !entries.isEmpty else { throw LandClassTableError.empty(source: source) }
        return LandClassTable(system: .user, entries: entries)
    }

    /// Splits one CSV line into trimmed fields; a double-quoted field may hold commas and `""` for a quote.
    private static func csvFields(_ line: String) -> [String] {
        var fields: [String] = [], field = "", quoted = false, previous: Character?
        for char in line {
            switch char {
            case "\"":
                // A quote right after a closing quote is a literal quote (`""`).
                if !quoted && previous == "\"" { field.append(char) }
                quoted.toggle()
            case "," where !quoted:
                fields.append(field)
                field = ""
            default:
                field.append(char)
            }
            previous = char
        }
        fields.append(field)
        return fields.map { $0.trimmingCharacters(in: .whitespaces) }
    }
}

// MARK: - Comparing two years

/// How the classes of one place in two years compare.
public enum ClassComparison: Equatable, Sendable {
    /// The same class after normalisation: no change at all.
    case same
    /// The classes differ only because the code system changed, never by a change on the ground.
    case reclassification
    /// A difference that may be a change on the ground.
    case change
}

/// Compares the classes of one place in an older and a newer year, each in its layer's code system.
///
/// A reclassification is a difference the newer (or older) code system forces:
/// - old4 suitable-for-forest land (017x), auxiliary land (0180) or other treeless forest land (163x) in the older
///   year, new6 or gbt21010 in the newer year, and a to-class that is not forest land: these have no forest-land
///   class in the new system (docs/domain.md §3);
/// - one year in gbt21010 and the other not, where the gbt21010 class comes from a code that lumps classes
///   together and the other year's class is one of them: 0305 holds all shrub, 0307 其他林地 holds sparse,
///   unestablished, nursery and cut-over or burned land (the setting picks one class for it).
public func compare(from: LandClass, in fromSystem: LandClassSystem, to: LandClass, in toSystem: LandClassSystem) -> ClassComparison {
    if from == to { return .same }
    let newSystems: [LandClassSystem] = [.new6, .gbt21010]
    let droppedInNewSystems: [LandClassGroup] = [.suitableForForest, .auxiliary, .otherTreeless]
    if fromSystem == .old4, newSystems.contains(toSystem), droppedInNewSystems.contains(from.group), !to.isForestLand {
        return .reclassification
    }
    // The old 4-digit system has no orchard code: its 0210 farmland holds orchards, which the land-survey codes
    // (new6, GB/T 21010) split out as 02xx. Farmland becoming orchard across that switch is the same land.
    if fromSystem == .old4, newSystems.contains(toSystem), from.group == .farmland, to.group == .orchard {
        return .reclassification
    }
    let lumpedByGBT: [[LandClassGroup]] = [
        [.specialShrub, .otherShrub],
        [.sparse, .unestablished, .nursery, .harvested, .burned],
    ]
    let gbtClass: LandClass, otherClass: LandClass
    switch (fromSystem, toSystem) {
    case (.gbt21010, .old4), (.gbt21010, .new6): (gbtClass, otherClass) = (from, to)
    case (.old4, .gbt21010), (.new6, .gbt21010): (gbtClass, otherClass) = (to, from)
    default: return .change
    }
    let lumped = lumpedByGBT.contains { $0.contains(gbtClass.group) && $0.contains(otherClass.group) }
    return lumped ? .reclassification : .change
}

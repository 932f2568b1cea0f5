import Geo

/// How text rows (as the CSV files hold them) become GeoPackage fields: numbers where a column holds numbers
/// (with the decimals it is written with), text elsewhere; an empty number is NULL.
struct TypedColumns: Sendable {
    let names: [String]
    /// Decimals of each real column.
    let reals: [String: Int]
    let integers: Set<String>

    /// The real columns of the change and hit-list files, by their decimals.
    static let changeReals: [String: Int] = ["area_ha": 4, "area_mu": 4, "uncovered_ha": 4, "point_x": 2, "point_y": 2,
                                             "point_lon": 7, "point_lat": 7]

    private enum Kind { case integer, real, text }
    /// Each column's kind, in order (looked up once, not per row).
    private let kinds: [Kind]

    init(_ names: [String], integers: Set<String> = []) {
        self.names = names
        let reals = Self.changeReals.filter { names.contains($0.key) }
        self.reals = reals
        self.integers = integers
        kinds = names.map { integers.contains($0) ? .integer : reals[$0] != nil ? .real : .text }
    }

    var fields: [FieldDefinition] {
        names.map { name in
            if integers.contains(name) { return FieldDefinition(name, .integer, width: 0) }
            if let decimals = reals[name] { return FieldDefinition(name, .real, width: 16, precision: decimals) }
            return FieldDefinition(name, .string, width: 0)
        }
    }

    func values(_ row: [String]) -> [FieldValue] {
        zip(kinds, row).map { kind, text in
            switch kind {
            case .integer: return Int64(text).map(FieldValue.integer) ?? .null
            case .real: return Double(text).map(FieldValue.real) ?? .null
            case .text: return .string(text)
            }
        }
    }
}

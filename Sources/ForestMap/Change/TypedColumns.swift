import Geo

/// How text rows (as the CSV files hold them) become GeoPackage fields: numbers where a column holds numbers
/// (with the decimals it is written with), text elsewhere; an empty number is NULL.
struct TypedColumns {
    let names: [String]
    /// Decimals of each real column.
    let reals: [String: Int]
    let integers: Set<String>

    /// The real columns of the change and hit-list files, by their decimals.
    static let changeReals: [String: Int] = ["area_ha": 4, "area_mu": 4, "uncovered_ha": 4, "point_x": 2, "point_y": 2,
                                             "point_lon": 7, "point_lat": 7]

    init(_ names: [String], integers: Set<String> = []) {
        self.names = names
        reals = Self.changeReals.filter { names.contains($0.key) }
        self.integers = integers
    }

    var fields: [FieldDefinition] {
        names.map { name in
            if integers.contains(name) { return FieldDefinition(name, .integer, width: 0) }
            if let decimals = reals[name] { return FieldDefinition(name, .real, width: 16, precision: decimals) }
            return FieldDefinition(name, .string, width: 0)
        }
    }

    func values(_ row: [String]) -> [FieldValue] {
        zip(names, row).map { name, text in
            if integers.contains(name) { return Int64(text).map(FieldValue.integer) ?? .null }
            if reals[name] != nil { return Double(text).map(FieldValue.real) ?? .null }
            return .string(text)
        }
    }
}

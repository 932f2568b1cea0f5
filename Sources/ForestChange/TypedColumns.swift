import Geo

/// How text rows (as the CSV files hold them) become GeoPackage fields: numbers where a column holds numbers
/// (with the decimals it is written with), text elsewhere; an empty number is NULL.
struct TypedColumns: Sendable {
    /// The columns as GeoPackage fields, in order; a row's values take each field's type.
    let fields: [FieldDefinition]

    /// The real columns of the change and hit-list files, by their decimals.
    static let changeReals: [String: Int] = ["area_ha": 4, "area_mu": 4, "uncovered_ha": 4, "point_x": 2, "point_y": 2,
                                             "point_lon": 7, "point_lat": 7]

    init(_ names: [String], integers: Set<String> = []) {
        fields = names.map { name in
            if integers.contains(name) { return FieldDefinition(name, .integer, width: 0) }
            if let decimals = Self.changeReals[name] { return FieldDefinition(name, .real, width: 16, precision: decimals) }
            return FieldDefinition(name, .string, width: 0)
        }
    }

    func values(_ row: [String]) -> [FieldValue] {
        zip(fields, row).map { field, text in
            switch field.type {
            case .integer, .integer64: return Int64(text).map(FieldValue.integer) ?? .null
            case .real: return Double(text).map(FieldValue.real) ?? .null
            default: return .string(text)
            }
        }
    }
}

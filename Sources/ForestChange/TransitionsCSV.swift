import ForestMapCore
/// `transitions.csv`, the land-class transition table (地类转移表): one row per township, from class, to class and
/// kind, area in hectares with 4 decimals. Every piece counts, however small: no minimum area.
enum TransitionsCSV {
    static let header = ["township_code", "from_class", "to_class", "area_ha", "kind"]

    static func table(_ accounting: TransitionAccounting) -> CSVTable {
        CSVTable(header: header, rows: accounting.transitions.map {
            [$0.townshipCode, $0.fromClass, $0.toClass, CSVTable.number(AreaUnit.hectares($0.squareMetres), decimals: 4), $0.kind.rawValue]
        })
    }
}

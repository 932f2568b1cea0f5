import Geo
import ForestMapCore

/// What `forestmap change` makes of every pair of a previous-year and a current-year land-class code (地类代码对照):
/// the classes it writes in `transitions.csv` and whether the pair is no change at all, a change, or a
/// reclassification forced by the change of code system. Scripts/bench maps the raw code cross-tab of the peers
/// (DuckDB, GeoPandas, PostGIS) through it, so their answers compare with `transitions.csv` row by row.
public enum ClassPairs {
    public static let header = ["from_code", "to_code", "from_class", "to_class", "kind"]
    /// The `kind` of a pair whose classes are the same after normalisation: `change` writes no row for it.
    public static let same = "same"

    /// Every code of the previous year's table against every code of the current year's, sorted by code.
    public static func table(from fromTable: LandClassTable, to toTable: LandClassTable) -> CSVTable {
        func sample(_ code: String, _ table: LandClassTable) -> SubCompartment {
            SubCompartment(fid: 0, key: code, townshipCode: "", landClassCode: code, landClass: table.classify(code),
                           storedAreaHectares: nil, volumePerHectare: nil, attributes: [], geometry: WKB([]))
        }
        let froms = fromTable.allCodes.map { sample($0, fromTable) }, tos = toTable.allCodes.map { sample($0, toTable) }
        var rows: [[String]] = []
        for p in froms {
            let fromClass = TransitionAccounting.fromClass(p, fromTable, toTable).code
            for c in tos {
                let kind = TransitionAccounting.kind(p, fromTable, c, toTable)?.rawValue ?? same
                rows.append([p.landClassCode, c.landClassCode, fromClass, TransitionAccounting.toClass(c, toTable).code, kind])
            }
        }
        return CSVTable(header: header, rows: rows)
    }

    /// The table for two layers, read with the config's field names and land-class settings (each layer's code
    /// system detected as `change` detects it).
    public static func table(from fromText: String, to toText: String, configPath: String?) throws -> CSVTable {
        let config = try configPath.map { try ForestMapConfig.load(path: $0) } ?? ForestMapConfig()
        let previous = try SubCompartmentLayer.load(try SourceReference(parsing: fromText), options: config.layerLoadOptions(year: .previous))
        let current = try SubCompartmentLayer.load(try SourceReference(parsing: toText), options: config.layerLoadOptions(year: .current))
        return table(from: previous.landClassTable, to: current.landClassTable)
    }
}

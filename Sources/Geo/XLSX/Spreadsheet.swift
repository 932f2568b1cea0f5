import Foundation

/// The cells of an .xlsx workbook, sheet by sheet, or of a .csv file (one sheet), as text, no header row assumed
/// (read by GDAL's XLSX and CSV drivers): what a filled-in form holds. Excel date cells read as `2021/06/03`;
/// numbers as Excel shows them unformatted.
public struct Spreadsheet: Sendable {
    public struct Sheet: Sendable {
        public var name: String
        /// The rows from row 1, empty rows kept, so `rows[k]` is Excel's row k + 1; each row's cells from column A,
        /// empty cells "".
        public var rows: [[String]]
    }

    public var path: String
    public var sheets: [Sheet]

    public init(reading path: String) throws {
        let csv = path.lowercased().hasSuffix(".csv")
        guard csv || path.lowercased().hasSuffix(".xlsx") else {
            throw GeoError(.notADataset, "\(path): not an .xlsx workbook or a .csv file; save it from Excel or WPS as .xlsx")
        }
        let options = csv ? ["HEADERS": "NO", "AUTODETECT_TYPE": "NO", "EMPTY_STRING_AS_NULL": "NO"] : ["HEADERS": "DISABLE", "FIELD_TYPES": "STRING"]
        let dataset = try VectorDataset(reading: SourceReference(path: path), openOptions: options)
        guard dataset.driverName == (csv ? "CSV" : "XLSX") else {
            throw GeoError(.notADataset, "\(path): not \(csv ? "a CSV file" : "an .xlsx workbook") GDAL can read (opened as \(dataset.driverName))")
        }
        self.path = path
        sheets = try dataset.layerNames.map { name in
            let layer = try dataset.layer(named: name)
            var rows: [[String]] = []
            try layer.forEachFeature { f in
                // The CSV driver numbers from 1 like the XLSX one, but a BOM-less file may number from 0.
                let row = csv ? rows.count + 1 : Int(f.fid)
                while rows.count < row - 1 { rows.append([]) }
                var cells = f.values.map { $0.text ?? "" }
                while cells.last == "" { cells.removeLast() }
                rows.append(cells)
            }
            return Sheet(name: name, rows: rows)
        }
    }
}

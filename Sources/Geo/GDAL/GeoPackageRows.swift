import Foundation
internal import CGDAL
internal import CSQLite

/// A GeoPackage feature table read straight from SQLite: the same `Feature`s as GDAL's feature API gives
/// (`VectorLayer.forEachFeature`), at a fraction of the cost, since GDAL builds a full OGR feature and geometry
/// for each row only for forestmap to copy them out again.
///
/// A GeoPackage is an SQLite file whose geometry column holds WKB behind a short header. Rows come in table
/// order, as GDAL reads them (no ORDER BY). Attribute values are taken the way GDAL's GeoPackage driver takes
/// them: text with `sqlite3_column_text`, integers with `sqlite3_column_int64`, reals with `sqlite3_column_double`.
/// A geometry that is little-endian 2D Polygon or MultiPolygon WKB (what GDAL and QGIS write) is passed on as it
/// is, which is byte for byte what GDAL's ISO WKB export gives; any other (empty, curves, Z or M, big-endian) goes
/// through GDAL's own WKB reader and export, so it comes out exactly as on GDAL's path. A blob that is not standard
/// GeoPackage binary (extended GeoPackage binary, a SpatiaLite blob) is read by GDAL's feature API for that row.
///
/// Only used when it applies: a plain file opened by GDAL's GPKG driver, a table (not a view) with a FID and a
/// geometry column, and read fields that are text, integer or real (dates are formatted by GDAL: GDAL's path).
final class GeoPackageRows {
    private let db: OpaquePointer
    private let statement: OpaquePointer
    /// For each layer field: its column in the statement, or nil when it is not read.
    private let columns: [Int32?]
    private let types: [FieldType]
    private let names: [String]

    private init(db: OpaquePointer, statement: OpaquePointer, columns: [Int32?], types: [FieldType], names: [String]) {
        self.names = names
        self.db = db
        self.statement = statement
        self.columns = columns
        self.types = types
    }

    deinit {
        sqlite3_finalize(statement)
        sqlite3_close_v2(db)
    }

    /// The rows of a layer, or nil when this reader does not apply (GDAL then reads).
    static func open(path: String, driver: String, table: String, fidColumn: String, geometryColumn: String,
                     fields: [FieldDefinition], read: [Bool]) -> GeoPackageRows? {
        guard driver == "GPKG", !path.hasPrefix("/vsi"), !fidColumn.isEmpty, !geometryColumn.isEmpty,
              fields.indices.allSatisfy({ !read[$0] || [.string, .integer, .integer64, .real].contains(fields[$0].type) }) else { return nil }
        var db: OpaquePointer?
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK, let db else {
            if let db { sqlite3_close_v2(db) }
            return nil
        }
        func prepare(_ sql: String) -> OpaquePointer? {
            var s: OpaquePointer?
            guard sqlite3_prepare_v2(db, sql, -1, &s, nil) == SQLITE_OK else { sqlite3_finalize(s); return nil }
            return s
        }
        // A table, not a view (whose rows GDAL may number differently).
        guard let kind = prepare("SELECT type FROM sqlite_master WHERE name = \(literal(table))") else {
            sqlite3_close_v2(db)
            return nil
        }
        let isTable = sqlite3_step(kind) == SQLITE_ROW && sqlite3_column_text(kind, 0).map { String(cString: $0) } == "table"
        sqlite3_finalize(kind)
        var selected = [identifier(fidColumn), identifier(geometryColumn)]
        var columns: [Int32?] = []
        for (i, field) in fields.enumerated() {
            if read[i] {
                columns.append(Int32(selected.count))
                selected.append(identifier(field.name))
            } else {
                columns.append(nil)
            }
        }
        guard isTable, let statement = prepare("SELECT \(selected.joined(separator: ", ")) FROM \(identifier(table))") else {
            sqlite3_close_v2(db)
            return nil
        }
        return GeoPackageRows(db: db, statement: statement, columns: columns, types: fields.map(\.type), names: fields.map(\.name))
    }

    /// Every row as a `Feature`, in table order. `otherBlob` gives the geometry of a row whose blob this reader
    /// does not decode (by its FID, through GDAL); nil there means GDAL cannot read it either, an error.
    func forEach(label: String, decoder: inout FieldTextDecoder, otherBlob: (Int64) -> WKB?, _ body: (Feature) throws -> Void) throws {
        while true {
            let step = sqlite3_step(statement)
            if step == SQLITE_DONE { return }
            guard step == SQLITE_ROW else {
                throw GeoError(.notADataset, "\(label): reading stopped: \(String(cString: sqlite3_errmsg(db)))")
            }
            var values: [FieldValue] = []
            values.reserveCapacity(columns.count)
            for (i, column) in columns.enumerated() {
                // SQLite keeps what was stored whatever the column says: text in a REAL or INTEGER column ('abc' from
                // another tool) stays text here, for the reader of numbers to judge, instead of becoming 0.
                guard let column else { values.append(.null); continue }
                let stored = sqlite3_column_type(statement, column)
                switch types[i] {
                case _ where stored == SQLITE_NULL: values.append(.null)
                case .integer where stored == SQLITE_INTEGER, .integer64 where stored == SQLITE_INTEGER: values.append(.integer(sqlite3_column_int64(statement, column)))
                case .real where stored == SQLITE_FLOAT || stored == SQLITE_INTEGER: values.append(.real(sqlite3_column_double(statement, column)))
                default:
                    guard let text = sqlite3_column_text(statement, column) else { values.append(.string("")); continue }
                    // ASCII without a NUL, its length known (most values): no second pass to find the end or validate.
                    let bytes = UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(statement, column)))
                    if bytes.allSatisfy({ $0 > 0 && $0 < 0x80 }) {
                        values.append(.string(String(decoding: bytes, as: UTF8.self)))
                        continue
                    }
                    let fid = sqlite3_column_int64(statement, 0)
                    values.append(.string(text.withMemoryRebound(to: CChar.self, capacity: 1) { decoder.string($0, fid: fid, field: names[i]) }))
                }
            }
            let fid = sqlite3_column_int64(statement, 0)
            var wkb: WKB?
            switch geometry() {
            case .none: wkb = nil
            case .wkb(let read): wkb = read
            case .other(let start):
                guard let read = otherBlob(fid) else {
                    throw GeoError(.badGeometry, "\(label): feature \(fid) has a geometry blob GDAL cannot read (starting \(start)); save the layer again with QGIS or ogr2ogr")
                }
                wkb = read
            }
            try body(Feature(fid: fid, values: values, geometry: wkb))
        }
    }

    /// What a row's geometry column holds.
    private enum Blob {
        /// NULL, or standard GeoPackage binary whose WKB is not a geometry (GDAL's path gives none either).
        case none
        case wkb(WKB?)
        /// A blob that is not standard GeoPackage binary (extended, SpatiaLite, other): its first bytes in hex.
        case other(String)
    }

    /// The row's geometry as ISO WKB, as GDAL's path gives it.
    private func geometry() -> Blob {
        guard sqlite3_column_type(statement, 1) != SQLITE_NULL else { return .none }
        guard sqlite3_column_type(statement, 1) == SQLITE_BLOB, let base = sqlite3_column_blob(statement, 1) else { return .other("not a blob") }
        let blob = UnsafeRawBufferPointer(start: base, count: Int(sqlite3_column_bytes(statement, 1)))
        // GeoPackageBinary: "GP", version, flags (bit 0 header byte order, bits 1-3 envelope kind, bit 4 empty,
        // bit 5 extended), srs_id, the envelope, then WKB.
        let envelopeSizes = [0, 32, 48, 48, 64]
        let flags = blob.count >= 8 ? blob[3] : 0, kind = Int((flags >> 1) & 7)
        guard blob.count >= 8, blob[0] == 0x47, blob[1] == 0x50, flags & 0x20 == 0, kind < envelopeSizes.count,
              blob.count > 8 + envelopeSizes[kind] else {
            return .other("0x" + blob.prefix(4).map { String(format: "%02X", $0) }.joined())
        }
        let wkb = UnsafeRawBufferPointer(rebasing: blob[(8 + envelopeSizes[kind])...])
        if flags & 0x10 == 0, Self.isPlainPolygonal(wkb) { return .wkb(WKB(Array(wkb))) }
        var g: OGRGeometryH?
        guard OGR_G_CreateFromWkb(wkb.baseAddress, nil, &g, Int32(wkb.count)) == OGRERR_NONE, let g else { return .none }
        defer { OGR_G_DestroyGeometry(g) }
        return .wkb(VectorLayer.wkb(of: g))
    }

    /// Whether WKB is a little-endian 2D Polygon, or MultiPolygon of such, filling the buffer exactly: then GDAL's
    /// ISO export of it would give the same bytes.
    static func isPlainPolygonal(_ wkb: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        func u32() -> Int? {
            guard offset + 4 <= wkb.count else { return nil }
            let v = UInt32(littleEndian: wkb.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
            offset += 4
            return Int(v)
        }
        func header(_ type: Int) -> Bool {
            guard offset < wkb.count, wkb[offset] == 1 else { return false }
            offset += 1
            return u32() == type
        }
        func polygon() -> Bool {
            guard header(3), let rings = u32() else { return false }
            for _ in 0..<rings {
                guard let points = u32(), points <= (wkb.count - offset) / 16 else { return false }
                offset += points * 16
            }
            return true
        }
        guard wkb.count >= 5, wkb[0] == 1 else { return false }
        let type = UInt32(littleEndian: wkb.loadUnaligned(fromByteOffset: 1, as: UInt32.self))
        if type == 3 { return polygon() && offset == wkb.count }
        guard header(6), let parts = u32() else { return false }
        for _ in 0..<parts where !polygon() { return false }
        return offset == wkb.count
    }

    private static func identifier(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
    private static func literal(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
}

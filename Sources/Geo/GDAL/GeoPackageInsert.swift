import Foundation
internal import CSQLite

/// Rows inserted into a new GeoPackage feature table with SQLite directly, through GDAL's own connection and inside
/// its transaction: the same rows GDAL's `CreateFeature` writes (FIDs from 1, GeoPackageBinary geometry with an XY
/// envelope, polygons as MultiPolygon in a MultiPolygon layer), at a fraction of the cost, since GDAL builds an OGR
/// feature and geometry for each row only to take them apart again. The layer's extent (`gpkg_contents`) and
/// feature count (`gpkg_ogr_contents`) are set as GDAL sets them.
///
/// Only used when it applies: the writer's own new layer (nothing written yet), fields of text, integer or real
/// whose values have those types, and geometries that are little-endian 2D Polygon or MultiPolygon WKB with at
/// least one point (what forestmap makes); otherwise GDAL writes.
struct GeoPackageInsert {
    let db: OpaquePointer
    let table: String
    let fidColumn: String
    let geometryColumn: String
    /// The columns of the given fields, in order, and their types.
    let columns: [String]
    let types: [FieldType]
    let multi: Bool

    /// Each feature's box when every feature can be written this way; nil otherwise.
    func boxes(of features: [Feature]) -> [Envelope]? {
        var boxes: [Envelope] = []
        boxes.reserveCapacity(features.count)
        for f in features {
            guard f.values.count == types.count, let wkb = f.geometry,
                  wkb.bytes.withUnsafeBytes({ GeoPackageRows.isPlainPolygonal($0) }),
                  let box = (try? wkb.envelope()).flatMap({ $0 }),
                  zip(f.values, types).allSatisfy({ value, type in
                      switch (value, type) {
                      case (.null, _), (.string, .string), (.integer, .integer), (.integer, .integer64), (.real, .real): true
                      default: false
                      }
                  }) else { return nil }
            boxes.append(box)
        }
        return boxes
    }

    /// The R*Tree entries of the features inserted with these boxes (FIDs from 1).
    func entries(_ boxes: [Envelope]) -> [GeoPackageRTree.Entry] {
        boxes.enumerated().map { GeoPackageRTree.Entry(id: Int64($0.offset + 1), minX: $0.element.minX, maxX: $0.element.maxX, minY: $0.element.minY, maxY: $0.element.maxY) }
    }

    /// Inserts the features (with their `boxes(of:)`) with FIDs 1, 2, … and sets the layer's extent and feature
    /// count. `path` and `layer` name the file and layer in errors.
    func insert(_ features: [Feature], boxes: [Envelope], path: String, layer: String) throws {
        func failure(_ what: String) -> GeoError {
            GeoError(.cannotWrite, "\(path): cannot \(what) in layer '\(layer)': \(String(cString: sqlite3_errmsg(db)))")
        }
        func prepare(_ sql: String) throws -> OpaquePointer {
            var s: OpaquePointer?
            guard sqlite3_prepare_v2(db, sql, -1, &s, nil) == SQLITE_OK, let s else {
                sqlite3_finalize(s)
                throw failure("prepare '\(sql.prefix(60))'")
            }
            return s
        }
        let srsQuery = try prepare("SELECT srs_id FROM gpkg_geometry_columns WHERE lower(table_name) = lower(?)")
        sqlite3_bind_text(srsQuery, 1, table, -1, Self.transient)
        let srsID = sqlite3_step(srsQuery) == SQLITE_ROW ? Int32(truncatingIfNeeded: sqlite3_column_int64(srsQuery, 0)) : 0
        sqlite3_finalize(srsQuery)

        let names = [fidColumn, geometryColumn] + columns
        let insert = try prepare("INSERT INTO \(Self.quoted(table)) (\(names.map(Self.quoted).joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: names.count).joined(separator: ", ")))")
        defer { sqlite3_finalize(insert) }
        var blob: [UInt8] = []
        for (n, (feature, box)) in zip(features, boxes).enumerated() {
            sqlite3_bind_int64(insert, 1, Int64(n + 1))
            Self.encode(feature.geometry ?? WKB([]), box: box, srsID: srsID, multi: multi, into: &blob)
            blob.withUnsafeBytes { _ = sqlite3_bind_blob(insert, 2, $0.baseAddress, Int32($0.count), Self.transient) }
            for (k, value) in feature.values.enumerated() {
                let index = Int32(k + 3)
                switch value {
                case .null: sqlite3_bind_null(insert, index)
                case .integer(let v): sqlite3_bind_int64(insert, index, v)
                case .real(let v): if v.isFinite { sqlite3_bind_double(insert, index, v) } else { sqlite3_bind_null(insert, index) }
                case .string(var s):
                    // Straight from the string's UTF-8 (made contiguous if it is not), copied by SQLite; an empty
                    // string is text too, never NULL.
                    s.makeContiguousUTF8()
                    _ = s.utf8.withContiguousStorageIfAvailable { text in
                        text.withMemoryRebound(to: CChar.self) { chars in
                            if let start = chars.baseAddress, !chars.isEmpty {
                                sqlite3_bind_text(insert, index, start, Int32(chars.count), Self.transient)
                            } else {
                                sqlite3_bind_text(insert, index, "", 0, Self.transient)
                            }
                        }
                    }
                }
            }
            guard sqlite3_step(insert) == SQLITE_DONE else { throw failure("write feature \(n + 1)") }
            sqlite3_reset(insert)
        }
        if let first = boxes.first {
            let e = boxes.dropFirst().reduce(first) { $0.union($1) }
            // Written as GDAL writes it: through SQLite's "%.18g", so the stored values are GDAL's to the last bit.
            guard let text = withVaList([e.minX, e.minY, e.maxX, e.maxY], {
                sqlite3_vmprintf("UPDATE gpkg_contents SET min_x = %.18g, min_y = %.18g, max_x = %.18g, max_y = %.18g WHERE lower(table_name) = lower(?)", $0)
            }) else { throw failure("set the extent") }
            defer { sqlite3_free(text) }
            let update = try prepare(String(cString: text))
            defer { sqlite3_finalize(update) }
            sqlite3_bind_text(update, 1, table, -1, Self.transient)
            guard sqlite3_step(update) == SQLITE_DONE else { throw failure("set the extent") }
        }
        // The feature count GDAL keeps, in a table GDAL adds unless told not to.
        let counted = try prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'gpkg_ogr_contents'")
        let hasCounts = sqlite3_step(counted) == SQLITE_ROW && sqlite3_column_int64(counted, 0) == 1
        sqlite3_finalize(counted)
        guard hasCounts else { return }
        let count = try prepare("UPDATE gpkg_ogr_contents SET feature_count = ? WHERE lower(table_name) = lower(?)")
        defer { sqlite3_finalize(count) }
        sqlite3_bind_int64(count, 1, Int64(features.count))
        sqlite3_bind_text(count, 2, table, -1, Self.transient)
        guard sqlite3_step(count) == SQLITE_DONE else { throw failure("set the feature count") }
    }

    /// GeoPackageBinary as GDAL writes it: "GP", version 0, flags (little-endian, XY envelope), the SRS id, the
    /// envelope (min x, max x, min y, max y), then the WKB, a Polygon wrapped as a MultiPolygon of one when `multi`.
    static func encode(_ wkb: WKB, box: Envelope, srsID: Int32, multi: Bool, into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        out += [0x47, 0x50, 0x00, 0x03]
        withUnsafeBytes(of: srsID.littleEndian) { out += $0 }
        for v in [box.minX, box.maxX, box.minY, box.maxY] { withUnsafeBytes(of: v.bitPattern.littleEndian) { out += $0 } }
        let isPolygon = wkb.bytes.count >= 5 && wkb.bytes[1] == 3 && wkb.bytes[2] == 0 && wkb.bytes[3] == 0 && wkb.bytes[4] == 0
        if multi && isPolygon { out += [0x01, 0x06, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00] }
        out += wkb.bytes
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    static func quoted(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
}

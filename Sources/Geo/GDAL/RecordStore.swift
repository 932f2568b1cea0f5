import Foundation
internal import CGDAL

/// A GeoPackage file or a PostGIS database holding a few small tables that are kept from year to year and changed
/// only inside transactions (the case register): every table is read whole, rows are added and deleted, and a
/// `transaction` either commits all of its changes or none (SQLite's journal, PostgreSQL's transaction), so a
/// process killed at any moment leaves the store as it was before or after.
///
/// A new GeoPackage is made beside its final path and renamed into place with its tables, so it is never seen
/// half-made. Used by one task at a time: not `Sendable`.
public final class RecordStore {
    private let dataset: VectorDataset
    /// The path or connection string (passwords masked), for messages.
    public var displayPath: String { dataset.displayPath }
    public let isDatabase: Bool
    private var inTransaction = false

    /// One table to create: its fields and geometry.
    public struct Table: Sendable {
        public var name: String
        public var geometry: GeometryKind
        public var fields: [FieldDefinition]
        public init(_ name: String, geometry: GeometryKind = .none, fields: [FieldDefinition]) {
            self.name = name
            self.geometry = geometry
            self.fields = fields
        }
    }

    /// Whether a store is there: the GeoPackage file exists, or the database holds `table`.
    public static func exists(_ reference: SourceReference, table: String) throws -> Bool {
        guard reference.isDatabase else { return FileManager.default.fileExists(atPath: reference.path) }
        return try RecordStore(opening: reference).tableExists(table)
    }

    /// Opens an existing store for update.
    public init(opening reference: SourceReference) throws {
        isDatabase = reference.isDatabase
        dataset = try VectorDataset(updating: reference)
    }

    /// Creates a new GeoPackage at `path` holding `tables` (in `spatialReference` for those with geometry), made
    /// under a temporary name in the same folder and renamed into place; an existing file is an error.
    public static func createGeoPackage(at path: String, tables: [Table], spatialReference: SpatialReference?) throws {
        guard !FileManager.default.fileExists(atPath: path) else { throw GeoError(.cannotWrite, "\(path) already exists") }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw GeoError(.cannotWrite, "cannot make the folder \(folder.path) for \(url.lastPathComponent): \(error.localizedDescription)")
        }
        let prefix = ".\(url.lastPathComponent).new-"
        let staging = folder.appendingPathComponent(prefix + String(getpid())).path
        // What a process killed while making it left (its pid no longer runs) goes first.
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where name.hasPrefix(prefix) {
            if let pid = Int32(name.dropFirst(prefix.count)), pid == getpid() || (kill(pid, 0) != 0 && errno == ESRCH) {
                try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
            }
        }
        do {
            let writer = try VectorWriter(creating: staging, format: .geoPackage)
            for table in tables {
                _ = try writer.createLayer(named: table.name, geometry: table.geometry,
                                           spatialReference: table.geometry == .none ? nil : spatialReference, fields: table.fields,
                                           options: table.geometry == .none ? [:] : ["SPATIAL_INDEX": "YES"])
            }
            try writer.close()
            guard rename(staging, path) == 0 else {
                throw GeoError(.cannotWrite, "cannot move \(staging) to \(path): \(String(cString: strerror(errno)))")
            }
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw error
        }
    }

    public func tableExists(_ name: String) -> Bool { GDALDatasetGetLayerByName(dataset.handle, name) != nil }

    /// Creates a table in the store (inside or outside a transaction).
    public func createTable(_ table: Table, spatialReference: SpatialReference?) throws {
        let type: OGRwkbGeometryType
        switch table.geometry {
        case .polygon: type = wkbMultiPolygon
        case .line: type = wkbMultiLineString
        case .point: type = wkbPoint
        case .none: type = wkbNone
        case .unknown: type = wkbUnknown
        }
        let options = isDatabase ? ["LAUNDER": "NO"] : [:]
        guard let layer = GDALLibrary.withMutableOptionList(options, {
            GDALDatasetCreateLayer(dataset.handle, table.name, table.geometry == .none ? nil : spatialReference?.handle, type, $0)
        }) else {
            throw GeoError(.cannotWrite, "\(displayPath): cannot create table '\(table.name)'\(GDALLibrary.reasonSuffix())")
        }
        for field in table.fields { try addField(field, to: layer, table: table.name) }
    }

    /// Adds a field to an existing table (a schema migration).
    public func addField(_ field: FieldDefinition, to table: String) throws {
        try addField(field, to: layer(table), table: table)
    }

    private func addField(_ field: FieldDefinition, to layer: UnsafeMutableRawPointer, table: String) throws {
        guard field.create(in: layer, approximateOK: false) else {
            throw GeoError(.cannotWrite, "\(displayPath): cannot add field \(field.name) to table '\(table)'\(GDALLibrary.reasonSuffix())")
        }
    }

    private func layer(_ table: String) throws -> UnsafeMutableRawPointer {
        guard let h = GDALDatasetGetLayerByName(dataset.handle, table) else {
            throw GeoError(.missingLayer, "\(displayPath): no table '\(table)'; is this a forestmap case register?")
        }
        return h
    }

    /// The table's field names, in order.
    public func fieldNames(_ table: String) throws -> [String] {
        VectorLayer(dataset: dataset, handle: try layer(table)).fields.map(\.name)
    }

    /// The table's CRS; nil for a table without geometry.
    public func spatialReference(_ table: String) throws -> SpatialReference? {
        VectorLayer(dataset: dataset, handle: try layer(table)).spatialReference
    }

    /// Every row of a table as a dictionary by field name (absent: null), with its geometry, in the order stored.
    public func rows(_ table: String) throws -> [Record] {
        let layer = VectorLayer(dataset: dataset, handle: try layer(table))
        let names = layer.fields.map(\.name)
        var result: [Record] = []
        try layer.forEachFeature(throughGDAL: true) { f in
            var values: [String: FieldValue] = [:]
            for (name, value) in zip(names, f.values) where value != .null { values[name] = value }
            result.append(Record(values: values, geometry: f.geometry))
        }
        return result
    }

    /// Adds rows to a table, each value set on the field of its name (fields not named stay null).
    public func insert(_ records: [Record], into table: String) throws {
        let h = try layer(table)
        let defn = OGR_L_GetLayerDefn(h)
        for record in records {
            guard let f = OGR_F_Create(defn) else { throw GeoError(.library, "GDAL could not make a feature") }
            defer { OGR_F_Destroy(f) }
            for (name, value) in record.values {
                let i = OGR_F_GetFieldIndex(f, name)
                guard i >= 0 else { throw GeoError(.cannotWrite, "\(displayPath): table '\(table)' has no field \(name)") }
                switch value {
                case .null: OGR_F_SetFieldNull(f, i)
                case .integer(let v): OGR_F_SetFieldInteger64(f, i, v)
                case .real(let v): OGR_F_SetFieldDouble(f, i, v)
                case .string(let s): OGR_F_SetFieldString(f, i, s)
                }
            }
            if let wkb = record.geometry {
                var geometry: OGRGeometryH?
                let ok = wkb.bytes.withUnsafeBytes { OGR_G_CreateFromWkb($0.baseAddress, nil, &geometry, Int32($0.count)) } == OGRERR_NONE
                guard ok, let geometry else { throw GeoError(.cannotWrite, "\(displayPath): a geometry for table '\(table)' is not valid WKB") }
                let g = OGR_GT_Flatten(OGR_G_GetGeometryType(geometry)) == wkbPolygon ? OGR_G_ForceToMultiPolygon(geometry) : geometry
                OGR_F_SetGeometryDirectly(f, g)
            }
            guard OGR_L_CreateFeature(h, f) == OGRERR_NONE else {
                throw GeoError(.cannotWrite, "\(displayPath): cannot add a row to table '\(table)'\(GDALLibrary.reasonSuffix())")
            }
        }
    }

    /// Deletes the rows of a table whose text field `field` holds one of `values`.
    public func delete(from table: String, where field: String, in values: [String]) throws {
        _ = try layer(table)
        for start in stride(from: 0, to: values.count, by: 500) {
            let list = values[start..<min(values.count, start + 500)].map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" }
            try execute("DELETE FROM \(VectorWriter.quotedName(table)) WHERE \(VectorWriter.quotedName(field)) IN (\(list.joined(separator: ",")))")
        }
    }

    private func execute(_ sql: String) throws {
        CPLErrorReset()
        let result = GDALDatasetExecuteSQL(dataset.handle, sql, nil, nil)
        if let result { GDALDatasetReleaseResultSet(dataset.handle, result) }
        if CPLGetLastErrorType() == CE_Failure || CPLGetLastErrorType() == CE_Fatal {
            throw GeoError(.cannotWrite, "\(displayPath): \(sql.prefix(40))… failed\(GDALLibrary.reasonSuffix())")
        }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        precondition(!inTransaction, "RecordStore transactions do not nest")
        guard GDALDatasetStartTransaction(dataset.handle, 0) == OGRERR_NONE else {
            throw GeoError(.cannotWrite, "\(displayPath): cannot start a transaction\(GDALLibrary.reasonSuffix())")
        }
        inTransaction = true
        defer { inTransaction = false }
        let value: T
        do {
            value = try body()
        } catch {
            _ = GDALDatasetRollbackTransaction(dataset.handle)
            throw error
        }
        guard GDALDatasetCommitTransaction(dataset.handle) == OGRERR_NONE else {
            _ = GDALDatasetRollbackTransaction(dataset.handle)
            throw GeoError(.cannotWrite, "\(displayPath): the changes could not be committed (nothing was changed)\(GDALLibrary.reasonSuffix())")
        }
        return value
    }
}

/// One row of a `RecordStore` table: values by field name, and the geometry as ISO WKB.
public struct Record: Sendable, Hashable {
    public var values: [String: FieldValue]
    public var geometry: WKB?
    public init(values: [String: FieldValue] = [:], geometry: WKB? = nil) {
        self.values = values
        self.geometry = geometry
    }

    public subscript(_ field: String) -> FieldValue {
        get { values[field] ?? .null }
        set { values[field] = newValue }
    }

    /// A field's value as text ("" when null).
    public func text(_ field: String) -> String { values[field]?.text ?? "" }
}

@available(*, unavailable)
extension RecordStore: Sendable {}

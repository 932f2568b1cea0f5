import Foundation
internal import CGDAL

/// Output formats forestmap writes through GDAL.
public enum VectorFormat: String, Sendable, CaseIterable {
    case geoPackage, shapefile, kml, geoJSON, flatGeobuf, fileGeodatabase

    var driverName: String {
        switch self {
        case .geoPackage: return "GPKG"
        case .shapefile: return "ESRI Shapefile"
        case .kml: return "KML"
        case .geoJSON: return "GeoJSON"
        case .flatGeobuf: return "FlatGeobuf"
        case .fileGeodatabase: return "OpenFileGDB"
        }
    }

    /// Layer options every file of this format gets: Shapefiles are written in UTF-8 with a .cpg saying so.
    var defaultLayerOptions: [String: String] {
        switch self {
        case .shapefile: return ["ENCODING": "UTF-8"]
        default: return [:]
        }
    }
}

/// Creates a vector dataset and writes layers into it.
///
/// Deterministic: features are written in the order given (FlatGeobuf sorts them for its spatial index), and GeoPackage timestamps come from `timestamp`
/// (GDAL's `OGR_CURRENT_DATE`), so the same input gives the same bytes. Each layer is written inside one
/// transaction where the driver has them (GeoPackage, PostGIS). A GeoPackage layer with geometry gets its spatial
/// index (`rtree_<layer>_<geom>`, as GDAL makes it) packed in one pass when its features are written
/// (`GeoPackageRTree`) rather than by GDAL's row-by-row insertion at close.
public final class VectorWriter {
    let handle: UnsafeMutableRawPointer
    public let path: String
    let timestamp: String
    private var closed = false
    /// Whether the dataset is still open: its layers (`LayerWriter`) borrow its handle and must not be used after.
    var isOpen: Bool { !closed }

    /// Creates a new file (or .gdb folder) at `path`; an existing one is an error, never overwritten here.
    public init(creating path: String, format: VectorFormat, timestamp: String = "2000-01-01T00:00:00Z") throws {
        _ = GDALLibrary.ready
        guard !FileManager.default.fileExists(atPath: path) else {
            throw GeoError(.cannotWrite, "\(path) already exists")
        }
        guard let driver = GDALGetDriverByName(format.driverName) else {
            throw GeoError(.library, "this GDAL has no \(format.driverName) driver")
        }
        let created = GDALLibrary.withThreadConfig("OGR_CURRENT_DATE", timestamp) {
            GDALCreate(driver, path, 0, 0, 0, GDT_Unknown, nil)
        }
        guard let created else {
            throw GeoError(.cannotWrite, "cannot create \(path)\(GDALLibrary.reasonSuffix())")
        }
        handle = created
        self.path = path
        self.timestamp = timestamp
        layerOptions = format.defaultLayerOptions
        isGeoPackage = format == .geoPackage
    }

    /// Opens an existing dataset (a GeoPackage or a `PG:` database) to add layers to it.
    public init(appendingTo reference: SourceReference, timestamp: String = "2000-01-01T00:00:00Z") throws {
        _ = GDALLibrary.ready
        let flags = UInt32(GDAL_OF_VECTOR | GDAL_OF_UPDATE | GDAL_OF_VERBOSE_ERROR)
        guard let opened = GDALOpenEx(reference.path, flags, nil, nil, nil) else {
            throw GeoError(.cannotWrite, "cannot open \(reference.displayPath) for writing\(GDALLibrary.reasonSuffix())")
        }
        handle = opened
        path = reference.displayPath
        self.timestamp = timestamp
        layerOptions = [:]
        isGeoPackage = GDALGetDriverShortName(GDALGetDatasetDriver(opened)).map { String(cString: $0) } == "GPKG"
    }

    private let layerOptions: [String: String]
    let isGeoPackage: Bool

    /// GDAL's own SQLite connection to the GeoPackage being written (``GeoPackageInsert``); nil for other formats.
    var sqliteConnection: OpaquePointer? {
        guard isGeoPackage, let connection = GDALGetInternalHandle(handle, "SQLITE_HANDLE") else { return nil }
        return OpaquePointer(connection)
    }
    /// GeoPackage layers whose spatial index this writer makes and has not made yet, by layer name.
    var unindexed: [String: GeoPackageIndexTarget] = [:]

    deinit { if !closed { GDALClose(handle) } }

    /// Creates a layer with the given schema; `options` are GDAL layer creation options (e.g. `OVERWRITE=YES`).
    public func createLayer(named name: String, geometry: GeometryKind, spatialReference: SpatialReference?,
                            fields: [FieldDefinition], options: [String: String] = [:]) throws -> LayerWriter {
        let type: OGRwkbGeometryType
        switch geometry {
        case .polygon: type = wkbMultiPolygon
        case .line: type = wkbMultiLineString
        case .point: type = wkbPoint
        case .none: type = wkbNone
        case .unknown: type = wkbUnknown
        }
        var merged = layerOptions.merging(options) { $1 }
        // The spatial index is packed by this writer (see `GeoPackageRTree`) unless the caller set SPATIAL_INDEX.
        let packsIndex = isGeoPackage && geometry != .none && !merged.keys.contains { $0.uppercased() == "SPATIAL_INDEX" }
        if packsIndex { merged["SPATIAL_INDEX"] = "NO" }
        let layer = GDALLibrary.withMutableOptionList(merged) {
            GDALDatasetCreateLayer(handle, name, spatialReference?.handle, type, $0)
        }
        guard let layer else {
            throw GeoError(.cannotWrite, "\(path): cannot create layer '\(name)'\(GDALLibrary.reasonSuffix())")
        }
        var indices: [Int32] = []
        for field in fields {
            guard field.create(in: layer, approximateOK: true) else {
                throw GeoError(.cannotWrite, "\(path): cannot create field \(field.name) in layer '\(name)'\(GDALLibrary.reasonSuffix())")
            }
            // Some drivers have fields of their own (KML: Name, Description): a created field goes last.
            indices.append(OGR_FD_GetFieldCount(OGR_L_GetLayerDefn(layer)) - 1)
        }
        var target: GeoPackageIndexTarget?
        if packsIndex {
            let table = String(cString: OGR_L_GetName(layer)), geometryColumn = String(cString: OGR_L_GetGeometryColumn(layer))
            let fidColumn = String(cString: OGR_L_GetFIDColumn(layer))
            target = GeoPackageIndexTarget(table: table, geometryColumn: geometryColumn.isEmpty ? "geom" : geometryColumn,
                                           fidColumn: fidColumn.isEmpty ? "fid" : fidColumn)
            unindexed[table] = target
        }
        return LayerWriter(writer: self, handle: layer, name: name, fieldIndices: indices, forceMulti: geometry == .polygon,
                           indexTarget: target)
    }

    /// Flushes and closes the dataset; GeoPackage metadata gets `timestamp`.
    public func close() throws {
        guard !closed else { return }
        // A layer created and never written still gets its (empty) index, as GDAL would give it.
        // (Not a layer whose table a failed write rolled back.)
        for target in unindexed.values.sorted(by: { $0.table < $1.table }) where try tableExists(target.table) {
            try buildSpatialIndex(target, entries: [])
        }
        unindexed = [:]
        closed = true
        CPLErrorReset()
        GDALLibrary.withThreadConfig("OGR_CURRENT_DATE", timestamp) { GDALClose(handle) }
        if CPLGetLastErrorType() == CE_Failure || CPLGetLastErrorType() == CE_Fatal {
            throw GeoError(.cannotWrite, "\(path): closing failed\(GDALLibrary.reasonSuffix())")
        }
    }

    var supportsTransactions: Bool { GDALDatasetTestCapability(handle, ODsCTransactions) != 0 }

    /// Runs one SQL statement that returns no rows.
    func execute(_ sql: String) throws {
        CPLErrorReset()
        let result = GDALDatasetExecuteSQL(handle, sql, nil, nil)
        if let result { GDALDatasetReleaseResultSet(handle, result) }
        if CPLGetLastErrorType() == CE_Failure || CPLGetLastErrorType() == CE_Fatal {
            throw GeoError(.cannotWrite, "\(path): cannot write the spatial index\(GDALLibrary.reasonSuffix())")
        }
    }

    /// The first column of the first row of a query as text, nil when there is no row or it is null.
    func text(_ sql: String) throws -> String? {
        CPLErrorReset()
        guard let result = GDALDatasetExecuteSQL(handle, sql, nil, nil) else {
            throw GeoError(.cannotWrite, "\(path): cannot query '\(sql.prefix(60))'\(GDALLibrary.reasonSuffix())")
        }
        defer { GDALDatasetReleaseResultSet(handle, result) }
        guard let feature = OGR_L_GetNextFeature(result) else { return nil }
        defer { OGR_F_Destroy(feature) }
        guard OGR_F_IsFieldSetAndNotNull(feature, 0) != 0, let value = OGR_F_GetFieldAsString(feature, 0) else { return nil }
        return String(cString: value)
    }

    func tableExists(_ table: String) throws -> Bool {
        try integer("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '\(table.replacingOccurrences(of: "'", with: "''"))'") == 1
    }

    /// The first column of the first row of a query as an integer.
    func integer(_ sql: String) throws -> Int? { try text(sql).flatMap { Int($0) } }

    /// Inserts rows given as SQL value tuples, `chunk` rows a statement.
    private func insertRows<S: Collection>(_ table: String, _ columns: String, _ rows: S, chunk: Int, _ row: (S.Element) -> String) throws {
        var start = rows.startIndex
        while start != rows.endIndex {
            let end = rows.index(start, offsetBy: chunk, limitedBy: rows.endIndex) ?? rows.endIndex
            try execute("INSERT INTO \(Self.quotedName(table)) (\(columns)) VALUES " + rows[start..<end].map(row).joined(separator: ","))
            start = end
        }
    }

    /// Inserts (key, node) pairs of an R*Tree's `_rowid` or `_parent` table; nodes are numbered below 2²⁴.
    private func insertPairs(_ table: String, _ columns: String, _ pairs: [(Int64, Int64)]) throws {
        let chunk = 50_000
        for start in stride(from: 0, to: pairs.count, by: chunk) {
            var json = "["
            for (k, (key, node)) in pairs[start..<min(pairs.count, start + chunk)].enumerated() {
                precondition(node < 1 << 24 && key < 1 << 39)
                if k > 0 { json += "," }
                json += String(key << 24 | node)
            }
            json += "]"
            try execute("INSERT INTO \(Self.quotedName(table)) (\(columns)) SELECT value >> 24, value & 16777215 FROM json_each('\(json)')")
        }
    }

    static func quotedName(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// Makes the spatial index of a GeoPackage layer as GDAL 3.6 makes it (R*Tree virtual table, the six triggers
    /// that keep it up to date, the `gpkg_rtree_index` extension row), its tree packed from `entries`.
    func buildSpatialIndex(_ target: GeoPackageIndexTarget, entries: [GeoPackageRTree.Entry]) throws {
        unindexed[target.table] = nil
        // GDAL stamps gpkg_contents when SQL runs: with `timestamp`, as at close.
        try GDALLibrary.withThreadConfig("OGR_CURRENT_DATE", timestamp) { try packIndex(target, entries: entries) }
    }

    private func packIndex(_ target: GeoPackageIndexTarget, entries: [GeoPackageRTree.Entry]) throws {
        func name(_ s: String) -> String { Self.quotedName(s) }
        func quoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "''") + "'" }
        let rtree = "rtree_\(target.table)_\(target.geometryColumn)"
        let t = name(target.table), g = name(target.geometryColumn), fid = name(target.fidColumn), r = name(rtree)
        try execute("CREATE VIRTUAL TABLE \(r) USING rtree(id, minx, maxx, miny, maxy)")
        guard let size = try integer("SELECT length(data) FROM \(name(rtree + "_node")) WHERE nodeno = 1"), size > 4 + 2 * 24 else {
            throw GeoError(.cannotWrite, "\(path): the spatial index of layer '\(target.table)' has no root node")
        }
        let tree = GeoPackageRTree(entries, capacity: GeoPackageRTree.capacity(nodeSize: size))
        let hex = Array("0123456789ABCDEF".utf8)
        func literal(_ bytes: [UInt8]) -> String {
            var out = [UInt8](repeating: 0, count: bytes.count * 2 + 3)
            out[0] = UInt8(ascii: "X"); out[1] = UInt8(ascii: "'"); out[out.count - 1] = UInt8(ascii: "'")
            for (k, b) in bytes.enumerated() { out[2 + 2 * k] = hex[Int(b >> 4)]; out[3 + 2 * k] = hex[Int(b & 0xF)] }
            return String(decoding: out, as: UTF8.self)
        }
        try execute("UPDATE \(name(rtree + "_node")) SET data = \(literal(tree.blob(tree.nodes[0], size: size))) WHERE nodeno = 1")
        try insertRows(rtree + "_node", "nodeno, data", tree.nodes.dropFirst(), chunk: 64) { "(\($0.number),\(literal(tree.blob($0, size: size))))" }
        // (id, node) pairs travel as one JSON array of id × 2²⁴ + node: SQLite reads JSON far faster than VALUES rows.
        try insertPairs(rtree + "_rowid", "rowid, nodeno", tree.leafOf.map { ($0.id, $0.node) }.sorted { $0.0 < $1.0 })
        try insertPairs(rtree + "_parent", "nodeno, parentnode", tree.parentOf.map { ($0.node, $0.parent) })
        // The triggers, word for word as GDAL 3.6 writes them.
        let values = "VALUES (NEW.\(fid),ST_MinX(NEW.\(g)), ST_MaxX(NEW.\(g)),ST_MinY(NEW.\(g)), ST_MaxY(NEW.\(g)))"
        let triggers = [
            "CREATE TRIGGER \(name(rtree + "_insert")) AFTER INSERT ON \(t) WHEN (new.\(g) NOT NULL AND NOT ST_IsEmpty(NEW.\(g))) BEGIN INSERT OR REPLACE INTO \(r) \(values); END",
            "CREATE TRIGGER \(name(rtree + "_update1")) AFTER UPDATE OF \(g) ON \(t) WHEN OLD.\(fid) = NEW.\(fid) AND (NEW.\(g) NOTNULL AND NOT ST_IsEmpty(NEW.\(g))) BEGIN INSERT OR REPLACE INTO \(r) \(values); END",
            "CREATE TRIGGER \(name(rtree + "_update2")) AFTER UPDATE OF \(g) ON \(t) WHEN OLD.\(fid) = NEW.\(fid) AND (NEW.\(g) ISNULL OR ST_IsEmpty(NEW.\(g))) BEGIN DELETE FROM \(r) WHERE id = OLD.\(fid); END",
            "CREATE TRIGGER \(name(rtree + "_update3")) AFTER UPDATE ON \(t) WHEN OLD.\(fid) != NEW.\(fid) AND (NEW.\(g) NOTNULL AND NOT ST_IsEmpty(NEW.\(g))) BEGIN DELETE FROM \(r) WHERE id = OLD.\(fid); INSERT OR REPLACE INTO \(r) \(values); END",
            "CREATE TRIGGER \(name(rtree + "_update4")) AFTER UPDATE ON \(t) WHEN OLD.\(fid) != NEW.\(fid) AND (NEW.\(g) ISNULL OR ST_IsEmpty(NEW.\(g))) BEGIN DELETE FROM \(r) WHERE id IN (OLD.\(fid), NEW.\(fid)); END",
            "CREATE TRIGGER \(name(rtree + "_delete")) AFTER DELETE ON \(t) WHEN old.\(g) NOT NULL BEGIN DELETE FROM \(r) WHERE id = OLD.\(fid); END",
        ]
        for trigger in triggers { try execute(trigger) }
        if try integer("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'gpkg_extensions'") == 0 {
            try execute("CREATE TABLE gpkg_extensions (table_name TEXT,column_name TEXT,extension_name TEXT NOT NULL,definition TEXT NOT NULL,scope TEXT NOT NULL,CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name))")
        }
        try execute("INSERT INTO gpkg_extensions (table_name,column_name,extension_name,definition,scope) VALUES (\(quoted(target.table)), \(quoted(target.geometryColumn)), 'gpkg_rtree_index', 'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')")
    }
}

/// The names a GeoPackage spatial index is made from.
struct GeoPackageIndexTarget {
    var table: String
    var geometryColumn: String
    var fidColumn: String
}

@available(*, unavailable)
extension VectorWriter: Sendable {}

/// Writes features into one layer of a `VectorWriter`.
public final class LayerWriter {
    let writer: VectorWriter
    let handle: UnsafeMutableRawPointer
    public let name: String
    /// The layer's index of each field given to `createLayer`, in order.
    let fieldIndices: [Int32]
    /// Polygon layers are declared MultiPolygon; single polygons are promoted so files conform (GeoPackage).
    let forceMulti: Bool

    /// Set when this writer packs the layer's GeoPackage spatial index after the first `write`.
    let indexTarget: GeoPackageIndexTarget?
    /// Whether a write went straight to SQLite (``GeoPackageInsert``) rather than through GDAL's features.
    private(set) var wroteDirectly = false

    init(writer: VectorWriter, handle: UnsafeMutableRawPointer, name: String, fieldIndices: [Int32], forceMulti: Bool,
         indexTarget: GeoPackageIndexTarget? = nil) {
        self.writer = writer
        self.handle = handle
        self.name = name
        self.fieldIndices = fieldIndices
        self.forceMulti = forceMulti
        self.indexTarget = indexTarget
    }

    /// The layer's handle belongs to the dataset, freed by `close()`: writing after it would use freed memory.
    private func checkOpen() throws {
        guard writer.isOpen else { throw GeoError(.cannotWrite, "\(writer.path): layer '\(name)' written after the file was closed") }
    }

    /// Writes the features in order, in one transaction where the format has them. Values are matched to the
    /// layer's fields by position.
    ///
    /// A new GeoPackage layer's first write of what ``GeoPackageInsert`` writes goes straight to SQLite (it needs
    /// them all at hand: hence an array); anything else goes through GDAL's features as `write(streaming:)`.
    public func write(_ features: [Feature]) throws {
        try checkOpen()
        // The index is packed after the first write; later writes are kept in it by its triggers.
        if let indexing = indexTarget.flatMap({ writer.unindexed[$0.table] }), let (insert, boxes) = directInsert(features, into: indexing) {
            try inTransaction {
                try insert.insert(features, boxes: boxes, path: writer.path, layer: name)
                try writer.buildSpatialIndex(indexing, entries: insert.entries(boxes))
            }
            wroteDirectly = true
            return
        }
        try write(streaming: features)
    }

    /// Writes the features in order through GDAL's features, never holding them all: two threads share the work,
    /// this one builds GDAL features from the values and WKB, a second one inserts them into the layer in the same
    /// order (the insertion, SQLite's work for a GeoPackage, is the larger part).
    public func write(streaming features: some Sequence<Feature>) throws {
        try checkOpen()
        let indexing = indexTarget.flatMap { writer.unindexed[$0.table] }
        try inTransaction {
            let inserter = FeatureInserter(layer: handle, path: writer.path, name: name, collectsBoxes: indexing != nil)
            let done = DispatchSemaphore(value: 0)
            Thread.detachNewThread { inserter.run(); done.signal() }
            var produced: Error?
            do { try build(features, into: inserter, boxes: indexing != nil) } catch { produced = error }
            inserter.finish()
            done.wait()
            if let error = inserter.error ?? produced { throw error }
            if let indexing { try writer.buildSpatialIndex(indexing, entries: inserter.entries) }
        }
    }

    /// Runs `body` in one transaction where the format has them: committed when it returns, rolled back when it throws.
    private func inTransaction(_ body: () throws -> Void) throws {
        let transactional = writer.supportsTransactions
        if transactional, GDALDatasetStartTransaction(writer.handle, 0) != OGRERR_NONE {
            throw GeoError(.cannotWrite, "\(writer.path): cannot start a transaction for layer '\(name)'\(GDALLibrary.reasonSuffix())")
        }
        do {
            try body()
            if transactional, GDALDatasetCommitTransaction(writer.handle) != OGRERR_NONE {
                throw GeoError(.cannotWrite, "\(writer.path): cannot commit layer '\(name)'\(GDALLibrary.reasonSuffix())")
            }
        } catch {
            if transactional { _ = GDALDatasetRollbackTransaction(writer.handle) }
            throw error
        }
    }

    /// The direct insertion of `features` into this layer, when the layer is the writer's own new GeoPackage table
    /// (its deferred creation run now), its fields are text, integer and real, and the features are what
    /// ``GeoPackageInsert`` writes (with their boxes); nil otherwise.
    private func directInsert(_ features: [Feature], into target: GeoPackageIndexTarget) -> (GeoPackageInsert, [Envelope])? {
        guard let db = writer.sqliteConnection, let defn = OGR_L_GetLayerDefn(handle) else { return nil }
        var columns: [String] = [], types: [FieldType] = []
        for index in fieldIndices {
            guard let field = OGR_FD_GetFieldDefn(defn, index), OGR_Fld_GetSubType(field) == OFSTNone else { return nil }
            switch OGR_Fld_GetType(field) {
            case OFTString: types.append(.string)
            case OFTInteger: types.append(.integer)
            case OFTInteger64: types.append(.integer64)
            case OFTReal: types.append(.real)
            default: return nil
            }
            columns.append(String(cString: OGR_Fld_GetNameRef(field)))
        }
        let insert = GeoPackageInsert(db: db, table: target.table, fidColumn: target.fidColumn, geometryColumn: target.geometryColumn,
                                      columns: columns, types: types, multi: forceMulti)
        // The layer's creation stamps gpkg_contents: with the writer's timestamp, as at close.
        guard let boxes = insert.boxes(of: features),
              GDALLibrary.withThreadConfig("OGR_CURRENT_DATE", writer.timestamp, { OGR_L_SyncToDisk(handle) }) == OGRERR_NONE else { return nil }
        return (insert, boxes)
    }

    /// Builds the GDAL features and hands them to `inserter` in batches; stops when the inserter has failed.
    private func build(_ features: some Sequence<Feature>, into inserter: FeatureInserter, boxes: Bool) throws {
        let defn = OGR_L_GetLayerDefn(handle)
        var batch: [FeatureInserter.Item] = []
        batch.reserveCapacity(FeatureInserter.batchSize)
        defer { batch.forEach { OGR_F_Destroy($0.feature) } }
        for (n, feature) in features.enumerated() {
            guard let f = OGR_F_Create(defn) else { throw GeoError(.library, "cannot allocate a feature") }
            var item = FeatureInserter.Item(feature: f, box: nil)
            batch.append(item)
            for (value, index) in zip(feature.values, fieldIndices) {
                switch value {
                case .null: OGR_F_SetFieldNull(f, index)
                case .integer(let v): OGR_F_SetFieldInteger64(f, index, v)
                case .real(let v): if v.isFinite { OGR_F_SetFieldDouble(f, index, v) } else { OGR_F_SetFieldNull(f, index) }
                case .string(let s): s.withCString { OGR_F_SetFieldString(f, index, $0) }
                }
            }
            if let wkb = feature.geometry {
                var g: OGRGeometryH?
                let err = wkb.bytes.withUnsafeBytes { OGR_G_CreateFromWkb($0.baseAddress, nil, &g, Int32($0.count)) }
                guard err == OGRERR_NONE, let g else {
                    throw GeoError(.badGeometry, "\(writer.path): feature \(n + 1) of layer '\(name)' has an unreadable geometry")
                }
                let geometry = forceMulti ? OGR_G_ForceToMultiPolygon(g) : g
                OGR_F_SetGeometryDirectly(f, geometry)
                if boxes, let geometry, OGR_G_IsEmpty(geometry) == 0 {
                    var box = OGREnvelope()
                    OGR_G_GetEnvelope(geometry, &box)
                    item.box = box
                    batch[batch.count - 1] = item
                }
            }
            if batch.count == FeatureInserter.batchSize {
                let full = batch
                batch = []
                batch.reserveCapacity(FeatureInserter.batchSize)
                guard inserter.put(full) else { return }
            }
        }
        if !batch.isEmpty {
            let last = batch
            batch = []
            _ = inserter.put(last)
        }
    }
}

/// Inserts features into a layer on its own thread, in the order they are handed over, and destroys them.
/// Keeps the R*Tree entry (FID and box) of each inserted feature that has a box, and the first error.
private final class FeatureInserter: @unchecked Sendable {
    struct Item {
        var feature: OGRFeatureH
        var box: OGREnvelope?
    }

    static let batchSize = 256
    /// Batches waiting at most: bounds the memory held between the two threads.
    private static let queued = 16

    private let layer: UnsafeMutableRawPointer
    private let path: String, name: String
    private let collectsBoxes: Bool
    private let condition = NSCondition()
    private var batches: [[Item]] = []
    private var finished = false
    private(set) var failed = false
    /// Read after the thread has ended.
    private(set) var error: Error?
    private(set) var entries: [GeoPackageRTree.Entry] = []

    init(layer: UnsafeMutableRawPointer, path: String, name: String, collectsBoxes: Bool) {
        self.layer = layer
        self.path = path
        self.name = name
        self.collectsBoxes = collectsBoxes
    }

    /// Hands a batch over, waiting while many are queued; false (and the batch destroyed) once insertion failed.
    func put(_ batch: [Item]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= Self.queued && !failed { condition.wait() }
        guard !failed else {
            batch.forEach { OGR_F_Destroy($0.feature) }
            return false
        }
        batches.append(batch)
        condition.broadcast()
        return true
    }

    /// No more batches.
    func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    private func take() -> [Item]? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && !finished { condition.wait() }
        guard !batches.isEmpty else { return nil }
        condition.broadcast()
        return batches.removeFirst()
    }

    private func fail(_ error: Error) {
        condition.lock()
        self.error = error
        failed = true
        condition.broadcast()
        condition.unlock()
    }

    /// The inserting thread: GDAL's errors are read here, where GDAL records them.
    func run() {
        var n = 0
        while let batch = take() {
            for item in batch {
                n += 1
                if error == nil {
                    if OGR_L_CreateFeature(layer, item.feature) != OGRERR_NONE {
                        fail(GeoError(.cannotWrite, "\(path): cannot write feature \(n) of layer '\(name)'\(GDALLibrary.reasonSuffix())"))
                    } else if collectsBoxes, let box = item.box {
                        entries.append(GeoPackageRTree.Entry(id: OGR_F_GetFID(item.feature), minX: box.MinX, maxX: box.MaxX,
                                                             minY: box.MinY, maxY: box.MaxY))
                    }
                }
                OGR_F_Destroy(item.feature)
            }
        }
    }
}

@available(*, unavailable)
extension LayerWriter: Sendable {}

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
/// transaction where the driver has them (GeoPackage, PostGIS).
public final class VectorWriter {
    let handle: UnsafeMutableRawPointer
    public let path: String
    let timestamp: String
    private var closed = false

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
    }

    private let layerOptions: [String: String]

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
        let merged = layerOptions.merging(options) { $1 }
        let layer = GDALLibrary.withMutableOptionList(merged) {
            GDALDatasetCreateLayer(handle, name, spatialReference?.handle, type, $0)
        }
        guard let layer else {
            throw GeoError(.cannotWrite, "\(path): cannot create layer '\(name)'\(GDALLibrary.reasonSuffix())")
        }
        var indices: [Int32] = []
        for field in fields {
            let defn = OGR_Fld_Create(field.name, field.type.ogr)
            defer { OGR_Fld_Destroy(defn) }
            OGR_Fld_SetWidth(defn, Int32(field.width))
            OGR_Fld_SetPrecision(defn, Int32(field.precision))
            guard OGR_L_CreateField(layer, defn, 1) == OGRERR_NONE else {
                throw GeoError(.cannotWrite, "\(path): cannot create field \(field.name) in layer '\(name)'\(GDALLibrary.reasonSuffix())")
            }
            // Some drivers have fields of their own (KML: Name, Description): a created field goes last.
            indices.append(OGR_FD_GetFieldCount(OGR_L_GetLayerDefn(layer)) - 1)
        }
        return LayerWriter(writer: self, handle: layer, name: name, fieldIndices: indices, forceMulti: geometry == .polygon)
    }

    /// Flushes and closes the dataset; GeoPackage metadata gets `timestamp`.
    public func close() throws {
        guard !closed else { return }
        closed = true
        CPLErrorReset()
        GDALLibrary.withThreadConfig("OGR_CURRENT_DATE", timestamp) { GDALClose(handle) }
        if CPLGetLastErrorType() == CE_Failure || CPLGetLastErrorType() == CE_Fatal {
            throw GeoError(.cannotWrite, "\(path): closing failed\(GDALLibrary.reasonSuffix())")
        }
    }

    var supportsTransactions: Bool { GDALDatasetTestCapability(handle, ODsCTransactions) != 0 }
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

    init(writer: VectorWriter, handle: UnsafeMutableRawPointer, name: String, fieldIndices: [Int32], forceMulti: Bool) {
        self.writer = writer
        self.handle = handle
        self.name = name
        self.fieldIndices = fieldIndices
        self.forceMulti = forceMulti
    }

    /// Writes the features in order, in one transaction where the format has them. Values are matched to the
    /// layer's fields by position.
    public func write(_ features: some Sequence<Feature>) throws {
        let transactional = writer.supportsTransactions
        if transactional, GDALDatasetStartTransaction(writer.handle, 0) != OGRERR_NONE {
            throw GeoError(.cannotWrite, "\(writer.path): cannot start a transaction for layer '\(name)'\(GDALLibrary.reasonSuffix())")
        }
        do {
            let defn = OGR_L_GetLayerDefn(handle)
            for (n, feature) in features.enumerated() {
                guard let f = OGR_F_Create(defn) else { throw GeoError(.library, "cannot allocate a feature") }
                defer { OGR_F_Destroy(f) }
                for (value, index) in zip(feature.values, fieldIndices) {
                    switch value {
                    case .null: OGR_F_SetFieldNull(f, index)
                    case .integer(let v): OGR_F_SetFieldInteger64(f, index, v)
                    case .real(let v): if v.isFinite { OGR_F_SetFieldDouble(f, index, v) } else { OGR_F_SetFieldNull(f, index) }
                    case .string(let s): OGR_F_SetFieldString(f, index, s)
                    }
                }
                if let wkb = feature.geometry {
                    var g: OGRGeometryH?
                    let err = wkb.bytes.withUnsafeBytes { OGR_G_CreateFromWkb($0.baseAddress, nil, &g, Int32($0.count)) }
                    guard err == OGRERR_NONE, let g else {
                        throw GeoError(.badGeometry, "\(writer.path): feature \(n + 1) of layer '\(name)' has an unreadable geometry")
                    }
                    OGR_F_SetGeometryDirectly(f, forceMulti ? OGR_G_ForceToMultiPolygon(g) : g)
                }
                guard OGR_L_CreateFeature(handle, f) == OGRERR_NONE else {
                    throw GeoError(.cannotWrite, "\(writer.path): cannot write feature \(n + 1) of layer '\(name)'\(GDALLibrary.reasonSuffix())")
                }
            }
            if transactional, GDALDatasetCommitTransaction(writer.handle) != OGRERR_NONE {
                throw GeoError(.cannotWrite, "\(writer.path): cannot commit layer '\(name)'\(GDALLibrary.reasonSuffix())")
            }
        } catch {
            if transactional { _ = GDALDatasetRollbackTransaction(writer.handle) }
            throw error
        }
    }
}

@available(*, unavailable)
extension LayerWriter: Sendable {}

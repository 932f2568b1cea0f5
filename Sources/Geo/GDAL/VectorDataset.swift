import Foundation
internal import CGDAL

/// An open vector dataset (an owned `GDALDatasetH`, closed once in `deinit`). Layers borrow it and keep it alive.
/// Used by one task at a time: not `Sendable`.
public final class VectorDataset {
    let handle: UnsafeMutableRawPointer
    /// The path or connection string it was opened from (passwords masked), for messages.
    public let displayPath: String
    /// The path GDAL opened (a file, `/vsi...` or a connection string).
    let path: String

    /// Opens `path` read-only. `openOptions` are GDAL open options (e.g. `ENCODING=CP936` for a Shapefile).
    /// Shapefiles without a .cpg get their encoding detected first (`ShapefileEncoding`), unless the caller
    /// names one.
    public convenience init(reading reference: SourceReference, openOptions: [String: String] = [:]) throws {
        try self.init(path: reference.path, displayPath: reference.displayPath, isDatabase: reference.isDatabase,
                      flags: UInt32(GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR),
                      openOptions: try Self.readingOptions(for: reference, given: openOptions))
    }

    /// Opens a layer source read-only, a Shapefile's text read in `encoding` (a GDAL encoding name, e.g. `CP936`)
    /// when one is given, else in the encoding its .cpg names or `ShapefileEncoding` detects.
    public convenience init(reading reference: SourceReference, encoding: String?) throws {
        try self.init(reading: reference, openOptions: encoding.map { ["ENCODING": $0] } ?? [:])
    }

    /// Opens `path` for update (appending layers to a GeoPackage or a PostGIS database).
    public convenience init(updating reference: SourceReference) throws {
        try self.init(path: reference.path, displayPath: reference.displayPath, isDatabase: reference.isDatabase,
                      flags: UInt32(GDAL_OF_VECTOR | GDAL_OF_UPDATE | GDAL_OF_VERBOSE_ERROR), openOptions: [:])
    }

    private init(path: String, displayPath: String, isDatabase: Bool, flags: UInt32, openOptions: [String: String]) throws {
        _ = GDALLibrary.ready
        self.displayPath = displayPath
        self.path = path
        if !isDatabase, !path.hasPrefix("/vsi"), !FileManager.default.fileExists(atPath: path) {
            throw GeoError(.notFound, "\(displayPath): no such file or folder; check the path")
        }
        if !isDatabase, !path.hasPrefix("/vsi"), let kind = FileKind.unreadableKind(path) {
            throw GeoError(.notADataset, "\(displayPath): is \(kind), not a file or folder forestmap can read; give the layer's file")
        }
        CPLErrorReset()   // the reason read on failure must be this open's
        let opened = GDALLibrary.withOptionList(openOptions) { options in
            GDALOpenEx(path, flags, nil, options, nil)
        }
        guard let opened else {
            let reason = GDALLibrary.reasonSuffix()
            if isDatabase {
                throw GeoError(.notADataset, "\(displayPath): cannot connect to the database\(reason)")
            }
            throw GeoError(.notADataset, "\(displayPath): not a vector dataset GDAL can read (GeoPackage, .gdb, Shapefile, GeoJSON, FlatGeobuf, CSV, XLSX or PG:)\(reason)")
        }
        handle = opened
    }

    deinit { GDALClose(handle) }

    /// The GDAL driver's short name, e.g. "GPKG", "OpenFileGDB", "ESRI Shapefile", "PostgreSQL".
    public var driverName: String {
        GDALGetDatasetDriver(handle).flatMap { GDALGetDriverShortName($0) }.map { String(cString: $0) } ?? ""
    }

    public var layerNames: [String] {
        (0..<GDALDatasetGetLayerCount(handle)).compactMap { i in
            GDALDatasetGetLayer(handle, i).flatMap { OGR_L_GetName($0) }.map { String(cString: $0) }
        }
    }

    /// The named layer, or the only one when `name` is nil. Errors list the layers there are.
    public func layer(named name: String?) throws -> VectorLayer {
        let names = layerNames
        if let name {
            guard let h = GDALDatasetGetLayerByName(handle, name) else {
                throw GeoError(.missingLayer, "\(displayPath): no layer '\(name)'; layers: \(Self.list(names))")
            }
            return VectorLayer(dataset: self, handle: h)
        }
        guard names.count == 1, let h = GDALDatasetGetLayer(handle, 0) else {
            if names.isEmpty { throw GeoError(.missingLayer, "\(displayPath): has no layers") }
            throw GeoError(.missingLayer, "\(displayPath) has \(names.count) layers (\(Self.list(names))): name one as \(displayPath)|layername=NAME")
        }
        return VectorLayer(dataset: self, handle: h)
    }

    private static func list(_ names: [String]) -> String {
        names.isEmpty ? "none" : names.prefix(20).joined(separator: ", ") + (names.count > 20 ? ", …" : "")
    }

    private static func readingOptions(for reference: SourceReference, given: [String: String]) throws -> [String: String] {
        var options = given
        if options["ENCODING"] == nil, let encoding = try ShapefileEncoding.detect(path: reference.path) {
            options["ENCODING"] = encoding
        }
        return options
    }
}

@available(*, unavailable)
extension VectorDataset: Sendable {}

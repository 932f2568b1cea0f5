import Foundation
internal import CGDAL

/// One layer of an open dataset. Borrows its `OGRLayerH` from the dataset and keeps the dataset alive.
public final class VectorLayer {
    let dataset: VectorDataset
    let handle: UnsafeMutableRawPointer

    /// The layer's name.
    public let name: String
    /// The attribute fields, in order; `Feature.values` follows the same order.
    public let fields: [FieldDefinition]
    /// The layer's CRS (a copy, in traditional GIS axis order); nil when the source has none.
    public let spatialReference: SpatialReference?
    /// What the last `forEachFeature` found in its text values: GBK decoded, or a value neither UTF-8 nor GBK.
    public private(set) var textReport = FieldTextReport()

    init(dataset: VectorDataset, handle: UnsafeMutableRawPointer) {
        self.dataset = dataset
        self.handle = handle
        name = OGR_L_GetName(handle).map { String(cString: $0) } ?? ""
        let defn = OGR_L_GetLayerDefn(handle)
        fields = (0..<OGR_FD_GetFieldCount(defn)).map { i in
            let f = OGR_FD_GetFieldDefn(defn, i)
            return FieldDefinition(String(cString: OGR_Fld_GetNameRef(f)), FieldType(ogr: OGR_Fld_GetType(f)),
                                   width: Int(OGR_Fld_GetWidth(f)), precision: Int(OGR_Fld_GetPrecision(f)))
        }
        spatialReference = OGR_L_GetSpatialRef(handle).flatMap { SpatialReference.copying($0) }
    }

    /// "file.gpkg|layername=xiaoban" for messages.
    public var label: String { "\(dataset.displayPath)|layername=\(name)" }

    /// The index of a field by name (exact first, then case-insensitive, as Shapefile and PostGIS names vary).
    public func fieldIndex(_ fieldName: String) -> Int? {
        fields.firstIndex { $0.name == fieldName } ?? fields.firstIndex { $0.name.caseInsensitiveCompare(fieldName) == .orderedSame }
    }

    /// Whether the layer's declared geometry type is polygonal (Polygon, MultiPolygon, their curve forms), or
    /// unknown (declared "Geometry", as in GeoJSON and CSV).
    public var geometryKind: GeometryKind {
        let type = OGR_GT_Flatten(OGR_L_GetGeomType(handle))
        switch type {
        case wkbPolygon, wkbMultiPolygon, wkbCurvePolygon, wkbMultiSurface: return .polygon
        case wkbPoint, wkbMultiPoint: return .point
        case wkbLineString, wkbMultiLineString, wkbCompoundCurve, wkbMultiCurve: return .line
        case wkbNone: return .none
        default: return .unknown
        }
    }

    /// The number of features (may scan the layer for formats without a count).
    public var featureCount: Int { Int(OGR_L_GetFeatureCount(handle, 1)) }

    /// The bounding box of the layer, or nil when it is empty.
    public var extent: Envelope? {
        var e = OGREnvelope()
        guard OGR_L_GetExtent(handle, &e, 1) == OGRERR_NONE else { return nil }
        return Envelope(minX: e.MinX, minY: e.MinY, maxX: e.MaxX, maxY: e.MaxY)
    }

    /// Streams every feature in the source's order, copying attributes and geometry (ISO WKB, curves made
    /// linear) into `Feature` values before the GDAL feature is destroyed. With `reading`, only those fields (by
    /// index) are read and copied: the driver is told to skip the others (GeoPackage then selects fewer
    /// columns), whose values stay `.null`; `Feature.values` keeps the layer's field order either way.
    ///
    /// GeoPackage tables are read straight from SQLite (`GeoPackageRows`: the same features, several times
    /// faster).
    public func forEachFeature(reading selected: Set<Int>? = nil, _ body: (Feature) throws -> Void) throws {
        try forEachFeature(reading: selected, throughGDAL: false, body)
    }

    /// `forEachFeature` with the reading path chosen: `throughGDAL` reads a GeoPackage through GDAL's feature API,
    /// as the benchmark's read floor and the tests that compare both paths do; not for the domain.
    package func forEachFeature(reading selected: Set<Int>? = nil, throughGDAL: Bool, _ body: (Feature) throws -> Void) throws {
        let read = selected.map { s in fields.indices.map { s.contains($0) } } ?? Array(repeating: true, count: fields.count)
        if !throughGDAL, let rows = GeoPackageRows.open(
            path: dataset.path, driver: dataset.driverName, table: name,
            fidColumn: OGR_L_GetFIDColumn(handle).map { String(cString: $0) } ?? "",
            geometryColumn: OGR_L_GetGeometryColumn(handle).map { String(cString: $0) } ?? "",
            fields: fields, read: read) {
            var decoder = FieldTextDecoder()
            defer { textReport = decoder.report }
            return try rows.forEach(label: label, decoder: &decoder, otherBlob: geometryThroughGDAL(fid:), body)
        }
        OGR_L_ResetReading(handle)
        CPLErrorReset()
        let types = fields.map(\.type)
        let ignored = fields.indices.filter { !read[$0] }.map { fields[$0].name }
        if !ignored.isEmpty { setIgnoredFields(ignored) }
        defer { if !ignored.isEmpty { OGR_L_SetIgnoredFields(handle, nil) } }
        var decoder = FieldTextDecoder()
        defer { textReport = decoder.report }
        let names = fields.map(\.name)
        while let f = OGR_L_GetNextFeature(handle) {
            defer { OGR_F_Destroy(f) }
            try body(Self.copy(f, types: types, read: read, names: names, decoder: &decoder))
        }
        let severity = CPLGetLastErrorType()  // read before takeLastError() resets it
        if let reason = GDALLibrary.takeLastError(), severity == CE_Failure || severity == CE_Fatal {
            throw GeoError(.notADataset, "\(label): reading stopped: \(reason)")
        }
    }

    /// One feature's geometry read by GDAL's feature API (for a blob `GeoPackageRows` does not decode); nil when
    /// GDAL gives none.
    private func geometryThroughGDAL(fid: Int64) -> WKB? {
        guard let f = OGR_L_GetFeature(handle, fid) else { return nil }
        defer { OGR_F_Destroy(f) }
        return OGR_F_GetGeometryRef(f).flatMap(Self.wkb(of:))
    }

    private func setIgnoredFields(_ names: [String]) {
        var pointers = names.map { strdup($0) }
        pointers.append(nil)
        defer { pointers.forEach { free($0) } }
        pointers.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: buffer.count) {
                _ = OGR_L_SetIgnoredFields(handle, $0)
            }
        }
    }

    /// Every feature, in the source's order.
    public func readAll() throws -> [Feature] {
        var result: [Feature] = []
        result.reserveCapacity(max(0, featureCount))
        try forEachFeature { result.append($0) }
        return result
    }

    private static func copy(_ f: UnsafeMutableRawPointer, types: [FieldType], read: [Bool], names: [String], decoder: inout FieldTextDecoder) -> Feature {
        let fid = OGR_F_GetFID(f)
        var values: [FieldValue] = []
        values.reserveCapacity(types.count)
        for (i, type) in types.enumerated() {
            let index = Int32(i)
            guard read[i], OGR_F_IsFieldSetAndNotNull(f, index) != 0 else { values.append(.null); continue }
            switch type {
            case .integer, .integer64: values.append(.integer(OGR_F_GetFieldAsInteger64(f, index)))
            case .real: values.append(.real(OGR_F_GetFieldAsDouble(f, index)))
            default: values.append(.string(decoder.string(OGR_F_GetFieldAsString(f, index), fid: fid, field: names[i])))
            }
        }
        return Feature(fid: fid, values: values, geometry: OGR_F_GetGeometryRef(f).flatMap(wkb(of:)))
    }

    /// ISO WKB of a borrowed geometry; curve geometries are made linear first, as GDAL's feature API does when
    /// asked for linear geometries: arcs (File Geodatabase, PostGIS, ArcGIS) approximated by lines, and any curve
    /// type (CurvePolygon, MultiSurface, CompoundCurve) turned into its linear type even when all its rings are
    /// straight (what `ogr2ogr -nlt CURVEPOLYGON` writes).
    static func wkb(of geometry: UnsafeMutableRawPointer) -> WKB? {
        var g = geometry
        var owned: UnsafeMutableRawPointer?
        if OGR_G_HasCurveGeometry(geometry, 0) != 0, let linear = OGR_G_GetLinearGeometry(geometry, 0, nil) {
            owned = linear
            g = linear
        }
        defer { if let owned { OGR_G_DestroyGeometry(owned) } }
        let size = Int(OGR_G_WkbSize(g))
        var bytes = [UInt8](repeating: 0, count: size)
        guard OGR_G_ExportToIsoWkb(g, wkbNDR, &bytes) == OGRERR_NONE else { return nil }
        return WKB(bytes)
    }
}

@available(*, unavailable)
extension VectorLayer: Sendable {}

public enum GeometryKind: String, Sendable {
    case polygon, line, point, none, unknown
}

/// An axis-aligned bounding box.
public struct Envelope: Sendable, Hashable {
    public var minX, minY, maxX, maxY: Double
    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }
}

extension FieldType {
    init(ogr: OGRFieldType) {
        switch ogr {
        case OFTInteger: self = .integer
        case OFTInteger64: self = .integer64
        case OFTReal: self = .real
        case OFTString: self = .string
        case OFTDate: self = .date
        case OFTDateTime: self = .dateTime
        default: self = .other
        }
    }

    var ogr: OGRFieldType {
        switch self {
        case .integer: return OFTInteger
        case .integer64: return OFTInteger64
        case .real: return OFTReal
        case .string, .other: return OFTString
        case .date: return OFTDate
        case .dateTime: return OFTDateTime
        }
    }
}

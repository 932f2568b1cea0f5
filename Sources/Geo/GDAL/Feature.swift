import Foundation
internal import CGDAL

/// The value of one attribute of one feature, copied out of GDAL at once.
public enum FieldValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case string(String)

    /// The value as text, as a GIS officer would read it in an attribute table; nil for null.
    public var text: String? {
        switch self {
        case .null: return nil
        case .integer(let v): return String(v)
        case .real(let v): return v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
        case .string(let s): return s
        }
    }

    /// The value as a number, when it is one or is text that reads as one; nil otherwise.
    public var number: Double? {
        switch self {
        case .null: return nil
        case .integer(let v): return Double(v)
        case .real(let v): return v
        case .string(let s): return Double(s.trimmingCharacters(in: .whitespaces))
        }
    }
}

/// The kinds of attribute field forestmap reads and writes.
public enum FieldType: String, Sendable, Hashable {
    case integer, integer64, real, string, date, dateTime, other
}

/// One field of a layer's schema.
public struct FieldDefinition: Sendable, Hashable {
    public var name: String
    public var type: FieldType
    /// Width for text and numbers (0: driver default); precision for reals (decimals).
    public var width: Int
    public var precision: Int

    public init(_ name: String, _ type: FieldType, width: Int = 0, precision: Int = 0) {
        self.name = name
        self.type = type
        self.width = width
        self.precision = precision
    }
}

/// A feature as a plain value: attributes in schema order and the geometry as ISO WKB bytes.
/// `Sendable`, so records can cross tasks; GEOS and GDAL objects never do.
public struct Feature: Sendable, Hashable {
    /// The feature id in its source (GDAL's FID); -1 when the source has none.
    public var fid: Int64
    public var values: [FieldValue]
    public var geometry: WKB?

    public init(fid: Int64 = -1, values: [FieldValue], geometry: WKB?) {
        self.fid = fid
        self.values = values
        self.geometry = geometry
    }
}


extension FieldDefinition {
    /// Adds this field to a GDAL layer (`OGR_L_CreateField`); `approximateOK`: the driver may adapt its type or
    /// width. Whether it was made.
    func create(in layer: UnsafeMutableRawPointer, approximateOK: Bool) -> Bool {
        let defn = OGR_Fld_Create(name, type.ogr)
        defer { OGR_Fld_Destroy(defn) }
        OGR_Fld_SetWidth(defn, Int32(width))
        OGR_Fld_SetPrecision(defn, Int32(precision))
        return OGR_L_CreateField(layer, defn, approximateOK ? 1 : 0) == OGRERR_NONE
    }
}

import Foundation
import Geo

/// What a sub-compartment layer is read with: field names, code system, encoding and CRS repairs.
public struct LayerLoadOptions: Sendable {
    public var fields = SubCompartmentFields()
    /// The county code used when XIANG holds only 3 digits and the layer has no XIAN.
    public var districtCode = ""
    public var shapefileEncoding: String?
    /// nil: detect the system from the codes.
    public var landClassSystem: LandClassSystem?
    /// The user table (CSV text and its path) when the system is `.user`.
    public var userTable: (csv: String, path: String)?
    public var ambiguousCodes = AmbiguousCodeSettings()
    public var towgs84: [Double]?
    /// Refuse invalid polygons (self-intersections), features without geometry and non-polygons with a message
    /// naming the feature. `check` turns this off to report them instead (a missing geometry reads as empty WKB).
    public var requireValidGeometry = true
    /// With `requireValidGeometry`: features without geometry and non-polygons are still refused, but GEOS's
    /// validity check is left to the caller (``SubCompartmentLayer/requireValid(_:threads:)``), which knows which
    /// polygons it needs checked (`change`: not those byte for byte as in the previous year, checked there).
    package var validityDeferred = false
    /// The attribute fields to keep with each sub-compartment (names, any case); nil keeps every field. A command
    /// that reads only a few fields of a large layer keeps memory down by naming them; the others are not in
    /// `fieldNames` or `attributes`.
    public var keptFields: [String]?
    /// `[geometry]`: degenerate parts dropped below the XY tolerance; polygons invalid by a hair repaired, material
    /// invalidities refused (with `requireValidGeometry`) unless `repairMaterial`.
    public var geometry = GeometrySettings()

    public init() {}
}

extension ForestMapConfig {
    /// The load options this config gives for one year's layer (the current year's by default); reads the user code table when one is named.
    public func layerLoadOptions(year: LayerYear = .current) throws -> LayerLoadOptions {
        var o = LayerLoadOptions()
        o.fields = fields(for: year)
        o.districtCode = districtCode
        o.shapefileEncoding = shapefileEncoding
        o.landClassSystem = landClassSystem
        o.ambiguousCodes = ambiguousCodes
        o.towgs84 = towgs84
        o.geometry = geometry
        if let path = landClassTable {
            guard FileKind.unreadableKind(path) == nil, let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw ForestMapError.input("\(path): land-class table not found or not UTF-8 (land_class.user_table)")
            }
            o.userTable = (text, path)
        }
        return o
    }
}

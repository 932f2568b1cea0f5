import Foundation
import Geo

/// The polygons of one feature of a layer another department supplies (township boundaries, permit red lines, the
/// ring belt), after reprojection into the sub-compartments' CRS, made usable by the geometry policy (README
/// "Geometry policy"): degenerate parts dropped and a polygon invalid by a hair repaired, each with a note on the
/// terminal naming the feature; nothing left, or a material invalidity, is one line naming the feature.
package struct SuppliedPolygons {
    let label: String
    let settings: GeometrySettings
    /// Whether the sub-compartments' CRS is longitude/latitude (tolerances in m² are then converted).
    let geographic: Bool
    let context = GEOSContext()

    package init(label: String, settings: GeometrySettings, crs: SpatialReference) {
        self.label = label
        self.settings = settings
        geographic = crs.isGeographic
    }

    /// `name` names the feature in messages ("feature 12 (XZQDM 520111101)"); `fix` says how to repair a material
    /// invalidity.
    package func clean(_ polygons: [PolygonRings], feature name: String, what: String) throws -> [PolygonRings] {
        var polygons = polygons
        let squareMetresPerUnit = PolygonRepair.squareMetresPerUnit(geographic: geographic, extent: Envelope(polygons))
        if let (kept, dropped) = try WKB(polygons: polygons).droppingDegenerateParts(minimumArea: settings.degenerateSquareMetres / squareMetresPerUnit) {
            guard !kept.isEmpty else {
                throw ForestMapError.input("\(label): \(name) has no polygon geometry: every part has fewer than 3 distinct points or no area; \(what) must be polygons")
            }
            Self.note("\(label): \(name): \(dropped.polygons + dropped.holes) degenerate part\(dropped.polygons + dropped.holes == 1 ? "" : "s") dropped (fewer than 3 distinct points or under \(settings.degenerateSquareMetres) m²)")
            polygons = kept
        }
        let wkb = WKB(polygons: polygons)
        guard let invalid = try Geometry(wkb: wkb, context: context).invalidity else { return polygons }
        let repair = try PolygonRepair(wkb, context: context, squareMetresPerUnit: squareMetresPerUnit, settings: settings)
        guard !repair.material || (settings.repairMaterial && !repair.repaired.bytes.isEmpty) else {
            throw ForestMapError.input("\(label): \(name) is not a valid polygon: \(invalid.reason) at (\(String(format: "%.3f", invalid.x)), \(String(format: "%.3f", invalid.y))); fix it (QGIS: Vector ▸ Geometry Tools ▸ Fix Geometries), or pass --repair")
        }
        Self.note("\(label): \(name) repaired (\(invalid.reason); area moved \(String(format: "%.6f", repair.squareMetresMoved)) m²)")
        return try repair.repaired.polygons()
    }

    /// A note on stderr: the layer was used, with this said.
    static func note(_ text: String) {
        FileHandle.standardError.write(Data("forestmap: note: \(text)\n".utf8))
    }
}

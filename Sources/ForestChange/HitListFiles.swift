import Foundation
import Geo
import ForestMapCore

/// `hitlist.csv` (UTF-8 with BOM) and `hitlist.gpkg` (layer `hitlist`: the patches; layer `hitlist_points`: a point
/// on each, for GPS apps): the hit list in priority order, a point on each patch in CGCS2000 degrees
/// (`point_lon`, `point_lat`) and in the layer's CRS (`point_x`, `point_y`). With a case register, each hit's
/// `case_id`, `case_status`, `case_age_days` and `overdue`; empty without one.
enum HitListFiles {
    static let columns = [
        "hit_id", "case_id", "case_status", "case_age_days", "overdue", "priority", "reason", "township_code", "township_name", "village_code", "change_type", "bhyy",
        "from_class", "from_name", "to_class", "to_name", "area_ha", "area_mu", "point_lon", "point_lat", "point_x", "point_y",
        "permit_status", "permit_ids", "uncovered_ha", "in_ring_belt", "public_welfare", "natural_forest", "from_ids", "to_ids", "patch_id",
    ]

    /// Where each column comes from: the hit itself, or a column of the patch's row in `changes.csv`.
    private static let sources: [Int?] = columns.map { ChangesLayer.columns.firstIndex(of: $0) }

    /// A hit's values in `columns` order; `patchRow` is its patch's row of `changes.csv`.
    static func values(_ h: Hit, patchRow: [String]) -> [String] {
        zip(columns, sources).map { c, source in
            switch c {
            case "hit_id": return h.hitID
            case "case_id": return h.registerCase?.caseID ?? ""
            case "case_status": return h.registerCase?.status.rawValue ?? ""
            case "case_age_days": return h.registerCase.map { String($0.ageDays) } ?? ""
            case "overdue": return h.registerCase.map { $0.overdue ? "yes" : "no" } ?? ""
            case "priority": return String(h.priority)
            case "reason": return h.reason
            case "point_lon": return FixedDecimal(h.longitude, decimals: 7).text
            case "point_lat": return FixedDecimal(h.latitude, decimals: 7).text
            default: return patchRow[source!]
            }
        }
    }

    /// Writes `hitlist.csv` and `hitlist.gpkg`; returns each hit's values, for the KML.
    @discardableResult
    static func write(_ hits: [Hit], patchRows: [String: [String]], crsWKT: String, into folder: OutputFolder) throws -> [[String]] {
        let rows = hits.map { values($0, patchRow: patchRows[$0.patch.patchID]!) }
        try CSVTable(header: columns, rows: rows).write(to: folder.file("hitlist.csv"))
        let srs = try SpatialReference(definition: crsWKT)
        let writer = try VectorWriter(creating: folder.file("hitlist.gpkg").path, format: .geoPackage)
        let typed = TypedColumns(columns, integers: ["priority", "case_age_days"])
        try writer.createLayer(named: "hitlist", geometry: .polygon, spatialReference: srs, fields: typed.fields)
            .write(hits.indices.map { Feature(values: typed.values(rows[$0]), geometry: hits[$0].patch.geometry) })
        try writer.createLayer(named: "hitlist_points", geometry: .point, spatialReference: srs, fields: typed.fields)
            .write(hits.indices.map { Feature(values: typed.values(rows[$0]), geometry: WKB(point: Point(hits[$0].patch.pointX, hits[$0].patch.pointY))) })
        try writer.writeLayerStyles(ChangeStyles.hitListStyles())
        try writer.close()
        return rows
    }
}

import Foundation
import Geo
import ForestMapCore

/// `changes.gpkg` (layer `changes`) and `changes.csv`: every change patch with its type, reason codes, township
/// and village, classes, area, the sub-compartments it came from, the permit check and the context. The CSV holds
/// the same columns without the geometry, with the point on the patch in the layer's CRS.
enum ChangesLayer {
    static let columns = [
        "patch_id", "change_type", "bhyy", "bhyy_recorded", "bhyy_disagrees", "correction", "township_code", "township_name",
        "village_code", "from_class", "from_name", "to_class", "to_name", "area_ha", "area_mu", "from_ids", "to_ids",
        "permit_status", "permit_ids", "uncovered_ha", "in_ring_belt", "public_welfare", "public_welfare_grade",
        "natural_forest", "on_farmland", "point_x", "point_y",
    ]

    /// One patch's values as text, in `columns` order.
    static func values(_ p: ChangePatch, names: ChangeNames) -> [String] {
        func yes(_ b: Bool) -> String { b ? "yes" : "no" }
        let disagrees = p.bhyyRecorded.map { !p.bhyy.isEmpty && $0 != p.bhyy } ?? false
        return [
            p.patchID, p.changeType.rawValue, p.bhyy, p.bhyyRecorded ?? "", yes(disagrees), yes(p.isCorrection),
            p.townshipCode, names.township(p.townshipCode), p.villageCode, p.fromClass, names.fromClass(p.fromClass),
            p.toClass, names.toClass(p.toClass),
            CSVTable.number(AreaUnit.hectares(p.squareMetres), decimals: 4),
            CSVTable.number(AreaUnit.hectares(p.squareMetres) * AreaUnit.muPerHectare, decimals: 2),
            p.fromIDs.joined(separator: ";"), p.toIDs.joined(separator: ";"),
            p.permitStatus?.rawValue ?? "", p.permitIDs.joined(separator: ";"),
            p.permitStatus == nil ? "" : CSVTable.number(AreaUnit.hectares(p.uncoveredSquareMetres), decimals: 4),
            yes(p.inRingBelt), yes(!p.publicWelfareGrade.isEmpty), p.publicWelfareGrade, yes(p.naturalForest), yes(p.onFarmland),
            CSVTable.number(p.pointX, decimals: 2), CSVTable.number(p.pointY, decimals: 2),
        ]
    }

    /// Each patch's values, in `columns` order, by patch id: made once, written to every file.
    static func rows(_ patches: [ChangePatch], names: ChangeNames, threads: Int? = nil) throws -> [String: [String]] {
        let made = try ParallelChunks.map(count: patches.count, threads: threads, minimumChunk: 2_000) { range in
            range.map { values(patches[$0], names: names) }
        }
        return Dictionary(uniqueKeysWithValues: zip(patches.lazy.map(\.patchID), made))
    }

    static func writeGeoPackage(_ patches: [ChangePatch], rows: [String: [String]], crsWKT: String, to url: URL, threads: Int? = nil) throws {
        let srs = try SpatialReference(definition: crsWKT)
        let writer = try VectorWriter(creating: url.path, format: .geoPackage)
        let typed = TypedColumns(columns)
        let features = try ParallelChunks.map(count: patches.count, threads: threads, minimumChunk: 2_000) { range in
            range.map { Feature(values: typed.values(rows[patches[$0].patchID]!), geometry: patches[$0].geometry) }
        }
        try writer.createLayer(named: "changes", geometry: .polygon, spatialReference: srs, fields: typed.fields).write(features)
        try writer.writeLayerStyles([ChangeStyles.changesStyle()])
        try writer.close()
    }
}

/// Names for codes in the outputs: townships (from the township layer, else Huaxi's list) and land classes of
/// each year's code table.
package struct ChangeNames: Sendable {
    let townshipNames: [String: String]
    let fromTable: LandClassTable
    let toTable: LandClassTable

    package init(townships: TownshipBoundaries?, previous: SubCompartmentLayer, current: SubCompartmentLayer) {
        var names = Dictionary(Township.huaxi.map { ($0.code, $0.name) }) { a, _ in a }
        for t in townships?.townships ?? [] where !t.name.isEmpty { names[t.code] = t.name }
        names[ZoneOfPiece.outside] = "界外"
        townshipNames = names
        fromTable = previous.landClassTable
        toTable = current.landClassTable
    }

    package func township(_ code: String) -> String { townshipNames[code] ?? "" }
    /// The previous class is written in the newer system when it has a code there.
    package func fromClass(_ code: String) -> String { toTable.chineseName(ofCode: code) ?? fromTable.chineseName(ofCode: code) ?? "" }
    package func toClass(_ code: String) -> String { toTable.chineseName(ofCode: code) ?? "" }
}

import Foundation
import Geo
import ForestMapCore

/// `townships.gpkg` (专题图数据): the township boundary polygons with the statistics joined, ready for a thematic
/// map (e.g. coverage by township in QGIS), and the pieces of sub-compartments outside every township.
enum StatsMap {
    /// Writes layer `townships` (one feature per township: its parts as one MultiPolygon, the hectare table's
    /// columns as written) and layer `outside` (one feature per piece outside every township: the
    /// sub-compartment's key and the piece's area) in the sub-compartment layer's CRS.
    static func write(_ stats: ForestStatistics, table: ClosingTable, to url: URL) throws {
        guard let boundaries = stats.boundaries else { return }
        let srs = try SpatialReference(definition: stats.crsWKT)
        let writer = try VectorWriter(creating: url.path, format: .geoPackage)
        let fields = [FieldDefinition("township_code", .string, width: 9), FieldDefinition("township_name", .string, width: 50)] +
            ClosingTable.columns.map { FieldDefinition($0.key(table.unit), .real, width: 16, precision: $0.decimals(table.unit)) }
        var polygons = [[PolygonRings]](repeating: [], count: boundaries.townships.count)
        for part in boundaries.parts { polygons[part.township] += part.polygons }
        let rows = Dictionary(table.rows.map { ($0.townshipCode, $0) }) { a, _ in a }
        let features = boundaries.townships.enumerated().map { i, township -> Feature in
            let row = rows[township.code]
            let values: [FieldValue] = [.string(township.code), .string(row?.townshipName ?? township.name)] +
                ClosingTable.columns.map { c in row?.cells[c].map { .real($0.double) } ?? .null }
            return Feature(values: values, geometry: WKB(polygons: polygons[i]))
        }
        try writer.createLayer(named: "townships", geometry: .polygon, spatialReference: srs, fields: fields).write(features)
        let outsideFields = [FieldDefinition("key", .string, width: 60), FieldDefinition("area_ha", .real, width: 16, precision: 4)]
        let pieces = stats.outsidePieces.map { piece in
            Feature(values: [.string(piece.key), .real((AreaUnit.hectares(piece.squareMetres) * 10_000).rounded() / 10_000)],
                    geometry: WKB(polygons: piece.polygons))
        }
        try writer.createLayer(named: "outside", geometry: .polygon, spatialReference: srs, fields: outsideFields).write(pieces)
        try writer.writeLayerStyles(StatsStyles.styles(rates: table.rows.compactMap { $0.cells[.coverage]?.double }))
        try writer.close()
    }
}

import Foundation
internal import CGDAL

/// A layer's default style (图层样式) as QGIS keeps it inside a GeoPackage: the `layer_styles` table, one row per
/// style, QML for QGIS and SLD for other clients. ArcGIS does not read it.
public struct LayerStyle: Sendable, Hashable {
    /// The styled table (`f_table_name`); also the style's name.
    public var layer: String
    /// QGIS's style document (`<qgis>…</qgis>`).
    public var qml: String
    /// The same classes as an OGC Styled Layer Descriptor 1.1.
    public var sld: String
    /// What the layer is, in a few words (QGIS shows it in its style list; forestmap's project names the layer by it).
    public var description: String

    public init(layer: String, qml: String, sld: String, description: String) {
        self.layer = layer
        self.qml = qml
        self.sld = sld
        self.description = description
    }
}

extension VectorWriter {
    /// Writes `styles` into the GeoPackage's `layer_styles` table, each its layer's default (`useAsDefault`), in one
    /// transaction. The table is made as QGIS makes it (an `attributes` table in `gpkg_contents`, FID `id`, the
    /// columns `f_table_catalog … update_time`); `update_time` and `gpkg_contents` are stamped with the writer's
    /// timestamp, so the same outputs give the same bytes. Each styled layer must have been created by this writer.
    public func writeLayerStyles(_ styles: [LayerStyle]) throws {
        guard isGeoPackage else { throw GeoError(.cannotWrite, "\(path): layer styles are kept in GeoPackages only") }
        guard !styles.isEmpty else { return }
        try GDALLibrary.withThreadConfig("OGR_CURRENT_DATE", timestamp) {
            let geometryColumns = try styles.map { style -> String in
                guard let layer = GDALDatasetGetLayerByName(handle, style.layer) else {
                    throw GeoError(.cannotWrite, "\(path): no layer '\(style.layer)' to style")
                }
                return String(cString: OGR_L_GetGeometryColumn(layer))
            }
            guard GDALDatasetStartTransaction(handle, 0) == OGRERR_NONE else {
                throw GeoError(.cannotWrite, "\(path): cannot start a transaction for layer_styles\(GDALLibrary.reasonSuffix())")
            }
            do {
                let table = try createStyleTable()
                let defn = OGR_L_GetLayerDefn(table)
                for (style, geometryColumn) in zip(styles, geometryColumns) {
                    guard let f = OGR_F_Create(defn) else { throw GeoError(.library, "cannot allocate a feature") }
                    defer { OGR_F_Destroy(f) }
                    let values = ["f_table_catalog": "", "f_table_schema": "", "f_table_name": style.layer,
                                  "f_geometry_column": geometryColumn, "styleName": style.layer, "styleQML": style.qml,
                                  "styleSLD": style.sld, "description": style.description, "owner": "", "update_time": timestamp]
                    for (name, value) in values { OGR_F_SetFieldString(f, OGR_FD_GetFieldIndex(defn, name), value) }
                    OGR_F_SetFieldInteger(f, OGR_FD_GetFieldIndex(defn, "useAsDefault"), 1)
                    guard OGR_L_CreateFeature(table, f) == OGRERR_NONE else {
                        throw GeoError(.cannotWrite, "\(path): cannot write the style of layer '\(style.layer)'\(GDALLibrary.reasonSuffix())")
                    }
                }
                guard GDALDatasetCommitTransaction(handle) == OGRERR_NONE else {
                    throw GeoError(.cannotWrite, "\(path): cannot commit layer_styles\(GDALLibrary.reasonSuffix())")
                }
            } catch {
                _ = GDALDatasetRollbackTransaction(handle)
                throw error
            }
        }
    }

    /// The `layer_styles` table with QGIS's columns, widths and types (`useAsDefault` boolean, `update_time` a
    /// date-time defaulting to the current time).
    private func createStyleTable() throws -> OGRLayerH {
        guard GDALDatasetGetLayerByName(handle, "layer_styles") == nil else {
            throw GeoError(.cannotWrite, "\(path): already has a layer_styles table")
        }
        let created = GDALLibrary.withMutableOptionList(["FID": "id"]) {
            GDALDatasetCreateLayer(handle, "layer_styles", nil, wkbNone, $0)
        }
        guard let table = created else {
            throw GeoError(.cannotWrite, "\(path): cannot create layer_styles\(GDALLibrary.reasonSuffix())")
        }
        let columns: [(String, OGRFieldType, Int32)] = [
            ("f_table_catalog", OFTString, 256), ("f_table_schema", OFTString, 256), ("f_table_name", OFTString, 256),
            ("f_geometry_column", OFTString, 256), ("styleName", OFTString, 30), ("styleQML", OFTString, 0), ("styleSLD", OFTString, 0),
            ("useAsDefault", OFTInteger, 0), ("description", OFTString, 0), ("owner", OFTString, 30), ("ui", OFTString, 30),
            ("update_time", OFTDateTime, 0),
        ]
        for (name, type, width) in columns {
            let field = OGR_Fld_Create(name, type)
            defer { OGR_Fld_Destroy(field) }
            OGR_Fld_SetWidth(field, width)
            if name == "useAsDefault" { OGR_Fld_SetSubType(field, OFSTBoolean) }
            if name == "update_time" { OGR_Fld_SetDefault(field, "CURRENT_TIMESTAMP") }
            guard OGR_L_CreateField(table, field, 1) == OGRERR_NONE else {
                throw GeoError(.cannotWrite, "\(path): cannot create column \(name) of layer_styles\(GDALLibrary.reasonSuffix())")
            }
        }
        return table
    }
}

extension VectorDataset {
    /// The default style of each styled layer in the dataset's `layer_styles` table, in the table's order; empty
    /// without one.
    public func layerStyles() throws -> [LayerStyle] {
        guard let table = GDALDatasetGetLayerByName(handle, "layer_styles") else { return [] }
        let defn = OGR_L_GetLayerDefn(table)
        func text(_ f: OGRFeatureH, _ name: String) -> String {
            let i = OGR_FD_GetFieldIndex(defn, name)
            guard i >= 0, OGR_F_IsFieldSetAndNotNull(f, i) != 0, let s = OGR_F_GetFieldAsString(f, i) else { return "" }
            return String(cString: s)
        }
        var styles: [LayerStyle] = []
        OGR_L_ResetReading(table)
        while let f = OGR_L_GetNextFeature(table) {
            defer { OGR_F_Destroy(f) }
            guard OGR_F_GetFieldAsInteger(f, OGR_FD_GetFieldIndex(defn, "useAsDefault")) != 0 else { continue }
            styles.append(LayerStyle(layer: text(f, "f_table_name"), qml: text(f, "styleQML"), sld: text(f, "styleSLD"),
                                     description: text(f, "description")))
        }
        return styles
    }
}

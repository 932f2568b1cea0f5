import Foundation
import Geo
import ForestMapCore
import ForestStats

/// `forestmap.qgs`: the run's QGIS project over the GeoPackages its steps wrote, made from what they hold: every
/// layer of each file with the default style the file keeps (`layer_styles`), named by its description, in the
/// groups 核查 (hit list), 变化 (change patches), 质检 (check problems) and 统计 (townships by coverage), drawn in
/// that order under the township boundaries (outlines with names) on top; sources relative to the project, so the
/// folder can be moved whole. Written into the run's staging folder with the other outputs.
enum RunProject {
    static let fileName = "forestmap.qgs"

    /// The groups, top to bottom, and their files (relative to the run's folder).
    static let groups: [(name: String, file: String)] = [
        ("核查", "change/hitlist.gpkg"), ("变化", "change/changes.gpkg"), ("质检", "check/check.gpkg"), ("统计", "stats/townships.gpkg"),
    ]

    /// Writes the project into `folder` (its staging) over the files written there; returns its file name, nil when
    /// no GeoPackage was written.
    static func write(into folder: OutputFolder, title: String) throws -> String? {
        var crs: QGISProject.CRS?
        var extent: Envelope?
        var top: [QGISProject.Layer] = []
        var built: [QGISProject.Group] = []
        for (name, file) in Self.groups {
            let url = folder.staging.appendingPathComponent(file)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            let dataset = try VectorDataset(reading: SourceReference(path: url.path))
            let styles = Dictionary(try dataset.layerStyles().map { ($0.layer, $0) }) { a, _ in a }
            var layers: [QGISProject.Layer] = []
            for table in dataset.layerNames where table != "layer_styles" {
                let layer = try dataset.layer(named: table)
                if crs == nil, let srs = layer.spatialReference { crs = QGISProject.CRS(srs) }
                guard let style = styles[table], let (elements, labels) = QGISProject.styleElements(ofQML: style.qml) else {
                    throw ForestMapError(.cannotWrite, "\(file): layer \(table) has no default style in layer_styles")
                }
                let id = file.replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: ".gpkg", with: "") + "_" + table
                layers.append(QGISProject.Layer(id: id, name: style.description, file: file, table: table, geometry: layer.geometryKind,
                                                styleElements: elements, labelsEnabled: labels))
                if file == "stats/townships.gpkg", table == "townships" {
                    extent = layer.extent
                    let outline = StatsStyles.boundaries
                    top.append(QGISProject.Layer(id: "township_boundaries", name: "乡镇界线 township boundaries", file: file, table: table,
                                                 geometry: layer.geometryKind, styleElements: outline.qmlElements(),
                                                 labelsEnabled: outline.labelsEnabled))
                }
                if extent == nil, file == "change/changes.gpkg" { extent = layer.extent }
            }
            built.append(QGISProject.Group(name: name, layers: layers))
        }
        guard let crs else { return nil }
        let project = QGISProject(title: title, crs: crs, extent: extent, top: top, groups: built)
        let url = folder.file(fileName)
        do { try Data(project.xml().utf8).write(to: url) } catch {
            throw ForestMapError(.cannotWrite, "cannot write \(url.path): \(error.localizedDescription)")
        }
        return fileName
    }
}

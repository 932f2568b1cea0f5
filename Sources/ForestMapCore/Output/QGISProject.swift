import Foundation
import Geo

/// A QGIS project file (`.qgs`, plain XML) over layers in files beside it: the layers in a layer tree (some at the
/// top, the rest in named groups, drawn top to bottom in that order), each with its style, its source relative to
/// the project (the folder can be moved or copied whole), and the project's CRS and initial extent. Deterministic:
/// the same layers give the same bytes.
public struct QGISProject: Sendable {
    /// One layer: a table of a GeoPackage beside the project.
    public struct Layer: Sendable {
        /// Unique within the project, longer than 10 characters (QGIS replaces a shorter id with one of its own).
        public var id: String
        /// The name in QGIS's layer tree.
        public var name: String
        /// The file relative to the project's folder (`change/changes.gpkg`) and its table.
        public var file: String
        public var table: String
        public var geometry: GeometryKind
        /// The layer's renderer and labeling (``MapStyle/qmlElements()``, or a stored QML's inside).
        public var styleElements: String
        public var labelsEnabled: Bool

        public init(id: String, name: String, file: String, table: String, geometry: GeometryKind, styleElements: String, labelsEnabled: Bool) {
            precondition(id.count > 10, "QGIS keeps layer ids longer than 10 characters only")
            self.id = id
            self.name = name
            self.file = file
            self.table = table
            self.geometry = geometry
            self.styleElements = styleElements
            self.labelsEnabled = labelsEnabled
        }

        /// QGIS's relative source: `./FILE|layername=TABLE`.
        var source: String { "./\(file)|layername=\(table)" }
    }

    public struct Group: Sendable {
        public var name: String
        public var layers: [Layer]
        public init(name: String, layers: [Layer]) {
            self.name = name
            self.layers = layers
        }
    }

    /// The project's CRS: its WKT, and its EPSG code where it has one.
    public struct CRS: Sendable {
        public var wkt: String
        public var epsg: Int?
        public var name: String
        public var isGeographic: Bool
        public init(_ srs: SpatialReference) {
            wkt = srs.wkt
            epsg = srs.epsgCode
            name = srs.name
            isGeographic = srs.isGeographic
        }
    }

    public var title: String
    public var crs: CRS
    /// The extent the map opens on, in the CRS.
    public var extent: Envelope?
    /// Layers above every group (e.g. the township boundaries).
    public var top: [Layer]
    public var groups: [Group]

    public init(title: String, crs: CRS, extent: Envelope?, top: [Layer], groups: [Group]) {
        self.title = title
        self.crs = crs
        self.extent = extent
        self.top = top
        self.groups = groups
    }

    /// The layers, top to bottom.
    public var layers: [Layer] { top + groups.flatMap(\.layers) }

    /// The inside of a QML document (`<qgis …>INSIDE</qgis>`, as ``MapStyle/qml()`` writes it) and whether it
    /// enables labels; nil when `qml` is not such a document.
    public static func styleElements(ofQML qml: String) -> (String, Bool)? {
        guard let open = qml.range(of: "<qgis "), let openEnd = qml[open.upperBound...].firstIndex(of: ">"),
              let close = qml.range(of: "</qgis>", options: .backwards), openEnd < close.lowerBound else { return nil }
        let attributes = qml[open.upperBound..<openEnd]
        return (String(qml[qml.index(after: openEnd)..<close.lowerBound]).trimmingCharacters(in: .newlines) + "\n",
                attributes.contains("labelsEnabled=\"1\""))
    }

    public func xml() -> String {
        let e = MarkupText.escape
        var x = "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
        x += "<qgis projectname=\"\(e(title))\" version=\"3.22.0\">\n"
        x += "  <homePath path=\"\"/>\n  <title>\(e(title))</title>\n"
        x += "  <projectCrs>\n\(spatialRefSys(indent: "    "))  </projectCrs>\n"
        x += "  <layer-tree-group>\n    <customproperties/>\n"
        for layer in top { x += treeLayer(layer, indent: "    ") }
        for group in groups where !group.layers.isEmpty {
            x += "    <layer-tree-group name=\"\(e(group.name))\" checked=\"Qt::Checked\" expanded=\"1\">\n      <customproperties/>\n"
            for layer in group.layers { x += treeLayer(layer, indent: "      ") }
            x += "    </layer-tree-group>\n"
        }
        x += "    <custom-order enabled=\"0\"/>\n  </layer-tree-group>\n"
        x += "  <projectlayers>\n"
        for layer in layers { x += mapLayer(layer) }
        x += "  </projectlayers>\n"
        x += "  <layerorder>\n" + layers.map { "    <layer id=\"\(e($0.id))\"/>\n" }.joined() + "  </layerorder>\n"
        if let extent {
            x += "  <mapcanvas name=\"theMapCanvas\" annotationsVisible=\"1\">\n    <units>\(crs.isGeographic ? "degrees" : "meters")</units>\n"
                + "    <extent>\n      <xmin>\(extent.minX)</xmin>\n      <ymin>\(extent.minY)</ymin>\n      <xmax>\(extent.maxX)</xmax>\n      <ymax>\(extent.maxY)</ymax>\n    </extent>\n"
                + "    <rotation>0</rotation>\n    <destinationsrs>\n\(spatialRefSys(indent: "      "))    </destinationsrs>\n    <rendermaptile>0</rendermaptile>\n  </mapcanvas>\n"
        }
        // QGIS reads <projectCrs> only when the project says projections are enabled.
        x += "  <properties>\n    <Paths>\n      <Absolute type=\"bool\">false</Absolute>\n    </Paths>\n"
            + "    <SpatialRefSys>\n      <ProjectionsEnabled type=\"int\">1</ProjectionsEnabled>\n    </SpatialRefSys>\n  </properties>\n"
        return x + "</qgis>\n"
    }

    private func treeLayer(_ layer: Layer, indent: String) -> String {
        let e = MarkupText.escape
        return "\(indent)<layer-tree-layer id=\"\(e(layer.id))\" name=\"\(e(layer.name))\" source=\"\(e(layer.source))\" providerKey=\"ogr\" checked=\"Qt::Checked\" expanded=\"0\">\n"
            + "\(indent)  <customproperties/>\n\(indent)</layer-tree-layer>\n"
    }

    private func mapLayer(_ layer: Layer) -> String {
        let e = MarkupText.escape
        let geometry: String
        switch layer.geometry {
        case .polygon: geometry = " geometry=\"Polygon\" wkbType=\"MultiPolygon\""
        case .point: geometry = " geometry=\"Point\" wkbType=\"Point\""
        case .line: geometry = " geometry=\"Line\" wkbType=\"MultiLineString\""
        case .none: geometry = " geometry=\"No geometry\" wkbType=\"NoGeometry\""
        case .unknown: geometry = ""
        }
        var x = "    <maplayer type=\"vector\"\(geometry) labelsEnabled=\"\(layer.labelsEnabled ? 1 : 0)\" hasScaleBasedVisibilityFlag=\"0\" minScale=\"100000000\" maxScale=\"0\" readOnly=\"0\" styleCategories=\"AllStyleCategories\">\n"
        x += "      <id>\(e(layer.id))</id>\n      <datasource>\(e(layer.source))</datasource>\n      <layername>\(e(layer.name))</layername>\n"
        x += "      <srs>\n\(spatialRefSys(indent: "        "))      </srs>\n"
        x += "      <provider encoding=\"UTF-8\">ogr</provider>\n"
        x += layer.styleElements.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "    " + $0 }.joined(separator: "\n")
        if !x.hasSuffix("\n") { x += "\n" }
        return x + "    </maplayer>\n"
    }

    private func spatialRefSys(indent: String) -> String {
        let e = MarkupText.escape
        return "\(indent)<spatialrefsys nativeFormat=\"Wkt\">\n"
            + "\(indent)  <wkt>\(e(crs.wkt))</wkt>\n"
            + "\(indent)  <proj4></proj4>\n"
            + "\(indent)  <srsid>0</srsid>\n"
            + "\(indent)  <srid>\(crs.epsg.map(String.init) ?? "0")</srid>\n"
            + "\(indent)  <authid>\(crs.epsg.map { "EPSG:\($0)" } ?? "")</authid>\n"
            + "\(indent)  <description>\(e(crs.name))</description>\n"
            + "\(indent)  <projectionacronym></projectionacronym>\n"
            + "\(indent)  <ellipsoidacronym></ellipsoidacronym>\n"
            + "\(indent)  <geographicflag>\(crs.isGeographic ? "true" : "false")</geographicflag>\n"
            + "\(indent)</spatialrefsys>\n"
    }
}

import Foundation
import Geo

/// The township boundary layer (乡镇界线), from the civil-affairs or natural-resources department, read and checked
/// for an exact overlay with a sub-compartment layer: code field found, CRS usable, every feature a valid
/// polygon, coordinates in the sub-compartment layer's CRS (reprojected when the layer's differs).
///
/// A township drawn as several features (islands, exclaves) is one township with several parts. `Sendable`:
/// parallel tasks build their own GEOS geometries from the parts' WKB.
public struct TownshipBoundaries: Sendable {
    /// One boundary feature.
    public struct Part: Sendable {
        /// Index into `townships`.
        public var township: Int
        public var fid: Int64
        /// In the sub-compartment layer's CRS.
        public var polygons: [PolygonRings]
        public var wkb: WKB
        public var envelope: Envelope
    }

    /// "townships.gpkg|layername=townships", for messages.
    public let label: String
    /// One per distinct 9-digit code, sorted by code.
    public let townships: [Township]
    /// Every feature, in layer order.
    public let parts: [Part]
    /// The parts' boxes, for finding the candidates of a sub-compartment.
    public let index: SpatialIndex
    /// The layer's own CRS label when it differed from the sub-compartment layer's and was reprojected.
    public let reprojectedFrom: String?
    /// Whether the layer has the name field.
    public let hasNames: Bool
    /// Whether overlapping townships were settled (`withoutOverlaps`): no overlap above noise is left.
    var overlapsSettled = false
    /// The narrow overlaps settled then: how many pairs of features, and their area (m², by the area method).
    package var settledOverlaps: (count: Int, squareMetres: Double) = (0, 0)

    /// Reads the layer; every problem fails with one line naming the file, layer, field or feature.
    public static func load(_ source: SourceReference, fields: TownshipFields, districtCode: String,
                            into subCompartmentCRS: String, towgs84: [Double]?, encoding: String?,
                            geometry: GeometrySettings = GeometrySettings()) throws -> TownshipBoundaries {
        let dataset = try VectorDataset(reading: source, encoding: encoding)
        let layer = try dataset.layer(named: source.layerName)
        let label = layer.label
        guard let codeIndex = layer.fieldIndex(fields.code) else {
            throw ForestMapError.input("\(label): no township code field \(fields.code) (行政区代码); fields: \(layer.fields.map(\.name).joined(separator: ", ")); name it with [township_fields] code = \"NAME\"")
        }
        let nameIndex = layer.fieldIndex(fields.name)
        if layer.geometryKind != .polygon && layer.geometryKind != .unknown {
            throw ForestMapError.input("\(label): the layer holds \(layer.geometryKind.rawValue) geometries; township boundaries must be polygons")
        }
        let srs = try CRSCheck.usable(layer.spatialReference, extent: layer.extent, label: label, towgs84: towgs84)
        let target = try SpatialReference(definition: subCompartmentCRS)
        let transform = srs.isSame(as: target) ? nil : try CoordinateTransform(from: srs, to: target)

        let features = try layer.readAll()
        try layer.checkText()
        guard !features.isEmpty else {
            throw ForestMapError.input("\(label): the layer is empty; check that the right layer was named")
        }
        let cleaning = SuppliedPolygons(label: label, settings: geometry, crs: target)
        let range = CoordinateRange(geographic: target.isGeographic), toGeographic = try CoordinateRange.toGeographic(target)
        var names: [String: String] = [:]
        var found: [(code: String, fid: Int64, polygons: [PolygonRings])] = []
        for feature in features {
            let raw = feature.values[codeIndex].text
            if let problem = TownshipCode.problem(raw) {
                throw ForestMapError.input("\(label): feature \(feature.fid): \(fields.code) \(problem); correct it")
            }
            guard let code = TownshipCode.full(xiang: raw, xian: districtCode) else {
                throw ForestMapError.input("\(label): feature \(feature.fid) has no township code in \(fields.code); fill it in (the 9-digit code, e.g. \(districtCode)101)")
            }
            let name = "feature \(feature.fid) (\(fields.code) \(raw ?? ""))"
            guard let wkb = feature.geometry, var polygons = try? wkb.polygons() else {
                throw ForestMapError.input("\(label): \(name) has no polygon geometry; township boundaries must be polygons")
            }
            if let transform {
                do { polygons = try transform.transform(polygons) } catch let e as GeoError {
                    throw ForestMapError.input("\(label): \(name): \(e.message)")
                }
            }
            if let problem = range.problem(polygons, toGeographic: toGeographic) {
                throw ForestMapError.input("\(label): \(name): \(problem); fix or delete the feature")
            }
            if let open = PolygonValidity.firstOpenRing(polygons) {
                throw ForestMapError.input("\(label): \(name) is not a valid polygon: \(PolygonValidity.describe(open)); fix it (QGIS: Vector ▸ Geometry Tools ▸ Fix Geometries)")
            }
            polygons = try cleaning.clean(polygons, feature: name, what: "township boundaries")
            let text = nameIndex.flatMap { feature.values[$0].text }?.trimmingCharacters(in: .whitespaces) ?? ""
            if names[code] == nil || names[code] == "" { names[code] = text }
            found.append((code, feature.fid, polygons))
        }
        let townships = names.keys.sorted().map { Township(code: $0, name: names[$0] ?? "") }
        let position = Dictionary(uniqueKeysWithValues: townships.enumerated().map { ($1.code, $0) })
        let parts = try found.map { f -> Part in
            guard let box = Envelope(f.polygons) else {
                throw ForestMapError.input("\(label): feature \(f.fid) (\(fields.code) \(f.code)) has an empty polygon; delete it or draw its boundary")
            }
            return Part(township: position[f.code]!, fid: f.fid, polygons: f.polygons, wkb: WKB(polygons: f.polygons), envelope: box)
        }
        return TownshipBoundaries(label: label, townships: townships, parts: parts, index: SpatialIndex(boxes: parts.map(\.envelope)),
                                  reprojectedFrom: transform == nil ? nil : srs.label, hasNames: nameIndex != nil)
    }
}

import Geo
import ForestMapCore

/// Reads a polygon layer another department supplies (permit red lines, the ring belt) into the sub-compartment
/// layer's CRS: every feature with its attributes and valid polygons, or one line naming the feature and what
/// to do.
struct AuxiliaryPolygons {
    var label: String
    var fieldNames: [String]
    var features: [(feature: Feature, polygons: [PolygonRings])]

    /// `what` says what the polygons are, for messages ("permit red lines").
    static func read(_ source: SourceReference, config: ForestMapConfig, into subCompartmentCRS: String, what: String) throws -> AuxiliaryPolygons {
        let dataset = try VectorDataset(reading: source, encoding: config.shapefileEncoding)
        let layer = try dataset.layer(named: source.layerName)
        let label = layer.label
        if layer.geometryKind != .polygon && layer.geometryKind != .unknown {
            throw ForestMapError.input("\(label): the layer holds \(layer.geometryKind.rawValue) geometries; \(what) must be polygons")
        }
        let srs = try CRSCheck.usable(layer.spatialReference, extent: layer.extent, label: label, towgs84: config.towgs84)
        let target = try SpatialReference(definition: subCompartmentCRS)
        let transform = srs.isSame(as: target) ? nil : try CoordinateTransform(from: srs, to: target)
        let cleaning = SuppliedPolygons(label: label, settings: config.geometry, crs: target)
        let range = CoordinateRange(geographic: target.isGeographic), toGeographic = try CoordinateRange.toGeographic(target)
        var features: [(Feature, [PolygonRings])] = []
        let read = try layer.readAll()
        try layer.checkText()
        for feature in read {
            guard let wkb = feature.geometry, var polygons = try? wkb.polygons(), !polygons.isEmpty else {
                throw ForestMapError.input("\(label): feature \(feature.fid) has no polygon geometry; \(what) must be polygons")
            }
            if let transform {
                do { polygons = try transform.transform(polygons) } catch let e as GeoError {
                    throw ForestMapError.input("\(label): feature \(feature.fid): \(e.message)")
                }
            }
            if let problem = range.problem(polygons, toGeographic: toGeographic) {
                throw ForestMapError.input("\(label): feature \(feature.fid): \(problem); fix or delete the feature")
            }
            if let open = PolygonValidity.firstOpenRing(polygons) {
                throw ForestMapError.input("\(label): feature \(feature.fid) is not a valid polygon: \(PolygonValidity.describe(open)); fix it (QGIS: Vector ▸ Geometry Tools ▸ Fix Geometries)")
            }
            polygons = try cleaning.clean(polygons, feature: "feature \(feature.fid)", what: what)
            features.append((feature, polygons))
        }
        return AuxiliaryPolygons(label: label, fieldNames: layer.fields.map(\.name), features: features)
    }

    func fieldIndex(_ name: String) -> Int? {
        fieldNames.firstIndex { $0 == name } ?? fieldNames.firstIndex { $0.caseInsensitiveCompare(name) == .orderedSame }
    }
}

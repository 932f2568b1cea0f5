import Geo

/// How `forestmap stats` measures areas (面积量算方法), as a `Sendable` description that each parallel task turns
/// into its own `StatsAreaMeasure`.
///
/// Ellipsoidal (the default, official): `AreaCalculator`'s geodesic area on the layer's ellipsoid. Planar: the
/// layer's projected CRS, or the CRS `[stats] planar_crs` names (for layers in geographic coordinates, or to
/// measure in another Gauss-Kruger zone); polygons are projected into it first.
struct StatsAreaMethod: Sendable {
    var method: AreaMethod
    /// The layer's CRS (WKT).
    var layerCRS: String
    /// The configured planar CRS (any definition GDAL accepts), when it is not the layer's own.
    var planarCRS: String?
    /// For messages: the layer's label.
    var label: String

    /// Checks the combination up front, so the error names what to do.
    init(method: AreaMethod, layer: SubCompartmentLayer, planarCRS: String?) throws {
        self.method = method
        layerCRS = layer.crsWKT
        label = layer.label
        self.planarCRS = nil
        guard method == .planar else { return }
        let layerSRS = try layer.spatialReference()
        if let planarCRS {
            let target: SpatialReference
            do { target = try SpatialReference(definition: planarCRS) } catch let e as GeoError {
                throw ForestMapError.input("setting stats.planar_crs: \(e.message)")
            }
            guard target.isProjected else {
                throw ForestMapError.input("setting stats.planar_crs = \"\(planarCRS)\" is \(target.label), not a projected CRS; name a Gauss-Kruger CRS such as EPSG:4545")
            }
            if !target.isSame(as: layerSRS) { self.planarCRS = planarCRS }
        } else if !layerSRS.isProjected {
            throw ForestMapError.input("\(layer.label): planar area needs a projected CRS, but the layer is in \(layerSRS.label); use --area ellipsoidal, or set [stats] planar_crs = \"EPSG:4545\" (the Gauss-Kruger zone to measure in)")
        }
    }

    /// A short description for notes: 椭球面积 or 平面面积 and the CRS.
    func note(layerCRSLabel: String) -> String {
        switch method {
        case .ellipsoidal: return "面积计算方法 area method: 椭球面积 ellipsoidal (geodesic area on the layer's ellipsoid)"
        case .planar:
            let crs = planarCRS.flatMap { try? SpatialReference(definition: $0).label } ?? layerCRSLabel
            return "面积计算方法 area method: 平面面积 planar, in \(crs)"
        }
    }
}

/// Measures polygons in square metres by a `StatsAreaMethod`. Holds PROJ objects: one per task, never shared.
final class StatsAreaMeasure {
    private let calculator: AreaCalculator?
    private let toPlanar: CoordinateTransform?

    init(_ m: StatsAreaMethod) throws {
        let layerSRS = try SpatialReference(definition: m.layerCRS)
        if m.method == .planar, let planar = m.planarCRS {
            toPlanar = try CoordinateTransform(from: layerSRS, to: SpatialReference(definition: planar))
            calculator = nil
        } else {
            toPlanar = nil
            calculator = try AreaCalculator(method: m.method, spatialReference: layerSRS, layerLabel: m.label)
        }
    }

    /// Area of polygons given in the layer's CRS.
    func squareMetres(_ polygons: [PolygonRings]) throws -> Double {
        if let toPlanar { return PlanarArea.of(try toPlanar.transform(polygons)) }
        return try calculator!.squareMetres(polygons)
    }

    func squareMetres(_ wkb: WKB) throws -> Double {
        try squareMetres(try wkb.polygons())
    }
}

@available(*, unavailable)
extension StatsAreaMeasure: Sendable {}

import Geo

/// How `forestmap stats` measures areas (面积量算方法), as a `Sendable` description that each parallel task turns
/// into its own `LayerAreaMeasure`.
///
/// Ellipsoidal (the default, official): `AreaCalculator`'s geodesic area on the layer's ellipsoid; with a
/// `localScale` (stats on a projected layer), polygons inside the layer's extent are measured by their planar area
/// times the local areal scale (`AreaScale`), which agrees with the geodesic area to about 1e-10. Planar: the
/// layer's projected CRS, or the CRS `[stats] planar_crs` names (for layers in geographic coordinates, or to
/// measure in another Gauss-Kruger zone); polygons are projected into it first.
package struct LayerAreaMethod: Sendable {
    var method: AreaMethod
    /// Ellipsoidal areas by planar area × local scale over the layer's extent; nil: every polygon geodesic.
    var localScale: AreaScale?
    /// The layer's CRS (WKT).
    var layerCRS: String
    /// The configured planar CRS (any definition GDAL accepts), when it is not the layer's own.
    var planarCRS: String?
    /// For messages: the layer's label.
    var label: String

    /// Checks the combination up front, so the error names what to do.
    package init(method: AreaMethod, layer: SubCompartmentLayer, planarCRS: String?) throws {
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
            if let refusal = CRSCheck.planarAreaRefusal(target) {
                throw ForestMapError.input("setting stats.planar_crs = \"\(planarCRS)\": \(refusal); name a Gauss-Kruger CRS such as EPSG:4545")
            }
            if !target.isSame(as: layerSRS) { self.planarCRS = planarCRS }
        } else if !layerSRS.isProjected {
            throw ForestMapError.input("\(layer.label): planar area needs a projected CRS, but the layer is in \(layerSRS.label); use --area ellipsoidal, or set [stats] planar_crs = \"EPSG:4545\" (the Gauss-Kruger zone to measure in)")
        } else if let refusal = CRSCheck.planarAreaRefusal(layerSRS) {
            throw ForestMapError.input("\(layer.label): \(refusal); use --area ellipsoidal, or set [stats] planar_crs = \"EPSG:4545\" (the Gauss-Kruger zone to measure in)")
        }
    }

    /// The same method measuring every polygon inside the layer's extent by planar area × local scale, when the
    /// method is ellipsoidal and the layer projected (a geographic layer keeps the geodesic area throughout).
    package func withLocalScale(_ layer: SubCompartmentLayer, threads: Int?) throws -> LayerAreaMethod {
        guard method == .ellipsoidal, try layer.spatialReference().isProjected else { return self }
        let items = layer.subCompartments
        let boxes = try ParallelChunks.map(count: items.count, threads: threads, minimumChunk: 5_000) { range -> [Envelope] in
            var box: Envelope?
            for i in range { if let b = try? items[i].geometry.envelope() { box = box.map { $0.union(b) } ?? b } }
            return box.map { [$0] } ?? []
        }
        guard let first = boxes.first else { return self }
        var scaled = self
        scaled.localScale = try AreaScale(extent: boxes.dropFirst().reduce(first) { $0.union($1) }, method: method, crsWKT: layerCRS, label: label)
        return scaled
    }

    /// The same method with every polygon measured geodesically (for township boundaries, far larger than the
    /// sub-compartments).
    package var exact: LayerAreaMethod {
        var m = self
        m.localScale = nil
        return m
    }

    /// A short description for notes: 椭球面积 or 平面面积 and the CRS.
    package func note(layerCRSLabel: String) -> String {
        switch method {
        case .ellipsoidal: return "面积计算方法 area method: 椭球面积 ellipsoidal (geodesic area on the layer's ellipsoid)"
        case .planar:
            let crs = planarCRS.flatMap { try? SpatialReference(definition: $0).label } ?? layerCRSLabel
            return "面积计算方法 area method: 平面面积 planar, in \(crs)"
        }
    }
}

/// Measures polygons in square metres by a `LayerAreaMethod`. Holds PROJ objects: one per task, never shared.
package final class LayerAreaMeasure {
    private let calculator: AreaCalculator?
    private let toPlanar: CoordinateTransform?
    private let localScale: AreaScale?

    package init(_ m: LayerAreaMethod) throws {
        let layerSRS = try SpatialReference(definition: m.layerCRS)
        localScale = m.localScale
        if m.method == .planar, let planar = m.planarCRS {
            toPlanar = try CoordinateTransform(from: layerSRS, to: SpatialReference(definition: planar))
            calculator = nil
        } else {
            toPlanar = nil
            calculator = try AreaCalculator(method: m.method, spatialReference: layerSRS, layerLabel: m.label)
        }
    }

    /// Area of polygons given in the layer's CRS.
    package func squareMetres(_ polygons: [PolygonRings]) throws -> Double {
        if let localScale, let a = localScale.squareMetres(PlanarMoments(polygons)) { return a }
        if let toPlanar { return PlanarArea.of(try toPlanar.transform(polygons)) }
        return try calculator!.squareMetres(polygons)
    }

    /// Area of a polygon or multipolygon given as WKB in the layer's CRS.
    package func squareMetres(_ wkb: WKB) throws -> Double {
        if let localScale, let a = try localScale.squareMetres(wkb) { return a }
        return try squareMetres(try wkb.polygons())
    }
}

@available(*, unavailable)
extension LayerAreaMeasure: Sendable {}

import Geo

/// How areas are computed (docs/domain.md §7).
public enum AreaMethod: String, Sendable, CaseIterable {
    /// On the CRS's ellipsoid by PROJ's geodesic polygon area: the official figure (default).
    case ellipsoidal
    /// In the layer's projected CRS.
    case planar
}

/// Computes polygon areas in square metres the way a layer's figures are reported (docs/domain.md §7).
///
/// Ellipsoidal (the default, as official statistics): coordinates are taken to the geographic CRS of the layer's
/// own datum and measured on its ellipsoid with PROJ's geodesic polygon area. Planar: the shoelace area in the
/// layer's projected CRS. Not `Sendable` (it holds a PROJ transformation): make one per task.
public final class AreaCalculator {
    public let method: AreaMethod
    private let toGeographic: CoordinateTransform?
    private let geodesic: GeodesicArea?

    public init(method: AreaMethod, spatialReference: SpatialReference, layerLabel: String) throws {
        self.method = method
        switch method {
        case .planar:
            guard spatialReference.isProjected else {
                throw ForestMapError.input("\(layerLabel): planar area needs a projected CRS, but the layer is in \(spatialReference.label); use --area ellipsoidal or reproject the layer")
            }
            if let refusal = CRSCheck.planarAreaRefusal(spatialReference) {
                throw ForestMapError.input("\(layerLabel): \(refusal); use --area ellipsoidal or reproject the layer to a Gauss-Kruger CRS")
            }
            toGeographic = nil
            geodesic = nil
        case .ellipsoidal:
            toGeographic = spatialReference.isGeographic ? nil : try CoordinateTransform(from: spatialReference, to: spatialReference.geographic())
            geodesic = GeodesicArea(ellipsoid: spatialReference.ellipsoid)
        }
    }

    /// Area of polygons given in the layer's CRS, in square metres.
    public func squareMetres(_ polygons: [PolygonRings]) throws -> Double {
        guard let geodesic else { return PlanarArea.of(polygons) }
        return geodesic.area(of: try toGeographic?.transform(polygons) ?? polygons)
    }

    public func squareMetres(_ wkb: WKB) throws -> Double {
        try squareMetres(try wkb.polygons())
    }
}

@available(*, unavailable)
extension AreaCalculator: Sendable {}

/// Area units people report in: hectares (公顷), mu (亩: 1 ha = 15 mu) and 万亩.
public enum AreaUnit {
    public static let squareMetresPerHectare = 10_000.0
    public static let muPerHectare = 15.0

    public static func hectares(_ squareMetres: Double) -> Double { squareMetres / squareMetresPerHectare }
    public static func mu(hectares: Double) -> Double { hectares * muPerHectare }
}

import Foundation

/// The `[geometry]` settings: how polygons that are invalid only by a hair, or carry degenerate parts, are treated
/// on every reading path (README "Geometry policy").
public struct GeometrySettings: Sendable, Hashable {
    /// A polygon GEOS finds invalid is repaired in memory and used when GEOS's repair (make-valid) moves its area by
    /// at most this much (m²) and keeps one polygon per part: the self-touching rings that snapping to a File
    /// Geodatabase's grid or a reprojection leaves, which ArcGIS calls simple. More is a material invalidity.
    public var repairToleranceSquareMetres = 0.01
    /// XY tolerance (metres; ArcGIS's default 1 mm): a part or hole whose area is below its square (1 mm²) is
    /// degenerate and dropped; overlaps, gaps and boundary pieces narrower than it are noise in `check`.
    public var xyToleranceMetres = 0.001
    /// `--repair`: material invalidities are repaired and listed too, instead of refused.
    public var repairMaterial = false

    public init() {}

    /// The area below which a part is degenerate, m².
    public var degenerateSquareMetres: Double { xyToleranceMetres * xyToleranceMetres }
}

extension ForestMapConfig {
    /// Reads the `[geometry]` section.
    package static func readGeometrySettings(_ r: inout TOMLReader, file: String) throws -> GeometrySettings {
        var s = GeometrySettings()
        for (key, path) in [("repair_tolerance_m2", \GeometrySettings.repairToleranceSquareMetres), ("xy_tolerance_m", \.xyToleranceMetres)] {
            guard let v = try r.double(key) else { continue }
            guard v >= 0, v.isFinite else { throw ForestMapError.input("\(file): setting geometry.\(key) must be a number, 0 or more") }
            s[keyPath: path] = v
        }
        return s
    }
}

/// The quality checks (质检) of a year's sub-compartment layer (docs/domain.md §8). The raw value is the stable English
/// key used in `check.csv`, in the names of `check.gpkg`'s layers, and in `synth --defects`'s truth.
public enum QualityCheck: String, Sendable, CaseIterable, Codable {
    /// 几何无效: self-intersection, ring problems (GEOS's reason and location).
    case invalidGeometry = "invalid_geometry"
    /// 几何已修复: invalid by a hair (GEOS's repair moves the area by at most `[geometry] repair_tolerance_m2` and
    /// keeps one polygon per part), or degenerate parts dropped: the other commands use the repaired polygon.
    case repairedGeometry = "repaired_geometry"
    /// 数值无效: a numeric field's value that is not a number (ArcGIS's no-value, NaN, infinite, beyond ±1e12, text):
    /// counted as missing. Text with thousands separators is read as its number and reported as a warning.
    case badNumber = "bad_number"
    /// 乡镇代码无效: XIANG is not a township code (letters, another length).
    case badTownshipCode = "bad_township_code"
    /// 代码体系混用: codes of another code system among the layer's (old 4-digit among new 6-digit), with counts.
    case mixedCodeSystem = "mixed_code_system"
    /// 多部件: a multipart polygon where one part is required.
    case multipart
    /// 零面积: zero or near-zero area.
    case zeroArea = "zero_area"
    /// 小班重叠: two sub-compartments overlap (the overlap polygon).
    case overlap
    /// 缝隙: a hole in the union of the sub-compartments inside the district (the gap polygon).
    case gap
    /// 细碎图斑: a sub-compartment below the map's minimum unit.
    case sliver
    /// 狭长图斑: a thin shape (area small for its perimeter).
    case thinShape = "thin_shape"
    /// 跨乡镇: a sub-compartment crossing a township boundary by more than the tolerance (the share outside).
    case crossesTownship = "crosses_township"
    /// 界线不一致: the township layer and the sub-compartments differ by a few metres along a boundary: one problem
    /// per stretch of boundary (`BoundaryStretches`).
    case boundaryMismatch = "boundary_mismatch"
    /// 乡镇界线重叠: two townships' polygons overlap by more than the boundary tolerance (the overlap polygon).
    case townshipOverlap = "township_overlap"
    /// 乡镇属性不符: XIANG disagrees with the township the polygon lies in.
    case townshipMismatch = "township_mismatch"
    /// 小班号重复: the key occurs more than once.
    case duplicateKey = "duplicate_key"
    /// 代码不在代码表: a land-class (or other coded) value missing from the code table.
    case unknownCode = "unknown_code"
    /// 面积不符: stored MIAN_JI differs from the computed area beyond the tolerance.
    case areaMismatch = "area_mismatch"
    /// 逻辑错误: harvested or burned land with an origin / a canopy closure.
    case harvestedWithStand = "harvested_with_stand"
    /// 逻辑错误: canopy closure outside 0..1.
    case canopyOutOfRange = "canopy_out_of_range"
    /// 逻辑错误: arbor forest with no dominant species.
    case arborWithoutSpecies = "arbor_without_species"

    public enum Severity: String, Sendable { case error, warning }

    /// Errors block acceptance of the layer (exit 3); warnings are for review.
    public var severity: Severity {
        switch self {
        case .invalidGeometry, .badNumber, .badTownshipCode, .mixedCodeSystem, .zeroArea, .overlap, .gap, .crossesTownship, .townshipOverlap, .townshipMismatch, .duplicateKey,
             .unknownCode, .canopyOutOfRange:
            return .error
        case .repairedGeometry, .multipart, .sliver, .thinShape, .boundaryMismatch, .areaMismatch, .harvestedWithStand, .arborWithoutSpecies:
            return .warning
        }
    }

    /// The check's name as GIS staff read it.
    public var chineseName: String {
        switch self {
        case .invalidGeometry: return "几何无效"
        case .repairedGeometry: return "几何已修复"
        case .badNumber: return "数值无效"
        case .badTownshipCode: return "乡镇代码无效"
        case .mixedCodeSystem: return "代码体系混用"
        case .multipart: return "多部件"
        case .zeroArea: return "零面积"
        case .overlap: return "小班重叠"
        case .gap: return "缝隙"
        case .sliver: return "细碎图斑"
        case .thinShape: return "狭长图斑"
        case .crossesTownship: return "跨乡镇"
        case .boundaryMismatch: return "界线不一致"
        case .townshipOverlap: return "乡镇界线重叠"
        case .townshipMismatch: return "乡镇属性不符"
        case .duplicateKey: return "小班号重复"
        case .unknownCode: return "代码不在代码表"
        case .areaMismatch: return "面积不符"
        case .harvestedWithStand: return "迹地有林分属性"
        case .canopyOutOfRange: return "郁闭度超范围"
        case .arborWithoutSpecies: return "乔木林无优势树种"
        }
    }
}

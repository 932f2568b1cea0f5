import ForestMapCore
/// What one `forestmap change` accounting uses: area method, field names and district code from the config.
public struct ChangeOptions: Sendable {
    public var areaMethod = AreaMethod.ellipsoidal
    /// Projected CRS for planar area of a layer in geographic coordinates (`[stats] planar_crs`).
    public var planarCRS: String?
    /// Field names of the current year's layer (and of both, unless `previousFields` differ).
    public var fields = SubCompartmentFields()
    /// Field names of the previous year's layer.
    public var previousFields = SubCompartmentFields()
    public var districtCode = ""
    /// The inspection unit for change patches (`[area] inspection_unit_m2`), m².
    public var inspectionUnitSquareMetres = 400.0
    /// A patch nowhere wider than this is a boundary sliver (`[change] sliver_width_m`), m.
    public var sliverWidthMetres = 5.0
    /// How overlapping township polygons are judged (`[check] boundary_tolerance_m` and the noise thresholds).
    var townshipOverlap = TownshipOverlap.Tolerances()
    /// Threads: nil uses every core, 1 runs on the calling thread. The result does not depend on it.
    public var threads: Int?
    /// Whether sub-compartments with an unchanged polygon skip the overlay (on by default; off only to check it).
    var skipUnchangedGeometry = true
    /// `[geometry] xy_tolerance_m`: polygons whose vertices all agree within it are unchanged, and overlay pieces
    /// narrower than it on average (2 × area / perimeter) are the noise of two grids, not land.
    public var xyToleranceMetres = 0.001
    /// When the years were on different grids (``GridAlignment``): the patches' pieces are joined on a grid this
    /// fine (layer units), so the hairline gaps two grids leave between them close. 0: exactly as they are.
    var patchGridSize = 0.0

    public init() {}

    /// How the current year's pieces and patches are measured: the area method, by local scale where it is exact.
    func areaMethod(for current: SubCompartmentLayer) throws -> LayerAreaMethod {
        try LayerAreaMethod(method: areaMethod, layer: current, planarCRS: planarCRS).withLocalScale(current, threads: threads)
    }

    public init(config: ForestMapConfig) {
        areaMethod = config.areaMethod
        planarCRS = config.stats.planarCRS
        fields = config.fields(for: .current)
        previousFields = config.fields(for: .previous)
        districtCode = config.districtCode
        inspectionUnitSquareMetres = config.inspectionUnitSquareMetres
        sliverWidthMetres = config.change.sliverWidthMetres
        townshipOverlap = TownshipOverlap.Tolerances(config.check)
        xyToleranceMetres = config.geometry.xyToleranceMetres
    }
}

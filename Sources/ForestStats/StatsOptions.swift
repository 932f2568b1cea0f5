import ForestMapCore
/// What one `forestmap stats` computation uses: the grouping, the area method and the settings it reads from
/// the config.
public struct StatsOptions: Sendable {
    /// 统计单位: townships (default) or villages.
    public var grouping = StatsGrouping.township
    public var areaMethod = AreaMethod.ellipsoidal
    public var settings = StatsSettings()
    public var fields = SubCompartmentFields()
    public var townshipFields = TownshipFields()
    public var districtCode = ""
    public var districtName = ""
    /// Whether 湖潮 and 党武 (Gui'an New Area) count in the district total (`[district] include_gui_an`).
    public var includeGuiAn = true
    /// GB/T 21010 assumptions, stated in the notes when the layer uses that system.
    public var ambiguousCodes = AmbiguousCodeSettings()
    /// How overlapping township polygons are judged (`[check] boundary_tolerance_m` and the noise thresholds).
    var townshipOverlap = TownshipOverlap.Tolerances()
    /// Threads for the overlay and the areas: nil uses every core, 1 runs on the calling thread.
    public var threads: Int?
    /// `[geometry] xy_tolerance_m`: land outside every township narrower than this is the noise of two grids.
    public var xyToleranceMetres = 0.001

    public init() {}

    /// The options a config gives.
    public init(config: ForestMapConfig) {
        areaMethod = config.areaMethod
        settings = config.stats
        fields = config.fields
        townshipFields = config.townshipFields
        districtCode = config.districtCode
        districtName = config.districtName
        includeGuiAn = config.includeGuiAnTownships
        ambiguousCodes = config.ambiguousCodes
        xyToleranceMetres = config.geometry.xyToleranceMetres
        townshipOverlap = TownshipOverlap.Tolerances(config.check)
    }
}

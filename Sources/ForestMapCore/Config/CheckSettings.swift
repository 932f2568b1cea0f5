/// The `[check]` settings of `forestmap check` (质检): tolerances and the code tables of coded attribute fields.
///
/// Every figure is a setting because none is fixed by a standard forestmap could confirm (docs/domain.md §8); the
/// defaults are what a county office would accept.
public struct CheckSettings: Sendable, Hashable {
    /// 界线容差: how far (metres) a sub-compartment may stray over its township's boundary, or leave the district's
    /// edge uncovered, before it counts as crossing the boundary or as a gap. Within it, the difference is the
    /// `boundary_mismatch` warning (the few metres by which another department's boundaries differ).
    public var boundaryToleranceMetres = 5.0
    /// 细碎图斑: sub-compartments below this area (m²) are slivers; nil: the map's minimum unit (`[area] map_unit_mu`).
    public var minimumMapUnitSquareMetres: Double?
    /// 跨乡镇: a sub-compartment crosses its township's boundary when at least this much of it (m²) lies beyond the
    /// tolerance; less is a boundary mismatch (a piece too small to be a sub-compartment of its own). nil: the map's
    /// minimum unit.
    public var crossingSquareMetres: Double?
    /// 零面积: at or below this area (m²) a polygon has zero or near-zero area.
    public var zeroAreaSquareMetres = 1.0
    /// Overlaps, gaps and boundary pieces of at most this area (m²) are numerical noise and not reported.
    public var minimumProblemSquareMetres = 0.01
    /// XY tolerance (metres, ArcGIS's default 1 mm): overlaps, gaps and boundary pieces narrower than this on average
    /// (2 × area / perimeter) are numerical noise, where neighbours' shared boundaries differ by a hair.
    public var xyToleranceMetres = 0.001
    /// 狭长图斑: thin when the compactness 4π·area/perimeter² is below `thinRatio` *and* the mean width
    /// 2·area/perimeter is below `thinWidthMetres` (a long strip a few metres wide, not a large convoluted polygon).
    public var thinRatio = 0.2
    public var thinWidthMetres = 5.0
    /// Allowed values of coded attribute fields, by the `[fields]` setting name of the field (qi_yuan, sen_lin_lb,
    /// shi_quan_d, gjgyl_bhdj, lin_zhong). An empty list turns the field's check off. Land-class codes are checked
    /// against the land-class code table instead.
    public var codeTables: [String: [String]] = CheckSettings.defaultCodeTables

    public init() {}

    /// docs/domain.md §2: origin 1x natural, 2x planted; forest category 011/012/021/022 (old 11/12/21/22); public-welfare
    /// level 10/20 (old 1/2); national public-welfare grade 1/2; forest use 11x protection, 12x special use,
    /// 23x timber, 240 energy, 25x economic.
    public static let defaultCodeTables: [String: [String]] = [
        "qi_yuan": ["11", "12", "13", "21", "22", "23", "24"],
        "sen_lin_lb": ["011", "012", "021", "022", "11", "12", "21", "22"],
        "shi_quan_d": ["10", "20", "1", "2"],
        "gjgyl_bhdj": ["1", "2"],
        "lin_zhong": (0...9).map { "11\($0)" } + (0...9).map { "12\($0)" } + (0...9).map { "23\($0)" } + ["240"]
            + (0...9).map { "25\($0)" },
    ]

    /// The `[fields]` names of the coded fields whose tables can be set.
    package static let codedFieldKeys = ["qi_yuan", "sen_lin_lb", "shi_quan_d", "gjgyl_bhdj", "lin_zhong"]

    /// The layer's name of a coded field, by its `[fields]` setting name.
    package static func fieldName(_ key: String, in f: SubCompartmentFields) -> String {
        switch key {
        case "qi_yuan": return f.qiYuan
        case "sen_lin_lb": return f.senLinLB
        case "shi_quan_d": return f.shiQuanD
        case "gjgyl_bhdj": return f.gjgylBHDJ
        default: return f.linZhong
        }
    }
}

extension ForestMapConfig {
    /// Reads the `[check]` section (and its `[check.codes]` table); `file` names the config in messages.
    package static func readCheckSettings(_ r: inout TOMLReader, file: String) throws -> CheckSettings {
        var s = CheckSettings()
        func nonNegative(_ key: String, _ value: Double?) throws -> Double? {
            guard let value else { return nil }
            guard value >= 0, value.isFinite else { throw ForestMapError.input("\(file): setting check.\(key) must be a number, 0 or more") }
            return value
        }
        s.boundaryToleranceMetres = try nonNegative("boundary_tolerance_m", r.double("boundary_tolerance_m")) ?? s.boundaryToleranceMetres
        if let mu = try nonNegative("sliver_mu", r.double("sliver_mu")) { s.minimumMapUnitSquareMetres = mu * 10_000 / 15 }
        if let mu = try nonNegative("crossing_min_mu", r.double("crossing_min_mu")) { s.crossingSquareMetres = mu * 10_000 / 15 }
        s.zeroAreaSquareMetres = try nonNegative("zero_area_m2", r.double("zero_area_m2")) ?? s.zeroAreaSquareMetres
        s.minimumProblemSquareMetres = try nonNegative("min_problem_m2", r.double("min_problem_m2")) ?? s.minimumProblemSquareMetres
        s.xyToleranceMetres = try nonNegative("xy_tolerance_m", r.double("xy_tolerance_m")) ?? s.xyToleranceMetres
        s.thinRatio = try nonNegative("thin_ratio", r.double("thin_ratio")) ?? s.thinRatio
        s.thinWidthMetres = try nonNegative("thin_width_m", r.double("thin_width_m")) ?? s.thinWidthMetres
        let known = CheckSettings.codedFieldKeys
        try r.section("codes") { t in
            for key in t.table.keys.sorted() {
                guard known.contains(key) else {
                    throw ForestMapError.input("\(file): unknown setting check.codes.\(key); code tables can be set for: \(known.joined(separator: ", "))")
                }
                s.codeTables[key] = try t.strings(key) ?? []
            }
        }
        return s
    }
}

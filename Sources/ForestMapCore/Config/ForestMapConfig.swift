import Foundation
import Geo

/// Which of the two years' layers (前期 previous, 本期 current).
public enum LayerYear: String, Sendable, CaseIterable {
    case previous, current
}

/// The settings of one forestmap run, read from a TOML file (README "Settings"). Every key has a default;
/// unknown keys and wrong types are errors naming the key.
public struct ForestMapConfig: Sendable {
    /// 区县: the district the data covers, from `[district]`; empty where the config names none (or there is no
    /// config): then the data names it (`withDistrict(from:)`), never a built-in district.
    public var districtName = ""
    public var districtCode = ""
    /// 填报单位: the reporting unit printed on filed tables (empty: none printed).
    public var reportingUnit = ""
    /// Whether 湖潮 (204) and 党武 (012), administered by the Gui'an New Area, count in district totals.
    public var includeGuiAnTownships = true

    /// Last year's and this year's sub-compartment layers, and optional auxiliary layers.
    public var previous: SourceReference?
    public var current: SourceReference?
    public var townships: SourceReference?
    public var permits: SourceReference?
    public var ringBelt: SourceReference?
    /// The assessment's inputs (`forestmap run`): task polygons (营造林任务), burned areas (森林火灾), pest damage
    /// (林业有害生物), under-forest economy projects (林下经济), and the targets per township (附表1 目标, a CSV).
    public var afforestationTasks: SourceReference?
    public var fires: SourceReference?
    public var pests: SourceReference?
    public var forestEconomy: SourceReference?
    public var targets: String?

    /// Shapefile text encoding when the file has no .cpg (GDAL's ENCODING open option); nil: detect UTF-8 or GBK.
    public var shapefileEncoding: String?

    public var fields = SubCompartmentFields()
    /// `[fields.previous]` and `[fields.current]`: field names of one year where they differ from `[fields]` (real
    /// data often names the class field per year, e.g. CORINE's code_18 and code_24).
    public var fieldsByYear: [LayerYear: SubCompartmentFields] = [:]
    public var townshipFields = TownshipFields()
    public var permitFields = PermitFields()

    /// The land-class code system; nil: detect from the codes.
    public var landClassSystem: LandClassSystem?
    /// A CSV code table (`code,class[,name]`) for other classifications (CORINE, MAES); used when system is "user".
    public var landClassTable: String?
    /// What GB/T 21010's ambiguous codes mean (0305 shrub, 0307 other forest land).
    public var ambiguousCodes = AmbiguousCodeSettings()

    public var areaMethod = AreaMethod.ellipsoidal
    /// 最小上图面积: the map's minimum unit, 1 mu (666.667 m²).
    public var mapUnitSquareMetres = 666.667
    /// The inspection minimum for change patches, 400 m² (docs/domain.md §5: unconfirmed, so a setting).
    public var inspectionUnitSquareMetres = 400.0
    /// Tolerance between stored MIAN_JI and computed area, as a share (0.01 = 1%).
    public var areaTolerance = 0.01

    /// The reporting year; the period defaults to the whole year.
    public var year: Int?
    public var periodStart: String?
    public var periodEnd: String?

    /// Helmert parameters (7) for Xian 1980 or Beijing 1954 data that lacks them.
    public var towgs84: [Double]?

    /// Where the run writes its outputs, relative to the config file; the command line's --out wins.
    public var outputFolder: String?

    /// `forestmap stats` settings (`[stats]`): four-side trees, a CRS for planar areas.
    public var stats = StatsSettings()

    /// `forestmap check` settings (`[check]`): tolerances, sliver and thin-shape thresholds, attribute code tables.
    public var check = CheckSettings()

    /// `[geometry]`: the repair tolerance and the XY tolerance of every reading path.
    public var geometry = GeometrySettings() {
        didSet { check.xyToleranceMetres = geometry.xyToleranceMetres }
    }

    /// Warnings about the config itself (an old key still read), printed once by the commands.
    public var warnings: [String] = []

    /// `forestmap change` settings (`[change]`): the sliver width, the permit kinds.
    public var change = ChangeSettings()

    /// `forestmap run` scoring rules (`[scoring]`, 附表2): weights, deductions, bonus items, grades.
    public var scoring = ScoringSettings()

    /// `[cases]`: the case register (问题整改台账) and how hits are matched to its cases.
    public var cases = CaseSettings()

    public init() {}

    /// Reads a config file; relative paths in it are resolved against the file's folder.
    public static func load(path: String) throws -> ForestMapConfig {
        if let kind = FileKind.unreadableKind(path) {
            throw ForestMapError.input("\(path): the config is \(kind), not a file; give the path to a .toml file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ForestMapError.input("\(path): config file not found; give the path to a .toml file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ForestMapError.input("\(path): config file is not UTF-8 text; save it as UTF-8")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let config = try parse(text, file: path, folder: folder)
        for warning in config.warnings { FileHandle.standardError.write(Data("forestmap: warning: \(warning)\n".utf8)) }
        return config
    }

    /// Parses config text; `folder` resolves relative input paths.
    public static func parse(_ text: String, file: String, folder: URL) throws -> ForestMapConfig {
        let table: TOMLTable
        do {
            table = try TOMLParser.parse(text)
        } catch {
            throw ForestMapError.input("\(file): line \(error.line), column \(error.column): \(error.message)")
        }
        var config = ForestMapConfig()
        var root = TOMLReader(table: table, path: "", file: file)
        try root.section("district") { r in
            config.districtName = try r.string("name") ?? config.districtName
            config.districtCode = try r.string("code") ?? config.districtCode
            config.reportingUnit = try r.string("reporting_unit") ?? config.reportingUnit
            config.includeGuiAnTownships = try r.bool("include_gui_an") ?? config.includeGuiAnTownships
        }
        try root.section("inputs") { r in
            func source(_ key: String) throws -> SourceReference? {
                guard let s = try r.string(key), !s.isEmpty else { return nil }
                do { return try SourceReference(parsing: s).resolved(relativeTo: folder) } catch let e as GeoError {
                    throw ForestMapError.input("\(file): inputs.\(key): \(e.message)")
                }
            }
            config.previous = try source("previous")
            config.current = try source("current")
            config.townships = try source("townships")
            config.permits = try source("permits")
            config.ringBelt = try source("ring_belt")
            config.afforestationTasks = try source("afforestation_tasks")
            config.fires = try source("fires")
            config.pests = try source("pests")
            config.forestEconomy = try source("forest_economy")
            config.targets = try r.string("targets").flatMap { $0.isEmpty ? nil : resolve($0, in: folder) }
        }
        try root.section("reading") { r in
            config.shapefileEncoding = try r.string("encoding").flatMap { $0.isEmpty ? nil : $0 }
        }
        try root.section("fields") { r in
            try readFields(&r, into: &config.fields)
            for year in LayerYear.allCases where r.table[year.rawValue] != nil {
                var f = config.fields
                try r.section(year.rawValue) { y in try readFields(&y, into: &f) }
                config.fieldsByYear[year] = f
            }
        }
        try root.section("township_fields") { r in
            config.townshipFields.code = try r.string("code") ?? config.townshipFields.code
            config.townshipFields.name = try r.string("name") ?? config.townshipFields.name
        }
        try root.section("permit_fields") { r in
            var p = config.permitFields
            p.number = try r.string("number") ?? p.number
            p.kind = try r.string("kind") ?? p.kind
            p.validFrom = try r.string("valid_from") ?? p.validFrom
            p.validTo = try r.string("valid_to") ?? p.validTo
            p.approvedArea = try r.string("approved_area") ?? p.approvedArea
            p.approvedUse = try r.string("approved_use") ?? p.approvedUse
            config.permitFields = p
        }
        try root.section("land_class") { r in
            if let s = try r.string("system"), s != "auto" {
                guard let system = LandClassSystem(rawValue: s) else {
                    throw ForestMapError.input("\(file): setting land_class.system = \"\(s)\" is not one of: auto, \(LandClassSystem.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                config.landClassSystem = system
            }
            config.landClassTable = try r.string("user_table").flatMap { $0.isEmpty ? nil : resolve($0, in: folder) }
            let shrubChoices: [LandClassGroup] = [.specialShrub, .otherShrub]
            let otherForestChoices: [LandClassGroup] = [.harvested, .burned]
            config.ambiguousCodes.shrub0305 = try r.choice("gbt_0305", LandClassGroup.self, allowed: shrubChoices) ?? config.ambiguousCodes.shrub0305
            config.ambiguousCodes.otherForest0307 = try r.choice("gbt_0307", LandClassGroup.self, allowed: otherForestChoices) ?? config.ambiguousCodes.otherForest0307
            if config.landClassSystem == .user, config.landClassTable == nil {
                throw ForestMapError.input("\(file): land_class.system = \"user\" needs land_class.user_table (a CSV with code,class[,name])")
            }
        }
        try root.section("area") { r in
            config.areaMethod = try r.choice("method", AreaMethod.self, allowed: AreaMethod.allCases) ?? config.areaMethod
            if let mu = try r.double("map_unit_mu") { config.mapUnitSquareMetres = mu * 10_000 / 15 }
            config.inspectionUnitSquareMetres = try r.double("inspection_unit_m2") ?? config.inspectionUnitSquareMetres
            config.areaTolerance = try r.double("mian_ji_tolerance") ?? config.areaTolerance
            for (key, v) in [("map_unit_mu", config.mapUnitSquareMetres), ("inspection_unit_m2", config.inspectionUnitSquareMetres), ("mian_ji_tolerance", config.areaTolerance)] where !(v >= 0) {
                throw ForestMapError.input("\(file): setting area.\(key) must not be negative")
            }
        }
        try root.section("period") { r in
            config.year = try r.int("year")
            if let year = config.year, !ForestMapConfig.years.contains(year) {
                throw ForestMapError.input("\(file): setting period.year = \(year) is not a year from \(ForestMapConfig.years.lowerBound) to \(ForestMapConfig.years.upperBound)")
            }
            config.periodStart = try r.string("from")
            config.periodEnd = try r.string("to")
        }
        try root.section("crs") { r in
            config.towgs84 = try r.doubles("towgs84")
            if let p = config.towgs84, p.count != 7 {
                throw ForestMapError.input("\(file): setting crs.towgs84 needs 7 numbers (dx, dy, dz, rx, ry, rz, ds), got \(p.count)")
            }
        }
        try root.section("output") { r in
            config.outputFolder = try r.string("folder").flatMap { $0.isEmpty ? nil : resolve($0, in: folder) }
        }
        config.stats = try root.section("stats") { r in try readStatsSettings(&r, file: file) }
        config.check = try root.section("check") { r in try readCheckSettings(&r, file: file) }
        let oldXY = table["check"]?.table?["xy_tolerance_m"] != nil
        var geometry = try root.section("geometry") { r in try readGeometrySettings(&r, file: file) }
        if oldXY {
            if table["geometry"]?.table?["xy_tolerance_m"] == nil { geometry.xyToleranceMetres = config.check.xyToleranceMetres }
            config.warnings.append("\(file): check.xy_tolerance_m has moved to [geometry] xy_tolerance_m (read from [check] this time)")
        }
        config.geometry = geometry
        config.change = try root.section("change") { r in try readChangeSettings(&r, file: file) }
        config.scoring = try root.section("scoring") { r in try readScoringSettings(&r, file: file) }
        config.cases = try root.section("cases") { r in try readCaseSettings(&r, file: file, folder: folder) }
        try root.rejectUnknownKeys()
        return config
    }

    /// The years a survey can be of (`[period] year`, `--year`).
    public static let years = 1900...2100

    /// Every file or folder the config names as an input (layers, targets, the code table), which no output may
    /// replace (`OutputFolder`).
    public var inputPaths: [String] {
        [previous, current, townships, permits, ringBelt, afforestationTasks, fires, pests, forestEconomy].compactMap { $0?.path }
            + [targets, landClassTable].compactMap { $0 }
    }

    /// The field names of one year's layer: `[fields]` with that year's `[fields.previous]` or `[fields.current]`.
    public func fields(for year: LayerYear) -> SubCompartmentFields { fieldsByYear[year] ?? fields }

    /// A path from the config: absolute as written, relative to the config's folder otherwise.
    package static func resolve(_ path: String, in folder: URL) -> String {
        path.hasPrefix("/") ? path : folder.appendingPathComponent(path).standardizedFileURL.path
    }

    private static func readFields(_ r: inout TOMLReader, into f: inout SubCompartmentFields) throws {
        let names: [(String, WritableKeyPath<SubCompartmentFields, String>)] = [
            ("xian", \.xian), ("xiang", \.xiang), ("cun", \.cun), ("lin_ban", \.linBan), ("xiao_ban", \.xiaoBan),
            ("xi_ban", \.xiBan), ("di_lei", \.diLei), ("q_di_lei", \.qDiLei), ("qi_yuan", \.qiYuan),
            ("sen_lin_lb", \.senLinLB), ("shi_quan_d", \.shiQuanD), ("gjgyl_bhdj", \.gjgylBHDJ),
            ("lin_zhong", \.linZhong), ("you_shi_sz", \.youShiSZ), ("yu_bi_du", \.yuBiDu), ("mian_ji", \.mianJi),
            ("huo_lmgqxj", \.huoLMGQXJ), ("bhyy", \.bhyy), ("bhnd", \.bhnd),
        ]
        for (key, path) in names {
            if let v = try r.string(key) { f[keyPath: path] = v }
        }
        // A year's table keeps [fields]' id and key unless it names its own ("" clears the id).
        if let id = try r.string("id") { f.id = id.isEmpty ? nil : id }
        if let key = try r.strings("key") { f.key = key }
    }
}

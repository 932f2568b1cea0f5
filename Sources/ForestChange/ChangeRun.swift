import Foundation
import Geo
import ForestMapCore

/// `forestmap change` (两期变化): the exact accounting of land-class change between two years, written
/// all-or-nothing into an output folder.
public enum ChangeRun {
    /// What the command line asks for; sources and settings not given come from the config.
    public struct Request: Sendable {
        /// The previous year's layer (前期); nil: the config's `[inputs] previous`.
        public var from: String?
        /// The current year's layer (本期); nil: the config's `[inputs] current`.
        public var to: String?
        /// Township boundaries; nil: the config's `[inputs] townships` (none: townships from XIANG).
        public var townships: String?
        /// Harvest permits and land-use approvals; nil: the config's `[inputs] permits` (none: not checked).
        public var permits: String?
        /// The ring-city forest belt; nil: the config's `[inputs] ring_belt`.
        public var ringBelt: String?
        /// The period permits must be valid in: `--year` or `--period` (start/end); nil: the config's `[period]`.
        public var year: Int?
        public var period: String?
        /// Gives the hit list its cases from a case register (read-only) before anything is written; nil: no
        /// register.
        public var registerCases: (@Sendable (Result, ForestMapConfig) throws -> [Hit])?
        /// The config, area method, output folder, threads and repair, as every command takes them.
        public var settings: CommandSettings

        public init(outputFolder: String) { settings = CommandSettings(outputFolder: outputFolder) }
    }

    public struct Report: Sendable {
        public var accounting: TransitionAccounting
        /// The change patches (变化图斑), in `patch_id` order.
        public var patches: [ChangePatch]
        public var hits: [Hit]
        public var files: [String]
        public var text: String
    }

    /// What the change step computed, before anything is written.
    public struct Result: Sendable {
        public var previous: SubCompartmentLayer
        public var current: SubCompartmentLayer
        public var townships: TownshipBoundaries?
        public var options: ChangeOptions
        public var period: ChangePeriod?
        var permits: PermitLayer?
        package var ringBelt: RingBelt?
        public var accounting: TransitionAccounting
        public var patches: [ChangePatch]
        /// The hit list, most urgent first.
        public var hits: [Hit]
        /// Candidate patches dropped: below the inspection unit, and boundary slivers.
        public var belowInspectionUnit: Int
        public var slivers: Int
        /// Pieces whose class changed to or from a class the code table does not know: not classified.
        public var unknownClassPieces: Int
    }

    /// Where the change step's inputs come from.
    public struct Sources: Sendable {
        public var from: SourceReference
        public var to: SourceReference
        public var townships: SourceReference?
        public var permits: SourceReference?
        public var ringBelt: SourceReference?
        public var period: ChangePeriod?

        /// The sources a config names.
        public init(config: ForestMapConfig) throws {
            from = try ForestMapConfig.source(nil, or: config.previous, missing: "no previous year's layer: set [inputs] previous in the config")
            to = try ForestMapConfig.source(nil, or: config.current, missing: "no current year's layer: set [inputs] current in the config")
            townships = config.townships
            permits = config.permits
            ringBelt = config.ringBelt
            period = try ChangePeriod.choose(year: nil, period: nil, config: config)
        }

        init(from: SourceReference, to: SourceReference, townships: SourceReference?, permits: SourceReference?,
             ringBelt: SourceReference?, period: ChangePeriod?) {
            self.from = from
            self.to = to
            self.townships = townships
            self.permits = permits
            self.ringBelt = ringBelt
            self.period = period
        }
    }

    @discardableResult
    public static func perform(_ request: Request, print printing: Bool = true) throws -> Report {
        let settings = request.settings
        let config = try settings.loadConfig()
        let fromSource = try ForestMapConfig.source(request.from, or: config.previous, missing: "no previous year's layer: give --from SOURCE, or --config FILE with [inputs] previous")
        let toSource = try ForestMapConfig.source(request.to, or: config.current, missing: "no current year's layer: give --to SOURCE, or --config FILE with [inputs] current")
        let townshipSource = try request.townships.map { try SourceReference(parsing: $0) } ?? config.townships
        let permitSource = try request.permits.map { try SourceReference(parsing: $0) } ?? config.permits
        let beltSource = try request.ringBelt.map { try SourceReference(parsing: $0) } ?? config.ringBelt
        let period = try ChangePeriod.choose(year: request.year, period: request.period, config: config)
        let folder = try settings.openOutputFolder(inputs: config.inputPaths + [fromSource.path, toSource.path]
                                                      + [townshipSource?.path, permitSource?.path, beltSource?.path].compactMap { $0 })
        var options = ChangeOptions(config: config)
        options.threads = settings.threads
        if let method = settings.areaMethod { options.areaMethod = method }
        let sources = Sources(from: fromSource, to: toSource, townships: townshipSource, permits: permitSource, ringBelt: beltSource, period: period)
        let computed = try compute(sources, config: config, options: options)
        let result = try request.registerCases.map { registerCases in
            var withCases = computed
            withCases.hits = try registerCases(computed, config)
            return withCases
        } ?? computed
        let report = try write(result, into: folder, config: config.withDistrict(from: result.current))
        releaseInBackground(consume result)
        try folder.commit()
        if printing {
            print(report.text)
            print("outputs: \(folder.target.path) (\(report.files.joined(separator: ", ")))")
        }
        return report
    }

    /// Reads both years (and the townships) and computes the accounting and the change patches.
    public static func compute(_ sources: Sources, config: ForestMapConfig, options: ChangeOptions) throws -> Result {
        // Only the fields change (and the statistics of the annual run) read are kept: two large layers in memory.
        // The current year's polygons that are byte for byte as in the previous year need no validity check of
        // their own: the previous year's load checked them. The others are checked once the two years are matched.
        let loadOptions = try [LayerYear.previous, .current].map { year in
            var o = try config.layerLoadOptions(year: year)
            let f = config.fields(for: year)
            o.keptFields = [f.xiang, f.cun, f.qiYuan, f.senLinLB, f.shiQuanD, f.gjgylBHDJ, f.bhyy]
            o.validityDeferred = year == .current && options.skipUnchangedGeometry
            return o
        }
        // Both years at once, each with its own dataset and GEOS context: the current year on a thread of its own,
        // the previous one here (its error is thrown first, as when they are read in turn), and the townships,
        // permits and ring belt on a third, in the current year's CRS read beforehand; their problems are raised
        // after the layers'.
        let currentSource = sources.to, currentOptions = loadOptions[1]
        let anyAuxiliary = sources.townships != nil || sources.permits != nil || sources.ringBelt != nil
        let crs = options.threads == 1 || !anyAuxiliary ? nil : try? SubCompartmentLayer.crsWKT(of: currentSource, options: currentOptions)
        let (loadedCurrent, early, loadedPrevious) = try ParallelJobs.alongside(
            threads: options.threads,
            side: { try SubCompartmentLayer.load(currentSource, options: currentOptions) },
            side: { crs.map { crs in EarlyAuxiliary(crs: crs, layers: Swift.Result { try Auxiliary.load(sources, config: config, into: crs) }) } },
            main: { try SubCompartmentLayer.load(sources.from, options: loadOptions[0]) })
        var previousYear = consume loadedPrevious
        // The unchanged polygons; then the other current ones checked for validity, those invalid by a hair
        // repaired (a material problem still comes before those of the townships, permits and ring belt).
        let (indexed, unchanged, current) = try ChangeOverlay.matchYears(previousYear, consume loadedCurrent, options: options,
                                                                          checkingChanged: loadOptions[1].validityDeferred)
        // An unchanged polygon is held once for both years.
        previousYear.shareGeometry(with: current, matches: unchanged.currentOf)
        let previous = consume previousYear
        var aligned = options
        if !unchanged.nearPairs.isEmpty { aligned.patchGridSize = current.layerUnits(metres: options.xyToleranceMetres) }
        if aligned.districtCode.isEmpty { aligned.districtCode = config.withDistrict(from: current).districtCode }
        let options = aligned
        let aux = try early.flatMap { $0.crs == current.crsWKT ? try $0.layers.get() : nil }
            ?? Auxiliary.load(sources, config: config, into: current.crsWKT)
        let permits = aux.permits, ringBelt = aux.ringBelt
        try TransitionAccounting.checkSameCRS(previous, current)
        let area = try options.areaMethod(for: current)
        // Overlapping townships: a wide overlap refused, a narrow one given to one township by the current year's
        // sub-compartments.
        let townships = try aux.townships.map { try $0.withoutOverlaps(for: current, tolerances: options.townshipOverlap, area: area) }
        let overlay = try ChangeOverlay.compute(previous: previous, current: current, unchanged: unchanged, indexed: indexed, options: options)
        // The accounting and the change patches both start from the overlay: the patches on a thread of their own
        // beside the accounting, so each one's serial steps leave the cores to the other.
        let inputs = ChangePatches.Inputs(previous: previous, current: current, townships: townships, permits: permits,
                                          ringBelt: ringBelt, period: sources.period)
        let (found, accounting) = try ParallelJobs.alongside(
            threads: options.threads,
            side: { try ChangePatches.compute(overlay, inputs: inputs, area: area, options: options) },
            main: { try TransitionAccounting.compute(overlay, previous: previous, current: current, townships: townships, area: area, options: options) })
        let toLonLat = try CoordinateTransform(from: current.spatialReference(), to: SpatialReference(definition: "EPSG:4490"))
        let hits = try HitList.select(found.patches) { p in
            var xs = [p.pointX], ys = [p.pointY]
            try toLonLat.transform(xs: &xs, ys: &ys)
            return (xs[0], ys[0])
        }
        return Result(previous: previous, current: current, townships: townships, options: options, period: sources.period,
                      permits: permits, ringBelt: ringBelt, accounting: accounting, patches: found.patches, hits: hits,
                      belowInspectionUnit: found.belowInspectionUnit, slivers: found.slivers, unknownClassPieces: found.unknownClassPieces)
    }

    /// The townships, permits and ring belt read while the years are, in the CRS the current year's layer declares
    /// (used when the loaded year keeps it), with their problem kept to be raised after the years'.
    struct EarlyAuxiliary: Sendable {
        var crs: String
        var layers: Swift.Result<Auxiliary, Error>
    }

    /// The layers beside the two years: townships, permits and the ring belt, each optional, in the current
    /// year's CRS.
    struct Auxiliary: Sendable {
        var townships: TownshipBoundaries?
        var permits: PermitLayer?
        var ringBelt: RingBelt?

        static func load(_ sources: Sources, config: ForestMapConfig, into crsWKT: String) throws -> Auxiliary {
            let townships = try sources.townships.map {
                try TownshipBoundaries.load($0, fields: config.townshipFields, districtCode: config.districtCode,
                                            into: crsWKT, towgs84: config.towgs84, encoding: config.shapefileEncoding,
                                        geometry: config.geometry)
            }
            let permits = try sources.permits.map { try PermitLayer.load($0, config: config, into: crsWKT) }
            let ringBelt = try sources.ringBelt.map { try RingBelt.load($0, config: config, into: crsWKT) }
            return Auxiliary(townships: townships, permits: permits, ringBelt: ringBelt)
        }
    }

    /// Writes the change step's files into an output folder (not committed: the caller commits).
    public static func write(_ result: Result, into folder: OutputFolder, config: ForestMapConfig) throws -> Report {
        let accounting = result.accounting, previous = result.previous, current = result.current, townships = result.townships
        var files = ["transitions.csv", "transitions.xlsx", "changes.gpkg", "changes.csv", "hitlist.csv", "hitlist.gpkg", "hitlist.kml", "hitlist_核查表.xlsx"]
        let repairs = [previous.repairList, current.repairList]
        files += try RepairedCSV.write(repairs, into: folder)
        let names = ChangeNames(townships: townships, previous: previous, current: current)
        let rows = try ChangesLayer.rows(result.patches, names: names, threads: result.options.threads)
        // The change patches' GeoPackage (the largest output) is written on another core while the rest are.
        let patches = result.patches, crsWKT = current.crsWKT, gpkg = folder.file("changes.gpkg")
        _ = try ParallelJobs.alongside(threads: result.options.threads,
                                       side: { try ChangesLayer.writeGeoPackage(patches, rows: rows, crsWKT: crsWKT, to: gpkg, threads: result.options.threads) },
                                       main: { try writeTables(result, rows: rows, names: names, into: folder, config: config) })
        let text = summary(accounting, previous: previous, current: current)
        let repairLines = (previous.codeSystemNotes + current.codeSystemNotes + RepairedCSV.summary(repairs) + previous.numberNotes + current.numberNotes).map { "\nnote: \($0)" }.joined()
        return Report(accounting: accounting, patches: result.patches, hits: result.hits, files: files, text: text + "\n" + patchSummary(result) + repairLines)
    }

    /// Every output but changes.gpkg.
    private static func writeTables(_ result: Result, rows: [String: [String]], names: ChangeNames, into folder: OutputFolder,
                                    config: ForestMapConfig) throws {
        let accounting = result.accounting, previous = result.previous, current = result.current, townships = result.townships
        try TransitionsCSV.table(accounting).write(to: folder.file("transitions.csv"))
        try CSVTable(header: ChangesLayer.columns, rows: result.patches.map { rows[$0.patchID]! }).write(to: folder.file("changes.csv"))
        let hitRows = try HitListFiles.write(result.hits, patchRows: rows, crsWKT: current.crsWKT, into: folder)
        let toLonLat = try CoordinateTransform(from: current.spatialReference(), to: SpatialReference(definition: "EPSG:4490"))
        try Data(HitListKML.text(result.hits, rows: hitRows, names: names, title: "\(config.districtName)变化图斑核查清单 hit list", toLonLat: toLonLat).utf8)
            .write(to: folder.file("hitlist.kml"))
        let hitNotes = ["前期 \(previous.label)；本期 \(current.label)", "核查期间 period: \(result.period.map { "\($0.start)/\($0.end)" } ?? "未指定 none: permits not checked for validity")",
                        "优先级 priority: 1 环城林带内、天然林采伐、公益林地减少; 2 未找到匹配许可、批非所用、许可过期、毁林开垦; 3 少批多占",
                        "\"未找到匹配许可\" means no matching approval was found in the permit layer, not that the change is illegal"]
        try FiledTable.write(HitListWorkbook.tables(result.hits, names: names, reportingUnit: config.reportingUnit, date: FiledDate.today(), notes: hitNotes),
                             to: folder.file("hitlist_核查表.xlsx"))
        let knownNames = Dictionary(Township.huaxi.map { ($0.code, $0.name) }) { a, _ in a }
        let polygonNames = Dictionary((townships?.townships ?? []).map { ($0.code, $0.name) }) { a, _ in a }
        let townshipName = { (code: String) in polygonNames[code].flatMap { $0.isEmpty ? nil : $0 } ?? knownNames[code] ?? "" }
        try FiledTable.write(TransitionWorkbook.tables(accounting, townshipName: townshipName, reportingUnit: config.reportingUnit,
                                                       date: FiledDate.today(), notes: notes(accounting, previous: previous, current: current, townships: townships, options: result.options)),
                             to: folder.file("transitions.xlsx"))
    }

    /// What every filed sheet states: the two layers and code systems, how pieces went to townships, the area
    /// method, and that reclassifications are not changes on the ground.
    static func notes(_ a: TransitionAccounting, previous: SubCompartmentLayer, current: SubCompartmentLayer,
                      townships: TownshipBoundaries?, options: ChangeOptions) -> [String] {
        [
            "前期 previous: \(previous.label) (\(previous.landClassTable.system.rawValue)); 本期 current: \(current.label) (\(current.landClassTable.system.rawValue)); 地类代码按本期代码体系 codes in the current year's system",
            "两期叠加 exact overlay: \(a.unchangedGeometry) sub-compartments kept their polygon and were compared by attributes; the rest were intersected piece by piece, every piece counted, no minimum area",
            townships.map { "按乡镇界线分割 pieces split at the township boundaries of \($0.label); 界外 = outside every township" }
                ?? "乡镇按 XIANG 属性 townships from the current sub-compartment's \(options.fields.xiang) attribute",
            options.areaMethod == .ellipsoidal ? "面积计算方法 area method: 椭球面积 ellipsoidal" : "面积计算方法 area method: 平面面积 planar",
            "代码体系转换 reclassification: a difference forced by the change of code system (e.g. old 017x/0180/163x), not a change on the ground",
        ]
    }

    static func patchSummary(_ r: Result) -> String {
        let counts = Dictionary(grouping: r.patches, by: \.changeType).mapValues(\.count)
        let types = ChangePatch.ChangeType.allCases.compactMap { t in counts[t].map { "\(t.rawValue) \($0)" } }.joined(separator: ", ")
        let byPriority = (1...3).map { p in "\(r.hits.filter { $0.priority == p }.count)" }.joined(separator: "/")
        return [
            "  change patches 变化图斑: \(r.patches.count) (\(types)); dropped: \(r.belowInspectionUnit) below the inspection unit, \(r.slivers) boundary slivers" + (r.unknownClassPieces > 0 ? "; \(r.unknownClassPieces) pieces not classified: a class not in the code table (see transitions.csv)" : ""),
            "  permits: \(r.permits.map { "\($0.permits.count) from \($0.label)" } ?? "none given (not checked)"); period \(r.period.map { "\($0.start)/\($0.end)" } ?? "not given (validity not checked)")",
            "  hit list 核查清单: \(r.hits.count) patches (priority 1/2/3: \(byPriority))",
        ].joined(separator: "\n")
    }

    package static func summary(_ a: TransitionAccounting, previous: SubCompartmentLayer, current: SubCompartmentLayer) -> String {
        func hectares(_ kind: LandClassTransition.Kind) -> String {
            String(format: "%.4f", AreaUnit.hectares(a.transitions.filter { $0.kind == kind }.reduce(0) { $0 + $1.squareMetres }))
        }
        return [
            "\(previous.label) (\(previous.landClassTable.system.rawValue)) → \(current.label) (\(current.landClassTable.system.rawValue)): land-class transitions",
            "  \(a.unchangedGeometry) sub-compartments kept their polygon (attributes compared); \(a.overlaid) previous sub-compartments overlaid; \(a.pieces) pieces changed class",
            "  change 地类变化: \(hectares(.change)) ha; reclassification 代码体系转换: \(hectares(.reclassification)) ha; \(a.transitions.count) rows",
        ].joined(separator: "\n")
    }
}

import Foundation
import Geo

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
        public var configPath: String?
        /// Overrides the config's `[area] method`.
        public var areaMethod: AreaMethod?
        public var outputFolder: String
        public var overwrite = false
        /// nil: every core.
        public var threads: Int?

        public init(outputFolder: String) { self.outputFolder = outputFolder }
    }

    public struct Report: Sendable {
        public var accounting: TransitionAccounting
        /// The change patches (变化图斑), in `patch_id` order.
        public var patches: [ChangePatch]
        public var files: [String]
        public var text: String
    }

    /// What the change step computed, before anything is written.
    public struct Result: Sendable {
        public var previous: SubCompartmentLayer
        public var current: SubCompartmentLayer
        public var townships: TownshipBoundaries?
        public var options: ChangeOptions
        public var accounting: TransitionAccounting
        public var patches: [ChangePatch]
    }

    @discardableResult
    public static func perform(_ request: Request, print printing: Bool = true) throws -> Report {
        let config = try request.configPath.map { try ForestMapConfig.load(path: $0) } ?? ForestMapConfig()
        let fromSource = try ForestMapConfig.source(request.from, or: config.previous, missing: "no previous year's layer: give --from SOURCE, or --config FILE with [inputs] previous")
        let toSource = try ForestMapConfig.source(request.to, or: config.current, missing: "no current year's layer: give --to SOURCE, or --config FILE with [inputs] current")
        let townshipSource = try request.townships.map { try SourceReference(parsing: $0) } ?? config.townships
        let folder = try OutputFolder(request.outputFolder, overwrite: request.overwrite)
        var options = ChangeOptions(config: config)
        options.threads = request.threads
        if let method = request.areaMethod { options.areaMethod = method }
        let result = try compute(from: fromSource, to: toSource, townships: townshipSource, config: config, options: options)
        let report = try write(result, into: folder, config: config)
        try folder.commit()
        if printing {
            print(report.text)
            print("outputs: \(folder.target.path) (\(report.files.joined(separator: ", ")))")
        }
        return report
    }

    /// Reads both years (and the townships) and computes the accounting and the change patches.
    public static func compute(from fromSource: SourceReference, to toSource: SourceReference, townships townshipSource: SourceReference?,
                               config: ForestMapConfig, options: ChangeOptions) throws -> Result {
        // Both years are read at once (each with its own dataset and GEOS context); an error in the previous year's
        // layer is reported first, as when they are read in turn.
        let loadOptions = try config.layerLoadOptions()
        let layers = ConcurrentResults<SubCompartmentLayer>(count: 2)
        let sources = [fromSource, toSource]
        if options.threads == 1 {
            for k in 0..<2 { layers.set(k) { try SubCompartmentLayer.load(sources[k], options: loadOptions) } }
        } else {
            DispatchQueue.concurrentPerform(iterations: 2) { k in layers.set(k) { try SubCompartmentLayer.load(sources[k], options: loadOptions) } }
        }
        let loaded = try layers.values()
        let previous = loaded[0], current = loaded[1]
        let townships = try townshipSource.map {
            try TownshipBoundaries.load($0, fields: config.townshipFields, districtCode: config.districtCode,
                                        into: current.crsWKT, towgs84: config.towgs84, encoding: config.shapefileEncoding)
        }
        let accounting = try TransitionAccounting.compute(previous: previous, current: current, townships: townships, options: options)
        return Result(previous: previous, current: current, townships: townships, options: options, accounting: accounting, patches: [])
    }

    /// Writes the change step's files into an output folder (not committed: the caller commits).
    public static func write(_ result: Result, into folder: OutputFolder, config: ForestMapConfig) throws -> Report {
        let accounting = result.accounting, previous = result.previous, current = result.current, townships = result.townships
        let files = ["transitions.csv", "transitions.xlsx"]
        try TransitionsCSV.table(accounting).write(to: folder.file("transitions.csv"))
        let knownNames = Dictionary(Township.huaxi.map { ($0.code, $0.name) }) { a, _ in a }
        let polygonNames = Dictionary((townships?.townships ?? []).map { ($0.code, $0.name) }) { a, _ in a }
        let townshipName = { (code: String) in polygonNames[code].flatMap { $0.isEmpty ? nil : $0 } ?? knownNames[code] ?? "" }
        try FiledTable.write(TransitionWorkbook.tables(accounting, townshipName: townshipName, reportingUnit: config.reportingUnit,
                                                       date: AnnualRun.today(), notes: notes(accounting, previous: previous, current: current, townships: townships, options: result.options)),
                             to: folder.file("transitions.xlsx"))
        let text = summary(accounting, previous: previous, current: current)
        return Report(accounting: accounting, patches: result.patches, files: files, text: text)
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

    static func summary(_ a: TransitionAccounting, previous: SubCompartmentLayer, current: SubCompartmentLayer) -> String {
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

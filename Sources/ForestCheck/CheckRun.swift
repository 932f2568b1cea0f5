import Foundation
import Geo
import ForestMapCore

/// `forestmap check`: the quality check (质检) of one sub-compartment layer, written all-or-nothing into an output
/// folder. The outputs are written whether or not problems are found; the caller exits 3 when errors were.
public enum CheckRun {
    /// What the command line asks for; sources not given come from the config.
    public struct Request: Sendable {
        /// The sub-compartment layer; nil: the config's `[inputs] current`.
        public var layer: String?
        /// Township boundaries; nil: the config's `[inputs] townships` (none: the township checks do not run).
        public var townships: String?
        /// The config, area method, output folder, threads and repair, as every command takes them.
        public var settings: CommandSettings

        public init(outputFolder: String) { settings = CommandSettings(outputFolder: outputFolder) }
    }

    public struct Report: Sendable {
        public var result: CheckResult
        /// The output folder as committed.
        public var folder: String
        public var files: [String]
        /// The terminal summary.
        public var text: String

        /// What the command exits with when errors were found (exit 3, `problemsFound`); nil for warnings only.
        public var failure: ForestMapError? {
            guard result.errorCount > 0 else { return nil }
            let byCheck = QualityCheck.allCases.filter { $0.severity == .error && result.count($0) > 0 }.map { "\($0.rawValue) \(result.count($0))" }
            return ForestMapError(.problemsFound, "\(result.layerLabel): \(result.errorCount) error\(result.errorCount == 1 ? "" : "s") found (\(byCheck.joined(separator: ", "))); see \(folder)/check.csv")
        }
    }

    @discardableResult
    public static func perform(_ request: Request, print printing: Bool = true) throws -> Report {
        let settings = request.settings
        var config = try settings.loadConfig()
        if let method = settings.areaMethod { config.areaMethod = method }
        let layerSource = try ForestMapConfig.source(request.layer, or: config.current,
                                                     missing: "no sub-compartment layer: give --layer SOURCE, or --config FILE with [inputs] current")
        let townshipSource = try request.townships.map { try SourceReference(parsing: $0) } ?? config.townships
        let folder = try settings.openOutputFolder(inputs: config.inputPaths + [layerSource.path] + [townshipSource?.path].compactMap { $0 })

        let result = try compute(layer: layerSource, townships: townshipSource, config: config, threads: settings.threads)
        let report = try write(result, into: folder, shownAs: folder.target.path, threads: settings.threads)
        try folder.commit()
        if printing {
            print(report.text)
            print("outputs: \(folder.target.path) (\(report.files.joined(separator: ", ")))")
        }
        return report
    }

    /// Reads the layer (invalid polygons reported, not refused) and the townships, and runs every check.
    public static func compute(layer layerSource: SourceReference, townships townshipSource: SourceReference?,
                               config: ForestMapConfig, threads: Int?) throws -> CheckResult {
        var options = try config.layerLoadOptions()
        options.requireValidGeometry = false
        // The townships are read and cut on another core while this one reads the layer (GDAL's reading keeps one
        // core busy, the layer's own preparation little of the other), in the layer's CRS read beforehand. The
        // layer's problems still come first.
        let crs = threads == 1 || townshipSource == nil ? nil : try? SubCompartmentLayer.crsWKT(of: layerSource, options: options)
        let (early, loaded) = try ParallelJobs.alongside(threads: threads, side: { () -> (crs: String, townships: Result<CheckTownships, Error>)? in
            guard let townshipSource, let crs else { return nil }
            return (crs, Result { try CheckTownships.load(townshipSource, config: config, into: crs, threads: threads) })
        }, main: { Result { try SubCompartmentLayer.load(layerSource, options: options) } })
        let layer = try loaded.get()
        let townships = try townshipSource.map { source in
            if let early, early.crs == layer.crsWKT { return try early.townships.get() }
            return try CheckTownships.load(source, config: config, into: layer.crsWKT, threads: threads)
        }
        return try QualityChecker.check(layer, townships: townships, config: config, threads: threads)
    }

    /// Writes the check's files into an output folder (not committed: the caller commits); `shownAs` is the
    /// folder the report's messages name.
    public static func write(_ result: CheckResult, into folder: OutputFolder, shownAs path: String, threads: Int? = nil) throws -> Report {
        try CheckOutput.write(result, into: folder, threads: threads)
        return Report(result: result, folder: path, files: CheckOutput.files, text: CheckOutput.text(result))
    }
}

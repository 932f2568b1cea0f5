import Foundation
import Geo
import ForestMapCore

/// `forestmap stats`: per-township (or per-village) forest statistics of one sub-compartment layer, written
/// all-or-nothing into an output folder.
public enum StatsRun {
    /// What the command line asks for; sources and settings not given come from the config.
    public struct Request: Sendable {
        /// The sub-compartment layer; nil: the config's `[inputs] current`.
        public var layer: String?
        /// Township boundaries; nil: the config's `[inputs] townships` (none: units from the XIANG attribute).
        public var townships: String?
        public var grouping = StatsGrouping.township
        /// The config, area method, output folder, threads and repair, as every command takes them.
        public var settings: CommandSettings

        public init(outputFolder: String) { settings = CommandSettings(outputFolder: outputFolder) }
    }

    /// What was computed and written.
    public struct Report: Sendable {
        public var statistics: ForestStatistics
        /// The files written into the output folder.
        public var files: [String]
        /// The terminal summary.
        public var text: String
    }

    @discardableResult
    public static func perform(_ request: Request, print printing: Bool = true) throws -> Report {
        let settings = request.settings
        var config = try settings.loadConfig()
        let layerSource = try ForestMapConfig.source(request.layer, or: config.current,
                                                     missing: "no sub-compartment layer: give --layer SOURCE, or --config FILE with [inputs] current")
        let townshipSource = try request.townships.map { try SourceReference(parsing: $0) } ?? config.townships
        let folder = try settings.openOutputFolder(inputs: config.inputPaths + [layerSource.path] + [townshipSource?.path].compactMap { $0 })

        // Statistics read only these attributes (besides the key, class, area and volume the loader pulls out).
        var loadOptions = try config.layerLoadOptions()
        let f = config.fields
        loadOptions.keptFields = [f.xiang, f.cun, f.senLinLB, f.qiYuan]
        let layer = try SubCompartmentLayer.load(layerSource, options: loadOptions)
        try layer.requireTownshipCodes(field: f.xiang)
        config = config.withDistrict(from: layer)
        let townships = try townshipSource.map {
            try TownshipBoundaries.load($0, fields: config.townshipFields, districtCode: config.districtCode,
                                        into: layer.crsWKT, towgs84: config.towgs84, encoding: config.shapefileEncoding,
                                        geometry: config.geometry)
        }
        var options = StatsOptions(config: config)
        options.grouping = request.grouping
        options.threads = settings.threads
        if let method = settings.areaMethod { options.areaMethod = method }
        let result = try compute(layer, townships: townships, options: options)
        let report = try write(result, into: folder, config: config)
        try folder.commit()
        if printing {
            print(report.text)
            print("outputs: \(folder.target.path) (\(report.files.joined(separator: ", ")))")
        }
        return report
    }

    /// What the statistics step computed, before anything is written: the figures and the tables rounded so
    /// they close as written.
    public struct Result: Sendable {
        public var statistics: ForestStatistics
        /// The sub-compartment layer's label, for the summary.
        public var layerLabel: String
        /// The polygons used repaired (`repaired.csv`).
        public var repairs: LayerRepairs
        /// What was not a number in MIAN_JI or the volume, for the summary.
        public var numberNotes: [String] = []
        /// The hectare table as written (rows add up to the total row).
        var hectares: ClosingTable
        /// The mu table (rounded on its own, with the hectare table's coverage).
        var mu: ClosingTable
    }

    /// Computes the statistics of a loaded layer (by township boundaries when given) and rounds its tables.
    public static func compute(_ layer: SubCompartmentLayer, townships: TownshipBoundaries?, options: StatsOptions) throws -> Result {
        let stats = try ForestStatistics.compute(layer, townships: townships, options: options)
        let hectares = ClosingTable(stats, unit: .hectare)
        return Result(statistics: stats, layerLabel: layer.label, repairs: layer.repairList, numberNotes: layer.codeSystemNotes + layer.numberNotes, hectares: hectares, mu: ClosingTable(stats, unit: .mu).withCoverage(of: hectares))
    }

    /// Writes the statistics step's files into an output folder (not committed: the caller commits).
    public static func write(_ result: Result, into folder: OutputFolder, config: ForestMapConfig) throws -> Report {
        let stats = result.statistics, hectares = result.hectares
        let comparison = XiangComparison(stats, townshipTable: hectares)
        let base = stats.grouping == .township ? "township_stats" : "village_stats"
        var files = ["\(base).csv", "\(base).xlsx"]
        try StatsCSV.table(hectares, grouping: stats.grouping).write(to: folder.file("\(base).csv"))
        try FiledTable.write(StatsWorkbook.tables(stats, hectares: hectares, mu: result.mu, comparison: comparison,
                                                  reportingUnit: config.reportingUnit, date: FiledDate.today()),
                             to: folder.file("\(base).xlsx"))
        if let comparison {
            try StatsCSV.comparison(comparison).write(to: folder.file("township_by_xiang.csv"))
            files.append("township_by_xiang.csv")
        }
        if stats.boundaries != nil {
            try StatsMap.write(stats, table: hectares, to: folder.file("townships.gpkg"))
            files.append("townships.gpkg")
        }
        files += try RepairedCSV.write([result.repairs], into: folder)
        let repairLines = (RepairedCSV.summary([result.repairs]) + result.numberNotes).map { "  note: \($0)" }
        return Report(statistics: stats, files: files, text: ([summary(stats, table: hectares, layer: result.layerLabel)] + repairLines).joined(separator: "\n"))
    }

    /// The terminal summary: land, forest land, forest and coverage per township (only the totals by village:
    /// the CSV has every village), then the notes.
    static func summary(_ stats: ForestStatistics, table: ClosingTable, layer: String) -> String {
        let all = (stats.grouping == .township ? table.rows : []) + [table.total] + table.extraTotals
        let label = { (r: ClosingTable.Row) in [r.townshipCode, r.villageCode, r.townshipName].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ") }
        let width = all.map { label($0).displayWidth }.max()! + 2
        var lines = ["\(stats.districtName) \(layer): forest statistics by \(stats.grouping.rawValue)" +
                     (stats.grouping == .village ? " (\(table.rows.count) villages: see village_stats.csv)" : ""),
                     "  " + "unit".rightPadded(width) + "land ha".leftPadded(16) + "forest land ha".leftPadded(16) + "forest ha".leftPadded(16) + "coverage %".leftPadded(12)]
        for r in all {
            lines.append("  " + label(r).rightPadded(width) + [StatsColumn.landArea, .forestLand, .forest].map { (r.cells[$0]?.text ?? "").leftPadded(16) }.joined()
                         + (r.cells[.coverage]?.text ?? "").leftPadded(12))
        }
        return (lines + stats.notes.map { "  note: \($0)" }).joined(separator: "\n")
    }
}

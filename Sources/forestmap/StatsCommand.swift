import ArgumentParser
import ForestMap
import ForestMapCore
import ForestStats

/// `forestmap stats`: per-township or per-village forest statistics that close exactly.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Per-township (or per-village) land, forest-land and forest area, coverage, public-welfare and natural forest, standing volume.",
        discussion: """
        With --townships, area goes to townships by exact overlay with their boundary polygons and the land area \
        is the polygon's; without, townships come from the XIANG attribute. Writes township_stats.csv/.xlsx \
        (village_stats.* with --by village), township_by_xiang.csv and townships.gpkg; repaired.csv when a \
        polygon was repaired. \(HelpText.exitCodes())
        """
    )

    @Option(help: "The sub-compartment layer: a file, .gdb folder or PG: string, optionally with |layername=NAME (default: [inputs] current of --config).")
    var layer: String?

    @Option(help: "Township boundary polygons (default: [inputs] townships of --config; without either, townships come from the XIANG attribute).")
    var townships: String?

    @Option(help: "Statistical unit: township or village.")
    var by: String = StatsGrouping.township.rawValue

    @OptionGroup var configOption: ConfigOption
    @OptionGroup var areaOption: AreaOption
    @OptionGroup var output: OutputOptions
    @OptionGroup var repairOption: RepairOption
    @OptionGroup var compute: ComputeOptions

    func validate() throws {
        guard StatsGrouping(rawValue: by) != nil else {
            throw ValidationError("--by must be one of: \(StatsGrouping.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        compute.apply()
        var request = StatsRun.Request(outputFolder: output.out)
        request.layer = layer
        request.townships = townships
        request.grouping = StatsGrouping(rawValue: by) ?? .township
        request.settings = try CommandSettings(config: configOption, area: areaOption, output: output, compute: compute, repair: repairOption)
        try StatsRun.perform(request)
    }
}

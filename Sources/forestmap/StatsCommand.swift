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
        (village_stats.* with --by village), township_by_xiang.csv and townships.gpkg.
        """
    )

    @Option(help: "The sub-compartment layer: a file, .gdb folder or PG: string, optionally with |layername=NAME (default: [inputs] current of --config).")
    var layer: String?

    @Option(help: "Township boundary polygons (default: [inputs] townships of --config; none: townships from the XIANG attribute).")
    var townships: String?

    @Option(help: "Statistical unit: township or village.")
    var by: String = StatsGrouping.township.rawValue

    @Option(help: "A TOML config: field names, district, [stats] settings.")
    var config: String?

    @Option(help: "Area method: ellipsoidal (default, official) or planar.")
    var area: String?

    @Option(help: "Output folder.")
    var out: String

    @Flag(help: "Replace an existing output folder.")
    var overwrite = false

    @Flag(help: "Repair polygons GEOS finds invalid beyond [geometry] repair_tolerance_m2 with make-valid, and list them in repaired.csv, instead of refusing the layer.")
    var repair = false

    func validate() throws {
        guard StatsGrouping(rawValue: by) != nil else {
            throw ValidationError("--by must be one of: \(StatsGrouping.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        var request = StatsRun.Request(outputFolder: out)
        request.layer = layer
        request.townships = townships
        request.grouping = StatsGrouping(rawValue: by) ?? .township
        request.configPath = config
        request.areaMethod = try area.map(Choice.areaMethod)
        request.overwrite = overwrite
        request.repair = repair
        try StatsRun.perform(request)
    }
}

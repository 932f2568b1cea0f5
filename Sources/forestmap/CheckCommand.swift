import ArgumentParser
import ForestMap
import ForestCheck
import ForestMapCore

/// `forestmap check`: the quality check (质检) of a year's sub-compartment layer.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a sub-compartment layer: geometry, overlaps, gaps, slivers, townships, keys, codes, areas, logic.",
        discussion: """
        Writes check.gpkg (a layer per check, each problem at its place), check.csv (one row per problem) and \
        check_summary.csv (counts per check and township). \(HelpText.exitCodes("3 errors found (0 with warnings only)"))
        """
    )

    @Option(help: "The sub-compartment layer: a file, .gdb folder or PG: string, optionally with |layername=NAME (default: [inputs] current of --config).")
    var layer: String?

    @Option(help: "Township boundary polygons for the township checks (default: [inputs] townships of --config).")
    var townships: String?

    @OptionGroup var configOption: ConfigOption
    @OptionGroup var areaOption: AreaOption
    @OptionGroup var output: OutputOptions
    @OptionGroup var compute: ComputeOptions

    func run() throws {
        compute.apply()
        var request = CheckRun.Request(outputFolder: output.out)
        request.layer = layer
        request.townships = townships
        request.settings = try CommandSettings(config: configOption, area: areaOption, output: output, compute: compute, repair: nil)
        if let failure = try CheckRun.perform(request).failure { throw failure }
    }
}

import ArgumentParser
import ForestMap
import ForestMapCore
import ForestUpdate

/// `forestmap update`: the annual map update — last year's map plus this year's verified change patches.
struct UpdateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "The annual map update (一张图年度更新): cut this year's change patches into last year's map.",
        discussion: """
        Every sub-compartment a patch covers is cut; the part inside takes the patch's record (the previous values go to Q_ fields), \
        pieces are renumbered, pieces below the map unit are merged into a neighbour (BHYY 97) and MIAN_JI is \
        recomputed. Writes the new map (GeoPackage), the forest-land ledger, the changed sub-compartments, the \
        patches not applied and the conflicts between patches. \(HelpText.exitCodes("3 a patch was not applied"))
        """
    )

    @Option(help: "Last year's sub-compartment layer (default: [inputs] previous of --config).")
    var map: String?

    @Option(help: "The change patches: polygons with the new record, BHYY, BHND and BH_YJ.")
    var patches: String

    @Option(help: "The update year (default: [period] year of --config, else the latest BHND of the patches).")
    var year: Int?

    @OptionGroup var configOption: ConfigOption
    @OptionGroup var output: OutputOptions
    @OptionGroup var repairOption: RepairOption
    @OptionGroup var compute: ComputeOptions

    func validate() throws { try YearOption.check(year) }

    func run() throws {
        compute.apply()
        var request = UpdateRun.Request(patches: patches, outputFolder: output.out)
        request.map = map
        request.year = year
        request.settings = try CommandSettings(config: configOption, area: nil, output: output, compute: compute, repair: repairOption)
        if let failure = try UpdateRun.perform(request).failure { throw failure }
    }
}

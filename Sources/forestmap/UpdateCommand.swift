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
        patches not applied and the conflicts between patches. Exit 3 when a patch was not applied.
        """
    )

    @Option(help: "Last year's sub-compartment layer (default: [inputs] previous of --config).")
    var map: String?

    @Option(help: "The change patches: polygons with the new record, BHYY, BHND and BH_YJ.")
    var patches: String

    @Option(help: "The update year (default: [period] year of --config, else the latest BHND of the patches).")
    var year: Int?

    @Option(help: "A TOML config: field names, map unit, area method.")
    var config: String?

    @Option(help: "Output folder.")
    var out: String

    @Flag(help: "Replace an existing output folder.")
    var overwrite = false

    @Flag(help: "Repair polygons GEOS finds invalid beyond [geometry] repair_tolerance_m2 with make-valid, and list them in repaired.csv, instead of refusing the layer.")
    var repair = false

    func run() throws {
        var request = UpdateRun.Request(patches: patches, outputFolder: out)
        request.map = map
        if let year, !ForestMapConfig.years.contains(year) { throw ValidationError("--year \(year) is not a year from 1900 to 2100") }
        request.year = year
        request.configPath = config
        request.overwrite = overwrite
        request.repair = repair
        if let failure = try UpdateRun.perform(request).failure { throw failure }
    }
}

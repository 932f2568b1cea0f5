import ArgumentParser
import ForestMap
import ForestCases
import ForestChange
import ForestMapCore

/// `forestmap change`: land-class transitions between two years by exact overlay.
struct ChangeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "change",
        abstract: "Change between two years (两期变化): transitions, change patches checked against permits, and the hit list.",
        discussion: """
        Every piece where a previous and a current sub-compartment overlap gets both classes; sub-compartments \
        whose polygon did not change are compared by attributes only. Classes are compared after normalisation: \
        a change of code system is a reclassification, never a change. Writes transitions.csv (area by township, \
        from class, to class and kind, where the class changed) and transitions.xlsx, changes.gpkg and changes.csv \
        (change patches, slivers and pieces below the inspection unit dropped, checked against permits) and the \
        hit list for field verification (hitlist.csv, .gpkg, .kml and hitlist_核查表.xlsx); repaired.csv when a polygon was \
        repaired. \(HelpText.exitCodes())
        """
    )

    @Option(help: "The previous year's layer (default: [inputs] previous of --config).")
    var from: String?

    @Option(help: "The current year's layer (default: [inputs] current of --config).")
    var to: String?

    @Option(help: "Township boundary polygons (default: [inputs] townships of --config; without either, townships come from the XIANG attribute).")
    var townships: String?

    @Option(help: "Harvest permits and land-use approvals (default: [inputs] permits of --config; without either, permits are not checked).")
    var permits: String?

    @Option(name: .customLong("ring-belt"), help: "The ring-city forest belt polygons (default: [inputs] ring_belt of --config).")
    var ringBelt: String?

    @Option(help: "The year permits must be valid in (default: [period] of --config).")
    var year: Int?

    @Option(help: "The period permits must be valid in, as 2021-01-01/2021-12-31 (instead of --year).")
    var period: String?

    @OptionGroup var configOption: ConfigOption
    @OptionGroup var areaOption: AreaOption
    @OptionGroup var compute: ComputeOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var repairOption: RepairOption
    @OptionGroup var caseOptions: CaseOptions

    func validate() throws {
        guard year == nil || period == nil else { throw ValidationError("give --year or --period, not both") }
        try YearOption.check(year)
    }

    func run() throws {
        compute.apply()
        var request = ChangeRun.Request(outputFolder: output.out)
        request.from = from
        request.to = to
        request.townships = townships
        request.permits = permits
        request.ringBelt = ringBelt
        request.year = year
        request.period = period
        request.settings = try CommandSettings(config: configOption, area: areaOption, output: output, compute: compute, repair: repairOption)
        let register = try caseOptions.location(), asOf = caseOptions.day
        request.registerCases = { result, config in
            // Read-only: the hits of cases the register holds get their case; nothing is written to it.
            try RunCases.match(result, config: config, register: register, asOf: asOf)?.registeredHits ?? result.hits
        }
        try ChangeRun.perform(request)
    }
}

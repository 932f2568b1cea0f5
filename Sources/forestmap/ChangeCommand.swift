import ArgumentParser
import ForestMap
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
        a change of code system is a reclassification, never a change. Writes transitions.csv (every piece), \
        changes.gpkg (change patches, slivers and pieces below the inspection unit dropped, checked against \
        permits) and the hit list for field verification (hitlist.csv, .gpkg, .kml, 核查表 .xlsx).
        """
    )

    @Option(help: "The previous year's layer (default: [inputs] previous of --config).")
    var from: String?

    @Option(help: "The current year's layer (default: [inputs] current of --config).")
    var to: String?

    @Option(help: "Township boundary polygons (default: [inputs] townships of --config; none: townships from the XIANG attribute).")
    var townships: String?

    @Option(help: "Harvest permits and land-use approvals (default: [inputs] permits of --config; none: not checked).")
    var permits: String?

    @Option(name: .customLong("ring-belt"), help: "The ring-city forest belt polygons (default: [inputs] ring_belt of --config).")
    var ringBelt: String?

    @Option(help: "The year permits must be valid in (default: [period] of --config).")
    var year: Int?

    @Option(help: "The period permits must be valid in, as 2021-01-01/2021-12-31 (instead of --year).")
    var period: String?

    @Option(help: "A TOML config: field names, district, area method.")
    var config: String?

    @Option(help: "Area method: ellipsoidal (default, official) or planar.")
    var area: String?

    @Option(help: "Threads to use (default: every core); the results do not depend on it.")
    var threads: Int?

    @Option(help: "Output folder.")
    var out: String

    @Flag(help: "Replace an existing output folder.")
    var overwrite = false

    @Flag(help: "Repair polygons GEOS finds invalid beyond [geometry] repair_tolerance_m2 with make-valid, and list them in repaired.csv, instead of refusing the layer.")
    var repair = false

    func run() throws {
        var request = ChangeRun.Request(outputFolder: out)
        request.from = from
        request.to = to
        request.townships = townships
        request.permits = permits
        request.ringBelt = ringBelt
        guard year == nil || period == nil else { throw ValidationError("give --year or --period, not both") }
        if let year, !ForestMapConfig.years.contains(year) { throw ValidationError("--year \(year) is not a year from 1900 to 2100") }
        request.year = year
        request.period = period
        request.configPath = config
        request.areaMethod = try area.map(Choice.areaMethod)
        request.overwrite = overwrite
        request.repair = repair
        if let threads, threads < 1 { throw ValidationError("--threads must be 1 or more") }
        request.threads = threads
        try ChangeRun.perform(request)
    }
}

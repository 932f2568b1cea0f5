import ArgumentParser
import ForestMap

/// `forestmap change`: land-class transitions between two years by exact overlay.
struct ChangeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "change",
        abstract: "Land-class transitions between two years (地类转移), by exact overlay, per township.",
        discussion: """
        Every piece where a previous and a current sub-compartment overlap gets both classes; sub-compartments \
        whose polygon did not change are compared by attributes only. Classes are compared after normalisation: \
        a change of code system is a reclassification, never a change. Writes transitions.csv.
        """
    )

    @Option(help: "The previous year's layer (default: [inputs] previous of --config).")
    var from: String?

    @Option(help: "The current year's layer (default: [inputs] current of --config).")
    var to: String?

    @Option(help: "Township boundary polygons (default: [inputs] townships of --config; none: townships from the XIANG attribute).")
    var townships: String?

    @Option(help: "A TOML config: field names, district, area method.")
    var config: String?

    @Option(help: "Area method: ellipsoidal (default, official) or planar.")
    var area: String?

    @Option(help: "Output folder.")
    var out: String

    @Flag(help: "Replace an existing output folder.")
    var overwrite = false

    func run() throws {
        var request = ChangeRun.Request(outputFolder: out)
        request.from = from
        request.to = to
        request.townships = townships
        request.configPath = config
        request.areaMethod = try area.map(Choice.areaMethod)
        request.overwrite = overwrite
        try ChangeRun.perform(request)
    }
}

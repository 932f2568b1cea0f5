import ArgumentParser
import Foundation
import ForestMap

/// `forestmap run CONFIG.toml`: the annual run on the inputs a config names.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the annual job on the layers a config names (for now: both years' area by land class)."
    )

    @Argument(help: "The TOML config naming the inputs and settings.")
    var config: String

    @Option(help: "Output folder (default: [output] folder in the config).")
    var out: String?

    @Flag(help: "Replace an existing output folder.")
    var overwrite = false

    @Option(help: "Area method: ellipsoidal (default, official) or planar.")
    var area: String?

    func run() throws {
        var settings = try ForestMapConfig.load(path: config)
        if let area { settings.areaMethod = try Choice.areaMethod(area) }
        try AnnualRun.perform(config: settings, outputFolder: out, overwrite: overwrite)
    }
}

/// Parses enumerated option values with errors that list the choices.
enum Choice {
    static func areaMethod(_ text: String) throws -> AreaMethod {
        guard let m = AreaMethod(rawValue: text) else {
            throw ValidationError("--area must be one of: \(AreaMethod.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return m
    }
}

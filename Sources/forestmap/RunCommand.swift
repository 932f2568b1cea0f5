import ArgumentParser
import Foundation
import ForestMap
import ForestMapCore

/// `forestmap run CONFIG.toml`: the annual run on the inputs a config names.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "The annual update: check, change, statistics and the forest-chief assessment (附表1, 附表2) in one output folder."
    )

    @Argument(help: "The TOML config naming the inputs and settings.")
    var config: String

    @Option(help: "Output folder (default: a dated folder inside [output] folder of the config).")
    var out: String?

    @Flag(help: "Replace an existing output folder.")
    var overwrite = false

    @Flag(help: "Repair polygons GEOS finds invalid beyond [geometry] repair_tolerance_m2 with make-valid, and list them in repaired.csv, instead of refusing the layer.")
    var repair = false

    @Option(help: "Area method: ellipsoidal (default, official) or planar.")
    var area: String?

    func run() throws {
        var request = AnnualRun.Request(configPath: config)
        request.outputFolder = out
        request.overwrite = overwrite
        request.repair = repair
        request.areaMethod = try area.map(Choice.areaMethod)
        let report = try AnnualRun.perform(request)
        if let failure = report.failure { throw failure }
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

import ArgumentParser
import Foundation
import ForestMap
import ForestMapCore

/// `forestmap run CONFIG.toml`: the annual run on the inputs a config names.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "The annual update: check, change, statistics and the forest-chief assessment (附表1, 附表2) in one output folder.",
        discussion: """
        Writes, all or nothing, into --out (or a dated folder annual-<year>-<yyyymmdd> inside [output] folder): \
        appendix1_targets.csv/.xlsx (附表1), appendix2_scores.csv/.xlsx (附表2), scores_detail.csv, \
        assessment_figures.json, findings.txt, report.html, landclass_area.csv/.xlsx, forestmap.qgs (the QGIS \
        project), manifest.json, and check/, \
        change/ and stats/ as those commands write them. With a case register the hit list carries each hit's case \
        and the run records its hits in the register once the folder is in place. When the check finds invalid \
        polygons (without --repair), overlapping townships or bad township codes, only check/ and manifest.json \
        are written and the run exits 3. \(HelpText.exitCodes("3 the check found errors"))
        """
    )

    @Argument(help: "The TOML config naming the inputs and settings.")
    var config: String

    @Option(help: "Output folder (default: a dated folder inside [output] folder of the config).")
    var out: String?

    @Flag(help: "Replace an existing output folder (only one forestmap made).")
    var overwrite = false

    @OptionGroup var areaOption: AreaOption
    @OptionGroup var compute: ComputeOptions
    @OptionGroup var repairOption: RepairOption
    @OptionGroup var caseOptions: CaseOptions

    func run() throws {
        compute.apply()
        var request = AnnualRun.Request(configPath: config)
        request.outputFolder = out
        request.overwrite = overwrite
        request.repair = repairOption.repair
        request.areaMethod = try areaOption.method()
        request.register = try caseOptions.location()
        request.asOf = caseOptions.day
        let report = try AnnualRun.perform(request)
        if let failure = report.failure { throw failure }
    }
}

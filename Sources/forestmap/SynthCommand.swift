import ArgumentParser
import ForestMap
import ForestSynth

/// `forestmap synth`: a deterministic synthetic district for tests, demos and benchmarks.
struct SynthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Make a synthetic district: two years of sub-compartments with every kind of change planted, permits, the ring belt, tasks, disasters, targets, truth and a config.",
        discussion: "The same options give the same bytes. Beside the district it writes the 核查表 of its hits filled from the truth (hitlist_核查表_filled.xlsx) and patrol reports (patrol_cases.csv), for forestmap cases import and cases add: that computes the change, so --no-field-forms leaves them out (the bench does). --defects also writes a copy of the first year with every quality problem planted (xiaoban_2020_defects.gpkg) and defects_truth.csv."
    )

    @Option(help: "Number of sub-compartments in the first year (1000 to 2000000).")
    var subcompartments = 3_000

    @Option(help: "Random seed: the same seed gives the same bytes.")
    var seed: UInt64 = 1

    @Flag(help: "Also write a copy of the first year with every quality-check problem planted, and its truth.")
    var defects = false

    @Flag(help: "Do not write the filled 核查表 and patrol_cases.csv (they need the change computed on the district).")
    var noFieldForms = false

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard (1_000...2_000_000).contains(subcompartments) else {
            throw ValidationError("--subcompartments must be between 1000 and 2000000")
        }
    }

    func run() throws {
        let options = SynthOptions(subcompartments: subcompartments, seed: seed, defects: defects)
        try SynthRun.perform(options, outputFolder: output.out, overwrite: output.overwrite, fieldForms: !noFieldForms)
    }
}

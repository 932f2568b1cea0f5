import ArgumentParser
import ForestMap
import ForestSynth

/// `forestmap synth`: a deterministic synthetic district for tests, demos and benchmarks.
struct SynthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Make a synthetic district: two years of sub-compartments with every kind of change planted, permits, the ring belt, tasks, disasters, targets, truth and a config.",
        discussion: "The same options give the same bytes. --defects also writes a copy of the first year with every quality problem planted (xiaoban_2020_defects.gpkg) and defects_truth.csv."
    )

    @Option(help: "Number of sub-compartments in the first year (1000 to 2000000).")
    var subcompartments = 3_000

    @Option(help: "Random seed: the same seed gives the same bytes.")
    var seed: UInt64 = 1

    @Flag(help: "Also write a copy of the first year with every quality-check problem planted, and its truth.")
    var defects = false

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard (1_000...2_000_000).contains(subcompartments) else {
            throw ValidationError("--subcompartments must be between 1000 and 2000000")
        }
    }

    func run() throws {
        let options = SynthOptions(subcompartments: subcompartments, seed: seed, defects: defects)
        try SynthRun.perform(options, outputFolder: output.out, overwrite: output.overwrite)
    }
}

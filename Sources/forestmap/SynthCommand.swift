import ArgumentParser
import ForestMap

/// `forestmap synth`: a deterministic synthetic district for tests, demos and benchmarks.
struct SynthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Make a synthetic district: two years of sub-compartments, townships, truth and a config."
    )

    @Option(help: "Number of sub-compartments per year (1000 to 2000000).")
    var subcompartments = 3_000

    @Option(help: "Random seed: the same seed gives the same bytes.")
    var seed: UInt64 = 1

    @Option(help: "Output folder.")
    var out: String

    @Flag(help: "Replace an existing output folder.")
    var overwrite = false

    func validate() throws {
        guard (1_000...2_000_000).contains(subcompartments) else {
            throw ValidationError("--subcompartments must be between 1000 and 2000000")
        }
    }

    func run() throws {
        let options = SynthOptions(subcompartments: subcompartments, seed: seed)
        try SynthRun.perform(options, outputFolder: out, overwrite: overwrite)
    }
}

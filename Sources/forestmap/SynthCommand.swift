import ArgumentParser
import Foundation
import ForestMap
import ForestSynth

/// `forestmap synth`: a deterministic synthetic district for tests, demos and benchmarks.
struct SynthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Make a synthetic district: two years of sub-compartments with every kind of change planted, permits, the ring belt, tasks, disasters, targets, truth and a config.",
        discussion: "The same options give the same bytes. Beside the district it writes the 核查表 of its hits filled from the truth (hitlist_核查表_filled.xlsx) and patrol reports (patrol_cases.csv), for forestmap cases import and cases add: that computes the change, so --no-field-forms leaves them out (the bench does). --defects also writes a copy of the first year with every quality problem planted (xiaoban_2020_defects.gpkg) and defects_truth.csv. --region guiyang makes a synthetic region instead: every county of Guiyang (or those of --counties) a synthetic district of its own in DIR/<code>/ with its real outline and its own config, sub-compartments in proportion to area (at least 1000 each, N in total), and DIR/region.toml and DIR/region_targets.csv."
    )

    @Option(help: "Number of sub-compartments in the first year (1000 to 2000000; with --region, over the whole region).")
    var subcompartments = 3_000

    @Option(help: "Make a synthetic region of counties instead of one district: guiyang (贵阳市, 10 districts and counties).")
    var region: String?

    @Option(help: "With --region, only these counties (6-digit codes, comma-separated), e.g. 520111,520112,520113.")
    var counties: String?

    @Option(help: "Random seed: the same seed gives the same bytes.")
    var seed: UInt64 = 1

    @Flag(help: "Also write a copy of the first year with every quality-check problem planted, and its truth.")
    var defects = false

    @Option(name: .customLong("change-rate"), help: "Planted events change about this share of the sub-compartments (every kind scaled alike, each at least once), and this share of villages is re-surveyed, e.g. 0.025 (default: synth's own rates: events about 2% of the stands, 8% of villages re-surveyed).")
    var changeRate: Double?

    @Flag(help: "Do not write the filled 核查表 and patrol_cases.csv (they need the change computed on the district).")
    var noFieldForms = false

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let region {
            guard SynthRegion.regions.contains(region) else {
                throw ValidationError("--region must be one of: \(SynthRegion.regions.joined(separator: ", "))")
            }
            guard !defects else { throw ValidationError("--defects makes one district; it cannot be given with --region") }
            guard changeRate == nil else { throw ValidationError("--change-rate makes one district; it cannot be given with --region") }
            return
        }
        guard counties == nil else { throw ValidationError("--counties needs --region") }
        guard (1_000...2_000_000).contains(subcompartments) else {
            throw ValidationError("--subcompartments must be between 1000 and 2000000")
        }
        if let changeRate, !(changeRate > 0 && changeRate < 1) {
            throw ValidationError("--change-rate must be a share above 0 and below 1, e.g. 0.025")
        }
    }

    func run() throws {
        if let region {
            let codes = counties.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
            let options = SynthRegionOptions(region: region, subcompartments: subcompartments, seed: seed, counties: codes,
                                             fieldForms: !noFieldForms)
            try SynthRegion.perform(options, outputFolder: output.out, overwrite: output.overwrite)
            return
        }
        var options = SynthOptions(subcompartments: subcompartments, seed: seed, defects: defects)
        options.changeRate = changeRate
        try SynthRun.perform(options, outputFolder: output.out, overwrite: output.overwrite, fieldForms: !noFieldForms)
    }
}

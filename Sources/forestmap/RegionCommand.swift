import ArgumentParser
import Foundation
import ForestMapCore
import ForestRegion

/// `forestmap region`: a city's or province's counties in one command.
struct RegionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "region",
        abstract: "A city's or province's counties: each county's annual run, on this machine or a Slurm cluster, assembled into the region's 附表1/附表2.",
        discussion: """
        forestmap region REGION.toml --out DIR runs `forestmap run` for every county the region config names into \
        DIR/counties/<code>/ (each all-or-nothing), then writes the region's tables, findings, report and manifest \
        into DIR/region/ (all-or-nothing) when every county ended 0 or 3. Exit codes: 0 done; 2 a county failed (each \
        named with its message; the finished counties stay: fix and run again with --resume) or unusable input; 3 \
        `collect` before the Slurm job ended; 64 bad usage.
        """,
        subcommands: [RegionRunCommand.self, RegionCollectCommand.self],
        defaultSubcommand: RegionRunCommand.self
    )
}

struct RegionRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Run the region's counties and assemble the region (the default).")

    @Argument(help: "The region config (region.toml).")
    var region: String

    @Option(help: "The region's working folder: counties/, status/, jobs/ and the assembled region/.")
    var out: String

    @Option(help: "local (processes on this machine) or slurm (one sbatch job array) (default: [executor] kind).")
    var executor: String?

    @Option(help: "Counties at a time (default: [executor] jobs).")
    var jobs: Int?

    @Flag(help: "Continue in DIR: rerun only the counties whose folder is missing, failed, or was made from other inputs or config.")
    var resume = false

    @Flag(help: "Start again in a region folder forestmap made.")
    var overwrite = false

    @Flag(name: .customLong("no-wait"), help: "slurm: submit the job array and return; assemble later with `forestmap region collect DIR`.")
    var noWait = false

    func validate() throws {
        if let executor, RegionConfig.ExecutorSettings.Kind(rawValue: executor) == nil { throw ValidationError("--executor \(executor): give local or slurm") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be 1 or more") }
        if resume && overwrite { throw ValidationError("give --resume or --overwrite, not both") }
    }

    func run() throws {
        var request = RegionRun.Request(regionPath: region, outputFolder: out, executable: ForestmapExecutable.path)
        request.executor = executor.flatMap(RegionConfig.ExecutorSettings.Kind.init(rawValue:))
        request.jobs = jobs
        request.resume = resume
        request.overwrite = overwrite
        request.noWait = noWait
        _ = try RegionRun.perform(request)
    }
}

struct RegionCollectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "collect", abstract: "Assemble a region whose Slurm job was submitted with --no-wait.")

    @Argument(help: "The region's working folder (--out of `forestmap region`).")
    var folder: String

    func run() throws { _ = try RegionRun.collect(folder: folder) }
}

/// This executable's path, for the county runs the region starts.
enum ForestmapExecutable {
    static var path: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}

import ArgumentParser

/// `forestmap-bench`: what Scripts/bench measures beside forestmap's commands; not part of the tool.
struct ForestmapBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forestmap-bench",
        abstract: "Benchmark helpers for Scripts/bench (not part of forestmap).",
        subcommands: [ReadFloorCommand.self]
    )
}

ForestmapBench.main()

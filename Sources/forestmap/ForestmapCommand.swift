import ArgumentParser
import ForestMap
import ForestMapCore

/// `forestmap`: the district forestry bureau's annual forest-resource "one map" work. Argument parsing only:
/// every command hands its options to the ForestMap module.
struct ForestmapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forestmap",
        abstract: "The annual forest-resource \"one map\" (森林资源管理\"一张图\") work of a district forestry bureau.",
        discussion: """
        Exit codes: 0 success; 1 internal failure; 2 unusable input (a file, layer, field or value; region: a county failed, named with its own message); 3 problems found (check, run: check errors; update: patches not applied; cases import/add: rows refused, the others applied; region collect: the Slurm job has not ended); 4 an output could not be written (disk full, no permission; the previous output intact); 64 bad usage (an unknown option, a missing argument); 130/143 interrupted (nothing written).
        --overwrite replaces only a folder forestmap made, never the current folder, an input or a folder holding one.
        """,
        version: ToolVersion.current,
        subcommands: [RunCommand.self, RegionCommand.self, CasesCommand.self, CheckCommand.self, StatsCommand.self, ChangeCommand.self, UpdateCommand.self, SynthCommand.self, LayersCommand.self, ClassPairsCommand.self]
    )
}

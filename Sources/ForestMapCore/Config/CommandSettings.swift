import Foundation

/// What `check`, `stats`, `change` and `update` are each told besides their layers — the CLI's shared options:
/// the config (`--config`), the area method (`--area`), where to write (`--out`, `--overwrite`), the threads
/// (`--threads`) and whether material invalidities are repaired (`--repair`).
public struct CommandSettings: Sendable {
    /// The TOML config; nil: the defaults, with every layer given on the command line.
    public var configPath: String?
    /// Overrides the config's `[area] method`.
    public var areaMethod: AreaMethod?
    public var outputFolder: String
    /// Replace an output folder forestmap made before.
    public var overwrite = false
    /// nil: every core.
    public var threads: Int?
    /// `--repair`: material invalidities are repaired (and listed in repaired.csv) instead of refused.
    public var repair = false

    public init(outputFolder: String) { self.outputFolder = outputFolder }

    /// The config (or the defaults) with `--repair` applied; `--area` is applied by each command where its area
    /// is measured.
    public func loadConfig() throws -> ForestMapConfig {
        var config = try configPath.map { try ForestMapConfig.load(path: $0) } ?? ForestMapConfig()
        if repair { config.geometry.repairMaterial = true }
        return config
    }

    /// The staged output folder (README "Output folders"); `inputs` are the files it must never replace, the
    /// config added.
    public func openOutputFolder(inputs: [String]) throws -> OutputFolder {
        try OutputFolder(outputFolder, overwrite: overwrite, inputs: inputs + [configPath].compactMap { $0 })
    }
}

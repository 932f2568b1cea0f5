import ArgumentParser
import Foundation
import Geo

/// `forestmap-bench`: what Scripts/bench measures beside forestmap's commands; not part of the tool.
struct ForestmapBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forestmap-bench",
        abstract: "Benchmark helpers for Scripts/bench (not part of forestmap).",
        subcommands: [ReadFloorCommand.self]
    )
}

do {
    var command = try ForestmapBench.parseAsRoot()
    try command.run()
} catch let error as GeoError {
    FileHandle.standardError.write(Data("forestmap-bench: \(error.message)\n".utf8))
    exit(2)
} catch {
    ForestmapBench.exit(withError: error)
}

import ArgumentParser
import Foundation

/// `forestmap-bench read-floor SOURCE...`: the benchmark's read floor (Scripts/bench).
struct ReadFloorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read-floor",
        abstract: "Read layers through GDAL into GEOS and nothing else (the benchmark's floor)."
    )

    @Argument(help: "Sources, each optionally with |layername=NAME.")
    var sources: [String]

    @Flag(help: "Read as forestmap reads its layers (GeoPackage tables straight from SQLite), not through GDAL's feature API.")
    var direct = false

    func run() throws {
        let start = Date()
        let count = try ReadFloor.read(sources, direct: direct)
        print("read \(count) features in \(String(format: "%.3f", Date().timeIntervalSince(start))) s")
    }
}

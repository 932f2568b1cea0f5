import ArgumentParser
import ForestMap

/// `forestmap layers SOURCE`: what a source holds, to find the layer and field names a config needs.
struct LayersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "layers",
        abstract: "List a source's layers with their CRS, feature count and fields.",
        discussion: "Prints to stdout; writes nothing. Exit codes: 0 done; 2 the source cannot be read; 64 bad usage."
    )

    @Argument(help: "A file, .gdb folder or PG: connection string, optionally with |layername=NAME.")
    var source: String

    func run() throws {
        print(try SourceInventory.describe(source))
    }
}

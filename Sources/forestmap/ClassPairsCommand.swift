import ArgumentParser
import ForestMap
import ForestChange

/// `forestmap class-pairs --from SOURCE --to SOURCE`: what `change` makes of every pair of codes (hidden: for
/// Scripts/bench, which maps the peers' raw code cross-tab through it).
struct ClassPairsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "class-pairs",
        abstract: "Print, as CSV, what change makes of every pair of a previous and a current land-class code.",
        shouldDisplay: false
    )

    @Option(help: "The previous year's layer.")
    var from: String

    @Option(help: "The current year's layer.")
    var to: String

    @Option(help: "A TOML config: field names and land-class settings.")
    var config: String?

    func run() throws {
        print(try ClassPairs.table(from: from, to: to, configPath: config).text, terminator: "")
    }
}

import ArgumentParser
import ForestCases
import ForestMapCore
import Geo

/// `--config FILE`: the settings, and the inputs the layer options default to.
struct ConfigOption: ParsableArguments {
    @Option(help: "A TOML config (README \"Settings\"): field names, district, settings; its [inputs] are the defaults of the layer options.")
    var config: String?
}

/// `--area METHOD`.
struct AreaOption: ParsableArguments {
    @Option(help: "Area method: ellipsoidal (default, official) or planar.")
    var area: String?

    /// The method given, if any.
    func method() throws -> AreaMethod? {
        try area.map { text in
            guard let m = AreaMethod(rawValue: text) else {
                throw ValidationError("--area must be one of: \(AreaMethod.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return m
        }
    }
}

/// `--out DIR` and `--overwrite`: where a command writes, all or nothing (README "Output folders").
struct OutputOptions: ParsableArguments {
    @Option(help: "Output folder.")
    var out: String

    @Flag(help: "Replace an existing output folder (only one forestmap made).")
    var overwrite = false
}

/// `--threads N` and `--repair`: how a command that computes may work.
struct ComputeOptions: ParsableArguments {
    @Option(help: "Threads to use (default: every core); the results do not depend on it.")
    var threads: Int?

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be 1 or more") }
    }

    /// Applies `--threads` to the whole command.
    func apply() { ThreadLimit.set(threads) }
}

/// `--repair`.
struct RepairOption: ParsableArguments {
    @Flag(help: "Repair polygons GEOS finds invalid beyond [geometry] repair_tolerance_m2 with make-valid, and list them in repaired.csv, instead of refusing the layer.")
    var repair = false
}

/// `--year YEAR` as the commands check it.
enum YearOption {
    static func check(_ year: Int?) throws {
        if let year, !ForestMapConfig.years.contains(year) { throw ValidationError("--year \(year) is not a year from 1900 to 2100") }
    }
}

/// `--as-of DATE`: the day cases' ages and overdue are counted to (default today).
struct AsOfOption: ParsableArguments {
    @Option(name: .customLong("as-of"), help: "The day cases' ages and overdue are counted to, as 2022-03-31 (default: today).")
    var asOf: String?

    func validate() throws {
        if let asOf, CaseDate(text: asOf) == nil { throw ValidationError("--as-of \(asOf) is not a date; write it as 2022-03-31") }
    }

    var day: CaseDate { asOf.flatMap { CaseDate(text: $0) } ?? CaseDate.today() }
}

/// `--register` and `--as-of`: which case register (问题整改台账) and the day cases' ages are counted to.
struct CaseOptions: ParsableArguments {
    @Option(help: "The case register: a .gpkg path or a PG: connection string (default: [cases] register of the config, else forestmap_cases.gpkg in its [output] folder).")
    var register: String?

    @OptionGroup var asOf: AsOfOption

    /// The register named on the command line, if any.
    func location() throws -> SourceReference? {
        guard let register else { return nil }
        do { return try SourceReference(parsing: register) } catch let e as GeoError { throw ForestMapError.input("--register: \(e.message)") }
    }

    var day: CaseDate { asOf.day }
}

extension CommandSettings {
    /// The settings the shared options give; a command without `--area` or `--repair` passes nil for it.
    init(config: ConfigOption, area: AreaOption?, output: OutputOptions, compute: ComputeOptions, repair: RepairOption?) throws {
        self.init(outputFolder: output.out)
        configPath = config.config
        areaMethod = try area?.method()
        overwrite = output.overwrite
        threads = compute.threads
        self.repair = repair?.repair ?? false
    }
}

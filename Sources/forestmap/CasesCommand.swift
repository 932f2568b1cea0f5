import ArgumentParser
import Foundation
import ForestCases
import ForestMapCore
import Geo

/// `forestmap cases`: the case register (问题整改台账): verdicts imported from filled 核查表, patrol and public
/// reports added, cases listed and exported for the field.
struct CasesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cases",
        abstract: "The case register (问题整改台账): import filled 核查表, add patrol and public reports, list and export cases.",
        discussion: """
        The register is --register (a .gpkg or PG: connection), else [cases] register of --config, else \
        forestmap_cases.gpkg in its [output] folder. `forestmap run` makes it and records each year's hits.
        Exit codes: 0 done; 2 unusable input (no register, a file that is no 核查表); 3 import: rows refused (the others applied).
        """,
        subcommands: [CasesImportCommand.self, CasesAddCommand.self, CasesListCommand.self, CasesExportCommand.self]
    )
}

/// Where the register is: `--register`, else the config's; the config also gives the settings (`[cases]`) and the
/// townships.
struct RegisterOptions: ParsableArguments {
    @Option(help: "A TOML config whose [cases] register (or [output] folder) names the register.")
    var config: String?

    @Option(help: "The case register: a .gpkg path or a PG: connection string (instead of the config's).")
    var register: String?

    func validate() throws {
        if config == nil, register == nil { throw ValidationError("name the case register: --register R, or --config FILE whose [cases] register or [output] folder names it") }
    }

    /// The config (defaults when only --register is given) and the register's location.
    func resolve() throws -> (config: ForestMapConfig, location: SourceReference) {
        let loaded = try config.map { try ForestMapConfig.load(path: $0) } ?? ForestMapConfig()
        if let register {
            do { return (loaded, try SourceReference(parsing: register)) } catch let e as GeoError { throw ForestMapError.input("--register: \(e.message)") }
        }
        guard let location = loaded.caseRegister else {
            throw ForestMapError.input("\(config!): names no case register: set [cases] register or [output] folder, or give --register")
        }
        return (loaded, location)
    }
}

struct CasesImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Read filled 核查表 workbooks (hitlist_核查表.xlsx) into the register: each filled row becomes the case's history.",
        discussion: """
        Rows are matched by 核查编号 (a case_id, or a hit_id the register recorded). A row naming no case, with a \
        核查结论 or 处理情况 outside the status table, or a 核查日期 that is not a date or lies in the future is refused \
        and listed (file, sheet, row, reason); the other rows are applied. Importing the same file again changes \
        nothing. Exit 3 when any row was refused.
        """
    )

    @Argument(help: "The filled workbooks (.xlsx).")
    var files: [String]

    @OptionGroup var where_: RegisterOptions

    @Option(help: "Also write the refused rows to this CSV file (file, sheet, row, id, reason).")
    var report: String?

    func run() throws {
        let (_, location) = try where_.resolve()
        let register = try CaseRegister.openExisting(location)
        let outcome = try FieldFormImport.perform(files, into: register, today: CaseDate.today())
        for r in outcome.refused { FileHandle.standardError.write(Data("forestmap: refused: \(r.line)\n".utf8)) }
        if let report { try FieldFormImport.report(outcome.refused).writeAtomically(to: URL(fileURLWithPath: report)) }
        print(outcome.summary)
        if !outcome.refused.isEmpty {
            throw ForestMapError(.problemsFound, "\(outcome.refused.count) rows refused (listed above\(report.map { " and in \($0)" } ?? "")); correct them and import the file again: rows already imported are not doubled")
        }
    }
}

struct CasesListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the register's cases: overdue first, with status, age and place.",
        discussion: "Columns: \(CaseListing.columns.joined(separator: ", ")). `status` is open or closed; `overdue` is yes for a confirmed case older than [cases] rectification_days."
    )

    @Option(help: "open, closed or all.")
    var status: String = "open"

    @Option(help: "Only this township's cases (its 9-digit code).")
    var township: String?

    @OptionGroup var asOf: AsOfOption

    @OptionGroup var where_: RegisterOptions

    @Option(help: "Write the list to this CSV file (UTF-8 with BOM) instead of the terminal.")
    var out: String?

    func validate() throws {
        guard CaseListing.Filter(rawValue: status) != nil else { throw ValidationError("--status \(status): give open, closed or all") }
    }

    func run() throws {
        let (config, location) = try where_.resolve()
        let state = try CaseRegister.openExisting(location).read()
        let day = asOf.day
        let cases = CaseListing.cases(state, filter: CaseListing.Filter(rawValue: status)!, township: township, asOf: day, settings: config.cases)
        let table = CaseListing.table(cases, asOf: day, settings: config.cases)
        if let out {
            try table.writeAtomically(to: URL(fileURLWithPath: out))
            print(CaseListing.summary(cases, asOf: day, settings: config.cases) + " → \(out)")
        } else {
            print(table.text.replacingOccurrences(of: "\r\n", with: "\n"), terminator: "")
            FileHandle.standardError.write(Data((CaseListing.summary(cases, asOf: day, settings: config.cases) + "\n").utf8))
        }
    }
}

struct CasesAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add cases a patrol (巡查) found or the public reported (群众反映), from a CSV or XLSX table.",
        discussion: """
        Columns (header row, English or Chinese): date 日期, source 来源 (patrol/巡查, public/群众反映), description 描述, \
        lon/lat 经度/纬度 (CGCS2000) or x/y (the register's CRS), and optionally township_code 乡镇代码 (else the \
        township of [inputs] townships that holds the point), area_ha 面积, who 报告人. Adding the same rows again adds \
        nothing. A register that does not exist yet is made in the CRS of the config's current layer (else CGCS2000). \
        Exit 3 when any row was refused (the others are added).
        """
    )

    @Argument(help: "The table of reports (.csv or .xlsx).")
    var file: String

    @OptionGroup var where_: RegisterOptions

    func run() throws {
        let (config, location) = try where_.resolve()
        let crs = try config.current.map { try SpatialReference(definition: SubCompartmentLayer.crsWKT(of: $0, options: config.layerLoadOptions(year: .current))) }
            ?? SpatialReference(epsg: 4490)
        let register = try CaseRegister.open(location, creatingIn: crs)
        let townships = try config.townships.map { source in
            try TownshipBoundaries.load(source, fields: config.townshipFields, districtCode: config.districtCode, into: register.spatialReference?.wkt ?? crs.wkt,
                                        towgs84: config.towgs84, encoding: config.shapefileEncoding, geometry: config.geometry)
        }
        let outcome = try ReportedCases.perform(file, into: register, townships: townships, today: CaseDate.today())
        for r in outcome.refused { FileHandle.standardError.write(Data("forestmap: refused: \(r.line)\n".utf8)) }
        print(outcome.summary + (outcome.added.isEmpty ? "" : ": " + outcome.added.joined(separator: ", ")))
        if !outcome.refused.isEmpty {
            throw ForestMapError(.problemsFound, "\(outcome.refused.count) rows refused (listed above); correct them and add the file again: rows already added are not doubled")
        }
    }
}

struct CasesExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the open cases for the field: per-township 核查表, a KML, and a dossier (办案卷宗) per case.",
        discussion: """
        Writes into a new folder --out (all or nothing): \(CaseFieldForms.fileName) (one sheet per township, overdue \
        cases first, each case's history, drop-downs for 核查结论 and 处理情况; fill it in and read it back with \
        `forestmap cases import`), \(CaseExport.kmlName), and \(CaseExport.dossierFolder)/<case_id>.html, one printable A4 \
        page per case: its map over both years' sub-compartments with the permits' red lines and the township \
        boundary (from the config's [inputs] permits and townships, when given), coordinates, attributes, permit \
        check and history; and the same as .pdf when chromium is installed.
        """
    )

    @OptionGroup var output: OutputOptions

    @Option(help: "Only this township's cases (its 9-digit code).")
    var township: String?

    @OptionGroup var asOf: AsOfOption

    @OptionGroup var where_: RegisterOptions

    @Flag(name: .customLong("no-pdf"), help: "Write the dossiers as HTML only, even when chromium is installed.")
    var noPDF = false

    func run() throws {
        let (config, location) = try where_.resolve()
        var request = CaseExport.Request(out: output.out, location: location, config: config, asOf: asOf.day)
        request.overwrite = output.overwrite
        request.township = township
        request.pdf = !noPDF
        let outcome = try CaseExport.perform(request)
        if let note = outcome.note { FileHandle.standardError.write(Data("forestmap: \(note)\n".utf8)) }
        print(outcome.summary)
    }
}

import Foundation
import Geo
import ForestAssessment
import ForestCases
import ForestChange
import ForestCheck
import ForestMapCore
import ForestReport
import ForestStats

/// `forestmap run`: the annual update in one command (年度更新). Check (质检) of the current year, change between
/// the years (两期变化), statistics (森林资源统计) of both years, area by land class, and the forest-chief
/// assessment (附表1, 附表2, findings), each step once, into one output folder written all-or-nothing, with
/// `manifest.json` as the audit trail.
///
/// Layout: `check/`, `change/` and `stats/` hold what those commands write; the top level holds the assessment
/// tables, `landclass_area.*`, `findings.txt` and `manifest.json`.
public enum AnnualRun {
    public struct Request: Sendable {
        public var configPath: String
        /// nil: a dated folder inside `[output] folder`.
        public var outputFolder: String?
        public var overwrite = false
        /// Overrides the config's `[area] method`.
        public var areaMethod: AreaMethod?
        /// nil: every core.
        public var threads: Int?
        /// Whether step progress may be shown on a terminal.
        public var progress = true
        /// `--repair`: material invalidities are repaired (and listed in repaired.csv) instead of refused.
        public var repair = false
        /// The day cases' ages are counted to (`--as-of`); nil: today.
        public var asOf: CaseDate?
        /// The case register (`--register`); nil: the config's.
        public var register: SourceReference?

        public init(configPath: String) { self.configPath = configPath }
    }

    /// Everything the run computed (the report writer and the tables read it).
    public struct Result: Sendable {
        public var config: ForestMapConfig
        public var check: CheckResult
        public var change: ChangeRun.Result
        public var stats: StatsRun.Result
        /// The previous year's statistics by the same townships (for "against last year").
        public var previousStats: StatsRun.Result
        public var landClassArea: LandClassAreaReport
        public var changeIndicators: ChangeIndicators
        public var layers: AssessmentLayers
        public var targets: TownshipTargets
        public var assessment: Assessment
        /// The case register as the run read it (nil: the config keeps none).
        public var cases: RunCases?
        /// What the run wrote into the register.
        public var recorded: RunCases.Recorded?
    }

    public struct Report: Sendable {
        public var result: Result
        /// The committed output folder.
        public var folder: String
        /// Files written, relative to the folder.
        public var files: [String]
        public var text: String
        /// Exit 3 when the check found errors (everything is written all the same).
        public var failure: ForestMapError?
    }

    @discardableResult
    public static func perform(_ request: Request, print printing: Bool = true) throws -> Report {
        let started = Date()
        var config = try ForestMapConfig.load(path: request.configPath)
        if let method = request.areaMethod { config.areaMethod = method }
        if request.repair { config.geometry.repairMaterial = true }
        // Both years are checked here, before anything is written, with a message naming the config.
        _ = try ForestMapConfig.source(nil, or: config.previous, missing: "\(request.configPath): the annual run needs last year's layer: set [inputs] previous")
        let currentSource = try ForestMapConfig.source(nil, or: config.current, missing: "\(request.configPath): the annual run needs this year's layer: set [inputs] current")
        let path = try outputPath(request, config: config, date: started)
        let folder = try OutputFolder(path, overwrite: request.overwrite, inputs: config.inputPaths + [request.configPath])
        let progress = RunProgress(steps: 6, show: request.progress && isatty(STDERR_FILENO) != 0)
        let date = FiledDate.today()

        let check = try progress.step("check", "质检 check \(currentSource)") { () throws -> CheckRun.Report in
            let result = try CheckRun.compute(layer: currentSource, townships: config.townships, config: config, threads: request.threads)
            return try CheckRun.write(result, into: folder.subfolder("check"), shownAs: folder.target.appendingPathComponent("check").path)
        }
        let invalid = check.result.count(.invalidGeometry) > 0 && !config.geometry.repairMaterial
        let overlapping = check.result.count(.townshipOverlap) > 0, badCodes = check.result.count(.badTownshipCode) > 0
        if invalid || overlapping || badCodes {
            // Change and stats need valid polygons (or --repair), townships that do not overlap and township codes:
            // stop here with the check's outputs, which say what to fix.
            let project = try RunProject.write(into: folder, title: projectTitle(config))
            let files = check.files.map { "check/\($0)" } + [project].compactMap { $0 } + ["manifest.json"]
            try manifest(config, request: request, started: started, files: files, timings: progress.timings,
                         counts: ["check_errors": check.result.errorCount, "check_warnings": check.result.warningCount])
                .write(to: folder.file("manifest.json"))
            try folder.commit()
            if printing { print(check.text) }
            let why = [invalid ? "the layer has invalid or missing polygons" : nil, overlapping ? "township polygons overlap (township_overlap)" : nil,
                       badCodes ? "XIANG holds values that are no township code (bad_township_code)" : nil]
            throw ForestMapError(.problemsFound, "\(check.failure?.message ?? "check errors"); the run stopped after the check: \(why.compactMap { $0 }.joined(separator: " and ")), fix them and run again")
        }
        // The check's layer is gone: its memory goes back before the change step reads both years.
        FreedMemory.giveBack()
        var changeOptions = ChangeOptions(config: config)
        changeOptions.threads = request.threads
        let changeSources = try ChangeRun.Sources(config: config)
        var changeFiles: [String] = []
        let asOf = request.asOf ?? CaseDate.today()
        var cases: RunCases?
        let change = try progress.step("change", "两期变化 change") { () throws -> ChangeRun.Result in
            var result = try ChangeRun.compute(changeSources, config: config, options: changeOptions)
            // Without [district], the district the data names (XIAN), for every table from here on.
            config = config.withDistrict(from: result.current)
            // The hit list gets its cases from the register before it is written; the register itself is written
            // only once the output folder is in place.
            cases = try RunCases.match(result, config: config, register: request.register, asOf: asOf)
            var listed = result
            if let cases { listed.hits = cases.listedHits }
            changeFiles = try ChangeRun.write(listed, into: folder.subfolder("change"), config: config).files
            result.hits = listed.hits
            return result
        }
        var statsOptions = StatsOptions(config: config)
        statsOptions.threads = request.threads
        let (stats, previousStats) = try progress.step("stats", "森林资源统计 stats") { () throws -> (StatsRun.Result, StatsRun.Result) in
            let current = try StatsRun.compute(change.current, townships: change.townships, options: statsOptions)
            _ = try StatsRun.write(current, into: folder.subfolder("stats"), config: config)
            return (current, try StatsRun.compute(change.previous, townships: change.townships, options: statsOptions))
        }
        let landClassArea = try progress.step("landclass_area", "地类面积 land classes") { () throws -> LandClassAreaReport in
            let report = try LandClassAreaReport.compute([("previous", change.previous), ("current", change.current)], config: config)
            try report.write(into: folder, reportingUnit: config.reportingUnit, date: date)
            return report
        }
        let (layers, targets) = try progress.step("inputs", "考核数据 assessment inputs") { () throws -> (AssessmentLayers, TownshipTargets) in
            (try AssessmentLayers.load(config: config),
             try config.targets.map { try TownshipTargets.load(path: $0, districtCode: config.districtCode) } ?? TownshipTargets())
        }
        var assessmentFiles: [String] = []
        let (changeIndicators, assessment) = try progress.step("assessment", "考核评分 assessment") { () throws -> (ChangeIndicators, Assessment) in
            let volumes = Dictionary(change.previous.subCompartments.compactMap { s in s.volumePerHectare.map { (s.key, $0) } }) { a, _ in a }
            let indicators = ChangeIndicators.compute(change.patches) { volumes[$0] }
            var assessment = Assessment.compute(Assessment.Inputs(current: stats.statistics, previous: previousStats.statistics, currentLayer: change.current,
                                                                  change: indicators, changeAvailable: true, layers: layers, targets: targets,
                                                                  caseClosure: cases.map { CaseClosure.byTownship($0.state.cases.values, year: $0.matching.year) }),
                                                config: config)
            if config.targets == nil { assessment.notes.insert("未提供目标（[inputs] targets）：目标列为空，不评判达标", at: 0) }
            assessmentFiles = try AssessmentTables.write(assessment, into: folder, config: config, date: date)
            return (indicators, assessment)
        }
        var result = Result(config: config, check: check.result, change: change, stats: stats, previousStats: previousStats, landClassArea: landClassArea,
                            changeIndicators: changeIndicators, layers: layers, targets: targets, assessment: assessment, cases: cases)
        try HTMLReport.write(ReportInput(annual: result, date: date), to: folder.file("report.html"))
        var files = assessmentFiles + ["report.html", "landclass_area.csv", "landclass_area.xlsx"]
            + check.files.map { "check/\($0)" } + changeFiles.map { "change/\($0)" }
            + (try FileManager.default.contentsOfDirectory(atPath: folder.staging.appendingPathComponent("stats").path)).sorted().map { "stats/\($0)" }
        if let project = try RunProject.write(into: folder, title: projectTitle(config)) { files.append(project) }
        files.append("manifest.json")
        try manifest(config, request: request, started: started, files: files, timings: progress.timings, counts: counts(result))
            .write(to: folder.file("manifest.json"))
        try folder.commit()
        if let cases {
            do {
                result.recorded = try cases.record(change, config: config, origin: "run \(cases.matching.year) \(folder.target.lastPathComponent)")
            } catch {
                let e = ForestMapError.from(error)
                throw ForestMapError(e.status, "\(e.message); the run's outputs are complete in \(folder.target.path), but the case register was not changed: run again (with --overwrite) to record this year's cases")
            }
        }

        let text = summary(result, check: check)
        if printing {
            print(text)
            print("outputs: \(folder.target.path) (\(files.filter { !$0.contains("/") }.joined(separator: ", ")); check/, change/, stats/)")
        }
        let failure = check.failure.map { f in
            ForestMapError(.problemsFound, "\(f.message); the annual run's other outputs are in \(folder.target.path)")
        }
        return Report(result: result, folder: folder.target.path, files: files, text: text, failure: failure)
    }

    /// The QGIS project's title: 花溪区2021年度森林资源一张图.
    static func projectTitle(_ config: ForestMapConfig) -> String {
        "\(config.districtName)\(config.year.map { "\($0)年度" } ?? "")森林资源一张图"
    }

    /// `--out DIR` as given; otherwise a dated folder inside `[output] folder`: `annual-2021-20261129`.
    static func outputPath(_ request: Request, config: ForestMapConfig, date: Date) throws -> String {
        if let out = request.outputFolder { return out }
        guard let parent = config.outputFolder else {
            throw ForestMapError.input("no output folder: give --out DIR or set [output] folder in the config")
        }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "yyyyMMdd"
        return (parent as NSString).appendingPathComponent("annual-\(config.year.map { "\($0)-" } ?? "")\(f.string(from: date))")
    }

    /// Every input the config names, with its digest, as the manifest lists them (a region compares them to tell
    /// whether a county's run is still that of its inputs).
    package static func manifestInputs(_ c: ForestMapConfig) throws -> [RunManifest.Input] {
        var listed: [(String, SourceReference)] = []
        for (key, source) in [("previous", c.previous), ("current", c.current), ("townships", c.townships), ("permits", c.permits),
                              ("ring_belt", c.ringBelt), ("afforestation_tasks", c.afforestationTasks), ("fires", c.fires),
                              ("pests", c.pests), ("forest_economy", c.forestEconomy)] {
            if let source { listed.append((key, source)) }
        }
        if let targets = c.targets { listed.append(("targets", SourceReference(path: targets))) }
        if let table = c.landClassTable { listed.append(("land_class_table", SourceReference(path: table))) }
        // The two years are most of the bytes to digest: on every core, in the listed order.
        let inputs = listed
        return try ParallelJobs.map(jobs: inputs.count, threads: nil, state: {}) { _, i in RunManifest.input(inputs[i].0, inputs[i].1) }
    }

    static func manifest(_ c: ForestMapConfig, request: Request, started: Date, files: [String], timings: [(step: String, seconds: Double)],
                         counts: [String: Int]) throws -> RunManifest {
        let inputs = try manifestInputs(c)
        let configText = String(decoding: FileManager.default.contents(atPath: request.configPath) ?? Data(), as: UTF8.self)
        let (size, sha) = RunManifest.digest(request.configPath)
        var overrides: [String: String] = [:]
        if let m = request.areaMethod { overrides["area_method"] = m.rawValue }
        if let t = request.threads { overrides["threads"] = String(t) }
        return RunManifest(started: RunManifest.timestamp(started), finished: RunManifest.timestamp(Date()),
                           arguments: CommandLine.arguments.dropFirst().map(SecretText.masked),
                           config: .init(path: URL(fileURLWithPath: request.configPath).standardizedFileURL.path, size: size, sha256: sha,
                                         text: SecretText.masked(configText), overrides: overrides),
                           inputs: inputs, outputs: files, counts: counts,
                           steps: timings.map { .init(step: $0.step, seconds: ($0.seconds * 1000).rounded() / 1000) })
    }

    /// What the manifest counts.
    static func counts(_ r: Result) -> [String: Int] {
        [
            "previous_subcompartments": r.change.previous.subCompartments.count,
            "current_subcompartments": r.change.current.subCompartments.count,
            "townships": r.assessment.townships.count,
            "check_errors": r.check.errorCount,
            "check_warnings": r.check.warningCount,
            "transitions": r.change.accounting.transitions.count,
            "change_patches": r.change.patches.count,
            "afforestation_tasks": r.layers.tasks?.count ?? 0,
            "fires": r.layers.fires?.count ?? 0,
            "pests": r.layers.pests?.count ?? 0,
            "forest_economy_projects": r.layers.projects?.count ?? 0,
            "targets": r.targets.targets.values.reduce(0) { $0 + $1.count },
            "findings": r.assessment.findings.count,
        ]
    }

    /// The terminal summary: check counts, change, the land-class table, and the assessment's scores.
    static func summary(_ r: Result, check: CheckRun.Report) -> String {
        var lines = ["质检 check: \(r.check.errorCount) errors, \(r.check.warningCount) warnings (check/check.csv)",
                     ChangeRun.summary(r.change.accounting, previous: r.change.previous, current: r.change.current)]
        lines += RepairedCSV.summary([r.change.previous.repairList, r.change.current.repairList]).map { "note: \($0.replacingOccurrences(of: "see repaired.csv", with: "see change/repaired.csv"))" }
        lines += (r.change.previous.numberNotes + r.change.current.numberNotes).map { "note: \($0)" }
        lines += r.change.previous.codeSystemNotes + r.change.current.codeSystemNotes
        lines += [
                     r.landClassArea.text,
                     "附表2 scores (\(r.config.scoring.items.count) items):"]
        for s in r.assessment.scores {
            lines.append("  \(s.code) \(s.name.rightPadded(18)) \(String(format: "%7.2f", s.total))  \(s.grade)  #\(s.rank ?? 0)")
        }
        lines.append("  \(r.assessment.districtScore.code) \(r.assessment.districtScore.name.rightPadded(18)) \(String(format: "%7.2f", r.assessment.districtScore.total))  \(r.assessment.districtScore.grade)")
        lines.append("findings 考核发现: \(r.assessment.findings.count) lines (findings.txt)")
        if let recorded = r.recorded {
            lines.append(recorded.summary)
        } else if r.cases == nil {
            lines.append("case register: none kept (set [cases] register or [output] folder in the config to keep one)")
        }
        return lines.joined(separator: "\n")
    }
}

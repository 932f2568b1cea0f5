import Foundation
import Geo
import ForestMap
import ForestMapCore

/// `forestmap region REGION.toml --out DIR`: every county's annual run (`forestmap run`) into `DIR/counties/<code>/`,
/// on this machine or as a Slurm job array, then the region assembled into `DIR/region/` (README "Regions").
///
/// DIR is a working folder kept across `--resume`: each county's folder is written all-or-nothing by its own run,
/// `status/` holds how each county's run ended, `jobs/` the job script; the region's own files are written
/// all-or-nothing at the end, and only when every county is done.
public enum RegionRun {
    public struct Request: Sendable {
        public var regionPath: String
        public var outputFolder: String
        /// Overrides `[executor] kind` and `jobs`.
        public var executor: RegionConfig.ExecutorSettings.Kind?
        public var jobs: Int?
        /// Rerun only the counties whose folder is missing, failed, or was made from other inputs or config.
        public var resume = false
        /// Start again in a region folder forestmap made.
        public var overwrite = false
        /// Slurm: submit and return; `forestmap region collect DIR` assembles.
        public var noWait = false
        /// The forestmap executable the counties run with.
        public var executable: String

        public init(regionPath: String, outputFolder: String, executable: String) {
            self.regionPath = regionPath
            self.outputFolder = outputFolder
            self.executable = executable
        }
    }

    public struct Report: Sendable {
        /// Counties run this time, and those kept from an earlier run (`--resume`) or submitted as folders.
        public var ran: [String]
        public var kept: [String]
        /// Slurm job submitted with --no-wait.
        public var submittedJob: String?
        /// The region's files, relative to DIR/region (empty until assembled).
        public var files: [String]
        public var text: String
    }

    /// What DIR remembers between `region`, `--resume` and `collect`.
    struct Plan: Codable {
        var region: String
        var executable: String
        var units: [RegionUnit]
        /// The counties the last submission runs.
        var running: [String]
        var slurmJob: String?

        static func file(_ folder: URL) -> URL { folder.appendingPathComponent("region-plan.json") }
        func write(_ folder: URL) throws {
            let e = JSONEncoder()
            e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try e.encode(self).write(to: Self.file(folder), options: .atomic)
        }
        static func read(_ folder: URL) throws -> Plan {
            guard let data = FileManager.default.contents(atPath: file(folder).path), let plan = try? JSONDecoder().decode(Plan.self, from: data) else {
                throw ForestMapError.input("\(folder.path): not a region folder (no region-plan.json); give the folder `forestmap region --out` made")
            }
            return plan
        }
    }

    public static func perform(_ request: Request, print printing: Bool = true) throws -> Report {
        let region = try RegionConfig.load(path: request.regionPath)
        var settings = region.executor
        if let k = request.executor { settings.kind = k }
        if let j = request.jobs { settings.jobs = j }
        let units = try RegionUnit.units(of: region)
        let folder = URL(fileURLWithPath: request.outputFolder).standardizedFileURL
        try prepareFolder(folder, request: request, region: region)
        let jobs = CountyJobs(folder: folder, executable: request.executable)

        for u in units where u.kind == .folder {
            let manifest = try CountyManifest.read(folder: u.path)
            if let missing = manifest.missingOutputs(in: u.path) {
                throw ForestMapError.input("\(u.path): county \(u.code)'s submitted run folder is incomplete (missing \(missing)); ask the county for its whole run folder")
            }
        }
        let toRun = try units.filter { $0.kind == .config }.filter { u in
            guard request.resume else { return true }
            return try staleness(u, jobs: jobs) != nil
        }
        let kept = units.filter { u in !toRun.contains(u) }.map(\.code)
        var plan = Plan(region: region.path, executable: request.executable, units: units, running: toRun.map(\.code))
        try plan.write(folder)
        if !toRun.isEmpty {
            try jobs.prepare(toRun, slurm: settings.kind == .slurm ? settings : nil)
            switch settings.kind {
            case .local:
                if printing { print("region \(region.name): \(toRun.count) counties on this machine, \(settings.jobs) at a time\(kept.isEmpty ? "" : "; \(kept.count) kept")") }
                try LocalExecutor(jobs: settings.jobs).run(jobs, count: toRun.count)
            case .slurm:
                let job = try SlurmExecutor(settings: settings).submit(jobs, count: toRun.count)
                plan.slurmJob = job
                try plan.write(folder)
                if printing { print("region \(region.name): Slurm job \(job), \(toRun.count) counties\(kept.isEmpty ? "" : "; \(kept.count) kept")") }
                if request.noWait {
                    let text = "submitted Slurm job \(job) (\(toRun.count) counties); when it has ended: forestmap region collect \(folder.path)"
                    if printing { print(text) }
                    return Report(ran: toRun.map(\.code), kept: kept, submittedJob: job, files: [], text: text)
                }
                try SlurmExecutor.wait(job)
            }
        }
        var report = try assemble(folder: folder, region: region, plan: plan, printing: printing)
        report.ran = toRun.map(\.code)
        report.kept = kept
        return report
    }

    /// `forestmap region collect DIR`: assembles a region whose Slurm job was submitted with --no-wait.
    public static func collect(folder path: String, print printing: Bool = true) throws -> Report {
        let folder = URL(fileURLWithPath: path).standardizedFileURL
        let plan = try Plan.read(folder)
        if let job = plan.slurmJob, try SlurmExecutor.pending(job) {
            throw ForestMapError(.problemsFound, "Slurm job \(job) is still queued or running; collect again when it has ended (squeue -j \(job))")
        }
        let region = try RegionConfig.load(path: plan.region)
        var report = try assemble(folder: folder, region: region, plan: plan, printing: printing)
        report.ran = plan.running
        return report
    }

    /// Why a county must run again (nil: its folder is that of its current config and inputs, and its run ended 0 or 3).
    static func staleness(_ u: RegionUnit, jobs: CountyJobs) throws -> String? {
        let out = jobs.output(of: u.code).path
        guard let manifest = try? CountyManifest.read(folder: out) else { return "no run folder" }
        if let result = jobs.result(of: u.code), !result.isDone { return "its run failed (exit \(result.exit))" }
        if manifest.missingOutputs(in: out) != nil { return "its run folder is incomplete" }
        guard RunManifest.digest(u.path).1 == manifest.configSHA256 else { return "its config changed" }
        let config = try ForestMapConfig.load(path: u.path)
        for input in try AnnualRun.manifestInputs(config) where input.sha256 != nil {
            guard manifest.inputs[input.key] == .some(input.sha256) else { return "its input \(input.key) changed" }
        }
        return nil
    }

    /// A new folder, or one forestmap made for a region: continued with --resume, started again with --overwrite.
    static func prepareFolder(_ folder: URL, request: Request, region: RegionConfig) throws {
        let fm = FileManager.default
        let marker = Plan.file(folder)
        if fm.fileExists(atPath: folder.path) {
            let entries = (try? fm.contentsOfDirectory(atPath: folder.path)) ?? []
            if !entries.isEmpty {
                guard fm.fileExists(atPath: marker.path) else {
                    throw ForestMapError.input("\(folder.path) exists and is not a region folder forestmap made; choose another --out")
                }
                if request.overwrite && !request.resume {
                    for name in ["counties", "status", "jobs", "region", "region-plan.json"] { try? fm.removeItem(at: folder.appendingPathComponent(name)) }
                } else if !request.resume {
                    throw ForestMapError.input("\(folder.path) already holds a region run: --resume continues it (reruns only the counties that need it), --overwrite starts it again")
                }
            }
        }
        do { try fm.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw ForestMapError(.cannotWrite, "cannot make \(folder.path): \(error.localizedDescription)")
        }
    }
}

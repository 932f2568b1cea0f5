import Foundation
import Geo

/// `region.toml` (README "Regions"): a city's or province's counties assessed together (`forestmap region`). Each
/// unit is a county's own config (run here) or a county's submitted run folder (assembled as it is); the region
/// scores its counties by its own targets and `[scoring]`.
public struct RegionConfig: Sendable {
    /// e.g. 贵阳市, 520100.
    public var name = ""
    public var code = ""
    public var reportingUnit = ""
    /// County configs, absolute paths (from `[units] configs` and `pattern`).
    public var configs: [String] = []
    /// Counties' submitted run folders, absolute paths (`[units] folders`).
    public var folders: [String] = []
    /// The region's targets per county (a targets CSV whose rows are county codes, the region's own row its code).
    public var targets: String?
    public var scoring = ScoringSettings()
    public var executor = ExecutorSettings()
    /// The file it was read from.
    public var path = ""

    /// `[executor]`: how the counties run.
    public struct ExecutorSettings: Sendable, Hashable {
        public enum Kind: String, Sendable, CaseIterable { case local, slurm }
        public var kind = Kind.local
        /// Counties at a time (local), or the array's task limit (slurm, `%N`; 0: no limit).
        public var jobs = 1
        /// Slurm resources of one county's task.
        public var cpusPerTask = 2
        public var memoryMB = 4096
        public var timeLimit = "02:00:00"
        public var partition: String?
        public init() {}
    }

    public init() {}

    /// The county configs' view of the region: district name and code, reporting unit and scoring, for the
    /// assessment tables (the counties are the rows).
    public var assessmentConfig: ForestMapConfig {
        var c = ForestMapConfig()
        c.districtName = name
        c.districtCode = code
        c.reportingUnit = reportingUnit
        c.scoring = scoring
        c.targets = targets
        return c
    }

    public static func load(path: String) throws -> RegionConfig {
        if let kind = FileKind.unreadableKind(path) {
            throw ForestMapError.input("\(path): the region config is \(kind), not a file; give the path to region.toml")
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ForestMapError.input("\(path): region config not found or not UTF-8 text; give the path to region.toml")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let table: TOMLTable
        do { table = try TOMLParser.parse(text) } catch {
            throw ForestMapError.input("\(path): line \(error.line), column \(error.column): \(error.message)")
        }
        var region = RegionConfig()
        region.path = URL(fileURLWithPath: path).standardizedFileURL.path
        var root = TOMLReader(table: table, path: "", file: path)
        try root.section("region") { r in
            region.name = try r.string("name") ?? ""
            region.code = try r.string("code") ?? ""
            region.reportingUnit = try r.string("reporting_unit") ?? region.name
        }
        guard !region.name.isEmpty, !region.code.isEmpty else {
            throw ForestMapError.input("\(path): [region] needs name and code (e.g. name = \"贵阳市\", code = \"520100\")")
        }
        try root.section("units") { r in
            region.configs = try (r.strings("configs") ?? []).map { ForestMapConfig.resolve($0, in: folder) }
            if let pattern = try r.string("pattern") {
                region.configs += try Self.expand(pattern, in: folder, file: path)
            }
            region.folders = try (r.strings("folders") ?? []).map { ForestMapConfig.resolve($0, in: folder) }
        }
        guard !region.configs.isEmpty || !region.folders.isEmpty else {
            throw ForestMapError.input("\(path): [units] names no county: give configs = [\"520102/forestmap.toml\", …], a pattern, or folders")
        }
        try root.section("inputs") { r in
            region.targets = try r.string("targets").flatMap { $0.isEmpty ? nil : ForestMapConfig.resolve($0, in: folder) }
        }
        try root.section("executor") { r in
            var e = ExecutorSettings()
            e.kind = try r.choice("kind", ExecutorSettings.Kind.self, allowed: ExecutorSettings.Kind.allCases) ?? e.kind
            e.jobs = try r.int("jobs") ?? e.jobs
            e.cpusPerTask = try r.int("cpus_per_task") ?? e.cpusPerTask
            e.memoryMB = try r.int("memory_mb") ?? e.memoryMB
            e.timeLimit = try r.string("time_limit") ?? e.timeLimit
            e.partition = try r.string("partition").flatMap { $0.isEmpty ? nil : $0 }
            for (key, v) in [("jobs", e.jobs), ("cpus_per_task", e.cpusPerTask), ("memory_mb", e.memoryMB)] where v < 1 {
                throw ForestMapError.input("\(path): setting executor.\(key) must be 1 or more")
            }
            region.executor = e
        }
        region.scoring = try root.section("scoring") { r in try ForestMapConfig.readScoringSettings(&r, file: path) }
        try root.rejectUnknownKeys()
        return region
    }

    /// `*/forestmap.toml`-style patterns: `*` in one path component, matched against the folder's entries.
    static func expand(_ pattern: String, in folder: URL, file: String) throws -> [String] {
        let absolute = ForestMapConfig.resolve(pattern, in: folder)
        var paths = [""]
        for component in absolute.split(separator: "/").map(String.init) {
            var next: [String] = []
            for base in paths {
                if component.contains("*") {
                    let entries = ((try? FileManager.default.contentsOfDirectory(atPath: base.isEmpty ? "/" : base)) ?? []).sorted()
                    next += entries.filter { Self.matches($0, component) }.map { base + "/" + $0 }
                } else {
                    next.append(base + "/" + component)
                }
            }
            paths = next
        }
        let found = paths.filter { FileManager.default.fileExists(atPath: $0) }
        guard !found.isEmpty else { throw ForestMapError.input("\(file): units.pattern \"\(pattern)\" matches no file") }
        return found
    }

    static func matches(_ name: String, _ pattern: String) -> Bool {
        let parts = pattern.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        var rest = Substring(name)
        guard rest.hasPrefix(parts[0]) else { return false }
        rest = rest.dropFirst(parts[0].count)
        for (k, part) in parts.enumerated().dropFirst() {
            if k == parts.count - 1 { return rest.hasSuffix(part) }
            guard let r = rest.range(of: part) else { return false }
            rest = rest[r.upperBound...]
        }
        return rest.isEmpty
    }
}

import Foundation
import Geo
@testable import ForestAssessment
@testable import ForestChange
@testable import ForestCheck
@testable import ForestMap
@testable import ForestMapCore
@testable import ForestReport
@testable import ForestStats
@testable import ForestSynth

/// The report of the sample district, built as the annual run will build it: statistics by `StatsRun` (its
/// `township_stats.csv` kept for checking the maps' figures), the ring belt layer, change patches and hit-list
/// cases made from `truth.csv` (each planted event's current sub-compartments as its patch), coverage targets and a
/// 附表1 from `targets.csv`. Made once per test run.
final class ReportFixture: @unchecked Sendable {
    static let repositoryRoot = Repository.root
    static let sampleData = repositoryRoot.appendingPathComponent("SampleData")

    static let shared: Result<ReportFixture, any Error> = Result { try ReportFixture() }
    static func get() throws -> ReportFixture { try shared.get() }

    let input: ReportInput
    /// township_stats.csv as `forestmap stats` wrote it: coverage_pct by township code.
    let writtenCoverage: [String: String]
    /// Per change type, the number of patches made from truth.csv.
    let patchCounts: [ChangePatch.ChangeType: Int]
    let folder: URL

    private init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("forestmap-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        Fixtures.removeAtExit(folder)
        let configPath = Self.sampleData.appendingPathComponent("forestmap.toml").path
        let config = try ForestMapConfig.load(path: configPath)

        var request = StatsRun.Request(outputFolder: folder.appendingPathComponent("stats").path)
        request.settings.configPath = configPath
        let stats = try StatsRun.perform(request, print: false).statistics
        let written = try Self.rows(folder.appendingPathComponent("stats/township_stats.csv"))
            .reduce(into: [String: String]()) { $0[$1["township_code"]!] = $1["coverage_pct"]! }
        writtenCoverage = written

        let ringBelt = try RingBelt.load(config.ringBelt!, config: config, into: stats.crsWKT).polygons.map { WKB(polygons: [$0]) }
        let layer = try SubCompartmentLayer.load(config.current!, options: config.layerLoadOptions())
        let geometryByKey = Dictionary(layer.subCompartments.map { ($0.key, $0.geometry) }) { a, _ in a }

        let truth = try Self.rows(Self.sampleData.appendingPathComponent("truth.csv"))
        var patches: [ReportInput.Patch] = []
        var counts: [ChangePatch.ChangeType: Int] = [:]
        var cases: [(row: [String: String], type: ChangePatch.ChangeType)] = []
        let context = GEOSContext()
        for row in truth {
            guard let type = ChangePatch.ChangeType(rawValue: row["change_type"]!), type != .reclassification else { continue }
            let parts = try row["to_ids"]!.split(separator: ";").map { try Geometry(wkb: geometryByKey[String($0)]!, context: context) }
            let geometry = try Geometry.union(parts, context: context)
            patches.append(ReportInput.Patch(geometry: try geometry.wkb, changeType: type, squareMetres: Double(row["area_ha"]!)! * 10_000))
            counts[type, default: 0] += 1
            if row["hit"] == "yes" { cases.append((row, type)) }
        }
        patchCounts = counts
        // The hit list: cases in the ring belt first, then construction and clearing, then the rest; larger first.
        let rank = { (c: (row: [String: String], type: ChangePatch.ChangeType)) -> Int in
            c.row["in_ring_belt"] == "yes" ? 1 : [.construction, .clearedForFarming].contains(c.type) ? 2 : 3
        }
        let ordered = cases.sorted { (rank($0), -Double($0.row["area_ha"]!)!) < (rank($1), -Double($1.row["area_ha"]!)!) }
        let status = ["none": "未找到匹配审批", "partial": "少批多占", "wrong_use": "批非所用", "expired": "审批已过期", "covered": "有审批", "": ""]
        let names = [1: "一级（环城林带）", 2: "二级（建设占用、毁林开垦）", 3: "三级"]
        let hits = ordered.enumerated().map { i, c in
            ReportInput.HitPoint(number: i + 1, x: Double(c.row["x"]!)!, y: Double(c.row["y"]!)!, priority: rank(c),
                                 priorityName: names[rank(c)]!,
                                 label: "\(c.row["township_code"]!) \(ReportStyle.chineseName(c.type)) \(status[c.row["permit_status"]!]!) \(c.row["area_ha"]!)公顷")
        }

        let targetRows = try Self.rows(Self.sampleData.appendingPathComponent("targets.csv"))
        var targets: [String: Double] = [:]
        for r in targetRows where r["indicator"] == "forest_coverage_rate" { targets[r["township_code"]!] = Double(r["target"]!) }
        let indicators = ["forest_coverage_rate", "forest_land_area", "standing_volume"]
        let byTownship = Dictionary(grouping: targetRows.filter { indicators.contains($0["indicator"]!) }) { $0["township_code"]! }
        let appendix1Columns = ReportInput.Table(
            title: "附表1 \(config.districtName)2021年林长制目标任务分解表",
            headers: ["乡镇代码", "乡镇名称", "森林覆盖率\n(%)", "林地保有量\n(公顷)", "森林蓄积量\n(立方米)"],
            rows: byTownship.keys.sorted().filter { $0.count == 9 }.map { code in
                let rows = byTownship[code]!
                return [code, rows[0]["township_name"]!] + indicators.map { i in rows.first { $0["indicator"] == i }?["target"] ?? "" }
            })

        let total = try Self.rows(folder.appendingPathComponent("stats/township_stats.csv")).first { $0["township_code"] == "total" }!
        let below = stats.zones.indices.filter { i in
            let code = stats.zones[i].townshipCode
            return targets[code].map { Double(written[code] ?? "") ?? .infinity < $0 } ?? false
        }.count
        let findings = [
            "全区森林覆盖率\(total["coverage_pct"]!)%，森林面积\(total["forest_ha"]!)公顷。",
            "\(below)个乡镇森林覆盖率低于2021年目标，见图一红色虚线。",
            "本期共发现变化图斑\(patches.count)处，其中\(hits.count)处列入重点核查清单（环城林带内\(hits.filter { $0.priority == 1 }.count)处）。",
        ]
        input = try ReportInput(statistics: stats, year: 2021, reportingUnit: config.reportingUnit, date: "2021-12-31",
                                targets: targets, ringBelt: ringBelt, patches: patches, hits: hits, extraTables: [appendix1Columns], findings: findings)
    }

    /// A CSV file's rows by header, read through GDAL's CSV driver (quotes, BOM).
    static func rows(_ url: URL) throws -> [[String: String]] {
        let layer = try VectorDataset(reading: SourceReference(path: url.path)).layer(named: nil)
        let names = layer.fields.map(\.name)
        return try layer.readAll().map { f in
            Dictionary(uniqueKeysWithValues: zip(names, f.values.map { $0.text ?? "" }))
        }
    }
}


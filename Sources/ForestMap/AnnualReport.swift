import Foundation
import Geo
import ForestAssessment
import ForestCases
import ForestChange
import ForestMapCore
import ForestReport

extension ReportInput {
    /// How many hit-list cases the report numbers on its map (the list's most urgent first).
    static let topCases = 30

    /// The report of an annual run: the townships' coverage and its targets from the statistics and 附表1, the
    /// change patches on the ground (not reclassifications or attribute-only changes), the ring belt, the hit list's
    /// top cases, 附表1 and 附表2 as filed, the district's findings first and each township's after the tables.
    init(annual r: AnnualRun.Result, date: String) throws {
        let config = r.config
        var targets: [String: Double] = [:]
        for (code, byIndicator) in r.targets.targets {
            if let v = byIndicator["forest_coverage_rate"]?.value { targets[code] = v }
        }
        let hits = r.change.hits.prefix(Self.topCases).enumerated().map { k, h in
            HitPoint(number: k + 1, x: h.patch.pointX, y: h.patch.pointY, priority: h.priority, priorityName: HitPriority.name(h.priority),
                     label: "\(h.registerCase.map { "\($0.caseID)（\($0.status.chineseName)\($0.overdue ? "，逾期" : "")）" } ?? h.hitID) \(h.reason)，\(String(format: "%.2f", AreaUnit.hectares(h.patch.squareMetres))) 公顷")
        }
        // The district's findings lead the page; each township's follow the tables, so the maps come first.
        let districtPrefix = config.districtName + "："
        let leading = r.assessment.findings.filter { !$0.contains("：") || $0.hasPrefix(districtPrefix) }
        let byTownship = r.assessment.findings.filter { $0.contains("：") && !$0.hasPrefix(districtPrefix) }.map { line -> [String] in
            let parts = line.split(separator: "：", maxSplits: 1).map(String.init)
            return [parts[0], parts.count > 1 ? parts[1] : ""]
        }
        let patches = r.change.patches.filter { ![.reclassification, .attributeOnly].contains($0.changeType) }.map(Patch.init)
        try self.init(statistics: r.stats.statistics, year: config.year ?? Calendar.current.component(.year, from: Date()),
                      reportingUnit: config.reportingUnit, date: date, targets: targets,
                      ringBelt: (r.change.ringBelt?.polygons ?? []).map { WKB(polygons: [$0]) }, patches: patches, hits: hits,
                      extraTables: [Table(AssessmentTables.appendix1TargetsXLSX(r.assessment, config: config, date: date)),
                                    Table(AssessmentTables.appendix2ScoresXLSX(r.assessment, config: config, date: date)),
                                    Table(title: "各乡镇（街道）考核发现", headers: ["乡镇（街道）", "发现"], rows: byTownship)],
                      findings: leading)
        if let cases = r.cases {
            let names = Dictionary(r.assessment.townships.map { ($0.code, $0.name) }) { a, _ in a }
            self.cases = Self.caseTables(try cases.projected(r.change), asOf: cases.matching.asOf, settings: config.cases) { names[$0] ?? "" }
        }
    }
}

import Foundation
import Geo
import ForestAssessment
import ForestChange
import ForestMapCore
import ForestReport

/// The region's `report.html`: the counties on the maps (coverage by county, every county's change patches), the
/// change patches and hit-list counts by county, 附表1 and 附表2, and the findings — the county report's page, with
/// counties for townships.
enum RegionReport {
    static func write(region: RegionConfig, assessment: Assessment, counties: [(RegionUnit, String)], date: String, to url: URL) throws {
        var shapes: [ReportInput.Township] = []
        var patches: [ReportInput.Patch] = []
        var counts: [[String]] = []
        var target: SpatialReference?
        let context = GEOSContext()
        let coverage = Dictionary(assessment.townships.map { ($0.code, $0) }) { a, _ in a }
        for (unit, folder) in counties {
            let base = URL(fileURLWithPath: folder)
            // The county's outline: its townships' polygons as its statistics drew them, merged.
            let townships = try VectorDataset(reading: SourceReference(path: base.appendingPathComponent("stats/townships.gpkg").path))
            let layer = try townships.layer(named: "townships")
            let crs = layer.spatialReference
            if target == nil { target = crs }
            let transform = try crs.flatMap { c in try target.flatMap { t in c.isSame(as: t) ? nil : try CoordinateTransform(from: c, to: t) } }
            func moved(_ wkb: WKB) throws -> WKB { try transform.map { WKB(polygons: try $0.transform(try wkb.polygons())) } ?? wkb }
            let parts = try layer.readAll().compactMap(\.geometry).map { try Geometry(wkb: moved($0), context: context) }
            if !parts.isEmpty {
                let row = coverage[unit.code]
                let rate = row?.value(.forestCoverageRate)
                shapes.append(ReportInput.Township(code: unit.code, name: unit.name, geometry: try Geometry.union(parts, context: context).wkb,
                                                   coveragePercent: rate?.actual.map { ($0 * 100).rounded() / 100 }, targetPercent: rate?.target))
            }
            // Its change patches on the ground, and how many hits its list holds.
            let changes = try VectorDataset(reading: SourceReference(path: base.appendingPathComponent("change/changes.gpkg").path)).layer(named: "changes")
            let typeField = changes.fieldIndex("change_type"), areaField = changes.fieldIndex("area_ha")
            var onTheGround = 0
            try changes.forEachFeature { f in
                guard let t = typeField.flatMap({ f.values[$0].text }).flatMap(ChangePatch.ChangeType.init(rawValue:)),
                      ![.reclassification, .attributeOnly].contains(t), let g = f.geometry else { return }
                onTheGround += 1
                patches.append(ReportInput.Patch(geometry: try moved(g), changeType: t, squareMetres: (areaField.flatMap { f.values[$0].number } ?? 0) * 10_000))
            }
            let hitRows = (TextFile.read(base.appendingPathComponent("change/hitlist.csv")) ?? "")
                .split(separator: "\n").dropFirst().filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
            let urgent = hitRows.filter { $0.contains(",1,") }.count
            counts.append([unit.code, unit.name, String(onTheGround), String(hitRows.count), String(urgent)])
        }
        let totals = ["合计", "", String(counts.reduce(0) { $0 + Int($1[2])! }), String(counts.reduce(0) { $0 + Int($1[3])! }), ""]
        let config = region.assessmentConfig
        // The survey year of the counties' configs (a submitted folder's config is in its manifest: not read here).
        let year = try counties.first { $0.0.kind == .config }.flatMap { try ForestMapConfig.load(path: $0.0.path).year }
        let input = ReportInput(
            districtName: region.name, year: year ?? Calendar.current.component(.year, from: Date()), reportingUnit: region.reportingUnit,
            date: date, crsLabel: target?.label ?? "", isGeographic: target?.isGeographic ?? false, townships: shapes, patches: patches,
            tables: [ReportInput.Table(AssessmentTables.appendix1TargetsXLSX(assessment, config: config, date: date)),
                     ReportInput.Table(AssessmentTables.appendix2ScoresXLSX(assessment, config: config, date: date)),
                     ReportInput.Table(title: "各县（区、市）变化图斑与核查清单", headers: ["代码", "县（区、市）", "变化图斑（个）", "核查清单（个）", "其中第一优先（个）"],
                                       rows: counts, totals: totals,
                                       notes: ["变化图斑不含代码体系转换和仅属性变化；核查清单见各县 counties/<代码>/change/hitlist.csv"])],
            findings: assessment.findings)
        try HTMLReport.write(input, to: url)
    }
}

import Foundation
import Geo
import ForestChange
import ForestMapCore
import ForestStats

extension ReportInput {
    /// The report's input from a township statistics run (`forestmap stats` with township boundaries): each
    /// township's boundary and its coverage as written in `township_stats.csv`, and the hectare table
    /// (各乡镇森林资源统计表) among the tables. Change patches, hit-list cases, the assessment tables and the findings
    /// come from their own steps. Without township boundaries the report has no township map, only the table.
    ///
    /// `targets` are coverage targets (%) by 9-digit township code (附表1); `extraTables` come before the statistics
    /// table.
    public init(statistics stats: ForestStatistics, year: Int, reportingUnit: String, date: String,
                targets: [String: Double] = [:], ringBelt: [WKB] = [], patches: [Patch] = [], hits: [HitPoint] = [],
                extraTables: [Table] = [], findings: [String] = []) throws {
        let hectares = ClosingTable(stats, unit: .hectare)
        let rows = Dictionary(hectares.rows.map { ($0.townshipCode, $0) }) { a, _ in a }
        // Without boundary polygons (units from XIANG) there is no coverage map: the other maps take their extent
        // from the belt, the patches and the cases.
        var townships: [Township] = []
        if let boundaries = stats.boundaries {
            var polygons = [[PolygonRings]](repeating: [], count: boundaries.townships.count)
            for part in boundaries.parts { polygons[part.township] += part.polygons }
            townships = boundaries.townships.enumerated().map { i, t in
                Township(code: t.code, name: rows[t.code]?.townshipName ?? t.name, geometry: WKB(polygons: polygons[i]),
                         coveragePercent: rows[t.code]?.cells[.coverage]?.double, targetPercent: targets[t.code])
            }
        }
        let mu = ClosingTable(stats, unit: .mu).withCoverage(of: hectares)
        let statsTable = StatsWorkbook.tables(stats, hectares: hectares, mu: mu, comparison: nil, reportingUnit: reportingUnit, date: date)[0]
        let srs = try SpatialReference(definition: stats.crsWKT)
        self.init(districtName: stats.districtName, year: year, reportingUnit: reportingUnit, date: date, crsLabel: srs.label,
                  isGeographic: srs.isGeographic, townships: townships, ringBelt: ringBelt, patches: patches,
                  hits: hits, tables: extraTables + [Table(statsTable)], findings: findings)
    }
}

extension ReportInput.Patch {
    /// A change patch as the change map draws it.
    public init(_ patch: ChangePatch) {
        self.init(geometry: patch.geometry, changeType: patch.changeType, squareMetres: patch.squareMetres)
    }
}

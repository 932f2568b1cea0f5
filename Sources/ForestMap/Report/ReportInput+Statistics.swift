import Foundation
import Geo

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

    /// The ring belt's polygons (环城林带, `[inputs] ring_belt`) in the sub-compartment layer's CRS.
    public static func ringBelt(_ source: SourceReference, into crsWKT: String, towgs84: [Double]? = nil, encoding: String? = nil) throws -> [WKB] {
        let dataset = try VectorDataset(reading: source, openOptions: encoding.map { ["ENCODING": $0] } ?? [:])
        let layer = try dataset.layer(named: source.layerName)
        let srs = try CRSCheck.usable(layer.spatialReference, extent: layer.extent, label: layer.label, towgs84: towgs84)
        let target = try SpatialReference(definition: crsWKT)
        let transform = srs.isSame(as: target) ? nil : try CoordinateTransform(from: srs, to: target)
        return try layer.readAll().compactMap { feature -> WKB? in
            guard let wkb = feature.geometry else { return nil }
            guard var polygons = try? wkb.polygons() else {
                throw ForestMapError.input("\(layer.label): feature \(feature.fid) is not a polygon; the ring belt must be polygons")
            }
            if let transform {
                do { polygons = try transform.transform(polygons) } catch let e as GeoError {
                    throw ForestMapError.input("\(layer.label): feature \(feature.fid): \(e.message)")
                }
            }
            return WKB(polygons: polygons)
        }
    }
}

extension ReportInput.Patch {
    /// A change patch as the change map draws it.
    public init(_ patch: ChangePatch) {
        self.init(geometry: patch.geometry, changeType: patch.changeType, squareMetres: patch.squareMetres)
    }
}

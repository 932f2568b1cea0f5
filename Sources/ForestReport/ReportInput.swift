import Geo
import ForestChange
import ForestMapCore

/// What `report.html` (年度报告) shows, in plain values: the renderer reads no layer and computes no figure.
///
/// Geometries are WKB in one projected CRS (or one geographic CRS: set `isGeographic`), the same for every layer;
/// they are simplified for drawing only. Figures arrive as they are written in the tables (coverage rounded as in
/// `township_stats.csv`), so the maps and the tables never disagree.
public struct ReportInput: Sendable {
    /// One township (乡镇/街道) of the coverage map.
    public struct Township: Sendable {
        /// The 9-digit code.
        public var code: String
        public var name: String
        /// The boundary: Polygon or MultiPolygon.
        public var geometry: WKB
        /// 森林覆盖率 (%) as written in the statistics; nil: no figure (drawn grey, "无数据").
        public var coveragePercent: Double?
        /// The township's 附表1 coverage target (%); a township below it is outlined on the map.
        public var targetPercent: Double?

        public init(code: String, name: String, geometry: WKB, coveragePercent: Double?, targetPercent: Double? = nil) {
            self.code = code
            self.name = name
            self.geometry = geometry
            self.coveragePercent = coveragePercent
            self.targetPercent = targetPercent
        }
    }

    /// One change patch (变化图斑) of the change map.
    public struct Patch: Sendable {
        public var geometry: WKB
        public var changeType: ChangePatch.ChangeType
        public var squareMetres: Double

        public init(geometry: WKB, changeType: ChangePatch.ChangeType, squareMetres: Double) {
            self.geometry = geometry
            self.changeType = changeType
            self.squareMetres = squareMetres
        }
    }

    /// One case of the enforcement hit list (核查清单), numbered on the map as in the list.
    public struct HitPoint: Sendable {
        /// The case's number in the hit list (1 = first).
        public var number: Int
        /// Where the team goes, in the layers' CRS.
        public var x: Double
        public var y: Double
        /// 1 = most urgent; colours the marker.
        public var priority: Int
        /// The priority's name for the legend, e.g. "一级（环城林带）".
        public var priorityName: String
        /// One line for the list under the map, e.g. "520111011-0003 建设占用 未批先占 2.35公顷".
        public var label: String

        public init(number: Int, x: Double, y: Double, priority: Int, priorityName: String, label: String) {
            self.number = number
            self.x = x
            self.y = y
            self.priority = priority
            self.priorityName = priorityName
            self.label = label
        }
    }

    /// A table as it is filed (附表1, 附表2, …): text cells, already formatted.
    public struct Table: Sendable {
        public var title: String
        public var headers: [String]
        public var rows: [[String]]
        /// The totals row (合计), drawn bold; nil when the table has none.
        public var totals: [String]?
        public var notes: [String]

        public init(title: String, headers: [String], rows: [[String]], totals: [String]? = nil, notes: [String] = []) {
            self.title = title
            self.headers = headers
            self.rows = rows
            self.totals = totals
            self.notes = notes
        }
    }

    /// e.g. "花溪区".
    public var districtName: String
    /// The year reported on, e.g. 2021.
    public var year: Int
    /// 填报单位, e.g. "贵阳市花溪区林业局".
    public var reportingUnit: String
    /// The date the report was made, as filed tables print it.
    public var date: String
    /// The layers' CRS for the map footer, e.g. "EPSG:4545 (CGCS2000 / 3-degree Gauss-Kruger CM 108E)".
    public var crsLabel: String
    /// Coordinates are longitude/latitude: the maps stretch longitude by cos(latitude) and the scale bar uses metres
    /// on the sphere.
    public var isGeographic: Bool
    public var townships: [Township]
    /// 环城林带: the ring-city forest belt's polygons (empty: none given).
    public var ringBelt: [WKB]
    public var patches: [Patch]
    /// The hit list's top cases, in any order.
    public var hits: [HitPoint]
    /// 附表1, 附表2 and any other table, in the order shown.
    public var tables: [Table]
    /// 主要结论: one finding per line, in Chinese.
    public var findings: [String]
    /// 问题整改台账: the case register's tables (cases by township and status, open cases overdue first); empty
    /// without a register.
    public var cases: [Table] = []

    public init(districtName: String, year: Int, reportingUnit: String, date: String, crsLabel: String, isGeographic: Bool = false,
                townships: [Township], ringBelt: [WKB] = [], patches: [Patch] = [], hits: [HitPoint] = [],
                tables: [Table] = [], findings: [String] = []) {
        self.districtName = districtName
        self.year = year
        self.reportingUnit = reportingUnit
        self.date = date
        self.crsLabel = crsLabel
        self.isGeographic = isGeographic
        self.townships = townships
        self.ringBelt = ringBelt
        self.patches = patches
        self.hits = hits
        self.tables = tables
        self.findings = findings
    }
}

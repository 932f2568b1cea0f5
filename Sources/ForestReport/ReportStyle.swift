import ForestChange
import ForestStats
/// The report's look: one style sheet in the page (no web fonts: the reader's own Chinese fonts), the colours
/// of the maps, and the Chinese names the legends use.
enum ReportStyle {
    /// Sequential greens for coverage classes, light to dark (ForestStats' palette, which townships.gpkg's style uses too).
    static let coverageColours = CoverageClasses.colours
    static let noDataColour = CoverageClasses.noDataColour

    /// 变化类型 as a legend names it (ForestChange's palette).
    static func chineseName(_ type: ChangePatch.ChangeType) -> String { type.chineseName }

    /// The colour of a change type (ForestChange's palette, which the GeoPackages' styles use too).
    static func colour(_ type: ChangePatch.ChangeType) -> String { type.colour }

    /// Hit-list markers by priority (ForestChange's palette).
    static func priorityColour(_ priority: Int) -> String { HitPriority.colour(priority) }

    /// The class names the maps use, with their colours, and the page's layout.
    static func css() -> String {
        var rules = [
            ":root{color-scheme:light}",
            "body{margin:0;background:#f5f5f0;color:#222;font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"Microsoft YaHei\",\"PingFang SC\",\"Hiragino Sans GB\",\"SimHei\",sans-serif;font-size:15px;line-height:1.6}",
            "main{max-width:1180px;margin:0 auto;padding:16px 20px 40px;background:#fff}",
            "header{border-bottom:3px solid #1b5e20;margin-bottom:12px}",
            "h1{font-size:26px;margin:8px 0 4px;color:#1b5e20}",
            "h2{font-size:20px;margin:28px 0 8px;padding-left:8px;border-left:5px solid #2e7d32}",
            ".meta{color:#555;font-size:13px;margin:0 0 8px}",
            ".findings{background:#f1f8e9;border:1px solid #c5e1a5;padding:8px 16px 8px 32px;margin:8px 0}",
            ".findings li{margin:4px 0}",
            "figure{margin:8px 0 16px;break-inside:avoid;overflow-x:auto}",
            // On a phone the map scrolls sideways rather than shrinking its legend beyond reading.
            "figure svg{display:block;width:100%;min-width:640px;height:auto;border:1px solid #ccc;background:#fbfdff;box-sizing:border-box}",
            "figcaption{font-size:13px;color:#555;margin-top:4px}",
            ".tablewrap{overflow-x:auto;margin:8px 0 20px}",
            "table{border-collapse:collapse;font-size:13px;min-width:60%}",
            "caption{font-weight:bold;font-size:16px;padding:6px;text-align:center}",
            "th,td{border:1px solid #999;padding:3px 6px;white-space:nowrap}",
            "th{background:#ddebf7;text-align:center}",
            "td.n{text-align:right;font-variant-numeric:tabular-nums}",
            "tfoot td{font-weight:bold;background:#f7f7f7}",
            ".notes{font-size:12px;color:#555;margin:4px 0 0;padding-left:20px}",
            "footer{font-size:12px;color:#666;border-top:1px solid #ccc;margin-top:24px;padding-top:8px}",
            "@media print{body{background:#fff}main{max-width:none;padding:0}h2{break-after:avoid}}",
            // Maps.
            "svg text{font-family:inherit}",
            ".tw{stroke:#fff;stroke-width:1.2;fill-rule:evenodd;stroke-linejoin:round}",
            ".base{fill:#f3f1ea;stroke:#9a9a9a;stroke-width:1;fill-rule:evenodd;stroke-linejoin:round}",
            ".under{fill:none;stroke:#b71c1c;stroke-width:2.5;stroke-dasharray:6 3;fill-rule:evenodd}",
            ".belt{stroke:#2e7d32;stroke-width:1.5;stroke-dasharray:5 3;fill-rule:evenodd}",
            ".lbl{font-size:15px;text-anchor:middle;fill:#222;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}",
            ".lbl.small{font-size:12px}",
            ".lbl.grey{fill:#666}",
            ".leg{font-size:16px;fill:#222}",
            ".legt{font-size:17px;font-weight:bold;fill:#222}",
            ".legs{font-size:13px;fill:#555}",
            ".sb{stroke:#222;stroke-width:2;fill:none}",
            ".hit{stroke:#fff;stroke-width:2}",
            ".hitn{font-size:13px;font-weight:bold;fill:#fff;text-anchor:middle}",
        ]
        for (i, colour) in coverageColours.enumerated() { rules.append(".c\(i){fill:\(colour)}") }
        rules.append(".cna{fill:\(noDataColour)}")
        for type in ChangePatch.ChangeType.allCases {
            let c = colour(type)
            rules.append(".p-\(type.rawValue){fill:\(c);stroke:\(c);stroke-width:.8;fill-rule:evenodd;stroke-linejoin:round}")
            rules.append(".d-\(type.rawValue){fill:none;stroke:\(c);stroke-width:6;stroke-linecap:round}")
        }
        return rules.joined(separator: "\n")
    }
}

import Foundation

/// `report.html` (年度报告): the district on maps and in tables, in one self-contained file that opens offline —
/// no script, no web font, no image file, no map tiles: the maps are inline SVG drawn from the layers, the style
/// sheet is in the page, Chinese text uses the reader's own fonts.
///
/// In order: the findings (主要结论), the coverage map by township, the change-patch map, the hit-list map with its
/// list, the case register (问题整改台账) when the run keeps one, then the tables (附表1, 附表2, …). Geometries are simplified to half a pixel and rounded to whole pixels
/// for drawing only; every figure is the input's, as written in the tables.
public enum HTMLReport {
    /// The whole page. Throws only for a geometry that is not readable WKB.
    public static func render(_ input: ReportInput) throws -> String {
        let title = "\(input.districtName)\(input.year)年度森林资源管理“一张图”年度报告"
        var html = """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTMLText.escape(title))</title>
        <style>
        \(ReportStyle.css())
        </style>
        </head>
        <body>
        <main>
        <header>
        <h1>\(HTMLText.escape(title))</h1>
        <p class="meta">填报单位：\(HTMLText.escape(input.reportingUnit))　　生成日期：\(HTMLText.escape(input.date))　　坐标系：\(HTMLText.escape(input.crsLabel))</p>
        </header>

        """
        html += section("主要结论") + findings(input.findings)

        if let maps = try ReportMaps(input) {
            if !input.townships.isEmpty {
                html += section("一、各乡镇森林覆盖率")
                html += figure(maps.coverageMap(), caption: "按乡镇界线统计的森林覆盖率（森林面积 ÷ 土地总面积 × 100%），分级设色；数字与统计表一致。")
            }
            html += section("二、森林资源变化图斑")
            html += figure(maps.changeMap(), caption: "\(input.year)年与上期相比的变化图斑，按变化类型设色，叠加乡镇界线和环城林带。")
            html += section("三、重点核查图斑")
            html += figure(maps.hitMap(), caption: "核查清单中的重点图斑，编号与下表和核查清单一致。")
            html += hitTable(input.hits, geographic: input.isGeographic)
        } else {
            html += "<p>没有可绘制的图层（无乡镇界线、环城林带、变化图斑或核查点）。</p>\n"
        }

        if !input.cases.isEmpty {
            html += section("四、问题整改台账")
            for table in input.cases { html += self.table(table) }
        }
        if !input.tables.isEmpty {
            html += section(input.cases.isEmpty ? "四、附表" : "五、附表")
            for table in input.tables { html += self.table(table) }
        }
        html += """
        <footer>
        地图为示意图：图形按显示精度简化（容差半个像素）并取整到像素，仅用于显示；全部面积和统计数字均按原始图层计算，以附表为准。
        由 forestmap 生成。
        </footer>
        </main>
        </body>
        </html>

        """
        return html
    }

    /// Renders and writes the page (UTF-8).
    public static func write(_ input: ReportInput, to url: URL) throws {
        try Data(try render(input).utf8).write(to: url, options: .atomic)
    }

    private static func section(_ title: String) -> String { "<h2>\(HTMLText.escape(title))</h2>\n" }

    private static func findings(_ lines: [String]) -> String {
        guard !lines.isEmpty else { return "<p>本期无结论。</p>\n" }
        return "<ul class=\"findings\">\n" + lines.map { "<li>\(HTMLText.escape($0))</li>\n" }.joined() + "</ul>\n"
    }

    private static func figure(_ svg: String, caption: String) -> String {
        "<figure>\n\(svg)\n<figcaption>\(HTMLText.escape(caption))</figcaption>\n</figure>\n"
    }

    /// The numbered cases under the hit map.
    /// Coordinates to 0.1 m, or to 10⁻⁶ degree (about 0.1 m) for longitude and latitude.
    private static func hitTable(_ hits: [ReportInput.HitPoint], geographic: Bool) -> String {
        guard !hits.isEmpty else { return "" }
        let format = geographic ? "%.6f" : "%.1f"
        let rows = hits.sorted { $0.number < $1.number }.map { h in
            [String(h.number), h.priorityName, h.label, String(format: format, h.x), String(format: format, h.y)]
        }
        let axes = geographic ? ["经度", "纬度"] : ["X", "Y"]
        return table(ReportInput.Table(title: "重点核查图斑清单", headers: ["编号", "优先级", "图斑"] + axes, rows: rows))
    }

    /// A table as filed: caption, headers (line breaks kept), rows, a bold totals row, notes. Numbers align right.
    static func table(_ t: ReportInput.Table) -> String {
        var out = "<div class=\"tablewrap\"><table>\n<caption>\(HTMLText.escape(t.title))</caption>\n<thead><tr>"
        out += t.headers.map { "<th>\(HTMLText.escapeLines($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in t.rows { out += "<tr>" + row.map(cell).joined() + "</tr>\n" }
        out += "</tbody>\n"
        if let totals = t.totals { out += "<tfoot><tr>" + totals.map(cell).joined() + "</tr></tfoot>\n" }
        out += "</table>\n"
        if !t.notes.isEmpty {
            out += "<ol class=\"notes\">" + t.notes.map { "<li>\(HTMLText.escape($0))</li>" }.joined() + "</ol>\n"
        }
        return out + "</div>\n"
    }

    private static func cell(_ text: String) -> String {
        let numeric = !text.isEmpty && text.contains(where: \.isNumber) && text.allSatisfy { "0123456789.,-+%‰ ".contains($0) }
        return numeric ? "<td class=\"n\">\(HTMLText.escape(text))</td>" : "<td>\(HTMLText.escapeLines(text))</td>"
    }
}

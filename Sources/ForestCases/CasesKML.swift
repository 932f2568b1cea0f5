import Foundation
import Geo
import ForestMapCore

/// `cases.kml` for field apps (Google Earth, 奥维互动地图 Ovital): one placemark per open case, named by its
/// `case_id`, overdue cases red and first, confirmed ones orange, the others yellow; the patch outline (or the
/// reported point) and a point on it in CGCS2000 degrees, and the case's listing columns as ExtendedData.
enum CasesKML {
    /// KML colours are aabbggrr.
    static let styles = [("overdue", "ff0000ff", "逾期 overdue"), ("confirmed", "ff0088ff", "属实待处理 confirmed"), ("open", "ff00ffff", "待核查 open")]

    static func text(_ cases: [RegisterCase], state: RegisterState, asOf: CaseDate, settings: CaseSettings, title: String,
                     toLonLat: CoordinateTransform?) throws -> String {
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <kml xmlns="http://www.opengis.net/kml/2.2">
        <Document>
        <name>\(MarkupText.escape(title))</name>

        """
        for (id, colour, label) in styles {
            out += """
            <Style id="\(id)"><IconStyle><color>\(colour)</color><scale>1.1</scale></IconStyle>\
            <LabelStyle><scale>0.9</scale></LabelStyle><LineStyle><color>\(colour)</color><width>2</width></LineStyle>\
            <PolyStyle><color>\("55" + colour.dropFirst(2))</color></PolyStyle><BalloonStyle><text>$[description]</text></BalloonStyle></Style>
            <!-- \(label) -->

            """
        }
        let rows = CaseListing.table(cases, asOf: asOf, settings: settings).rows
        for (c, values) in zip(cases, rows) {
            let overdue = c.isOverdue(asOf: asOf, rectificationDays: settings.rectificationDays)
            let style = overdue ? "overdue" : c.status.isConfirmedViolation ? "confirmed" : "open"
            let history = CaseText.history(state.history(of: c.caseID)).map(MarkupText.escape).joined(separator: "<br/>")
            let description = """
            <b>\(MarkupText.escape(c.caseID))</b> \(c.status.chineseName)\(overdue ? "（逾期）" : "")<br/>\
            \(c.source.chineseName) · \(MarkupText.escape(c.townshipName)) \(c.townshipCode)<br/>\
            立案 \(c.opened) · 案龄 \(c.age(asOf: asOf)) 天 · \(CSVTable.number(AreaUnit.hectares(c.squareMetres), decimals: 4)) 公顷<br/>\
            \(MarkupText.escape(c.description))<br/><br/>\(history)
            """
            out += "<Placemark><name>\(MarkupText.escape(c.caseID))</name><styleUrl>#\(style)</styleUrl>"
            out += "<description><![CDATA[\(description.replacingOccurrences(of: "]]>", with: "]] >"))]]></description><ExtendedData>"
            for (name, value) in zip(CaseListing.columns, values) {
                out += "<Data name=\"\(name)\"><value>\(MarkupText.escape(value))</value></Data>"
            }
            out += "</ExtendedData><MultiGeometry><Point><coordinates>\(KMLGeometry.coordinate(c.longitude, c.latitude))</coordinates></Point>"
            // Without the register's CRS the outline cannot be placed: the point alone.
            let polygons = toLonLat == nil ? [] : (try? c.geometry?.polygons()) ?? []
            out += KMLGeometry.polygons(try toLonLat.map { try $0.transform(polygons) } ?? [])
            out += "</MultiGeometry></Placemark>\n"
        }
        out += "</Document>\n</kml>\n"
        return out
    }
}

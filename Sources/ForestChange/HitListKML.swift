import Foundation
import Geo
import ForestMapCore

/// `hitlist.kml` for field apps (Google Earth, 奥维互动地图 Ovital): one placemark per hit, named by its `hit_id`,
/// styled by priority (1 red, 2 orange, 3 yellow), with the patch outline and a point on it in CGCS2000 degrees,
/// and every hit-list column as ExtendedData. Written as KML 2.2 text, most urgent first.
enum HitListKML {
    /// KML colours are aabbggrr.
    static let styles = [(1, "ff0000ff", "第一优先 priority 1"), (2, "ff0088ff", "第二优先 priority 2"), (3, "ff00ffff", "第三优先 priority 3")]

    /// `rows`: each hit's values in `HitListFiles.columns` order.
    static func text(_ hits: [Hit], rows: [[String]], names: ChangeNames, title: String, toLonLat: CoordinateTransform) throws -> String {
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <kml xmlns="http://www.opengis.net/kml/2.2">
        <Document>
        <name>\(escape(title))</name>

        """
        for (priority, colour, label) in styles {
            out += """
            <Style id="priority\(priority)"><IconStyle><color>\(colour)</color><scale>1.1</scale></IconStyle>\
            <LabelStyle><scale>0.9</scale></LabelStyle><LineStyle><color>\(colour)</color><width>2</width></LineStyle>\
            <PolyStyle><color>\("55" + colour.dropFirst(2))</color></PolyStyle><BalloonStyle><text>$[description]</text></BalloonStyle></Style>
            <!-- \(label) -->

            """
        }
        for (h, values) in zip(hits, rows) {
            let p = h.patch
            let description = """
            <b>\(h.hitID)</b> 优先级 \(h.priority)<br/>\(h.reason)<br/>\(names.township(p.townshipCode)) \(p.villageCode)<br/>\
            \(p.fromClass) \(names.fromClass(p.fromClass)) → \(p.toClass) \(names.toClass(p.toClass))<br/>\
            面积 \(CSVTable.number(AreaUnit.hectares(p.squareMetres), decimals: 4)) 公顷（\(CSVTable.number(AreaUnit.hectares(p.squareMetres) * AreaUnit.muPerHectare, decimals: 2)) 亩）<br/>\
            许可核查 \(p.permitStatus?.rawValue ?? "") \(p.permitIDs.joined(separator: "；"))
            """
            out += "<Placemark><name>\(escape(h.hitID))</name><styleUrl>#priority\(h.priority)</styleUrl>"
            out += "<description><![CDATA[\(description.replacingOccurrences(of: "]]>", with: "]] >"))]]></description><ExtendedData>"
            for (name, value) in zip(HitListFiles.columns, values) {
                out += "<Data name=\"\(name)\"><value>\(escape(value))</value></Data>"
            }
            out += "</ExtendedData><MultiGeometry><Point><coordinates>\(KMLGeometry.coordinate(h.longitude, h.latitude))</coordinates></Point>"
            out += KMLGeometry.polygons(try toLonLat.transform(try p.geometry.polygons()))
            out += "</MultiGeometry></Placemark>\n"
        }
        out += "</Document>\n</kml>\n"
        return out
    }


    static func escape(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 }) else { return s }
        return s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

import Foundation
import Geo
import ForestMapCore
import ForestChange

/// The overlays of the dossiers' maps, read once for all of them, in the register's CRS: the permits' red lines
/// (许可审批红线) and the township boundaries, each when the config names its layer.
struct DossierLayers {
    struct RedLine {
        var number: String
        var polygons: [PolygonRings]
        var envelope: Envelope
    }

    var redLines: [RedLine] = []
    var townships: TownshipBoundaries?
    /// Whether the register's CRS is geographic (degrees): the map then stretches x by cos(latitude) and has no
    /// scale bar.
    var geographic = false
    /// The register's CRS, for the coordinates' caption.
    var crsLabel = ""
    /// The land-class code tables of the snapshots' two sides (`previous`, `current`), for the names of the codes.
    var landClassTables: [String: LandClassTable] = [:]

    /// A snapshot's land class as the dossier prints it: the code and, when its side's table knows it, the name.
    func landClass(_ code: String, side: String) -> String {
        [code, landClassTables[side]?.chineseName(ofCode: code) ?? ""].filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// Each side's code table: the config's system when it names a built-in one, else the one the codes of all the
    /// side's snapshots point to.
    static func landClassTables(_ snapshots: [CaseSnapshot], config: ForestMapConfig) -> [String: LandClassTable] {
        var tables: [String: LandClassTable] = [:]
        for side in ["previous", "current"] {
            let codes = snapshots.filter { $0.side == side }.map(\.landClass)
            let system = config.landClassSystem.flatMap { $0 == .user ? nil : $0 } ?? LandClassSystem.detect(codes: codes)?.system
            if let system, system != .user { tables[side] = LandClassTable.builtIn(system) }
        }
        return tables
    }

    /// Reads the permit layer's polygons (every feature, the number from `[permit_fields] number`) into `crs`.
    static func redLines(_ source: SourceReference, config: ForestMapConfig, into crs: SpatialReference) throws -> [RedLine] {
        let dataset = try VectorDataset(reading: source, encoding: config.shapefileEncoding)
        let layer = try dataset.layer(named: source.layerName)
        let srs = try CRSCheck.usable(layer.spatialReference, extent: layer.extent, label: layer.label, towgs84: config.towgs84)
        let transform = srs.isSame(as: crs) ? nil : try CoordinateTransform(from: srs, to: crs)
        let numberIndex = layer.fieldIndex(config.permitFields.number)
        var lines: [RedLine] = []
        for feature in try layer.readAll() {
            guard let wkb = feature.geometry, var polygons = try? wkb.polygons(), !polygons.isEmpty else { continue }
            if let transform {
                do { polygons = try transform.transform(polygons) } catch let e as GeoError {
                    throw ForestMapError.input("\(layer.label): feature \(feature.fid): \(e.message)")
                }
            }
            guard let box = Envelope(polygons) else { continue }
            let number = numberIndex.flatMap { feature.values[$0].text?.trimmingCharacters(in: .whitespaces) } ?? ""
            lines.append(RedLine(number: number.isEmpty ? "#\(feature.fid)" : number, polygons: polygons, envelope: box))
        }
        return lines
    }
}

/// 办案卷宗: one printable A4 page per case: what it is and where it stands, a map of the patch over both years'
/// sub-compartments with the permits' red lines and the township boundary, its coordinates, both years'
/// attributes, the permit check and the history.
enum CaseDossier {
    /// The map's drawing box, in SVG units (the page shows it 186 mm wide).
    static let mapWidth = 720.0, mapHeight = 340.0

    static func html(_ c: RegisterCase, history: [CaseEvent], snapshots: [CaseSnapshot], layers: DossierLayers, asOf: CaseDate,
                     settings: CaseSettings, reportingUnit: String) throws -> String {
        let e = MarkupText.escape
        let overdue = c.isOverdue(asOf: asOf, rectificationDays: settings.rectificationDays)
        let ha = AreaUnit.hectares(c.squareMetres)
        let a = c.attributes
        var page = """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <title>办案卷宗 \(e(c.caseID))</title>
        <style>
        @page { size: A4; margin: 11mm 12mm; }
        * { box-sizing: border-box; }
        body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "SimSun", sans-serif;
               font-size: 8.4pt; color: #111; margin: 0; }
        h1 { font-size: 15pt; margin: 0 0 1mm 0; text-align: center; letter-spacing: 0.1em; }
        h2 { font-size: 9.6pt; margin: 2.2mm 0 0.8mm 0; border-bottom: 0.3mm solid #444; padding-bottom: 0.3mm; }
        .sub { text-align: center; color: #444; margin-bottom: 1.5mm; }
        table { border-collapse: collapse; width: 100%; }
        td, th { border: 0.2mm solid #888; padding: 0.4mm 1.2mm; vertical-align: top; text-align: left; }
        th { background: #eef2f6; font-weight: bold; white-space: nowrap; }
        .facts th { width: 13%; }
        .nw { white-space: nowrap; }
        .overdue { color: #c00000; font-weight: bold; }
        /* One A4 page: the page is a column as tall as the paper's printable area; the map takes what the text leaves
           (up to its full size, down to 35 mm), drawn whole in its box. */
        .page { height: 272mm; max-width: 186mm; margin: 0 auto; display: flex; flex-direction: column; }
        .page > * { flex-shrink: 0; }
        .page > .mapbox { flex: 1 1 0; min-height: 35mm; max-height: \(FixedDecimal(186 * mapHeight / mapWidth, decimals: 1).text)mm; }
        .map { width: 100%; height: 100%; display: block; }
        .legend { font-size: 7.6pt; color: #333; margin-top: 0.6mm; }
        .legend span { margin-right: 3mm; white-space: nowrap; }
        .sw { display: inline-block; width: 6mm; height: 2.6mm; vertical-align: middle; margin-right: 0.8mm; }
        .cols { display: flex; gap: 3mm; }
        .cols > div { flex: 1; min-width: 0; }
        .small td, .small th { font-size: 7.6pt; }
        .sign { margin-top: 3mm; display: flex; justify-content: space-between; }
        .foot { margin-top: 1.5mm; font-size: 7pt; color: #666; }
        </style>
        </head>
        <body>
        <div class="page">
        <h1>办案卷宗</h1>
        <div class="sub">\(e(reportingUnit))　案件编号 <b>\(e(c.caseID))</b></div>
        <table class="facts">
        <tr><th>案件编号</th><td>\(e(c.caseID))</td><th>乡镇</th><td>\(e(c.townshipName)) \(e(c.townshipCode))</td></tr>
        <tr><th>案件状态</th><td\(overdue ? " class=\"overdue\"" : "")>\(e(c.status.chineseName))（\(e(c.status.rawValue))）\(c.isClosed ? " 已结案" : " 未结案")\(overdue ? "　逾期" : "")</td>
        <th>来源</th><td>\(e(c.source.chineseName))（\(e(c.source.rawValue))）</td></tr>
        <tr><th>立案日期</th><td>\(c.opened)　案龄 \(c.age(asOf: asOf)) 天（计至 \(asOf)）</td><th>最近事件</th><td>\(c.lastEvent)\(c.confirmedOn.map { "　核实属实 \($0)" } ?? "")</td></tr>
        <tr><th>面积</th><td>\(CSVTable.number(ha, decimals: 4)) 公顷（\(CSVTable.number(ha * AreaUnit.muPerHectare, decimals: 2)) 亩）</td><th>检测编号</th><td>\(e(c.hitIDs.joined(separator: "；")))</td></tr>
        <tr><th>问题描述</th><td colspan="3">\(e(c.description))</td></tr>
        </table>
        <h2>位置图</h2>

        """
        page += "<div class=\"mapbox\">" + svg(c, snapshots: snapshots, layers: layers) + "</div>\n"
        page += """
        <div class="legend"><span><i class="sw" style="background:rgba(230,85,13,0.45);border:0.7mm solid rgba(230,85,13,0.6)"></i>案件图斑</span>\
        <span><i class="sw" style="border:0.4mm dashed #3b6fb6"></i>前期小班</span>\
        <span><i class="sw" style="border:0.4mm solid #238b45"></i>本期小班（注记为地类）</span>\
        <span><i class="sw" style="border:0.5mm solid #e31a1c"></i>许可审批红线</span>\
        <span><i class="sw" style="border-top:0.5mm dashed #6a3d9a"></i>乡镇界线</span></div>

        """
        let lonLat = "经度 \(FixedDecimal(c.longitude, decimals: 7).text)°　纬度 \(FixedDecimal(c.latitude, decimals: 7).text)°（CGCS2000）"
        page += """
        <h2>坐标</h2>
        <table><tr><th>地理坐标</th><td>\(lonLat)</td></tr>
        <tr><th>平面坐标</th><td>X（东）\(FixedDecimal(c.x, decimals: 2).text)　Y（北）\(FixedDecimal(c.y, decimals: 2).text)（\(e(layers.crsLabel))）</td></tr></table>
        <div class="cols"><div>
        <h2>许可核查</h2>
        \(permitCheck(a))
        </div><div>
        <h2>变化</h2>
        <table>
        <tr><th>前期地类</th><td>\(e([a["from_class"], a["from_name"]].compactMap { $0 }.joined(separator: " ")))</td></tr>
        <tr><th>本期地类</th><td>\(e([a["to_class"], a["to_name"]].compactMap { $0 }.joined(separator: " ")))</td></tr>
        <tr><th>变化类型</th><td>\(e(changeTypeName(a["change_type"])))</td></tr>
        <tr><th>生态区位</th><td>环城林带 \(yes(a["in_ring_belt"]))　公益林 \(e(a["public_welfare"].map { $0.isEmpty ? "否" : $0 } ?? "—"))　天然林 \(yes(a["natural_forest"]))</td></tr>
        </table>
        </div></div>
        <h2>两期小班属性</h2>
        \(attributeTable(snapshots, layers: layers))
        <h2>办理历史</h2>
        <table class="small"><tr><th>日期</th><th>事件</th><th>状态</th><th>核查人</th><th>说明</th><th>来源</th></tr>

        """
        for event in history {
            page += "<tr><td class=\"nw\">\(event.date)</td><td class=\"nw\">\(e(event.kind.chineseName))</td><td class=\"nw\">\(e(event.status.chineseName))</td><td>\(e(event.who))</td><td>\(e(event.notes))</td><td>\(e(event.origin))</td></tr>\n"
        }
        if history.isEmpty { page += "<tr><td colspan=\"6\">（无）</td></tr>\n" }
        page += """
        </table>
        <div class="sign"><span>承办人：＿＿＿＿＿＿</span><span>审核人：＿＿＿＿＿＿</span><span>日期：＿＿＿＿年＿＿月＿＿日</span></div>
        <div class="foot">forestmap \(e(ToolVersion.current)) cases export，\(asOf)；案件台账 问题整改台账。</div>
        </div>
        </body>
        </html>

        """
        return page
    }

    static func yes(_ value: String?) -> String { value == "yes" ? "是" : value == "no" ? "否" : "—" }

    static func changeTypeName(_ raw: String?) -> String {
        guard let raw, !raw.isEmpty else { return "—" }
        return ChangePatch.ChangeType(rawValue: raw).flatMap { HitListWorkbook.changeTypeNames[$0] }.map { "\($0)（\(raw)）" } ?? raw
    }

    /// The permit check as the run made it: the status, the permits found, the area outside them, the reason.
    static func permitCheck(_ a: [String: String]) -> String {
        let e = MarkupText.escape
        let raw = a["permit_status"] ?? ""
        let status = ChangePatch.PermitStatus(rawValue: raw).flatMap { HitListWorkbook.statusNames[$0] }.map { "\($0)（\(raw)）" }
            ?? (raw.isEmpty ? "未核查（该变化类型不需许可，或非变化检测案件）" : raw)
        let ids = (a["permit_ids"] ?? "").split(separator: ";").map(String.init)
        return """
        <table>
        <tr><th>许可核查</th><td>\(e(status))</td></tr>
        <tr><th>批准文号</th><td>\(ids.isEmpty ? "—" : e(ids.joined(separator: "；")))</td></tr>
        <tr><th>未覆盖面积</th><td>\(raw.isEmpty ? "—" : e(a["uncovered_ha"] ?? "") + " 公顷")</td></tr>
        <tr><th>疑似问题</th><td>\(e(a["reason"] ?? "—"))</td></tr>
        </table>
        """
    }

    /// Both years' sub-compartments side by side: one column per snapshot (previous first), one row per field.
    static func attributeTable(_ snapshots: [CaseSnapshot], layers: DossierLayers) -> String {
        let e = MarkupText.escape
        guard !snapshots.isEmpty else { return "<p>无小班快照（巡查、群众反映案件，或登记时未存快照）。</p>" }
        let shots = snapshots.sorted { ($0.side == "previous" ? 0 : 1, $0.subCompartmentKey) < ($1.side == "previous" ? 0 : 1, $1.subCompartmentKey) }
        var fields: [String] = []
        var seen: Set<String> = []
        for s in shots { for k in s.attributes.keys.sorted() where !seen.contains(k) { seen.insert(k); fields.append(k) } }
        var out = "<table class=\"small\"><tr><th>字段</th>"
        for s in shots { out += "<th>\(s.side == "previous" ? "前期" : "本期") \(e(s.subCompartmentKey))</th>" }
        out += "</tr>\n<tr><th>地类</th>" + shots.map { "<td>\(e(layers.landClass($0.landClass, side: $0.side)))</td>" }.joined() + "</tr>\n"
        for f in fields {
            let values = shots.map { $0.attributes[f] ?? "" }
            guard values.contains(where: { !$0.isEmpty }) else { continue }
            out += "<tr><th>\(e(f))</th>" + values.map { "<td>\(e($0))</td>" }.joined() + "</tr>\n"
        }
        return out + "</table>"
    }

    // MARK: the map

    /// The map as inline SVG: the frame is the case and its sub-compartments (no larger than the case's box widened
    /// to 400 m or six times its size), padded; overlays are clipped to it.
    static func svg(_ c: RegisterCase, snapshots: [CaseSnapshot], layers: DossierLayers) -> String {
        let e = MarkupText.escape
        let patch = (try? c.geometry?.polygons()) ?? []
        let patchBox = Envelope(patch) ?? Envelope(minX: c.x, minY: c.y, maxX: c.x, maxY: c.y)
        let metre = layers.geographic ? 1.0 / 111_000 : 1.0
        let kx = layers.geographic ? max(0.1, cos(patchBox.centreY * .pi / 180)) : 1.0
        // The most the frame may show around the case.
        let reach = max(400 * metre, 6 * max(patchBox.maxX - patchBox.minX, patchBox.maxY - patchBox.minY))
        let limit = Envelope(minX: patchBox.centreX - reach / 2 / kx, minY: patchBox.centreY - reach / 2,
                             maxX: patchBox.centreX + reach / 2 / kx, maxY: patchBox.centreY + reach / 2)
        let shotPolygons = snapshots.map { (s: $0, polygons: (try? $0.geometry.polygons()) ?? []) }
        var box = shotPolygons.compactMap { Envelope($0.polygons) }.reduce(patchBox) { $0.union($1) }
        box = Envelope(minX: max(box.minX, limit.minX), minY: max(box.minY, limit.minY), maxX: min(box.maxX, limit.maxX), maxY: min(box.maxY, limit.maxY))
        // At least 150 m across, padded by a fifth each side (for the surroundings: red lines, the township
        // boundary), then widened to the drawing's proportions.
        let least = 150 * metre
        var w = max(box.maxX - box.minX, least / kx) * 1.4 * kx, h = max(box.maxY - box.minY, least) * 1.4
        if w / h > mapWidth / mapHeight { h = w * mapHeight / mapWidth } else { w = h * mapWidth / mapHeight }
        let frame = Envelope(minX: box.centreX - w / 2 / kx, minY: box.centreY - h / 2, maxX: box.centreX + w / 2 / kx, maxY: box.centreY + h / 2)
        let scale = mapWidth / w
        func px(_ p: Point) -> String {
            FixedDecimal((p.x - frame.minX) * kx * scale, decimals: 1).text + " " + FixedDecimal((frame.maxY - p.y) * scale, decimals: 1).text
        }
        func path(_ polygons: [PolygonRings]) -> String {
            polygons.flatMap(\.rings).filter { $0.count >= 2 }.map { ring in
                "M" + ring.map(px).joined(separator: " L") + " Z"
            }.joined(separator: " ")
        }
        // Overlays are cut to a box a little larger than the frame (GEOS), and the drawing to the frame (SVG).
        let context = GEOSContext()
        let cut = Envelope(minX: frame.minX - (frame.maxX - frame.minX) * 0.05, minY: frame.minY - (frame.maxY - frame.minY) * 0.05,
                           maxX: frame.maxX + (frame.maxX - frame.minX) * 0.05, maxY: frame.maxY + (frame.maxY - frame.minY) * 0.05)
        func clipped(_ polygons: [PolygonRings], _ envelope: Envelope) -> [PolygonRings] {
            guard envelope.intersects(cut) else { return [] }
            if envelope.minX >= cut.minX, envelope.maxX <= cut.maxX, envelope.minY >= cut.minY, envelope.maxY <= cut.maxY { return polygons }
            guard let g = try? Geometry(wkb: WKB(polygons: polygons), context: context), let part = try? g.clipped(to: cut) else { return [] }
            return part.polygonRings()
        }

        var out = "<svg class=\"map\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(mapWidth)) \(Int(mapHeight))\" preserveAspectRatio=\"xMidYMid meet\" role=\"img\" aria-label=\"案件 \(e(c.caseID)) 位置图\">\n"
        out += "<defs><clipPath id=\"frame\"><rect x=\"0\" y=\"0\" width=\"\(Int(mapWidth))\" height=\"\(Int(mapHeight))\"/></clipPath></defs>\n"
        out += "<rect x=\"0\" y=\"0\" width=\"\(Int(mapWidth))\" height=\"\(Int(mapHeight))\" fill=\"#fbfaf6\"/>\n<g clip-path=\"url(#frame)\" fill-rule=\"evenodd\">\n"
        if let townships = layers.townships {
            for part in townships.parts {
                let polygons = clipped(part.polygons, part.envelope)
                guard !polygons.isEmpty else { continue }
                let t = townships.townships[part.township]
                out += "<path class=\"township\" d=\"\(path(polygons))\" fill=\"none\" stroke=\"#6a3d9a\" stroke-width=\"2.2\" stroke-dasharray=\"10 4 2 4\"><title>\(e(t.name)) \(e(t.code))</title></path>\n"
            }
        }
        // The patch under the sub-compartments' lines (which often run along its edge): a fill and a broad halo.
        if patch.isEmpty {
            let p = px(Point(c.x, c.y)).split(separator: " ")
            out += "<circle class=\"case-patch\" id=\"case-patch\" cx=\"\(p[0])\" cy=\"\(p[1])\" r=\"8\" fill=\"#e6550d\" fill-opacity=\"0.75\" stroke=\"#a63603\" stroke-width=\"2\"><title>\(e(c.caseID))</title></circle>\n"
        } else {
            out += "<path class=\"case-patch\" id=\"case-patch\" d=\"\(path(patch))\" fill=\"#e6550d\" fill-opacity=\"0.4\" stroke=\"#e6550d\" stroke-opacity=\"0.55\" stroke-width=\"7\" stroke-linejoin=\"round\"><title>\(e(c.caseID))</title></path>\n"
        }
        var labels: [(Point, String, String)] = []
        for side in ["current", "previous"] {
            for (s, polygons) in shotPolygons where s.side == side {
                let d = path(polygons)
                guard !d.isEmpty else { continue }
                let style = side == "previous"
                    ? "fill=\"none\" stroke=\"#3b6fb6\" stroke-width=\"1.6\" stroke-dasharray=\"6 4\""
                    : "fill=\"none\" stroke=\"#238b45\" stroke-width=\"1.6\""
                out += "<path class=\"\(side)\" d=\"\(d)\" \(style)><title>\(side == "previous" ? "前期" : "本期") \(e(s.subCompartmentKey)) \(e(s.landClass))</title></path>\n"
                if let p = try? Geometry(wkb: s.geometry, context: context).pointOnSurface() {
                    labels.append((p, side, (side == "previous" ? "前期 " : "本期 ") + layers.landClass(s.landClass, side: side)))
                }
            }
        }
        for line in layers.redLines {
            let polygons = clipped(line.polygons, line.envelope)
            guard !polygons.isEmpty else { continue }
            out += "<path class=\"permit\" d=\"\(path(polygons))\" fill=\"none\" stroke=\"#e31a1c\" stroke-width=\"2\"><title>许可 \(e(line.number))</title></path>\n"
        }
        for (p, side, text) in labels {
            let xy = px(p).split(separator: " ").compactMap { Double($0) }
            let dy = side == "previous" ? -6.0 : 12.0
            let colour = side == "previous" ? "#244f8f" : "#17683a"
            out += "<text x=\"\(FixedDecimal(xy[0], decimals: 1).text)\" y=\"\(FixedDecimal(xy[1] + dy, decimals: 1).text)\" font-size=\"11\" text-anchor=\"middle\" fill=\"\(colour)\" stroke=\"#fbfaf6\" stroke-width=\"3\" paint-order=\"stroke\">\(e(text))</text>\n"
        }
        out += "</g>\n"
        // North arrow (grid north) and, in a projected CRS, a scale bar.
        out += "<g transform=\"translate(\(Int(mapWidth) - 28) 14)\"><path d=\"M0 0 L8 22 L0 17 L-8 22 Z\" fill=\"#222\"/><text x=\"0\" y=\"34\" font-size=\"11\" text-anchor=\"middle\">N</text></g>\n"
        if !layers.geographic {
            let metres = niceLength(w / 5)
            let length = metres * scale
            out += "<g transform=\"translate(14 \(Int(mapHeight) - 16))\"><rect x=\"-4\" y=\"-14\" width=\"\(FixedDecimal(length + 8, decimals: 1).text)\" height=\"22\" fill=\"#fbfaf6\" fill-opacity=\"0.8\"/>"
            out += "<path d=\"M0 0 H\(FixedDecimal(length, decimals: 1).text)\" stroke=\"#222\" stroke-width=\"3\"/>"
            out += "<text x=\"\(FixedDecimal(length / 2, decimals: 1).text)\" y=\"-4\" font-size=\"11\" text-anchor=\"middle\">\(metres >= 1000 ? "\(Int(metres / 1000)) km" : "\(Int(metres)) m")</text></g>\n"
        }
        out += "<rect x=\"0.5\" y=\"0.5\" width=\"\(Int(mapWidth) - 1)\" height=\"\(Int(mapHeight) - 1)\" fill=\"none\" stroke=\"#444\" stroke-width=\"1\"/>\n"
        return out + "</svg>\n"
    }

    /// 1, 2 or 5 times a power of ten, at most `length`.
    static func niceLength(_ length: Double) -> Double {
        guard length > 0 else { return 1 }
        let power = pow(10, floor(log10(length)))
        return [5.0, 2, 1].map { $0 * power }.first { $0 <= length } ?? power
    }
}

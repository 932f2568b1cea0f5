import Geo
import ForestChange

/// The report's maps, drawn once in one frame: township outlines, the ring belt and the change patches are
/// simplified and turned into path data here, and each map (`coverageMap`, `changeMap`, `hitMap`) puts them
/// together with its own colours and legend.
struct ReportMaps {
    /// The drawing's width in viewBox units (the legend panel comes on top).
    static let drawingWidth = 1000

    let input: ReportInput
    let frame: MapFrame
    /// Per township, in input order.
    let townshipPaths: [String]
    let townshipLabelPoints: [(x: Int, y: Int)?]
    /// Per township, its area in CRS units² (larger townships are labelled first).
    let townshipAreas: [Double]
    let ringBeltPath: String
    /// Per change type with patches: the outlines drawn as one path, the symbols as another, the count and area.
    let patchLayers: [PatchLayer]

    struct PatchLayer {
        var type: ChangePatch.ChangeType
        var outlines: String
        /// Zero-length segments ("M12 40h0…"): with round caps, a dot each.
        var dots: String
        var count: Int
        var symbolCount: Int
        var squareMetres: Double
    }

    /// nil when there is nothing with an extent to draw.
    init?(_ input: ReportInput) throws {
        let context = GEOSContext()
        // The district's townships set the extent: a ring belt reaching beyond the district is cut at the frame.
        // Without townships, the belt, the patches and the cases set it.
        var extent: Envelope?
        func include(_ box: Envelope?) { if let box { extent = extent.map { $0.union(box) } ?? box } }
        for t in input.townships { include(try Geometry(wkb: t.geometry, context: context).envelope) }
        if extent == nil {
            for wkb in input.ringBelt + input.patches.map(\.geometry) { include(try Geometry(wkb: wkb, context: context).envelope) }
            for hit in input.hits { include(Envelope(minX: hit.x, minY: hit.y, maxX: hit.x, maxY: hit.y)) }
        }
        guard let extent, let frame = MapFrame(extent: extent, width: Self.drawingWidth, geographic: input.isGeographic) else { return nil }
        self.input = input
        self.frame = frame
        let shapes = MapShapes(frame: frame)
        townshipPaths = try input.townships.map { try shapes.outline($0.geometry) }
        townshipLabelPoints = try input.townships.map { try shapes.labelPoint($0.geometry) }
        townshipAreas = try input.townships.map { try Geometry(wkb: $0.geometry, context: context).area }
        ringBeltPath = try input.ringBelt.map { try shapes.outline($0) }.joined()

        var layers: [ChangePatch.ChangeType: PatchLayer] = [:]
        for patch in input.patches {
            var layer = layers[patch.changeType] ?? PatchLayer(type: patch.changeType, outlines: "", dots: "", count: 0, symbolCount: 0, squareMetres: 0)
            switch try shapes.shape(patch.geometry) {
            case .outline(let data): layer.outlines += data
            case .symbol(let x, let y):
                layer.dots += "M\(x) \(y)h0"
                layer.symbolCount += 1
            }
            layer.count += 1
            layer.squareMetres += patch.squareMetres
            layers[patch.changeType] = layer
        }
        patchLayers = ChangePatch.ChangeType.allCases.compactMap { layers[$0] }
    }

    /// Township names at their points on surface, larger townships first; a label that would cover one already
    /// placed is moved a little, or made smaller. `lines` gives each township's text lines.
    func townshipLabels(_ lines: (Int) -> [String], small: Bool, grey: Bool = false) -> String {
        let fontSize = small ? 12.0 : 15.0
        var placed: [(x0: Double, y0: Double, x1: Double, y1: Double)] = []
        var out = ""
        let order = input.townships.indices.sorted { townshipAreas[$0] > townshipAreas[$1] }
        for i in order {
            guard let point = townshipLabelPoints[i] else { continue }
            let text = lines(i).filter { !$0.isEmpty }
            guard !text.isEmpty else { continue }
            let w = Double(text.map(\.count).max()!) * fontSize * 0.95, h = Double(text.count) * fontSize * 1.2
            let offsets: [(Double, Double)] = [(0, 0), (0, -h * 0.7), (0, h * 0.7), (-w * 0.6, 0), (w * 0.6, 0)]
            var chosen: (Double, Double)?
            for (dx, dy) in offsets {
                let box = (x0: Double(point.x) + dx - w / 2, y0: Double(point.y) + dy - h / 2, x1: Double(point.x) + dx + w / 2, y1: Double(point.y) + dy + h / 2)
                if !placed.contains(where: { $0.x0 < box.x1 && box.x0 < $0.x1 && $0.y0 < box.y1 && box.y0 < $0.y1 }) {
                    chosen = (dx, dy)
                    placed.append(box)
                    break
                }
            }
            let (dx, dy) = chosen ?? (0, 0)
            var classes = "lbl"
            if small || chosen == nil { classes += " small" }
            if grey { classes += " grey" }
            let x = point.x + Int(dx.rounded())
            let top = Double(point.y) + dy - h / 2 + fontSize
            out += "<text class=\"\(classes)\" x=\"\(x)\" y=\"\(Int(top.rounded()))\">"
            for (k, line) in text.enumerated() {
                out += k == 0 ? HTMLText.escape(line) : "<tspan x=\"\(x)\" dy=\"1.2em\">\(HTMLText.escape(line))</tspan>"
            }
            out += "</text>\n"
        }
        return out
    }

    /// The townships as a quiet base (light fill, grey boundaries) with their names in grey.
    func baseLayer() -> String {
        townshipPaths.filter { !$0.isEmpty }.map { "<path class=\"base\" d=\"\($0)\"/>" }.joined(separator: "\n")
    }

    /// The ring belt hatched, with its dashed outline; `patternID` names the hatch pattern the map defines.
    func ringBeltLayer(patternID: String) -> String {
        ringBeltPath.isEmpty ? "" : "<path class=\"belt\" fill=\"url(#\(patternID))\" d=\"\(ringBeltPath)\"/>"
    }

    /// The hatch of the ring belt: thin green diagonals.
    static func hatchPattern(id: String) -> String {
        "<pattern id=\"\(id)\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
            + "<rect width=\"8\" height=\"8\" fill=\"#2e7d32\" fill-opacity=\".06\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" stroke=\"#2e7d32\" stroke-width=\"1.5\" stroke-opacity=\".45\"/></pattern>"
    }

    static func beltSymbol(patternID: String) -> String {
        "<rect class=\"belt\" fill=\"url(#\(patternID))\" x=\"1\" y=\"0\" width=\"28\" height=\"16\"/>"
    }
}

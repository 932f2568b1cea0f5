import Foundation

extension ReportMaps {
    /// 森林资源变化图斑: the change patches coloured by change type over the township boundaries and the ring belt;
    /// a patch too small to see at this scale is a dot of its colour.
    func changeMap() -> String {
        var map = MapSVG(frame: frame, id: "m2", title: "\(input.districtName)森林资源变化图斑分布")
        let hatch = "m2-belt"
        map.defs = Self.hatchPattern(id: hatch)
        var patches = ""
        for layer in patchLayers where !layer.outlines.isEmpty {
            patches += "<path class=\"p-\(layer.type.rawValue)\" d=\"\(layer.outlines)\"/>\n"
        }
        var dots = ""
        for layer in patchLayers where !layer.dots.isEmpty {
            dots += "<path class=\"d-\(layer.type.rawValue)\" d=\"\(layer.dots)\"/>\n"
        }
        map.layers = [baseLayer(), ringBeltLayer(patternID: hatch), patches, dots,
                      townshipLabels({ [input.townships[$0].name] }, small: true, grey: true)]

        map.legend = [.title("变化类型（图斑数，面积）")]
        for layer in patchLayers {
            let c = ReportStyle.colour(layer.type)
            let symbol = "<rect x=\"1\" y=\"1\" width=\"16\" height=\"14\" fill=\"\(c)\"/><circle cx=\"24\" cy=\"8\" r=\"3\" fill=\"\(c)\"/>"
            map.legend.append(.item(symbol, "\(ReportStyle.chineseName(layer.type))  \(layer.count)处  \(Self.hectares(layer.squareMetres))公顷"))
        }
        if patchLayers.isEmpty { map.legend.append(.small("本期无变化图斑")) } else {
            let count = patchLayers.map(\.count).reduce(0, +), area = patchLayers.map(\.squareMetres).reduce(0, +)
            map.legend.append(.small("合计 \(count)处 \(Self.hectares(area))公顷"))
        }
        map.legend.append(.title("图例"))
        if !ringBeltPath.isEmpty { map.legend.append(.item(Self.beltSymbol(patternID: hatch), "环城林带")) }
        map.legend.append(.item("<rect class=\"base\" x=\"1\" y=\"0\" width=\"28\" height=\"16\"/>", "乡镇界线"))
        if patchLayers.contains(where: { $0.symbolCount > 0 }) {
            map.legend.append(.small("圆点：图斑过小（图上不足\(Int(MapShapes.defaultMinimumPixels))像素），"))
            map.legend.append(.small("以圆点示其位置"))
        }
        return map.svg()
    }

    /// Hectares with 2 decimals for a legend ("12.35").
    static func hectares(_ squareMetres: Double) -> String { String(format: "%.2f", squareMetres / 10_000) }
}

import Foundation

extension ReportMaps {
    /// 重点核查图斑: the hit list's top cases as numbered markers (numbers as in the list), coloured by priority,
    /// over the township boundaries and the ring belt. The first case is drawn last, on top.
    func hitMap() -> String {
        var map = MapSVG(frame: frame, id: "m3", title: "\(input.districtName)重点核查图斑位置")
        let hatch = "m3-belt"
        map.defs = Self.hatchPattern(id: hatch)
        var markers = ""
        for hit in input.hits.sorted(by: { $0.number > $1.number }) {
            let p = frame.pixel(hit.x, hit.y)
            markers += "<g><title>\(hit.number). \(HTMLText.escape(hit.label))</title>"
                + "<circle class=\"hit\" cx=\"\(p.x)\" cy=\"\(p.y)\" r=\"12\" fill=\"\(ReportStyle.priorityColour(hit.priority))\"/>"
                + "<text class=\"hitn\" x=\"\(p.x)\" y=\"\(p.y + 4)\">\(hit.number)</text></g>\n"
        }
        map.layers = [baseLayer(), ringBeltLayer(patternID: hatch), townshipLabels({ [input.townships[$0].name] }, small: true, grey: true), markers]

        map.legend = [.title("核查优先级")]
        let priorities = Dictionary(input.hits.map { ($0.priority, $0.priorityName) }) { a, _ in a }
        for (priority, name) in priorities.sorted(by: { $0.key < $1.key }) {
            let count = input.hits.filter { $0.priority == priority }.count
            map.legend.append(.item("<circle class=\"hit\" cx=\"14\" cy=\"8\" r=\"9\" fill=\"\(ReportStyle.priorityColour(priority))\"/>", "\(name)  \(count)处"))
        }
        if input.hits.isEmpty { map.legend.append(.small("核查清单为空")) } else {
            map.legend.append(.small("圆内数字为核查清单中的编号"))
        }
        map.legend.append(.title("图例"))
        if !ringBeltPath.isEmpty { map.legend.append(.item(Self.beltSymbol(patternID: hatch), "环城林带")) }
        map.legend.append(.item("<rect class=\"base\" x=\"1\" y=\"0\" width=\"28\" height=\"16\"/>", "乡镇界线"))
        return map.svg()
    }
}

import Foundation
import ForestMapCore
import ForestStats

extension ReportMaps {
    /// 各乡镇森林覆盖率: townships coloured by their coverage class, named with their rate; those below their
    /// target outlined in dashed red.
    func coverageMap() -> String {
        let townships = input.townships
        let classes = CoverageClasses(townships.compactMap(\.coveragePercent))
        var map = MapSVG(frame: frame, id: "m1", title: "\(input.districtName)各乡镇森林覆盖率")
        var fills = "", under = ""
        var belowTarget = 0
        for (i, t) in townships.enumerated() where !townshipPaths[i].isEmpty {
            let cls = t.coveragePercent.map { "c\(classes.colourIndex(classes.index($0)))" } ?? "cna"
            fills += "<path class=\"tw \(cls)\" d=\"\(townshipPaths[i])\"><title>\(HTMLText.escape(tooltip(t)))</title></path>\n"
            if let rate = t.coveragePercent, let target = t.targetPercent, rate < target {
                under += "<path class=\"under\" d=\"\(townshipPaths[i])\"/>"
                belowTarget += 1
            }
        }
        map.layers = [fills, under, townshipLabels({ i in
            [townships[i].name, townships[i].coveragePercent.map { Self.percent($0) } ?? "无数据"]
        }, small: false)]

        map.legend = [.title("森林覆盖率")]
        for k in (0..<classes.count).reversed() {
            map.legend.append(.item("<rect class=\"c\(classes.colourIndex(k))\" x=\"1\" y=\"0\" width=\"28\" height=\"16\" stroke=\"#888\"/>", classes.label(k)))
        }
        if townships.contains(where: { $0.coveragePercent == nil }) {
            map.legend.append(.item("<rect class=\"cna\" x=\"1\" y=\"0\" width=\"28\" height=\"16\" stroke=\"#888\"/>", "无数据"))
        }
        if townships.contains(where: { $0.targetPercent != nil }) {
            map.legend.append(.item("<rect class=\"under\" x=\"2\" y=\"1\" width=\"26\" height=\"14\"/>", "低于目标（\(belowTarget)个）"))
        }
        let rates = townships.compactMap(\.coveragePercent)
        if let lo = rates.min(), let hi = rates.max() {
            map.legend += [.small("乡镇覆盖率 \(Self.percent(lo)) 至 \(Self.percent(hi))"), .small("森林 ÷ 土地总面积 × 100")]
        }
        return map.svg()
    }

    private func tooltip(_ t: ReportInput.Township) -> String {
        var text = "\(t.name) \(t.code) 森林覆盖率 " + (t.coveragePercent.map { Self.percent($0) } ?? "无数据")
        if let target = t.targetPercent { text += "，目标 \(Self.percent(target))" }
        return text
    }

    /// "45.12%": as written in the tables (two decimals).
    static func percent(_ v: Double) -> String { String(format: "%.2f%%", v) }
}

import Foundation
import ForestMapCore

/// 森林覆盖率分级: the coverage classes of the choropleth, steps of 10 (or 20 for a wide range) points from a
/// multiple of the step at or below the lowest township to one above the highest, at most six classes.
struct CoverageClasses: Equatable {
    /// Class i holds rates in [lower + i·step, lower + (i+1)·step); the last class includes its upper bound.
    let lower: Double
    let step: Double
    let count: Int

    init(_ rates: [Double]) {
        let finite = rates.filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max() else {
            lower = 0; step = 20; count = 5
            return
        }
        var step = 10.0
        var lower = (lo / step).rounded(.down) * step
        var upper = max(lower + step, (hi / step).rounded(.up) * step)
        if (upper - lower) / step > 6 {
            step = 20
            lower = (lo / step).rounded(.down) * step
            upper = max(lower + step, (hi / step).rounded(.up) * step)
        }
        self.lower = lower
        self.step = step
        count = Int(((upper - lower) / step).rounded())
    }

    /// The class of a rate.
    func index(_ rate: Double) -> Int {
        min(count - 1, max(0, Int(((rate - lower) / step).rounded(.down))))
    }

    /// Colours spread over the palette so that few classes still run from light to dark.
    func colourIndex(_ classIndex: Int) -> Int {
        let n = ReportStyle.coverageColours.count
        return count <= 1 ? n / 2 : Int((Double(classIndex) * Double(n - 1) / Double(count - 1)).rounded())
    }

    /// "40–50%" for the legend.
    func label(_ classIndex: Int) -> String {
        let a = lower + Double(classIndex) * step
        return "\(Int(a))–\(Int(a + step))%"
    }
}

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

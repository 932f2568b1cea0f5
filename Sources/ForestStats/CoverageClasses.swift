import Foundation

/// 森林覆盖率分级: the coverage classes of the choropleth, steps of 10 (or 20 for a wide range) points from a
/// multiple of the step at or below the lowest township to one above the highest, at most six classes.
package struct CoverageClasses: Equatable, Sendable {
    /// Class i holds rates in [lower + i·step, lower + (i+1)·step); the last class includes its upper bound.
    package let lower: Double
    package let step: Double
    package let count: Int

    package init(_ rates: [Double]) {
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

    /// Sequential greens (ColorBrewer Greens), light to dark: the report's choropleth and townships.gpkg's style.
    package static let colours = ["#edf8e9", "#c7e9c0", "#a1d99b", "#74c476", "#31a354", "#006d2c"]
    /// A township without a rate.
    package static let noDataColour = "#d9d9d9"

    /// The colour of class `classIndex`.
    package func colour(_ classIndex: Int) -> String { Self.colours[colourIndex(classIndex)] }

    /// The class of a rate.
    package func index(_ rate: Double) -> Int {
        min(count - 1, max(0, Int(((rate - lower) / step).rounded(.down))))
    }

    /// Colours spread over the palette so that few classes still run from light to dark.
    package func colourIndex(_ classIndex: Int) -> Int {
        let n = Self.colours.count
        return count <= 1 ? n / 2 : Int((Double(classIndex) * Double(n - 1) / Double(count - 1)).rounded())
    }

    /// "40–50%" for the legend.
    package func label(_ classIndex: Int) -> String {
        let a = lower + Double(classIndex) * step
        return "\(Int(a))–\(Int(a + step))%"
    }
}

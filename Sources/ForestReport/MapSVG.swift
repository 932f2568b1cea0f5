import Foundation

/// One map as inline SVG: the drawing in `frame`, a legend panel to its right, a scale bar and a north arrow. The
/// viewBox holds both and the page scales it to any width, keeping its shape (preserveAspectRatio xMidYMid meet).
struct MapSVG {
    /// One legend line: an SVG symbol drawn in a 28 × 16 box at (0, 0), and its text.
    struct LegendLine {
        enum Kind { case title, item, small }
        var kind: Kind
        var symbol: String?
        var text: String

        static func title(_ text: String) -> LegendLine { LegendLine(kind: .title, symbol: nil, text: text) }
        static func item(_ symbol: String, _ text: String) -> LegendLine { LegendLine(kind: .item, symbol: symbol, text: text) }
        static func small(_ text: String) -> LegendLine { LegendLine(kind: .small, symbol: nil, text: text) }
    }

    static let legendWidth = 370

    let frame: MapFrame
    /// Prefix of the ids in this map (patterns), unique in the page.
    let id: String
    /// What a screen reader says, and the SVG's title.
    let title: String
    var defs = ""
    /// The map's layers, bottom first.
    var layers: [String] = []
    var legend: [LegendLine] = []

    init(frame: MapFrame, id: String, title: String) {
        self.frame = frame
        self.id = id
        self.title = title
    }

    func svg() -> String {
        var legendSVG = ""
        var y = 34
        let x = frame.width + 16
        for line in legend {
            switch line.kind {
            case .title:
                if y > 34 { y += 8 }
                legendSVG += "<text class=\"legt\" x=\"\(x)\" y=\"\(y)\">\(HTMLText.escape(line.text))</text>\n"
                y += 28
            case .item:
                if let symbol = line.symbol { legendSVG += "<g transform=\"translate(\(x) \(y - 13))\">\(symbol)</g>" }
                legendSVG += "<text class=\"leg\" x=\"\(x + 38)\" y=\"\(y)\">\(HTMLText.escape(line.text))</text>\n"
                y += 27
            case .small:
                legendSVG += "<text class=\"legs\" x=\"\(x)\" y=\"\(y)\">\(HTMLText.escape(line.text))</text>\n"
                y += 20
            }
        }
        let width = frame.width + Self.legendWidth
        let height = max(frame.height, y + 10)
        var out = "<svg viewBox=\"0 0 \(width) \(height)\" preserveAspectRatio=\"xMidYMid meet\" role=\"img\" aria-labelledby=\"\(id)-t\">"
        out += "<title id=\"\(id)-t\">\(HTMLText.escape(title))</title>\n"
        if !defs.isEmpty { out += "<defs>\(defs)</defs>\n" }
        for layer in layers where !layer.isEmpty { out += layer + "\n" }
        // The legend panel covers whatever reaches beyond the drawing on the right (a ring belt larger than the
        // district); the SVG's own edges cut the rest.
        out += "<rect x=\"\(frame.width)\" y=\"0\" width=\"\(Self.legendWidth)\" height=\"\(height)\" fill=\"#fff\"/>"
        out += "<line x1=\"\(frame.width)\" y1=\"0\" x2=\"\(frame.width)\" y2=\"\(height)\" stroke=\"#ccc\"/>\n"
        out += northArrow() + scaleBar() + legendSVG
        return out + "</svg>"
    }

    /// 指北针: top right of the drawing.
    private func northArrow() -> String {
        let x = frame.width - 34, y = frame.margin + 6
        return "<g transform=\"translate(\(x) \(y))\"><path d=\"M0 0l10 30-10-8-10 8z\" fill=\"#222\"/>"
            + "<text x=\"0\" y=\"46\" class=\"leg\" text-anchor=\"middle\">北</text></g>\n"
    }

    /// 比例尺: a bar of 1, 2 or 5 × 10ⁿ metres, about 150 pixels long, bottom left of the drawing.
    private func scaleBar() -> String {
        let target = 150 * frame.metresPerPixel
        guard target.isFinite, target > 0 else { return "" }
        let magnitude = pow(10, floor(log10(target)))
        let metres = [5, 2, 1].map { $0 * magnitude }.first { $0 <= target } ?? magnitude
        let length = Int((metres / frame.metresPerPixel).rounded())
        let x = frame.margin + 8, y = frame.height - frame.margin - 8
        let label = metres >= 1000 ? "\(Self.number(metres / 1000)) 公里" : "\(Self.number(metres)) 米"
        return "<g transform=\"translate(\(x) \(y))\"><path class=\"sb\" d=\"M0-6v6h\(length)v-6M\(length / 2)-3v3\"/>"
            + "<text class=\"legs\" x=\"0\" y=\"-10\">0</text><text class=\"legs\" x=\"\(length)\" y=\"-10\" text-anchor=\"middle\">\(label)</text></g>\n"
    }

    private static func number(_ v: Double) -> String {
        v == v.rounded() ? String(Int(v)) : String(format: "%g", v)
    }
}

import Foundation

/// QGIS's style document (QML) of a ``MapStyle``: a categorized, graduated or single-symbol renderer of simple
/// fills or circle markers, and simple labels (an expression when the label has several pieces). The elements are
/// those QGIS 3 reads in a `.qml` file and inside a project's `<maplayer>`.
extension MapStyle {
    /// The whole `.qml` document.
    public func qml() -> String {
        "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
            + "<qgis version=\"3.22.0\" styleCategories=\"Symbology|Labeling\" labelsEnabled=\"\(label.isEmpty ? 0 : 1)\">\n"
            + qmlElements() + "</qgis>\n"
    }

    /// Whether the style draws labels (QGIS's `labelsEnabled` on the layer's element).
    public var labelsEnabled: Bool { !label.isEmpty }

    /// The renderer and labeling elements, as they go inside `<qgis>` or a project's `<maplayer>`.
    public func qmlElements() -> String {
        var x = ""
        let symbols = classes.enumerated().map { symbol(name: String($0.offset), colour: $0.element.colour) }.joined()
        if let field, isGraduated {
            x += "  <renderer-v2 type=\"graduatedSymbol\" attr=\"\(MarkupText.escape(field))\" graduatedMethod=\"GraduatedColor\" symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\">\n    <ranges>\n"
            for (k, c) in classes.enumerated() {
                guard case .range(let lower, let upper) = c.match else { continue }
                x += "      <range render=\"true\" symbol=\"\(k)\" lower=\"\(Self.number(lower))\" upper=\"\(Self.number(upper))\" label=\"\(MarkupText.escape(c.label))\"/>\n"
            }
            x += "    </ranges>\n    <symbols>\n" + symbols + "    </symbols>\n  </renderer-v2>\n"
        } else if let field {
            x += "  <renderer-v2 type=\"categorizedSymbol\" attr=\"\(MarkupText.escape(field))\" symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\">\n    <categories>\n"
            for (k, c) in classes.enumerated() {
                guard case .value(let value) = c.match else { continue }
                x += "      <category render=\"true\" symbol=\"\(k)\" value=\"\(MarkupText.escape(value))\" label=\"\(MarkupText.escape(c.label))\"/>\n"
            }
            x += "    </categories>\n    <symbols>\n" + symbols + "    </symbols>\n  </renderer-v2>\n"
        } else {
            x += "  <renderer-v2 type=\"singleSymbol\" symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\">\n    <symbols>\n"
                + symbol(name: "0", colour: classes[0].colour) + "    </symbols>\n  </renderer-v2>\n"
        }
        if !label.isEmpty { x += labeling() }
        x += "  <blendMode>0</blendMode>\n  <featureBlendMode>0</featureBlendMode>\n  <layerOpacity>1</layerOpacity>\n"
        return x
    }

    private func symbol(name: String, colour: String) -> String {
        let fill = Self.rgba(colour, opacity: opacity), line = Self.rgba(stroke ?? colour, opacity: 1)
        func props(_ pairs: [(String, String)]) -> String {
            pairs.map { "          <prop k=\"\($0.0)\" v=\"\(MarkupText.escape($0.1))\"/>\n" }.joined()
        }
        switch shape {
        case .marker:
            return "      <symbol type=\"marker\" name=\"\(name)\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">\n"
                + "        <layer class=\"SimpleMarker\" enabled=\"1\" locked=\"0\" pass=\"0\">\n"
                + props([("angle", "0"), ("color", fill), ("joinstyle", "round"), ("name", "circle"), ("outline_color", line),
                         ("outline_style", "solid"), ("outline_width", Self.number(strokeWidth)), ("outline_width_unit", "MM"),
                         ("scale_method", "diameter"), ("size", "4"), ("size_unit", "MM")])
                + "        </layer>\n      </symbol>\n"
        case .fill, .outline:
            return "      <symbol type=\"fill\" name=\"\(name)\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">\n"
                + "        <layer class=\"SimpleFill\" enabled=\"1\" locked=\"0\" pass=\"0\">\n"
                + props([("color", fill), ("joinstyle", "round"), ("offset", "0,0"), ("offset_unit", "MM"), ("outline_color", line),
                         ("outline_style", "solid"), ("outline_width", Self.number(strokeWidth)), ("outline_width_unit", "MM"),
                         ("style", shape == .outline ? "no" : "solid")])
                + "        </layer>\n      </symbol>\n"
        }
    }

    private func labeling() -> String {
        let (text, isExpression) = qgisLabelExpression
        // Polygons: over the point on the surface (OverPoint); points: around the marker. QGIS reads the most
        // zoomed-out scale labels show at (its minimum scale) from `scaleMax`.
        let placement = shape == .marker ? 0 : 1
        return "  <labeling type=\"simple\">\n    <settings calloutType=\"simple\">\n"
            + "      <text-style fieldName=\"\(MarkupText.escape(text))\" isExpression=\"\(isExpression ? 1 : 0)\" fontFamily=\"\(Self.font)\" namedStyle=\"Regular\" fontSize=\"9\" fontSizeUnit=\"Point\" fontWeight=\"50\" fontItalic=\"0\" textColor=\"34,34,34,255\" textOpacity=\"1\" multilineHeight=\"1\" previewBkgrdColor=\"255,255,255,255\" blendMode=\"0\" allowHtml=\"0\" capitalization=\"0\">\n"
            + "        <text-buffer bufferDraw=\"1\" bufferSize=\"0.8\" bufferSizeUnits=\"MM\" bufferColor=\"255,255,255,255\" bufferOpacity=\"1\" bufferNoFill=\"1\" bufferJoinStyle=\"128\" bufferBlendMode=\"0\"/>\n"
            + "      </text-style>\n"
            + "      <text-format wrapChar=\"\" multilineAlign=\"1\" autoWrapLength=\"0\" useMaxLineLengthForAutoWrap=\"1\" formatNumbers=\"0\" decimals=\"3\" plussign=\"0\" addDirectionSymbol=\"0\"/>\n"
            + "      <placement placement=\"\(placement)\" dist=\"\(shape == .marker ? 1 : 0)\" distUnits=\"MM\" centroidWhole=\"0\" centroidInside=\"1\" fitInPolygonOnly=\"0\" priority=\"5\" offsetType=\"0\" quadOffset=\"4\" xOffset=\"0\" yOffset=\"0\" offsetUnits=\"MM\"/>\n"
            + "      <rendering drawLabels=\"1\" obstacle=\"1\" obstacleType=\"1\" displayAll=\"0\" upsidedownLabels=\"0\" labelPerPart=\"0\" mergeLines=\"0\" limitNumLabels=\"0\" maxNumLabels=\"2000\" minFeatureSize=\"0\" scaleVisibility=\"\(labelScale == nil ? 0 : 1)\" scaleMin=\"0\" scaleMax=\"\(Self.number(labelScale ?? 0))\" fontLimitPixelSize=\"0\" zIndex=\"0\"/>\n"
            + "    </settings>\n  </labeling>\n"
    }

    /// The label as QGIS takes it: a field name, or an expression joining the pieces (`concat`: a null piece is
    /// left out rather than blanking the label).
    var qgisLabelExpression: (String, Bool) {
        if label.count == 1, case .field(let name) = label[0] { return (name, false) }
        let pieces = label.map { part -> String in
            switch part {
            case .field(let name): return Self.quotedField(name)
            case .number(let name, let decimals): return "format_number(\(Self.quotedField(name)), \(decimals))"
            case .text(let text):
                return "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
                    .replacingOccurrences(of: "\n", with: "\\n") + "'"
            }
        }
        return ("concat(" + pieces.joined(separator: ", ") + ")", true)
    }

    static func quotedField(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// "#1a9641" with an opacity as QGIS's "26,150,65,255".
    static func rgba(_ hex: String, opacity: Double) -> String {
        let digits = hex.hasPrefix("#") ? String(hex.dropFirst()) : hex
        let v = UInt32(digits, radix: 16) ?? 0
        return "\(v >> 16 & 0xFF),\(v >> 8 & 0xFF),\(v & 0xFF),\(Int((max(0, min(1, opacity)) * 255).rounded()))"
    }

    /// A number as written in styles: shortest form that reads back the same ("40", "0.26").
    static func number(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
    }
}

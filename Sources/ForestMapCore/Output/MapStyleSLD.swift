import Foundation

/// The OGC Styled Layer Descriptor 1.1 of a ``MapStyle``, for GIS clients other than QGIS (GeoServer, uDig): one
/// rule per class with its filter and symbolizer, and one rule with the label's text symbolizer.
extension MapStyle {
    public func sld(layer: String) -> String {
        let name = MarkupText.escape(layer)
        var x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<StyledLayerDescriptor xmlns=\"http://www.opengis.net/sld\" xmlns:ogc=\"http://www.opengis.net/ogc\" xmlns:se=\"http://www.opengis.net/se\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" version=\"1.1.0\" xsi:schemaLocation=\"http://www.opengis.net/sld http://schemas.opengis.net/sld/1.1.0/StyledLayerDescriptor.xsd\">\n"
            + "  <NamedLayer>\n    <se:Name>\(name)</se:Name>\n    <UserStyle>\n      <se:Name>\(name)</se:Name>\n      <se:FeatureTypeStyle>\n"
        for (k, c) in classes.enumerated() {
            x += "        <se:Rule>\n          <se:Name>\(MarkupText.escape(c.label))</se:Name>\n"
                + "          <se:Description><se:Title>\(MarkupText.escape(c.label))</se:Title></se:Description>\n"
            if let field { x += filter(c.match, field: field, last: k == classes.count - 1) }
            x += symbolizer(colour: c.colour) + "        </se:Rule>\n"
        }
        if !label.isEmpty { x += textRule() }
        return x + "      </se:FeatureTypeStyle>\n    </UserStyle>\n  </NamedLayer>\n</StyledLayerDescriptor>\n"
    }

    private func filter(_ match: Class.Match, field: String, last: Bool) -> String {
        let property = "<ogc:PropertyName>\(MarkupText.escape(field))</ogc:PropertyName>"
        switch match {
        case .value(let value):
            return "          <ogc:Filter xmlns:ogc=\"http://www.opengis.net/ogc\"><ogc:PropertyIsEqualTo>\(property)<ogc:Literal>\(MarkupText.escape(value))</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>\n"
        case .range(let lower, let upper):
            // Half-open ranges but the last, so that a value on a boundary falls in one class only.
            let upperTest = last ? "PropertyIsLessThanOrEqualTo" : "PropertyIsLessThan"
            return "          <ogc:Filter xmlns:ogc=\"http://www.opengis.net/ogc\"><ogc:And>"
                + "<ogc:PropertyIsGreaterThanOrEqualTo>\(property)<ogc:Literal>\(Self.number(lower))</ogc:Literal></ogc:PropertyIsGreaterThanOrEqualTo>"
                + "<ogc:\(upperTest)>\(property)<ogc:Literal>\(Self.number(upper))</ogc:Literal></ogc:\(upperTest)>"
                + "</ogc:And></ogc:Filter>\n"
        }
    }

    /// Millimetres as SLD's pixels (QGIS's factor: 90.7 dpi).
    private static func pixels(_ mm: Double) -> String { number((mm * 3.571).rounded()) }

    private func symbolizer(colour: String) -> String {
        let line = stroke ?? colour
        let strokeXML = "<se:Stroke><se:SvgParameter name=\"stroke\">\(line)</se:SvgParameter><se:SvgParameter name=\"stroke-width\">\(Self.number(max(1, (strokeWidth * 3.571).rounded())))</se:SvgParameter><se:SvgParameter name=\"stroke-linejoin\">round</se:SvgParameter></se:Stroke>"
        let fillXML = "<se:Fill><se:SvgParameter name=\"fill\">\(colour)</se:SvgParameter>"
            + (opacity < 1 ? "<se:SvgParameter name=\"fill-opacity\">\(Self.number(opacity))</se:SvgParameter>" : "") + "</se:Fill>"
        switch shape {
        case .marker:
            return "          <se:PointSymbolizer><se:Graphic><se:Mark><se:WellKnownName>circle</se:WellKnownName>\(fillXML)\(strokeXML)</se:Mark><se:Size>\(Self.pixels(4))</se:Size></se:Graphic></se:PointSymbolizer>\n"
        case .fill:
            return "          <se:PolygonSymbolizer>\(fillXML)\(strokeXML)</se:PolygonSymbolizer>\n"
        case .outline:
            return "          <se:PolygonSymbolizer>\(strokeXML)</se:PolygonSymbolizer>\n"
        }
    }

    private func textRule() -> String {
        let text = label.map { part -> String in
            switch part {
            case .field(let name), .number(let name, _): return "<ogc:PropertyName>\(MarkupText.escape(name))</ogc:PropertyName>"
            case .text(let t): return MarkupText.escape(t)
            }
        }.joined()
        let scale = labelScale.map { "          <se:MaxScaleDenominator>\(Self.number($0))</se:MaxScaleDenominator>\n" } ?? ""
        return "        <se:Rule>\n" + scale + "          <se:TextSymbolizer>\n            <se:Label>\(text)</se:Label>\n"
            + "            <se:Font><se:SvgParameter name=\"font-family\">\(Self.font)</se:SvgParameter><se:SvgParameter name=\"font-size\">12</se:SvgParameter></se:Font>\n"
            + "            <se:Halo><se:Radius>2</se:Radius><se:Fill><se:SvgParameter name=\"fill\">#ffffff</se:SvgParameter></se:Fill></se:Halo>\n"
            + "            <se:Fill><se:SvgParameter name=\"fill\">#222222</se:SvgParameter></se:Fill>\n"
            + "          </se:TextSymbolizer>\n        </se:Rule>\n"
    }
}

import Geo

/// How a layer forestmap writes is drawn in a GIS (图层样式): its features in classes by one field (分类/分级设色),
/// each class with its legend name and colour, and an optional label. Written as QGIS's QML and as SLD into the
/// GeoPackage's `layer_styles` table (``LayerStyle``), and into the run's QGIS project.
public struct MapStyle: Sendable, Hashable {
    /// How the geometry is drawn: filled polygons, polygons as their outline only, or point markers.
    public enum Shape: Sendable, Hashable { case fill, outline, marker }

    /// One class: the features it takes, its legend name, its colour (`#rrggbb`).
    public struct Class: Sendable, Hashable {
        public enum Match: Sendable, Hashable {
            /// The field's value as text equals this (QGIS compares categories as text).
            case value(String)
            /// lower ≤ value ≤ upper.
            case range(Double, Double)
        }
        public var match: Match
        public var label: String
        public var colour: String
        public init(_ match: Match, label: String, colour: String) {
            self.match = match
            self.label = label
            self.colour = colour
        }
    }

    /// A piece of a label: a field's value, a number field with fixed decimals, or literal text.
    public enum LabelPart: Sendable, Hashable {
        case field(String)
        case number(String, decimals: Int)
        case text(String)
    }

    /// The classified field; nil: every feature in the one class `classes[0]`.
    public var field: String?
    public var classes: [Class]
    public var shape: Shape
    /// The outline colour; nil: each class's own colour.
    public var stroke: String?
    /// Outline width in millimetres.
    public var strokeWidth: Double
    /// Fill or marker opacity, 0…1.
    public var opacity: Double
    /// The label's pieces, joined as they are; empty: no labels.
    public var label: [LabelPart]
    /// Labels only from this scale in (1:N, e.g. 50,000: labels at 1:50,000 and closer); nil: at every scale.
    public var labelScale: Double?

    public init(field: String?, classes: [Class], shape: Shape = .fill, stroke: String? = nil, strokeWidth: Double = 0.26,
                opacity: Double = 1, label: [LabelPart] = [], labelScale: Double? = nil) {
        precondition(!classes.isEmpty, "a style has at least one class")
        self.field = field
        self.classes = classes
        self.shape = shape
        self.stroke = stroke
        self.strokeWidth = strokeWidth
        self.opacity = opacity
        self.label = label
        self.labelScale = labelScale
    }

    /// Whether the classes are ranges of a number (graduated) rather than values (categorized).
    var isGraduated: Bool {
        field != nil && classes.allSatisfy { if case .range = $0.match { true } else { false } }
    }

    /// The font labels are set in: Noto Sans CJK (Debian's fonts-noto-cjk) where installed, else QGIS's fallback.
    static let font = "Noto Sans CJK SC"

    /// The style as the row of `layer_styles` for `layer`; `description` names the layer (in Chinese first).
    public func layerStyle(layer: String, description: String) -> LayerStyle {
        LayerStyle(layer: layer, qml: qml(), sld: sld(layer: layer), description: description)
    }
}

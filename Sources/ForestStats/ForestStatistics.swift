import Foundation
import Geo
import ForestMapCore

/// 森林资源统计: per-township (or per-village) land area, forest-land area, forest area by kind, coverage rate,
/// public-welfare and natural forest, and standing volume (docs/domain.md §4), unrounded.
///
/// With township boundaries, area goes to townships by exact overlay (`TownshipOverlay`) and the land area is the
/// boundary polygon's; the figures by the XIANG attribute are kept beside them for the comparison. Without
/// boundaries, or by village, units come from the attributes and their land area is their sub-compartments' area.
public struct ForestStatistics: Sendable {
    /// 界外图斑: the part of a sub-compartment outside every township boundary.
    public struct OutsidePiece: Sendable {
        /// The sub-compartment's key.
        public var key: String
        public var polygons: [PolygonRings]
        public var squareMetres: Double
    }

    /// Which columns the layer (and settings) can fill; the others stay empty.
    public struct Availability: Sendable, Hashable {
        /// SEN_LIN_LB present.
        public var publicWelfare: Bool
        /// QI_YUAN present.
        public var naturalForest: Bool
        /// HUO_LMGQXJ present.
        public var stock: Bool
        /// `[stats] four_side_trees` given.
        public var fourSide: Bool
    }

    public var grouping: StatsGrouping
    public var districtName: String
    public var zones: [StatsZone]
    /// Per zone, in the order of `zones`.
    public var figures: [ForestFigures]
    public var availability: Availability
    /// By-XIANG figures beside the geometric ones (only with township boundaries and a XIANG field).
    public var byXiang: (zones: [StatsZone], figures: [ForestFigures])?
    /// Total area of every sub-compartment, m² (the rounding target shared by both sides of the comparison).
    public var mappedSquareMetres: Double
    /// Township codes whose rows are left out of `total_excluding_gui_an` (empty when include_gui_an is true).
    public var excludedFromDistrict: Set<String>
    public var notes: [String]
    /// For the map: the boundaries (their townships are the first zones, in order) and the pieces outside every
    /// township with the key of their sub-compartment and their area.
    public var boundaries: TownshipBoundaries?
    public var outsidePieces: [OutsidePiece]
    /// The sub-compartment layer's CRS (WKT), for the map.
    public var crsWKT: String

    /// Computes the statistics of a loaded layer, by township boundaries when given.
    public static func compute(_ layer: SubCompartmentLayer, townships given: TownshipBoundaries?, options: StatsOptions) throws -> ForestStatistics {
        let input = try Input(layer: layer, townships: given, options: options)
        // By township polygons, overlapping townships first: a wide overlap refused, a narrow one given to one township.
        let byPolygons = options.grouping == .township
        let townships = try byPolygons ? given.map { try $0.withoutOverlaps(for: layer, tolerances: options.townshipOverlap, area: input.area) } : given
        var units = byPolygons && townships != nil
            ? try byBoundaries(input, townships!) : try byAttributes(input)

        let fourSide = try FourSideTrees.areas(options.settings, zones: units.zones, grouping: options.grouping, districtCode: options.districtCode)
        if let perZone = fourSide.perZone { for z in units.figures.indices { units.figures[z].fourSide = perZone[z] } }
        let availability = Availability(publicWelfare: input.reader.senLinLB != nil, naturalForest: input.reader.qiYuan != nil,
                                        stock: input.reader.hasVolume, fourSide: fourSide.perZone != nil)
        let guiAn = options.includeGuiAn || !options.districtCode.hasPrefix("520111") ? Set<String>() : Township.huaxiGuiAnCodes
        let excluded = guiAn.intersection(units.zones.map(\.townshipCode))
        let namesOnly = options.grouping == .village && townships != nil
        let notes = [input.area.note(layerCRSLabel: layer.crsLabel)] + units.notes
            + (namesOnly ? ["township boundaries give the township names only: villages have no boundary polygons"] : []) + fourSide.notes
            + commonNotes(input, availability: availability, excluded: excluded)
        return ForestStatistics(grouping: options.grouping, districtName: options.districtName, zones: units.zones, figures: units.figures,
                                availability: availability, byXiang: units.byXiang, mappedSquareMetres: units.wholeAreas.reduce(0, +),
                                excludedFromDistrict: excluded, notes: notes,
                                boundaries: options.grouping == .township ? townships : nil,
                                outsidePieces: units.outsidePieces, crsWKT: layer.crsWKT)
    }

    /// What both ways of counting start from.
    struct Input {
        let layer: SubCompartmentLayer
        let options: StatsOptions
        let area: LayerAreaMethod
        let reader: SubCompartmentFactReader
        let facts: [SubCompartmentFacts]
        /// Township names: the boundary layer's, else Huaxi's statistical division names, else empty.
        let name: (String) -> String

        init(layer: SubCompartmentLayer, townships: TownshipBoundaries?, options: StatsOptions) throws {
            self.layer = layer
            self.options = options
            area = try LayerAreaMethod(method: options.areaMethod, layer: layer, planarCRS: options.settings.planarCRS)
                .withLocalScale(layer, threads: options.threads)
            reader = SubCompartmentFactReader(layer: layer, fields: options.fields)
            facts = layer.subCompartments.map(reader.facts)
            let knownNames = Dictionary(Township.huaxi.map { ($0.code, $0.name) }) { a, _ in a }
            let polygonNames = Dictionary((townships?.townships ?? []).map { ($0.code, $0.name) }) { a, _ in a }
            name = { code in polygonNames[code].flatMap { $0.isEmpty ? nil : $0 } ?? knownNames[code] ?? "" }
        }
    }

    /// The units and their figures before four-side trees, as each way of counting gives them.
    struct Units {
        var zones: [StatsZone]
        var figures: [ForestFigures]
        var byXiang: (zones: [StatsZone], figures: [ForestFigures])?
        var outsidePieces: [OutsidePiece] = []
        /// Each sub-compartment's area, in layer order.
        var wholeAreas: [Double]
        var notes: [String]
    }

    /// Notes every table carries: the coverage definition, code-table assumptions, fields the layer lacks.
    private static func commonNotes(_ input: Input, availability: Availability, excluded: Set<String>) -> [String] {
        let layer = input.layer, fields = input.options.fields
        var notes = ["森林覆盖率 coverage = 森林 forest / 土地总面积 land area × 100; forest = 乔木林地 arbor + 竹林地 bamboo + 特灌林地 special-regulation shrub\(availability.fourSide ? " + 四旁树 four-side trees" : ""); 林地 forest land = every forest-land class"]
        if layer.landClassTable.system == .gbt21010 { notes.append(input.options.ambiguousCodes.assumptionNote) }
        let unknown = layer.unknownCodes
        if !unknown.isEmpty {
            notes.append("codes not in the \(layer.landClassTable.system.rawValue) table (counted as non-forest land): " + unknown.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value))" }.joined(separator: ", "))
        }
        for (has, field, column) in [(availability.publicWelfare, fields.senLinLB, "public_welfare_ha"),
                                     (availability.naturalForest, fields.qiYuan, "natural_forest_ha"),
                                     (availability.stock, fields.huoLMGQXJ, "stock_m3")] where !has {
            notes.append("the layer has no \(field) field: \(column) is left empty")
        }
        if availability.stock {
            let missing = input.facts.filter { $0.group == .arbor && $0.volumePerHectare == nil }.count
            if missing > 0 { notes.append("\(missing) arbor-forest sub-compartments have no \(fields.huoLMGQXJ) value: counted as 0 m³") }
        }
        if !excluded.isEmpty {
            notes.append("include_gui_an = false: the row total_excluding_gui_an leaves out \(excluded.sorted().map { "\($0) \(input.name($0))" }.joined(separator: ", ")) (administered by the Gui'an New Area)")
        }
        return notes
    }
}

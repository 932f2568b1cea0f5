import ForestMapCore
import ForestStats
/// The township (乡镇) a piece of change counts in: by the township polygons when given, else the current
/// sub-compartment's XIANG attribute, as `forestmap stats` does; the whole layer is one zone (the district code)
/// when it has no XIANG field.
struct ZoneOfPiece: Sendable {
    /// 界外: area outside every township polygon.
    static let outside = "outside"
    /// A sub-compartment with an empty XIANG.
    static let unknown = StatsZone.unknownCode

    private let townshipCodes: [String]
    private let wholeLayer: String?

    init(current: SubCompartmentLayer, townships: TownshipBoundaries?, options: ChangeOptions) {
        townshipCodes = townships?.townships.map(\.code) ?? []
        wholeLayer = townships == nil && AttributeZones.fieldIndex(current, options.fields.xiang) == nil ? options.districtCode : nil
    }

    /// The code of a township index from ``TownshipOverlay`` (or `outside`).
    func code(township: Int) -> String {
        township == TownshipShare.outside ? Self.outside : townshipCodes[township]
    }

    /// The code from a current sub-compartment's attributes.
    func code(attributeOf s: SubCompartment) -> String {
        if let wholeLayer { return wholeLayer }
        return s.townshipCode.isEmpty ? Self.unknown : s.townshipCode
    }
}

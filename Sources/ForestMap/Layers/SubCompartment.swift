import Geo

/// One sub-compartment (小班): the unit of the forest-resource map, with the fields forestmap reasons about
/// pulled out of its attribute record.
public struct SubCompartment: Sendable, Hashable {
    /// The feature id in its source layer (for messages and hand-back lists).
    public var fid: Int64
    /// The key: XIAN|XIANG|CUN|LIN_BAN|XIAO_BAN(|XI_BAN), or the configured id field.
    public var key: String
    /// The full 9-digit township (乡镇) code; empty when the layer has no township field.
    public var townshipCode: String
    /// The land class code (地类) as normalised (leading zeros restored).
    public var landClassCode: String
    /// The normalised land class; nil when the code is not in the code table.
    public var landClass: LandClass?
    /// Stored area MIAN_JI in hectares, when the layer has it.
    public var storedAreaHectares: Double?
    /// Standing volume per hectare (m³/ha), when the layer has it.
    public var volumePerHectare: Double?
    /// All attributes in the layer's field order.
    public var attributes: [FieldValue]
    public var geometry: WKB
}

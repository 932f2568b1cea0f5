import Geo

/// One sub-compartment (小班): the unit of the forest-resource map, with the fields forestmap reasons about
/// pulled out of its attribute record.
///
/// Two years of a large district are held in memory at once, so the record is kept small: the land class is
/// stored as its place in `LandClass.all`, and identical attribute rows may share one copy.
public struct SubCompartment: Sendable, Hashable {
    /// The feature id in its source layer (for messages and hand-back lists).
    public var fid: Int64
    /// The key: XIAN|XIANG|CUN|LIN_BAN|XIAO_BAN(|XI_BAN), or the configured id field.
    public var key: String
    /// The full 9-digit township (乡镇) code; empty when the layer has no township field.
    public var townshipCode: String
    /// The land class code (地类) as normalised (leading zeros restored).
    public var landClassCode: String
    /// Stored area MIAN_JI in hectares, when the layer has it.
    public var storedAreaHectares: Double?
    /// Standing volume per hectare (m³/ha), when the layer has it.
    public var volumePerHectare: Double?
    /// All attributes in the layer's field order (only the kept ones when the layer was read with `keptFields`).
    public var attributes: [FieldValue]
    public var geometry: WKB
    /// 1 + the class's index in `LandClass.all`; 0 when the code is not in the code table.
    package private(set) var landClassNumber: UInt8

    /// The normalised land class; nil when the code is not in the code table.
    public var landClass: LandClass? {
        get { landClassNumber == 0 ? nil : LandClass.all[Int(landClassNumber) - 1] }
        set { landClassNumber = newValue.map { LandClass.number(of: $0) } ?? 0 }
    }

    public init(fid: Int64, key: String, townshipCode: String, landClassCode: String, landClass: LandClass?,
                storedAreaHectares: Double?, volumePerHectare: Double?, attributes: [FieldValue], geometry: WKB) {
        self.fid = fid
        self.key = key
        self.townshipCode = townshipCode
        self.landClassCode = landClassCode
        self.storedAreaHectares = storedAreaHectares
        self.volumePerHectare = volumePerHectare
        self.attributes = attributes
        self.geometry = geometry
        self.landClassNumber = landClass.map { LandClass.number(of: $0) } ?? 0
    }
}

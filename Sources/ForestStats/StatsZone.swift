/// What `forestmap stats` counts by (统计单位): townships (乡镇) or villages (村).
public enum StatsGrouping: String, Sendable, CaseIterable {
    case township, village
}

/// One statistical unit (统计单元) of a stats table: a township, a village, or one of the rows that keep every
/// hectare in the table: the area outside every township boundary (界外) and sub-compartments without a code.
public struct StatsZone: Sendable, Hashable {
    public enum Kind: String, Sendable {
        /// A township (乡镇/街道): from its boundary polygon, or from the XIANG attribute.
        case township
        /// A village (村): from the XIANG and CUN attributes (no village polygons exist).
        case village
        /// Mapped area outside every township boundary polygon (界外): never dropped.
        case outside
        /// Sub-compartments whose XIANG (or CUN) is empty.
        case unknown
    }

    public var kind: Kind
    /// The row's key in the township_code column: the 9-digit township code, or "outside" / "unknown".
    public var townshipCode: String
    public var townshipName: String
    /// The 12-digit village code (township code + CUN) with `--by village`; "unknown" for an empty CUN.
    public var villageCode: String?

    public init(kind: Kind, townshipCode: String, townshipName: String, villageCode: String? = nil) {
        self.kind = kind
        self.townshipCode = townshipCode
        self.townshipName = townshipName
        self.villageCode = villageCode
    }

    static let outsideCode = "outside"
    package static let unknownCode = "unknown"

    /// 界外: the row for mapped area outside every township polygon.
    static let outside = StatsZone(kind: .outside, townshipCode: outsideCode, townshipName: "界外（不在任何乡镇界线内）")
}

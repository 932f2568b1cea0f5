/// One row of the land-class transition table (地类转移): the area of a township whose land class went from one
/// class to another between the two years.
public struct LandClassTransition: Sendable, Hashable {
    /// Whether a difference of class is a change on the ground (地类变化) or only a change of code system (地类
    /// 代码转换, docs/domain.md §3: old 017x, 0180, 163x have no forest-land class in the new system).
    public enum Kind: String, Sendable, CaseIterable {
        case change
        case reclassification
    }

    /// The 9-digit township code; `outside` (界外) for area outside every township polygon, `unknown` for
    /// sub-compartments with an empty XIANG.
    public var townshipCode: String
    /// The previous year's class, written in the newer year's code system (its own code when the class has none
    /// there): see ``TransitionAccounting/fromClass(_:_:_:)``.
    public var fromClass: String
    /// The current year's code, as the layer holds it (normalised: leading zeros restored).
    public var toClass: String
    public var kind: Kind
    /// The classes' Chinese names (地类名称) and whether each is forest land (林地).
    public var fromName: String
    public var toName: String
    public var fromForestLand: Bool
    public var toForestLand: Bool
    /// Exact area of every piece with this township and transition, in m².
    public var squareMetres: Double
}

extension LandClassTransition {
    /// The same row with another area.
    init(_ row: LandClassTransition, squareMetres: Double) {
        self = row
        self.squareMetres = squareMetres
    }
}

/// The field names of a sub-compartment (小班) layer. Defaults are docs/domain.md §2's pinyin initials; real layers
/// differ by province and year, so every name is a setting (`[fields]`).
public struct SubCompartmentFields: Sendable, Hashable {
    /// 县 county code (6 digits).
    public var xian = "XIAN"
    /// 乡镇 township code (3 digits, or the full 9-digit code).
    public var xiang = "XIANG"
    /// 村 village code (3 digits).
    public var cun = "CUN"
    /// 林班 compartment.
    public var linBan = "LIN_BAN"
    /// 小班 sub-compartment number.
    public var xiaoBan = "XIAO_BAN"
    /// 细班 detail patch (optional: used in the key where the layer has it).
    public var xiBan = "XI_BAN"
    /// 地类 land class code (required).
    public var diLei = "DI_LEI"
    /// 前期地类 previous land class.
    public var qDiLei = "Q_DI_LEI"
    /// 起源 origin (1x natural, 2x planted).
    public var qiYuan = "QI_YUAN"
    /// 森林类别 forest category (011, 012, 021, 022).
    public var senLinLB = "SEN_LIN_LB"
    /// 事权等级 public-welfare forest level (10 national, 20 local).
    public var shiQuanD = "SHI_QUAN_D"
    /// 国家级公益林保护等级.
    public var gjgylBHDJ = "GJGYL_BHDJ"
    /// 林种 forest use.
    public var linZhong = "LIN_ZHONG"
    /// 优势树种 dominant species.
    public var youShiSZ = "YOU_SHI_SZ"
    /// 郁闭度 canopy closure (0..1).
    public var yuBiDu = "YU_BI_DU"
    /// 面积 stored area in hectares.
    public var mianJi = "MIAN_JI"
    /// 活立木公顷蓄积 standing volume per hectare (m³/ha).
    public var huoLMGQXJ = "HUO_LMGQXJ"
    /// 变化原因 change reason.
    public var bhyy = "BHYY"
    /// 变化年度 change year.
    public var bhnd = "BHND"
    /// A single id field to use as the key instead of the composite one (e.g. "OBJECTID"); nil: composite.
    public var id: String?
    /// The fields of the composite key; nil: XIAN, XIANG, CUN, LIN_BAN, XIAO_BAN (+ XI_BAN where present).
    public var key: [String]?

    public init() {}

    /// The key fields for a layer with the given field names.
    public func keyFields(available: (String) -> Bool) -> [String] {
        if let id { return [id] }
        if let key { return key }
        return [xian, xiang, cun, linBan, xiaoBan] + (available(xiBan) ? [xiBan] : [])
    }
}

/// Field names of a township (乡镇) boundary layer, from the civil-affairs or natural-resources department.
public struct TownshipFields: Sendable, Hashable {
    /// 行政区代码: the 9-digit code (or 3 digits, prefixed with the county code).
    public var code = "XZQDM"
    /// 行政区名称.
    public var name = "XZQMC"
    public init() {}
}

/// Field names of a harvest-permit or land-use-approval layer (采伐许可 / 征占用林地审核审批).
public struct PermitFields: Sendable, Hashable {
    /// 批准文号 the permit or approval number.
    public var number = "PZWH"
    /// 批准类型: 采伐 harvest permit, 占用 land-use approval, 临时占用 temporary use.
    public var kind = "PZLX"
    /// 有效期起 / 有效期止 valid from / to (dates).
    public var validFrom = "YXQ_Q"
    public var validTo = "YXQ_Z"
    /// 批准面积 approved area (ha).
    public var approvedArea = "PZMJ"
    /// 批准用途 approved use.
    public var approvedUse = "PZYT"
    public init() {}
}

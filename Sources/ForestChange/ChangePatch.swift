import Geo

/// One change patch (变化图斑): adjacent pieces of one township with the same change between the two years,
/// merged, that is a change on the ground (not a boundary sliver, not below the inspection unit), with what the
/// permits and the previous year's record say about it. Written to `changes.gpkg`.
public struct ChangePatch: Sendable {
    /// What happened on the ground (变化类型), docs/domain.md §5.
    public enum ChangeType: String, Sendable, CaseIterable {
        /// 造林: non-forest land became forest land.
        case afforestation
        /// 采伐: forest became harvested land (or sparse) by cutting.
        case harvest
        /// 建设占用: forest land became construction land (征占用林地).
        case construction
        /// 毁林开垦: forest land became farmland or orchard.
        case clearedForFarming = "cleared_for_farming"
        /// 火灾: forest became burned land.
        case fire
        /// 灾害: loss to pests, geological or other disaster.
        case disaster
        /// 其他减少: forest land lost to another non-forest class.
        case otherLoss = "other_loss"
        /// 其他增加: forest land gained other than by afforestation.
        case otherGain = "other_gain"
        /// 退化: forest land that stays forest land but lost its forest (e.g. arbor to sparse).
        case degradation
        /// 属性变化: same land class, another forest category, origin or grade.
        case attributeOnly = "attribute_only"
        /// 代码体系转换: a difference forced by the change of code system, not a change on the ground.
        case reclassification
    }

    /// What the permits say (许可核查). Never "illegal": `none` means no matching approval found.
    public enum PermitStatus: String, Sendable, CaseIterable {
        /// A valid permit of the right kind covers the patch.
        case covered
        /// 少批多占: part of the patch lies outside every valid permit (above the inspection unit), or the changed
        /// area exceeds the approved area.
        case partial
        /// 批非所用: only a permit for another use covers it.
        case wrongUse = "wrong_use"
        /// Only permits outside their validity cover it (or temporary use not restored after expiry).
        case expired
        /// 未批先占 / 无证采伐: no matching approval found.
        case none
    }

    /// Stable identifier: `township_code-NNNN` in the order of the patches' reference points.
    public var patchID: String
    public var changeType: ChangeType
    /// Derived reason code (变化原因 BHYY) from the change type and permits.
    public var bhyy: String
    /// The reason code recorded in the current layer's BHYY, when it has one.
    public var bhyyRecorded: String?
    /// A recorded 9x: an administrative or survey correction, never a violation or an achievement.
    public var isCorrection: Bool
    public var townshipCode: String
    /// The village (村) with the largest share of the patch.
    public var villageCode: String
    public var fromClass: String
    public var toClass: String
    public var fromForestLand: Bool
    public var toForestLand: Bool
    public var squareMetres: Double
    /// Keys of the sub-compartments the patch came from in each year.
    public var fromIDs: [String]
    public var toIDs: [String]
    /// nil where permits do not apply to the change type (afforestation, fire, ...).
    public var permitStatus: PermitStatus?
    public var permitIDs: [String]
    /// Area of the patch not covered by a valid permit, or beyond the approved area, in m².
    public var uncoveredSquareMetres: Double
    /// Context from the previous year's record.
    public var inRingBelt: Bool
    /// 公益林 grade (事权等级 SHI_QUAN_D / 保护等级), empty when not public-welfare forest.
    public var publicWelfareGrade: String
    /// 天然林: forest land of origin (QI_YUAN) 1x.
    public var naturalForest: Bool
    /// Afforestation on farmland (耕地上造林): flagged, not counted as an achievement.
    public var onFarmland: Bool
    /// The patch, a (multi)polygon in the layer's CRS.
    public var geometry: WKB
    /// A point on the patch's surface, in the layer's CRS.
    public var pointX: Double
    public var pointY: Double
}

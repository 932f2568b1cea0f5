/// The indicators of the forest-chief assessment (林长制考核指标, docs/domain.md §4 and §10): what each township achieved
/// against its target (附表1) and what it scores (附表2).
public enum AssessmentIndicator: String, Sendable, CaseIterable, Codable {
    /// 森林覆盖率 (%): forest / land area × 100.
    case forestCoverageRate = "forest_coverage_rate"
    /// 林地保有量 (ha): every forest-land class.
    case forestLandArea = "forest_land_area"
    /// 森林蓄积量 (m³).
    case standingVolume = "standing_volume"
    /// 天然林保护面积 (ha): natural forest (QI_YUAN 1x).
    case naturalForestArea = "natural_forest_area"
    /// 公益林面积 (ha): reported, no target.
    case publicWelfareArea = "public_welfare_area"
    /// 造林完成率 (%): achieved (the task layer's verified area, confirmed by the change patches) / task.
    case afforestationCompletionRate = "afforestation_completion_rate"
    /// 森林抚育完成率 (%): verified / task.
    case tendingCompletionRate = "tending_completion_rate"
    /// 退耕还林补植完成率 (%): verified / task.
    case replantingCompletionRate = "farmland_replanting_completion_rate"
    /// 造林合格率 (%): no layer holds it; filled by hand.
    case afforestationQualityRate = "afforestation_quality_rate"
    /// 使用林地审核审批率 (%): forest land lost to construction with a covering approval / all of it.
    case forestLandUseApprovalRate = "forest_land_use_approval_rate"
    /// 破坏森林资源案件查处率 (%): no layer holds it; filled by hand.
    case caseClosureRate = "case_closure_rate"
    /// 森林火灾受害率 (‰): burned forest / forest area × 1000.
    case fireDamageRate = "fire_damage_rate"
    /// 重大森林火灾 (起): fires damaging at least `[scoring] major_fire_ha` of forest.
    case majorFires = "major_fires"
    /// 林业有害生物成灾率 (‰): disaster area / (forest + unestablished forest) × 1000.
    case pestDisasterRate = "pest_disaster_rate"
    /// 古树名木保护率 (%): no layer holds it; filled by hand.
    case oldTreeProtectionRate = "old_tree_protection_rate"
    /// 林下经济项目 (个).
    case underForestEconomyProjects = "under_forest_economy_projects"
    /// 年森林采伐限额 (m³): harvested volume against the quota.
    case harvestQuota = "harvest_quota"
    /// 天然林商业性采伐 (ha): harvest patches in natural forest; none allowed.
    case naturalForestHarvest = "natural_forest_harvest"
    /// 无审批变化图斑 (ha): forest land lost with no matching approval (not covered, not a 9x correction).
    case unapprovedPatches = "unapproved_patches"
    /// 环城林带林地减少 (ha): forest land lost inside the ring-city forest belt.
    case ringBeltLoss = "ring_belt_loss"

    public enum Comparison: String, Sendable, Codable {
        /// At least the target (≥).
        case floor = ">="
        /// At most the target (≤).
        case ceiling = "<="
    }

    public var chineseName: String {
        switch self {
        case .forestCoverageRate: "森林覆盖率"
        case .forestLandArea: "林地保有量"
        case .standingVolume: "森林蓄积量"
        case .naturalForestArea: "天然林保护面积"
        case .publicWelfareArea: "公益林面积"
        case .afforestationCompletionRate: "造林完成率"
        case .tendingCompletionRate: "森林抚育完成率"
        case .replantingCompletionRate: "退耕还林补植完成率"
        case .afforestationQualityRate: "造林合格率"
        case .forestLandUseApprovalRate: "使用林地审核审批率"
        case .caseClosureRate: "破坏森林资源案件查处率"
        case .fireDamageRate: "森林火灾受害率"
        case .majorFires: "重大森林火灾"
        case .pestDisasterRate: "林业有害生物成灾率"
        case .oldTreeProtectionRate: "古树名木保护率"
        case .underForestEconomyProjects: "林下经济项目"
        case .harvestQuota: "森林采伐量（限额）"
        case .naturalForestHarvest: "天然林采伐"
        case .unapprovedPatches: "无审批变化图斑"
        case .ringBeltLoss: "环城林带林地减少"
        }
    }

    /// The unit as tables print it.
    public var unit: String {
        switch self {
        case .forestCoverageRate, .afforestationCompletionRate, .tendingCompletionRate, .replantingCompletionRate,
             .afforestationQualityRate, .forestLandUseApprovalRate, .caseClosureRate, .oldTreeProtectionRate: "%"
        case .forestLandArea, .naturalForestArea, .publicWelfareArea, .naturalForestHarvest, .unapprovedPatches, .ringBeltLoss: "ha"
        case .standingVolume, .harvestQuota: "m3"
        case .fireDamageRate, .pestDisasterRate: "‰"
        case .majorFires: "起"
        case .underForestEconomyProjects: "个"
        }
    }

    /// What a shortfall of one unit reads as in findings ("个百分点", "公顷").
    package var shortfallUnit: String {
        switch unit {
        case "%": "个百分点"
        case "ha": "公顷"
        case "m3": "立方米"
        default: unit
        }
    }

    public var comparison: Comparison {
        switch self {
        case .fireDamageRate, .majorFires, .pestDisasterRate, .harvestQuota, .naturalForestHarvest, .unapprovedPatches, .ringBeltLoss: .ceiling
        default: .floor
        }
    }

    /// Decimals the achieved value is written with.
    public var decimals: Int {
        switch self {
        case .forestLandArea, .naturalForestArea, .publicWelfareArea, .naturalForestHarvest, .unapprovedPatches, .ringBeltLoss: 4
        case .standingVolume: 1
        case .harvestQuota, .majorFires, .underForestEconomyProjects: 0
        case .fireDamageRate, .pestDisasterRate: 3
        default: 2
        }
    }

    /// The target where the targets file gives none: zero tolerance for violations, 100% for tasks that were set.
    package var defaultTarget: Double? {
        switch self {
        case .majorFires, .naturalForestHarvest, .unapprovedPatches, .ringBeltLoss: 0
        case .tendingCompletionRate, .replantingCompletionRate: 100
        default: nil
        }
    }

    /// Indicators no input layer holds: the tables leave them for the office to fill in by hand.
    package var isFilledByHand: Bool { [.afforestationQualityRate, .caseClosureRate, .oldTreeProtectionRate].contains(self) }

    /// "森林覆盖率（%）≥".
    var header: String { "\(chineseName)（\(unit == "m3" ? "m³" : unit)）\(comparison == .floor ? "≥" : "≤")" }
}

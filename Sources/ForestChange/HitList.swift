import ForestMapCore

/// The hit list (疑似违法变化图斑核查清单): the change patches an enforcement team must verify in the field.
///
/// A patch is on the list when it is a change on the ground (not a reclassification or an attribute-only change),
/// not a recorded correction (BHYY 9x), and
/// - forest land was lost (to construction, farmland or other land) and no valid permit covers it (`permit_status`
///   other than `covered`);
/// - or forest was cleared for farming (毁林开垦), whatever the permits say;
/// - or it was harvested outside a permit (not `covered`) or in natural forest (天然林, commercial harvest banned);
/// - or it lies inside the ring-city forest belt and is a loss of forest land, harvest, clearing or construction.
///
/// `priority` (1 most urgent): **1** inside the ring belt, harvest of natural forest, or loss of public-welfare
/// forest (公益林) with no covering permit; **2** no matching approval found, approval for another use, or only
/// expired permits, and clearing for farming; **3** partly covered (少批多占). Within a priority, larger patches
/// first. `hit_id` is `H` and the patch id: it depends only on the patch, never on the order or the threads.
public struct Hit: Sendable {
    public var hitID: String
    public var patch: ChangePatch
    public var priority: Int
    /// Why it is on the list, in Chinese (未批先占, 批非所用, ...).
    public var reason: String
    public var longitude: Double
    public var latitude: Double
    /// The case register's case for this hit (`run`, or `change` with a register), nil without a register.
    public var registerCase: HitCase?
}

/// What the case register says about a hit: its case (案件), where it stands and for how long.
public struct HitCase: Sendable, Hashable {
    /// The 核查编号 people write back: `township code-year-number`.
    public var caseID: String
    public var status: CaseStatus
    /// Days since the case was opened, counted to the run's `--as-of` day.
    public var ageDays: Int
    /// A confirmed violation past `[cases] rectification_days`: listed first.
    public var overdue: Bool

    public init(caseID: String, status: CaseStatus, ageDays: Int, overdue: Bool) {
        self.caseID = caseID
        self.status = status
        self.ageDays = ageDays
        self.overdue = overdue
    }
}

enum HitList {
    static func isHit(_ p: ChangePatch) -> Bool {
        guard !p.isCorrection, p.changeType != .reclassification, p.changeType != .attributeOnly else { return false }
        let loss = p.fromForestLand && !p.toForestLand
        let covered = p.permitStatus == .covered
        if loss && !covered { return true }
        if p.changeType == .clearedForFarming { return true }
        if p.changeType == .harvest && (!covered || p.naturalForest) { return true }
        if p.inRingBelt && (loss || [.harvest, .clearedForFarming, .construction].contains(p.changeType)) { return true }
        return false
    }

    static func priority(_ p: ChangePatch) -> Int {
        let covered = p.permitStatus == .covered
        if p.inRingBelt || (p.changeType == .harvest && p.naturalForest) || (!p.publicWelfareGrade.isEmpty && !covered && p.permitStatus != .partial) { return 1 }
        if p.permitStatus == .partial { return 3 }
        return 2
    }

    /// The reasons, joined with "；".
    static func reason(_ p: ChangePatch) -> String {
        var reasons: [String] = []
        switch (p.changeType, p.permitStatus) {
        case (.harvest, .some(.none)): reasons.append("无采伐许可（未找到匹配的采伐许可证）")
        case (.harvest, .some(.partial)): reasons.append("超许可范围或面积采伐")
        case (.harvest, .some(.expired)): reasons.append("采伐许可证不在有效期内")
        case (.clearedForFarming, _): reasons.append("毁林开垦")
        case (_, .some(.none)): reasons.append("未批先占（未找到匹配的使用林地审批）")
        case (_, .some(.partial)): reasons.append("少批多占（超出审批范围或面积）")
        case (_, .some(.wrongUse)): reasons.append("批非所用（审批用途与现状不符）")
        case (_, .some(.expired)): reasons.append("审批已过期或临时用地到期未恢复")
        default: break
        }
        if p.changeType == .harvest && p.naturalForest { reasons.append("天然林采伐") }
        if p.inRingBelt { reasons.append("位于环城林带内") }
        if !p.publicWelfareGrade.isEmpty && p.fromForestLand && !p.toForestLand { reasons.append("公益林地减少") }
        return reasons.joined(separator: "；")
    }

    /// The hits among the patches, most urgent first; `lonLat` gives a patch point's CGCS2000 longitude and latitude.
    static func select(_ patches: [ChangePatch], lonLat: (ChangePatch) throws -> (Double, Double)) rethrows -> [Hit] {
        try patches.filter(isHit).map { p in
            let (lon, lat) = try lonLat(p)
            return Hit(hitID: "H" + p.patchID, patch: p, priority: priority(p), reason: reason(p), longitude: lon, latitude: lat)
        }.sorted { a, b in
            (a.priority, -a.patch.squareMetres, a.hitID) < (b.priority, -b.patch.squareMetres, b.hitID)
        }
    }
}

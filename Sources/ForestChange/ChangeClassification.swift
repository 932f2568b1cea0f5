import ForestMapCore
import ForestStats
/// How a change between two records is classified (变化类型判定, docs/domain.md §5), from the two land classes, the
/// record difference and the reason code the current layer records.
///
/// | previous → current | change type |
/// |---|---|
/// | same class, other forest category, origin or grade | attribute_only |
/// | a difference forced by the change of code system | reclassification |
/// | non-forest land → unestablished, arbor, bamboo or nursery | afforestation |
/// | non-forest land → other forest land | other_gain |
/// | treeless forest land (suitable, harvested, burned, other) → unestablished or stocked | afforestation |
/// | forest land → harvested land (采伐迹地) | harvest |
/// | forest land → burned land (火烧迹地) | fire |
/// | forest (乔木林, 竹林, 特灌) → other forest land, recorded BHYY 72/73 | disaster |
/// | forest (乔木林, 竹林, 特灌) → other forest land | degradation |
/// | other forest land → forest | other_gain |
/// | forest land → construction | construction |
/// | forest land → farmland or orchard | cleared_for_farming |
/// | forest land → any other non-forest land | other_loss |
/// | non-forest → non-forest | not a forest change (in transitions.csv only) |
/// | either class unknown (a code not in the code table, or empty) | not classified (in transitions.csv only) |
enum ChangeClassification {
    static func changeType(from a: LandClass?, to b: LandClass?, difference: RecordDifference, recordedReason: String?) -> ChangePatch.ChangeType? {
        if difference.landClass == .reclassification { return .reclassification }
        guard difference.landClass == .change else { return difference.attributes ? .attributeOnly : nil }
        guard a != nil, b != nil else { return nil }
        let fromForestLand = a?.isForestLand ?? false, toForestLand = b?.isForestLand ?? false
        let to = b?.group, from = a?.group
        switch (fromForestLand, toForestLand) {
        case (false, false):
            return nil
        case (false, true):
            return [.unestablished, .arbor, .bamboo, .nursery].contains(to) ? .afforestation : .otherGain
        case (true, false):
            switch to {
            case .construction: return .construction
            case .farmland, .orchard: return .clearedForFarming
            default: return .otherLoss
            }
        case (true, true):
            if to == .harvested { return .harvest }
            if to == .burned { return .fire }
            let treeless: Set<LandClassGroup?> = [.suitableForForest, .harvested, .burned, .otherTreeless]
            if treeless.contains(from), [.unestablished, .arbor, .bamboo, .specialShrub, .nursery].contains(to) { return .afforestation }
            let fromForest = from?.countsTowardCoverage ?? false, toForest = to?.countsTowardCoverage ?? false
            if fromForest && !toForest {
                return ["72", "73"].contains(recordedReason ?? "") ? .disaster : .degradation
            }
            return .otherGain
        }
    }

    /// The reason code (变化原因) docs/domain.md §5 derives: 10 afforestation, 20 harvest, 41 approved use of forest land
    /// and 42 use without a covering approval, 50 clearing for farming, 71 fire, 73 other disaster (72 when the
    /// layer records a geological one); empty where the table has none.
    static func derivedReason(_ type: ChangePatch.ChangeType, permitStatus: ChangePatch.PermitStatus?, recordedReason: String?) -> String {
        switch type {
        case .afforestation: return "10"
        case .harvest: return "20"
        case .construction: return permitStatus == .covered ? "41" : "42"
        case .clearedForFarming: return "50"
        case .fire: return "71"
        case .disaster: return recordedReason == "72" ? "72" : "73"
        default: return ""
        }
    }

    /// Which permits a change is checked against (许可类别): harvest permits for harvest, land-use approvals for
    /// every other loss of forest land; nil where permits do not apply.
    static func permitFamily(_ type: ChangePatch.ChangeType) -> PermitFamily? {
        switch type {
        case .harvest: return .harvest
        case .construction, .clearedForFarming, .otherLoss: return .landUse
        default: return nil
        }
    }

    /// A recorded BHYY as a 2-digit code: spaces and a trailing ".0" dropped; nil when empty.
    static func recordedReason(_ raw: String?) -> String? {
        guard var code = raw.map(SubCompartmentFactReader.trimmed), !code.isEmpty else { return nil }
        if code.hasSuffix(".0") { code.removeLast(2) }
        return code
    }
}

/// The two kinds of permission a change of forest land needs.
enum PermitFamily: String, Sendable {
    /// 林木采伐许可证.
    case harvest
    /// 使用林地审核同意书 (征占用, 临时占用).
    case landUse = "land_use"
}

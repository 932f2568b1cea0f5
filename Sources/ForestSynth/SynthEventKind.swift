/// Every kind of planted event, as truth.csv's `event` column names it, with the outcome a change detection must
/// report for it (docs/domain.md §5, issue 6): `change_type`, `permit_status`, the reason code it derives, and whether
/// the event counts as an achievement or violation.
enum SynthEventKind: String, CaseIterable, Sendable {
    // Afforestation (造林): non-forest or treeless land planted.
    case afforestationSuitable = "afforestation_suitable"
    case afforestationFarmland = "afforestation_farmland"
    case afforestationHarvested = "afforestation_harvested"
    // Harvest (采伐): arbor forest to harvested land.
    case harvestPermitted = "harvest_permitted"
    case harvestNoPermit = "harvest_no_permit"
    case harvestPartial = "harvest_partial"
    case harvestNatural = "harvest_natural"
    case harvestExpired = "harvest_expired"
    case harvestInBelt = "harvest_in_belt"
    case harvestSplit = "harvest_split"
    // Use of forest land (征占用林地): forest land to construction.
    case constructionApproved = "construction_approved"
    case constructionUnapproved = "construction_unapproved"
    case constructionBeyondPolygon = "construction_beyond_polygon"
    case constructionBeyondArea = "construction_beyond_area"
    case constructionExpired = "construction_expired"
    case constructionWrongUse = "construction_wrong_use"
    case constructionRenewed = "construction_renewed"
    case constructionInBelt = "construction_in_belt"
    case temporaryNotRestored = "temporary_not_restored"
    case road
    // Other changes on the ground.
    case clearedForFarming = "cleared_for_farming"
    case fire
    case pest
    case degradation
    case otherLoss = "other_loss"
    case otherGain = "other_gain"
    case attributeCategory = "attribute_category"
    case attributeOrigin = "attribute_origin"
    // Recorded reason codes: 9x corrections (no change on the ground) and a reason that disagrees.
    case correctionConstruction = "correction_construction_9x"
    case correctionAfforestation = "correction_afforestation_9x"
    case correctionDegradation = "correction_degradation_9x"
    case bhyyDisagrees = "bhyy_disagrees"
    // No change on the ground.
    case reclassification
    case split
    case merge
    case roadSplit = "road_split"
    case roadEnd = "road_end"
    case redigitised
    case permitUnused = "permit_unused"

    var name: String { rawValue }

    /// What change detection must call the patch; `no_change` where no patch may be reported.
    var changeType: String {
        switch self {
        case .afforestationSuitable, .afforestationFarmland, .afforestationHarvested, .correctionAfforestation: "afforestation"
        case .harvestPermitted, .harvestNoPermit, .harvestPartial, .harvestNatural, .harvestExpired, .harvestInBelt,
             .harvestSplit: "harvest"
        case .constructionApproved, .constructionUnapproved, .constructionBeyondPolygon, .constructionBeyondArea,
             .constructionExpired, .constructionWrongUse, .constructionRenewed, .constructionInBelt,
             .temporaryNotRestored, .road, .correctionConstruction, .bhyyDisagrees: "construction"
        case .clearedForFarming: "cleared_for_farming"
        case .fire: "fire"
        case .pest: "disaster"
        case .degradation, .correctionDegradation: "degradation"
        case .otherLoss: "other_loss"
        case .otherGain: "other_gain"
        case .attributeCategory, .attributeOrigin: "attribute_only"
        case .reclassification: "reclassification"
        case .split, .merge, .roadSplit, .roadEnd, .redigitised, .permitUnused: "no_change"
        }
    }

    /// The expected `permit_status` for harvest and loss of forest land; "" where permits do not apply.
    var permitStatus: String {
        switch self {
        case .harvestPermitted, .harvestNatural, .harvestInBelt, .harvestSplit, .constructionApproved,
             .constructionRenewed, .constructionInBelt: "covered"
        case .harvestPartial, .constructionBeyondPolygon, .constructionBeyondArea: "partial"
        case .harvestExpired, .constructionExpired, .temporaryNotRestored: "expired"
        case .constructionWrongUse: "wrong_use"
        case .harvestNoPermit, .constructionUnapproved, .road, .clearedForFarming, .otherLoss, .correctionConstruction,
             .bhyyDisagrees: "none"
        default: ""
        }
    }

    /// BHYY as the second year's layer records it; nil: not recorded (violations rarely are).
    var recordedReason: String? {
        switch self {
        case .afforestationSuitable, .afforestationFarmland, .afforestationHarvested: "10"
        case .harvestPermitted, .harvestNoPermit, .harvestPartial, .harvestNatural, .harvestExpired, .harvestInBelt,
             .harvestSplit: "20"
        case .constructionApproved, .constructionBeyondPolygon, .constructionBeyondArea, .constructionExpired,
             .constructionWrongUse, .constructionRenewed, .constructionInBelt, .temporaryNotRestored: "41"
        case .fire: "71"
        case .pest: "73"
        case .correctionConstruction: "92"
        case .correctionAfforestation: "93"
        case .correctionDegradation: "99"
        case .bhyyDisagrees: "20"
        default: nil
        }
    }

    /// The reason code docs/domain.md §5 derives from the change: 10 afforestation, 20 harvest, 41 approved use of
    /// forest land, 42 use without a covering approval, 50 clearing for farming, 71 fire, 73 other disaster; ""
    /// where the table has none.
    var derivedReason: String {
        switch changeType {
        case "afforestation": "10"
        case "harvest": "20"
        case "construction": permitStatus == "covered" ? "41" : "42"
        case "cleared_for_farming": "50"
        case "fire": "71"
        case "disaster": "73"
        default: ""
        }
    }

    /// False where the change must count neither as an achievement nor as a violation: recorded 9x corrections,
    /// afforestation on farmland (which breaks the farmland rules of 2020), reclassifications and attribute-only
    /// changes (no change on the ground) and no-change rows.
    var counted: Bool {
        switch self {
        case .correctionConstruction, .correctionAfforestation, .correctionDegradation, .afforestationFarmland: false
        default: !["no_change", "reclassification", "attribute_only"].contains(changeType)
        }
    }

    /// Events whose sites are at least 0.3 ha where cells are small (clusters of up to 8 cells): the patches are
    /// then well above the inspection unit and a partial permit leaves more than 400 m² uncovered.
    var isClustered: Bool {
        switch self {
        case .attributeCategory, .attributeOrigin, .harvestSplit, .split, .merge, .road, .roadSplit, .roadEnd,
             .redigitised, .reclassification: false
        default: true
        }
    }

    /// Sites per forest-land cell (divided by the cells per site), at least `minimumSites`.
    var rate: Double {
        switch self {
        case .afforestationSuitable: 0.006
        case .afforestationHarvested: 0.002
        case .harvestPermitted: 0.008
        case .constructionApproved: 0.004
        case .afforestationFarmland, .harvestNoPermit, .constructionUnapproved, .clearedForFarming, .pest,
             .attributeCategory, .split, .merge: 0.001
        case .harvestPartial, .constructionBeyondPolygon, .constructionBeyondArea, .otherGain, .fire, .degradation,
             .otherLoss, .attributeOrigin, .harvestNatural, .harvestExpired, .constructionExpired,
             .constructionWrongUse, .constructionRenewed, .temporaryNotRestored, .harvestSplit, .permitUnused: 0.0005
        case .correctionConstruction, .correctionAfforestation, .correctionDegradation, .bhyyDisagrees,
             .harvestInBelt, .constructionInBelt: 0.0003
        case .road, .roadSplit, .roadEnd, .redigitised, .reclassification: 0
        }
    }

    var minimumSites: Int {
        switch self {
        case .afforestationSuitable, .harvestPermitted, .constructionApproved: 2
        default: 1
        }
    }
}

import Foundation
import ForestCases
import ForestMapCore

/// One indicator of one township: its target, what was achieved, last year's value, the cases counted, and
/// whether the target was met (附表1's cells).
public struct IndicatorValue: Sendable, Hashable {
    /// nil: no target (the indicator is reported only) or it does not apply.
    public var target: Double?
    /// False where the targets file says the indicator does not apply (no task set, no quota in the streets).
    public var applies: Bool
    /// nil: no input holds it (filled by hand), or it cannot be computed (no forest area, no change patches).
    public var actual: Double?
    public var previous: Double?
    /// Cases (起/个) for indicators counted by case: major fires, patches.
    public var cases: Int?

    public init(target: Double?, applies: Bool = true, actual: Double?, previous: Double? = nil, cases: Int? = nil) {
        self.target = target
        self.applies = applies
        self.actual = actual
        self.previous = previous
        self.cases = cases
    }
}

/// One township's row of the assessment (or the district's, as the totals row): the figures the indicators come
/// from and the indicators themselves.
public struct TownshipAssessment: Sendable {
    public var code: String
    public var name: String
    /// Unrounded figures; areas in hectares, volume in m³.
    public struct Figures: Sendable, Hashable, Codable {
        public var landHectares = 0.0
        public var forestHectares = 0.0
        public var forestLandHectares = 0.0
        public var stock = 0.0
        public var naturalForestHectares = 0.0
        public var publicWelfareHectares = 0.0
        public var previousLandHectares = 0.0
        public var previousForestHectares = 0.0
        public var previousForestLandHectares = 0.0
        public var previousStock = 0.0
        /// 未成林地 (unestablished forest land), for the pest rate's denominator.
        public var unestablishedHectares = 0.0
        /// Per task kind: task area, verified completed area (WCMJ), achieved (verified, confirmed by the change layer).
        public var taskHectares: [AssessmentLayers.Task.Kind: Double] = [:]
        public var doneHectares: [AssessmentLayers.Task.Kind: Double] = [:]
        public var achievedHectares: [AssessmentLayers.Task.Kind: Double] = [:]
        public var burnedForestHectares = 0.0
        public var majorFires = 0
        public var pestDisasterHectares = 0.0
        public var projects = 0
        public var change = ChangeIndicators.Figures()
        /// The register's confirmed violations of the period and those dealt with (查处); nil without a register.
        public var cases: CaseClosure?

        public init() {}

        static func + (a: Figures, b: Figures) -> Figures {
            var s = a
            let additive: [WritableKeyPath<Figures, Double>] = [\.landHectares, \.forestHectares, \.forestLandHectares, \.stock, \.naturalForestHectares, \.publicWelfareHectares,
                           \.previousLandHectares, \.previousForestHectares, \.previousForestLandHectares, \.previousStock, \.unestablishedHectares,
                           \.burnedForestHectares, \.pestDisasterHectares]
            for p in additive { s[keyPath: p] += b[keyPath: p] }
            s.majorFires += b.majorFires
            s.projects += b.projects
            for kind in AssessmentLayers.Task.Kind.allCases {
                s.taskHectares[kind, default: 0] += b.taskHectares[kind] ?? 0
                s.doneHectares[kind, default: 0] += b.doneHectares[kind] ?? 0
                s.achievedHectares[kind, default: 0] += b.achievedHectares[kind] ?? 0
            }
            s.change = s.change + b.change
            if let c = b.cases { s.cases = (s.cases ?? CaseClosure()) + c }
            return s
        }
    }

    public var figures: Figures
    public var values: [AssessmentIndicator: IndicatorValue]
    /// A unit filed on its own (a region's county): its 附表1 totals row as written, additive column key → value
    /// (nil: empty there). Its row shows these, so it equals the county's own table.
    public var writtenTotals: [String: Double?]? = nil

    public func value(_ i: AssessmentIndicator) -> IndicatorValue { values[i] ?? IndicatorValue(target: nil, applies: false, actual: nil) }

    /// Whether the target is met, judged on the values as the tables write them; nil without a target or a value.
    public func met(_ i: AssessmentIndicator) -> Bool? { Self.met(value(i), i) }

    static func met(_ v: IndicatorValue, _ i: AssessmentIndicator) -> Bool? {
        guard v.applies, let target = v.target, let actual = v.actual else { return nil }
        let written = FixedDecimal(actual, decimals: i.decimals).double
        if (v.cases ?? 0) > 0 && target == 0 { return false }
        return i.comparison == .floor ? written >= target - 1e-9 : written <= target + 1e-9
    }

    /// The indicators from the figures and the targets; `changeAvailable`: the change step produced patches (else
    /// the indicators only patches give are left without a value).
    static func indicators(_ f: Figures, targets: [String: TownshipTargets.Target], changeAvailable: Bool,
                           override: [AssessmentIndicator: Double]) -> [AssessmentIndicator: IndicatorValue] {
        func ratio(_ a: Double, _ b: Double, _ scale: Double) -> Double? { b > 0 ? a / b * scale : nil }
        var v: [AssessmentIndicator: IndicatorValue] = [:]
        for i in AssessmentIndicator.allCases {
            let given = targets[i.rawValue]
            var value = IndicatorValue(target: override[i] ?? given?.value ?? (given == nil ? i.defaultTarget : nil),
                                       applies: override[i] != nil || given == nil || given?.value != nil, actual: nil)
            let change = f.change
            switch i {
            case .forestCoverageRate:
                value.actual = ratio(f.forestHectares, f.landHectares, 100)
                value.previous = ratio(f.previousForestHectares, f.previousLandHectares, 100)
            case .forestLandArea: value.actual = f.forestLandHectares; value.previous = f.previousForestLandHectares
            case .standingVolume: value.actual = f.stock; value.previous = f.previousStock
            case .naturalForestArea: value.actual = f.naturalForestHectares
            case .publicWelfareArea: value.actual = f.publicWelfareHectares
            case .afforestationCompletionRate, .tendingCompletionRate, .replantingCompletionRate:
                let kind: AssessmentLayers.Task.Kind = i == .afforestationCompletionRate ? .afforestation : i == .tendingCompletionRate ? .tending : .replanting
                let task = f.taskHectares[kind] ?? 0
                value.actual = ratio(f.achievedHectares[kind] ?? 0, task, 100)
                if task <= 0 { value.applies = false }
            case .forestLandUseApprovalRate:
                value.actual = changeAvailable ? (change.landUseSquareMetres > 0 ? change.landUseCoveredSquareMetres / change.landUseSquareMetres * 100 : 100) : nil
            case .fireDamageRate: value.actual = ratio(f.burnedForestHectares, f.forestHectares, 1000)
            case .majorFires: value.actual = Double(f.majorFires); value.cases = f.majorFires
            case .pestDisasterRate: value.actual = ratio(f.pestDisasterHectares, f.forestHectares + f.unestablishedHectares, 1000)
            case .underForestEconomyProjects: value.actual = Double(f.projects)
            case .harvestQuota: value.actual = changeAvailable ? change.harvestVolume : nil
            case .naturalForestHarvest:
                value.actual = changeAvailable ? AreaUnit.hectares(change.naturalForestHarvestSquareMetres) : nil
                value.cases = changeAvailable ? change.naturalForestHarvestCount : nil
            case .unapprovedPatches:
                value.actual = changeAvailable ? AreaUnit.hectares(change.unapprovedSquareMetres) : nil
                value.cases = changeAvailable ? change.unapprovedCount : nil
            case .ringBeltLoss:
                value.actual = changeAvailable ? AreaUnit.hectares(change.ringBeltLossSquareMetres) : nil
                value.cases = changeAvailable ? change.ringBeltLossCount : nil
            case .caseClosureRate:
                // Empty where the period has no confirmed violation (and without a register: filled by hand).
                value.actual = f.cases.flatMap { $0.rate }
                value.cases = f.cases?.confirmed
            case .afforestationQualityRate, .oldTreeProtectionRate: break
            }
            if !value.applies { value.target = nil }
            v[i] = value
        }
        return v
    }
}

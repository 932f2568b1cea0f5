import Foundation

/// The `[scoring]` settings: how 附表2 scores each township (考核评分细则). The rules change every year, so every
/// weight and deduction is configuration (docs/domain.md §10: "每下降1%扣0.1分, 扣完为止").
public struct ScoringSettings: Sendable, Hashable {
    /// How a shortfall is measured before it is divided by `unit`.
    public enum Shortfall: String, Sendable, Hashable, CaseIterable {
        /// In the indicator's own unit (percentage points, ha, ‰, m³).
        case absolute
        /// As a percentage of the target ("每低于目标1%扣0.5分").
        case percentOfTarget = "percent_of_target"
    }

    /// What an item that does not apply to a township (or has no data) scores.
    public enum NotApplicable: String, Sendable, Hashable, CaseIterable {
        /// Full marks.
        case full
        /// Left out; the total is scaled up to the full score of the applicable items.
        case exclude
    }

    /// One scored item (考核项).
    public struct Item: Sendable, Hashable {
        public var indicator: AssessmentIndicator
        /// 分值: full marks; 0 for a pure bonus item.
        public var weight: Double
        /// 扣分: points per `unit` of shortfall against the target.
        public var deductPerUnit = 0.0
        /// The size of one unit of shortfall (1: each percentage point, ha, ‰ ...).
        public var unit = 1.0
        public var shortfall = Shortfall.absolute
        /// 扣分: points per case (a major fire, a patch with no matching approval, ...).
        public var deductPerCase = 0.0
        /// 扣完为止: the item never goes below zero.
        public var floorAtZero = true
        /// 加分: added when the target is met.
        public var bonus = 0.0
        /// The same target for every township, overriding the targets file (nil: the targets file's, or the
        /// indicator's default).
        public var target: Double?

        public init(_ indicator: AssessmentIndicator, weight: Double, deductPerUnit: Double = 0, unit: Double = 1,
                    shortfall: Shortfall = .absolute, deductPerCase: Double = 0, floorAtZero: Bool = true, bonus: Double = 0, target: Double? = nil) {
            self.indicator = indicator
            self.weight = weight
            self.deductPerUnit = deductPerUnit
            self.unit = unit
            self.shortfall = shortfall
            self.deductPerCase = deductPerCase
            self.floorAtZero = floorAtZero
            self.bonus = bonus
            self.target = target
        }
    }

    /// The scored items, in the indicators' order.
    public var items: [Item] = Self.defaultItems
    public var notApplicable = NotApplicable.full
    /// 重大森林火灾: a fire damaging at least this much forest (ha) counts as a major fire.
    public var majorFireHectares = 100.0
    /// `cap_total`: the highest total a township may score (总分封顶); nil: no cap, so bonus points (加分) can take
    /// a total past the items' full marks.
    public var capTotal: Double?
    /// 等次: the lowest total score of each grade, highest first (优秀 ≥ 90 ...); below the last: 不合格.
    public var grades: [(name: String, minimum: Double)] = [("优秀", 90), ("良好", 80), ("合格", 60)]

    public init() {}

    public static func == (a: ScoringSettings, b: ScoringSettings) -> Bool {
        a.items == b.items && a.notApplicable == b.notApplicable && a.majorFireHectares == b.majorFireHectares && a.capTotal == b.capTotal
            && a.grades.map(\.name) == b.grades.map(\.name) && a.grades.map(\.minimum) == b.grades.map(\.minimum)
    }

    public func hash(into h: inout Hasher) { h.combine(items); h.combine(notApplicable); h.combine(majorFireHectares); h.combine(capTotal) }

    /// The rules used when the config has no `[scoring.items]`: 100 points (README "Settings").
    public static let defaultItems: [Item] = [
        Item(.forestCoverageRate, weight: 20, deductPerUnit: 2),
        Item(.forestLandArea, weight: 10, deductPerUnit: 1, shortfall: .percentOfTarget),
        Item(.standingVolume, weight: 10, deductPerUnit: 1, shortfall: .percentOfTarget),
        Item(.afforestationCompletionRate, weight: 15, deductPerUnit: 0.5),
        Item(.tendingCompletionRate, weight: 5, deductPerUnit: 0.2),
        Item(.replantingCompletionRate, weight: 5, deductPerUnit: 0.2),
        Item(.fireDamageRate, weight: 10, deductPerUnit: 5, unit: 0.1),
        Item(.majorFires, weight: 0, deductPerCase: 10, floorAtZero: false),
        Item(.pestDisasterRate, weight: 5, deductPerUnit: 1, unit: 0.1),
        Item(.underForestEconomyProjects, weight: 5, deductPerUnit: 2.5, bonus: 1),
        Item(.harvestQuota, weight: 5, deductPerUnit: 1, shortfall: .percentOfTarget),
        Item(.unapprovedPatches, weight: 10, deductPerCase: 2),
        Item(.ringBeltLoss, weight: 0, deductPerCase: 2, floorAtZero: false),
        Item(.naturalForestHarvest, weight: 0, deductPerCase: 5, floorAtZero: false),
    ]

    /// The grade (等次) of a total score.
    public func grade(_ score: Double) -> String {
        grades.first { score >= $0.minimum - 1e-9 }?.name ?? "不合格"
    }
}

extension ForestMapConfig {
    /// Reads the `[scoring]` section; `file` names the config in messages.
    package static func readScoringSettings(_ r: inout TOMLReader, file: String) throws -> ScoringSettings {
        var s = ScoringSettings()
        s.notApplicable = try r.choice("not_applicable", ScoringSettings.NotApplicable.self, allowed: ScoringSettings.NotApplicable.allCases) ?? s.notApplicable
        s.majorFireHectares = try r.double("major_fire_ha") ?? s.majorFireHectares
        guard s.majorFireHectares >= 0 else { throw ForestMapError.input("\(file): setting scoring.major_fire_ha must not be negative") }
        s.capTotal = try r.double("cap_total")
        if let cap = s.capTotal, cap <= 0 { throw ForestMapError.input("\(file): setting scoring.cap_total must be positive (leave it out for no cap)") }
        if r.table["grades"] != nil {
            s.grades = try r.section("grades") { g in
                try g.table.keys.map { name in (name, try g.double(name)!) }.sorted { $0.1 > $1.1 }
            }
        }
        if r.table["items"] != nil {
            var items: [ScoringSettings.Item] = []
            try r.section("items") { t in
                for key in t.table.keys {
                    guard let indicator = AssessmentIndicator(rawValue: key) else {
                        throw ForestMapError.input("\(file): setting scoring.items.\(key): no such indicator; one of: \(AssessmentIndicator.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    items.append(try t.section(key) { i in
                        var item = ScoringSettings.Item(indicator, weight: try i.double("weight") ?? 0)
                        item.deductPerUnit = try i.double("deduct_per_unit") ?? item.deductPerUnit
                        item.unit = try i.double("unit") ?? item.unit
                        item.shortfall = try i.choice("shortfall", ScoringSettings.Shortfall.self, allowed: ScoringSettings.Shortfall.allCases) ?? item.shortfall
                        item.deductPerCase = try i.double("deduct_per_case") ?? item.deductPerCase
                        item.floorAtZero = try i.bool("floor_at_zero") ?? item.floorAtZero
                        item.bonus = try i.double("bonus") ?? item.bonus
                        item.target = try i.double("target")
                        guard item.unit > 0, item.weight >= 0, item.deductPerUnit >= 0, item.deductPerCase >= 0, item.bonus >= 0 else {
                            throw ForestMapError.input("\(file): setting scoring.items.\(key): weight, deductions and bonus must not be negative and unit must be positive")
                        }
                        return item
                    })
                }
            }
            let order = Dictionary(uniqueKeysWithValues: AssessmentIndicator.allCases.enumerated().map { ($1, $0) })
            s.items = items.sorted { order[$0.indicator]! < order[$1.indicator]! }
        }
        return s
    }
}

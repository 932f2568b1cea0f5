import Foundation
import ForestMapCore

/// 附表2: each township's score by the configured rules, with how every item was reached.
public enum Scoring {
    /// One item of one township.
    public struct ItemScore: Sendable, Hashable {
        public var indicator: AssessmentIndicator
        public var weight: Double
        /// False: the item does not apply here or has no value; it scores per `[scoring] not_applicable`.
        public var applies: Bool
        /// The shortfall in the indicator's unit (0 when met), as the rule measures it.
        public var shortfall: Double
        public var cases: Int
        public var deduction: Double
        public var bonus: Double
        /// nil: left out (`not_applicable = "exclude"`).
        public var points: Double?
        /// How the points were reached, in Chinese (扣分说明).
        public var explanation: String
    }

    public struct TownshipScore: Sendable, Hashable {
        public var code: String
        public var name: String
        public var items: [ItemScore]
        public var total: Double
        public var grade: String
        /// 1 = best; nil for the district row.
        public var rank: Int?
    }

    static func number(_ v: Double, _ decimals: Int = 2) -> String {
        var text = String(format: "%.\(decimals)f", v)
        if text.contains(".") { while text.hasSuffix("0") { text.removeLast() }; if text.hasSuffix(".") { text.removeLast() } }
        return text == "-0" ? "0" : text
    }

    /// Scores one indicator value by one rule.
    public static func score(_ v: IndicatorValue, item: ScoringSettings.Item, notApplicable: ScoringSettings.NotApplicable) -> ItemScore {
        let i = item.indicator
        let full = number(item.weight)
        guard v.applies, let actual = v.actual, let target = item.target ?? v.target else {
            let why = !v.applies ? "不适用" : v.actual == nil ? "无数据" : "无目标"
            let points: Double? = notApplicable == .full ? item.weight : nil
            return ItemScore(indicator: i, weight: item.weight, applies: false, shortfall: 0, cases: 0, deduction: 0, bonus: 0, points: points,
                             explanation: "\(i.chineseName)：\(why)，" + (points == nil ? "不计分" : "得满分\(full)分"))
        }
        let written = FixedDecimal(actual, decimals: i.decimals).double
        let gap = max(0, i.comparison == .floor ? target - written : written - target)
        let shortfall = item.shortfall == .percentOfTarget && target != 0 ? gap / abs(target) * 100 : gap
        let cases = v.cases ?? 0
        let unitWord = item.shortfall == .percentOfTarget && target != 0 ? "%" : i.shortfallUnit
        var deduction = shortfall / item.unit * item.deductPerUnit + Double(cases) * item.deductPerCase
        deduction = (deduction * 100).rounded() / 100
        let met = gap <= 1e-9 && (target != 0 || cases == 0)
        let bonus = met ? item.bonus : 0
        var points = item.weight - deduction
        if item.floorAtZero { points = max(0, points) }
        points += bonus
        let u = AssessmentTables.unit(i)
        var parts = ["\(i.chineseName)：目标\(i.comparison == .floor ? "≥" : "≤")\(number(target, 4))\(u)，实际\(number(written, i.decimals))\(u)"]
        if v.cases != nil && i != .majorFires { parts.append("\(cases)处") }
        if shortfall > 0, item.deductPerUnit > 0 {
            parts.append("\(i.comparison == .floor ? "差" : "超")\(number(shortfall, 4))\(unitWord)，每\(number(item.unit, 4))\(unitWord)扣\(number(item.deductPerUnit))分")
        }
        if cases > 0, item.deductPerCase > 0 { parts.append("每起（个）扣\(number(item.deductPerCase))分") }
        parts.append(deduction > 0 ? "扣\(number(deduction))分" + (item.floorAtZero && item.weight - deduction < 0 ? "（扣完为止）" : "") : (met ? "达标" : "未达标，未设扣分"))
        if bonus > 0 { parts.append("加\(number(bonus))分") }
        parts.append("得\(number(points))分（满分\(full)分）")
        return ItemScore(indicator: i, weight: item.weight, applies: true, shortfall: shortfall, cases: cases, deduction: deduction, bonus: bonus,
                         points: points, explanation: parts.joined(separator: "，"))
    }

    /// Scores every configured item of a township; the total is capped at `[scoring] cap_total` when set and rounded
    /// to 2 decimals.
    public static func score(_ row: TownshipAssessment, settings: ScoringSettings) -> TownshipScore {
        let items = settings.items.map { score(row.value($0.indicator), item: $0, notApplicable: settings.notApplicable) }
        let allWeights = items.reduce(0) { $0 + $1.weight }
        let counted = items.filter { $0.points != nil }
        let countedWeights = counted.reduce(0) { $0 + $1.weight }
        let sum = counted.reduce(0) { $0 + $1.points! }
        let scaled = settings.notApplicable == .exclude && countedWeights > 0 && countedWeights < allWeights ? sum * allWeights / countedWeights : sum
        let total = settings.capTotal.map { min(scaled, $0) } ?? scaled
        let rounded = (total * 100).rounded() / 100
        return TownshipScore(code: row.code, name: row.name, items: items, total: rounded, grade: settings.grade(rounded), rank: nil)
    }

    /// Ranks (1 = highest total; equal totals share a rank).
    static func ranked(_ scores: [TownshipScore]) -> [TownshipScore] {
        scores.map { s in
            var r = s
            r.rank = 1 + scores.filter { $0.total > s.total + 1e-9 }.count
            return r
        }
    }
}

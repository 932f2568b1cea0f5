import ForestMapCore
/// 考核发现: which township misses which target, and by how much, in Chinese sentences the office can paste
/// into its report.
enum Findings {
    static func lines(_ a: Assessment, config: ForestMapConfig) -> [String] {
        var lines: [String] = []
        let missed = a.townships.filter { row in AssessmentIndicator.allCases.contains { row.met($0) == false } }
        lines.append("\(config.districtName)\(config.year.map { "\($0)年度" } ?? "")林长制目标任务完成情况：\(a.townships.count) 个乡镇（街道）中，\(missed.count) 个有未完成的指标。")
        for row in [a.district] + a.townships {
            for i in AssessmentIndicator.allCases {
                guard row.met(i) == false, let sentence = sentence(row, i) else { continue }
                lines.append(sentence)
            }
        }
        let scores = a.scores.sorted { ($0.rank ?? 0, $0.code) < ($1.rank ?? 0, $1.code) }
        if let best = scores.first, let worst = scores.last, scores.count > 1 {
            lines.append("考核得分最高的是\(best.name)（\(Scoring.number(best.total))分，\(best.grade)），最低的是\(worst.name)（\(Scoring.number(worst.total))分，\(worst.grade)）。")
        }
        for s in scores where s.grade == "不合格" { lines.append("\(s.name)考核得分\(Scoring.number(s.total))分，等次为不合格。") }
        return lines
    }

    static func sentence(_ row: TownshipAssessment, _ i: AssessmentIndicator) -> String? {
        let v = row.value(i)
        guard let target = v.target, let actual = v.actual else { return nil }
        let u = i.unit == "m3" ? "立方米" : i.unit == "ha" ? "公顷" : i.unit
        let written = FixedDecimal(actual, decimals: i.decimals).double
        let value = Scoring.number(written, i.decimals)
        let gap = Scoring.number(abs(written - target), max(i.decimals, 2))
        switch i {
        case .unapprovedPatches:
            return "\(row.name)：发现无审批变化图斑 \(v.cases ?? 0) 个，面积 \(value) 公顷，需核实并依法处理。"
        case .ringBeltLoss:
            return "\(row.name)：环城林带内林地减少 \(v.cases ?? 0) 处，面积 \(value) 公顷，需优先核查。"
        case .naturalForestHarvest:
            return "\(row.name)：天然林内采伐 \(v.cases ?? 0) 处，面积 \(value) 公顷，天然林禁止商业性采伐。"
        case .majorFires:
            return "\(row.name)：发生重大森林火灾 \(v.cases ?? 0) 起。"
        default:
            if i.comparison == .floor {
                return "\(row.name)：\(i.chineseName) \(value)\(u)，未达到目标 \(Scoring.number(target, 4))\(u)，差 \(gap)\(i.shortfallUnit == u ? u : i.shortfallUnit)。"
            }
            return "\(row.name)：\(i.chineseName) \(value)\(u)，超过上限 \(Scoring.number(target, 4))\(u)，超出 \(gap)\(i.shortfallUnit == u ? u : i.shortfallUnit)。"
        }
    }
}

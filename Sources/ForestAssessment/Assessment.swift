import Foundation
import ForestChange
import ForestCases
import ForestMapCore
import ForestStats

/// The forest-chief assessment (林长制考核) of the annual run: every township's indicators against its targets
/// (附表1), its score by the configured rules (附表2), and the findings in Chinese.
public struct Assessment: Sendable {
    /// One row per township, by code.
    public var townships: [TownshipAssessment]
    /// The district: the townships' figures summed, against the district's own targets (the totals row).
    public var district: TownshipAssessment
    public var scores: [Scoring.TownshipScore]
    public var districtScore: Scoring.TownshipScore
    public var findings: [String]
    public var notes: [String]
    /// The rows are units filed on their own (a region's counties): each rounded as its own table's totals row,
    /// the totals row their exact sum (`AssessmentTables.cells`).
    public var rowsAsWritten = false

    /// What the assessment is computed from.
    public struct Inputs: Sendable {
        public var current: ForestStatistics
        public var previous: ForestStatistics?
        /// The current layer, for the unestablished forest land of the pest rate's denominator.
        public var currentLayer: SubCompartmentLayer?
        public var change: ChangeIndicators
        /// False when the change step produced no patches: the indicators only patches give stay empty.
        public var changeAvailable: Bool
        public var layers: AssessmentLayers
        public var targets: TownshipTargets
        /// Per township, the case register's confirmed violations of the period and those dealt with; nil: no
        /// register (the closure rate is filled in by hand).
        public var caseClosure: [String: CaseClosure]?

        public init(current: ForestStatistics, previous: ForestStatistics?, currentLayer: SubCompartmentLayer?, change: ChangeIndicators,
                    changeAvailable: Bool, layers: AssessmentLayers, targets: TownshipTargets, caseClosure: [String: CaseClosure]? = nil) {
            self.caseClosure = caseClosure
            self.current = current
            self.previous = previous
            self.currentLayer = currentLayer
            self.change = change
            self.changeAvailable = changeAvailable
            self.layers = layers
            self.targets = targets
        }
    }

    public static func compute(_ inputs: Inputs, config: ForestMapConfig) -> Assessment {
        let majorFireHectares = config.scoring.majorFireHectares
        let district = config.districtCode
        var names: [String: String] = [:]
        for z in inputs.current.zones where z.kind == .township { names[z.townshipCode] = z.townshipName }
        for (code, name) in inputs.targets.names where code != district && names[code] == nil { names[code] = name }
        for t in Township.huaxi where names[t.code]?.isEmpty ?? false { names[t.code] = t.name }
        let codes = names.keys.sorted()

        var figures = Dictionary(uniqueKeysWithValues: codes.map { ($0, TownshipAssessment.Figures()) })
        func add(_ code: String, _ body: (inout TownshipAssessment.Figures) -> Void) {
            guard figures[code] != nil else { return }
            body(&figures[code]!)
        }
        // The statistics as `stats` writes them (township_stats): one figure, one value in every table.
        for (z, f) in WrittenFigures.rows(inputs.current) where z.kind == .township {
            add(z.townshipCode) {
                $0.landHectares = f.landHectares
                $0.forestHectares = f.forestHectares
                $0.forestLandHectares = f.forestLandHectares
                $0.stock = f.stock
                $0.naturalForestHectares = f.naturalForestHectares
                $0.publicWelfareHectares = f.publicWelfareHectares
            }
        }
        if let previous = inputs.previous {
            for (z, f) in WrittenFigures.rows(previous) where z.kind == .township {
                add(z.townshipCode) {
                    $0.previousLandHectares = f.landHectares
                    $0.previousForestHectares = f.forestHectares
                    $0.previousForestLandHectares = f.forestLandHectares
                    $0.previousStock = f.stock
                }
            }
        }
        for s in inputs.currentLayer?.subCompartments ?? [] where s.landClass?.group == .unestablished {
            add(s.townshipCode) { $0.unestablishedHectares += s.storedAreaHectares ?? 0 }
        }
        for code in codes { add(code) { $0.change = inputs.change.figures(code) } }
        if let closure = inputs.caseClosure {
            for code in codes { add(code) { $0.cases = closure[code] ?? CaseClosure() } }
        }
        for t in inputs.layers.tasks ?? [] {
            add(t.townshipCode) {
                $0.taskHectares[t.kind, default: 0] += t.taskHectares
                $0.doneHectares[t.kind, default: 0] += t.doneHectares
            }
        }
        for code in codes {
            add(code) { f in
                for kind in AssessmentLayers.Task.Kind.allCases {
                    let done = f.doneHectares[kind] ?? 0
                    // 造林 is confirmed by the change layer: at most the afforestation its patches show (not on farmland).
                    f.achievedHectares[kind] = kind == .afforestation && inputs.changeAvailable
                        ? min(done, AreaUnit.hectares(f.change.afforestationSquareMetres)) : done
                }
                if inputs.layers.fires == nil { f.burnedForestHectares = AreaUnit.hectares(f.change.fireSquareMetres) }
            }
        }
        for fire in inputs.layers.fires ?? [] {
            add(fire.townshipCode) {
                $0.burnedForestHectares += fire.damagedForestHectares
                if fire.damagedForestHectares >= majorFireHectares { $0.majorFires += 1 }
            }
        }
        for p in inputs.layers.pests ?? [] { add(p.townshipCode) { $0.pestDisasterHectares += p.disasterHectares } }
        for code in inputs.layers.projects ?? [] { add(code) { $0.projects += 1 } }

        var assessment = assemble(codes.map { ($0, names[$0] ?? "", figures[$0]!) }, targets: inputs.targets,
                                  changeAvailable: inputs.changeAvailable, config: config)
        assessment.notes = notes(inputs, config: config)
        // A layer whose codes mix two code systems understates forest: the first thing a reader must know.
        for (year, layer) in [("本期", inputs.currentLayer)] {
            if let mixed = layer?.mixedCodeSystems {
                assessment.findings.insert("注意：\(year)小班图层地类代码体系混用（\(mixed.system.rawValue) 图层中有 \(mixed.total) 个小班使用 \(mixed.other.rawValue) 代码），这些小班未计入森林面积，覆盖率偏低；请统一代码后重新运行。", at: 0)
            }
        }
        return assessment
    }

    /// The indicators, scores and findings of townships whose figures are known; the district row is their sum.
    ///
    /// `written`: units filed on their own (a region's counties), code → their totals row as written (additive
    /// column key → value): their rows show those values, and their indicators are judged and scored on them.
    public static func assemble(_ townships: [(code: String, name: String, figures: TownshipAssessment.Figures)], targets: TownshipTargets,
                                changeAvailable: Bool, config: ForestMapConfig, written: [String: [String: Double?]] = [:]) -> Assessment {
        let settings = config.scoring
        let override = Dictionary(settings.items.compactMap { i in i.target.map { (i.indicator, $0) } }) { a, _ in a }
        let rows = townships.map { t in
            var row = TownshipAssessment(code: t.code, name: t.name, figures: t.figures,
                                         values: TownshipAssessment.indicators(t.figures, targets: targets.targets[t.code] ?? [:],
                                                                               changeAvailable: changeAvailable, override: override))
            if let totals = written[t.code] {
                row.writtenTotals = totals
                for i in AssessmentIndicator.allCases {
                    if let value = totals[i.rawValue], var v = row.values[i] {
                        v.actual = value
                        row.values[i] = v
                    }
                }
            }
            return row
        }
        let districtFigures = rows.reduce(TownshipAssessment.Figures()) { $0 + $1.figures }
        var districtRow = TownshipAssessment(code: config.districtCode, name: config.districtName, figures: districtFigures,
                                             values: TownshipAssessment.indicators(districtFigures, targets: targets.targets[config.districtCode] ?? [:],
                                                                                   changeAvailable: changeAvailable, override: override))
        // With units' written totals, the totals row's additive indicators are their exact sum, as the table shows.
        for i in AssessmentIndicator.allCases where !written.isEmpty && written.values.contains(where: { $0[i.rawValue] != nil }) {
            let values = rows.compactMap { row in row.writtenTotals?[i.rawValue] ?? nil }
            guard !values.isEmpty, var v = districtRow.values[i] else { continue }
            v.actual = values.map { FixedDecimal($0, decimals: 6) }.sum(decimals: 6).double
            districtRow.values[i] = v
        }
        let scores = Scoring.ranked(rows.map { Scoring.score($0, settings: settings) })
        var assessment = Assessment(townships: rows, district: districtRow, scores: scores,
                                    districtScore: Scoring.score(districtRow, settings: settings), findings: [], notes: [])
        assessment.findings = Findings.lines(assessment, config: config)
        return assessment
    }

    static func notes(_ inputs: Inputs, config: ForestMapConfig) -> [String] {
        var notes: [String] = []
        notes.append("森林覆盖率 = 森林面积 / 土地总面积 × 100；森林火灾受害率 = 受害森林面积 / 森林面积 × 1000‰；林业有害生物成灾率 = 成灾面积 / (森林面积 + 未成林地面积) × 1000‰")
        notes.append(inputs.changeAvailable
                     ? "造林完成面积 = 任务图层核实完成面积（WCMJ），以变化图斑确认的造林面积（不含耕地上造林）为上限；采伐量 = 采伐图斑面积 × 上年小班每公顷蓄积"
                     : "变化图斑未生成：造林完成面积取任务图层核实完成面积（WCMJ），未经变化图斑确认；采伐、审批、环城林带等依赖变化图斑的指标为空")
        notes.append(inputs.layers.fires == nil ? "未提供森林火灾图层：受害森林面积取变化图斑中的火烧迹地面积" : "受害森林面积取森林火灾图层 SHMJ；受害森林面积 ≥ \(Scoring.number(config.scoring.majorFireHectares)) 公顷为重大森林火灾")
        if inputs.layers.pests == nil { notes.append("未提供林业有害生物图层：成灾面积计为 0") }
        if inputs.layers.tasks == nil { notes.append("未提供营造林任务图层：造林、抚育、补植完成率为空") }
        if inputs.layers.projects == nil { notes.append("未提供林下经济项目图层：项目数计为 0") }
        for (label, n) in inputs.layers.outsideThePeriod.sorted(by: { $0.key < $1.key }) { notes.append("\(label)：\(n) 条记录不在考核期内，未计") }
        for (field, bad) in inputs.layers.badNumbers.sorted(by: { $0.key < $1.key }) {
            notes.append("\(field)：\(bad.count) 个数值无效（如 \(bad.first)），按缺失计")
        }
        if inputs.caseClosure == nil {
            notes.append("造林合格率、破坏森林资源案件查处率、古树名木保护率无图层数据，需人工填报")
        } else {
            notes.append("破坏森林资源案件查处率 = 本期案件中经核查属实的案件已立案、已处罚或已整改的件数 / 经核查属实的案件数 × 100（问题整改台账）；无属实案件的乡镇为空")
            notes.append("造林合格率、古树名木保护率无图层数据，需人工填报")
        }
        notes.append("“/”表示该指标不适用于该乡镇（街道）；合计行为各乡镇（街道）之和，目标取全区目标")
        return notes
    }
}

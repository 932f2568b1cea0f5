import Foundation
import Geo
import ForestMapCore
import ForestStats

/// 附表1 (targets and achievements per township) and 附表2 (scores) as CSV for programs and as filed XLSX tables.
/// Additive columns (areas, volumes, counts) are rounded so the township rows add up exactly to the totals row as
/// written; rates and targets are each row's own (the totals row's from the district's figures and targets).
package enum AssessmentTables {
    /// What a cell holds before it is written.
    enum Cell: Equatable, Sendable {
        case number(Double)
        /// Does not apply: "/" in the XLSX, empty in the CSV.
        case notApplicable
        /// No value: left empty (filled by hand).
        case empty
        case text(String)
    }

    struct Column: @unchecked Sendable {
        var key: String
        var header: String
        var decimals: Int
        /// Summed in the totals row (and rounded to close); otherwise the district row's own value.
        var additive: Bool
        var value: (TownshipAssessment) -> Cell
        /// A 达标 column: its "未达标" cells are flagged red.
        var isMet = false
    }

    static func met(_ i: AssessmentIndicator) -> Column {
        Column(key: "\(i.rawValue)_met", header: "\(i.chineseName)是否达标", decimals: 0, additive: false, value: { row in
            guard row.value(i).applies else { return .notApplicable }
            return row.met(i).map { .text($0 ? "达标" : "未达标") } ?? .empty
        }, isMet: true)
    }

    static func target(_ i: AssessmentIndicator, key: String? = nil) -> Column {
        Column(key: key ?? "\(i.rawValue)_target", header: "\(i.chineseName)目标（\(unit(i))）\(i.comparison == .floor ? "≥" : "≤")", decimals: max(i.decimals, 2), additive: false) { row in
            let v = row.value(i)
            guard v.applies else { return .notApplicable }
            return v.target.map(Cell.number) ?? .empty
        }
    }

    static func actual(_ i: AssessmentIndicator, header: String? = nil, additive: Bool = false) -> Column {
        Column(key: i.rawValue, header: header ?? "\(i.chineseName)（\(unit(i))）", decimals: i.decimals, additive: additive) { row in
            let v = row.value(i)
            guard v.applies else { return .notApplicable }
            return v.actual.map(Cell.number) ?? .empty
        }
    }

    static func unit(_ i: AssessmentIndicator) -> String { i.unit == "m3" ? "m³" : i.unit == "ha" ? "公顷" : i.unit }

    static func figure(_ key: String, _ header: String, decimals: Int, _ value: @escaping (TownshipAssessment.Figures) -> Double) -> Column {
        Column(key: key, header: header, decimals: decimals, additive: true) { .number(value($0.figures)) }
    }

    static func task(_ kind: AssessmentLayers.Task.Kind, _ name: String, rate: AssessmentIndicator) -> [Column] {
        let mu = AreaUnit.muPerHectare
        let key = kind == .afforestation ? "afforestation" : kind == .tending ? "tending" : "farmland_replanting"
        return [
            figure("\(key)_task_mu", "\(name)任务（亩）", decimals: 2) { ($0.taskHectares[kind] ?? 0) * mu },
            figure("\(key)_task_wanmu", "\(name)任务（万亩）", decimals: 4) { ($0.taskHectares[kind] ?? 0) * mu / 10_000 },
            figure("\(key)_done_mu", "\(name)完成（亩）", decimals: 2) { ($0.achievedHectares[kind] ?? 0) * mu },
            figure("\(key)_done_wanmu", "\(name)完成（万亩）", decimals: 4) { ($0.achievedHectares[kind] ?? 0) * mu / 10_000 },
            target(rate), actual(rate), met(rate),
        ]
    }

    /// 附表1's columns after the township code and name.
    static let appendix1Columns: [Column] = {
        var c: [Column] = [
            figure("land_ha", "土地总面积（公顷）", decimals: 4) { $0.landHectares },
            figure("forest_ha_previous", "上年森林面积（公顷）", decimals: 4) { $0.previousForestHectares },
            figure("forest_ha", "森林面积（公顷）", decimals: 4) { $0.forestHectares },
            target(.forestCoverageRate),
            Column(key: "forest_coverage_rate_previous", header: "上年森林覆盖率（%）", decimals: 2, additive: false) { $0.value(.forestCoverageRate).previous.map(Cell.number) ?? .empty },
            actual(.forestCoverageRate, header: "森林覆盖率（%）"), met(.forestCoverageRate),
            target(.forestLandArea),
            figure("forest_land_area_previous", "上年林地面积（公顷）", decimals: 4) { $0.previousForestLandHectares },
            actual(.forestLandArea, header: "林地面积（公顷）", additive: true), met(.forestLandArea),
            target(.standingVolume),
            figure("standing_volume_previous", "上年森林蓄积量（m³）", decimals: 1) { $0.previousStock },
            actual(.standingVolume, header: "森林蓄积量（m³）", additive: true), met(.standingVolume),
            target(.naturalForestArea), actual(.naturalForestArea, header: "天然林面积（公顷）", additive: true), met(.naturalForestArea),
            actual(.publicWelfareArea, header: "公益林面积（公顷）", additive: true),
        ]
        c += task(.afforestation, "造林", rate: .afforestationCompletionRate)
        c += task(.tending, "森林抚育", rate: .tendingCompletionRate)
        c += task(.replanting, "退耕还林补植", rate: .replantingCompletionRate)
        c += [
            target(.fireDamageRate),
            figure("burned_forest_ha", "受害森林面积（公顷）", decimals: 4) { $0.burnedForestHectares },
            actual(.fireDamageRate), met(.fireDamageRate),
            actual(.majorFires, additive: true),
            target(.pestDisasterRate),
            figure("pest_disaster_ha", "有害生物成灾面积（公顷）", decimals: 4) { $0.pestDisasterHectares },
            actual(.pestDisasterRate), met(.pestDisasterRate),
            target(.underForestEconomyProjects), actual(.underForestEconomyProjects, additive: true), met(.underForestEconomyProjects),
            target(.harvestQuota), actual(.harvestQuota, header: "森林采伐量（m³）", additive: true), met(.harvestQuota),
            Column(key: "natural_forest_harvest_count", header: "天然林采伐（处）", decimals: 0, additive: true) { $0.value(.naturalForestHarvest).cases.map { .number(Double($0)) } ?? .empty },
            actual(.naturalForestHarvest, header: "天然林采伐（公顷）", additive: true),
            Column(key: "unapproved_patches_count", header: "无审批变化图斑（个）", decimals: 0, additive: true) { $0.value(.unapprovedPatches).cases.map { .number(Double($0)) } ?? .empty },
            actual(.unapprovedPatches, header: "无审批变化图斑面积（公顷）", additive: true),
            Column(key: "ring_belt_loss_count", header: "环城林带林地减少（处）", decimals: 0, additive: true) { $0.value(.ringBeltLoss).cases.map { .number(Double($0)) } ?? .empty },
            actual(.ringBeltLoss, header: "环城林带林地减少（公顷）", additive: true),
            target(.forestLandUseApprovalRate), actual(.forestLandUseApprovalRate), met(.forestLandUseApprovalRate),
        ]
        for i in AssessmentIndicator.allCases where i.isFilledByHand {
            if i == .caseClosureRate {
                // From the case register when the run keeps one; empty (to fill in by hand) otherwise.
                c += [target(i),
                      Column(key: "confirmed_cases", header: "属实案件（件）", decimals: 0, additive: true) { $0.figures.cases.map { .number(Double($0.confirmed)) } ?? .empty },
                      Column(key: "cases_dealt_with", header: "已查处案件（件）", decimals: 0, additive: true) { $0.figures.cases.map { .number(Double($0.dealtWith)) } ?? .empty },
                      Column(key: i.rawValue, header: "\(i.chineseName)（%，台账计算，无台账时人工填报）", decimals: 2, additive: false) {
                          $0.value(i).actual.map { .number($0) } ?? .empty
                      }]
            } else {
                c += [target(i), Column(key: i.rawValue, header: "\(i.chineseName)（%，人工填报）", decimals: 2, additive: false) { _ in .empty }]
            }
        }
        return c
    }()

    /// Each row's cells, the totals row last; additive columns closed by the largest-remainder method.
    ///
    /// With `rowsAsWritten` (a region, whose rows are counties), each row is rounded on its own, as that county's own
    /// totals row is, and the totals row is the exact sum of the rows as written.
    static func cells(_ columns: [Column], rows: [TownshipAssessment], district: TownshipAssessment, rowsAsWritten: Bool = false) -> [[Cell]] {
        var grid = rows.map { row in
            columns.map { column -> Cell in
                // A county's row in a region: the county's own totals row as written.
                if rowsAsWritten, column.additive, let written = row.writtenTotals?[column.key] {
                    return written.map(Cell.number) ?? .empty
                }
                return column.value(row)
            }
        }
        var totals = columns.map { $0.value(district) }
        for (c, column) in columns.enumerated() where column.additive {
            let values = grid.map { row -> Double? in if case .number(let v) = row[c] { return v }; return nil }
            guard values.contains(where: { $0 != nil }) else { continue }
            let closed = rowsAsWritten ? values.map { FixedDecimal.closing([$0 ?? 0], decimals: column.decimals)[0] }
                : FixedDecimal.closing(values.map { $0 ?? 0 }, decimals: column.decimals)
            for r in grid.indices where values[r] != nil { grid[r][c] = .number(closed[r].double) }
            totals[c] = .number(closed.sum(decimals: column.decimals).double)
        }
        return grid + [totals]
    }

    static func csvText(_ cell: Cell, decimals: Int, isMet: Bool) -> String {
        switch cell {
        case .number(let v): return CSVTable.number(v, decimals: decimals)
        case .notApplicable, .empty: return ""
        case .text(let t): return isMet ? (t == "达标" ? "yes" : "no") : t
        }
    }

    static func xlsxValue(_ cell: Cell) -> CellValue {
        switch cell {
        case .number(let v): .number(v)
        case .notApplicable: .text("/")
        case .empty: .empty
        case .text(let t): .text(t)
        }
    }

    /// The additive columns of 附表1's totals row as written (nil: empty).
    static func writtenTotals(_ a: Assessment) -> [String: Double?] {
        let totals = cells(appendix1Columns, rows: a.townships, district: a.district, rowsAsWritten: a.rowsAsWritten).last ?? []
        var result: [String: Double?] = [:]
        for (column, cell) in zip(appendix1Columns, totals) where column.additive {
            if case .number(let v) = cell { result[column.key] = v } else { result[column.key] = .some(nil) }
        }
        return result
    }

    /// 附表1 as CSV: `township_code, township_name`, then the columns' keys; the totals row has the district's code.
    static func appendix1TargetsCSV(_ a: Assessment) -> CSVTable {
        let grid = cells(appendix1Columns, rows: a.townships, district: a.district, rowsAsWritten: a.rowsAsWritten)
        let codes = a.townships.map { ($0.code, $0.name) } + [(a.district.code, a.district.name)]
        return CSVTable(header: ["township_code", "township_name"] + appendix1Columns.map(\.key), rows: zip(codes, grid).map { id, row in
            [id.0, id.1] + zip(appendix1Columns, row).map { csvText($1, decimals: $0.decimals, isMet: $0.isMet) }
        })
    }

    static func kind(_ decimals: Int) -> FiledTable.Kind { decimals == 0 ? .integer : .number(decimals: decimals) }

    static let footer = ["填表人：＿＿＿＿＿＿　　　　审核人：＿＿＿＿＿＿　　　　单位负责人：＿＿＿＿＿＿　　　　（盖章）"]

    package static func appendix1TargetsXLSX(_ a: Assessment, config: ForestMapConfig, date: String) -> FiledTable {
        let grid = cells(appendix1Columns, rows: a.townships, district: a.district, rowsAsWritten: a.rowsAsWritten)
        let year = config.year.map { "\($0)年度" } ?? ""
        let columns = [FiledTable.Column("乡镇代码", .text, width: 11), FiledTable.Column("乡镇（街道）", .text, width: 16)]
            + appendix1Columns.map { FiledTable.Column($0.header, $0.isMet ? .text : kind($0.decimals), width: $0.isMet ? 7 : 11) }
        var table = FiledTable(sheetName: "附表1", title: "附表1 \(config.districtName)\(year)林长制目标任务完成情况表",
                               reportingUnit: config.reportingUnit, date: date, unitLine: "单位：见表头（面积：公顷、亩、万亩）",
                               columns: columns,
                               rows: zip(a.townships, grid.dropLast()).map { row, cells in [.text(row.code), .text(row.name)] + cells.map(xlsxValue) },
                               totals: [.text(a.district.code), .text("合计（\(a.district.name)）")] + grid.last!.map(xlsxValue),
                               notes: a.notes.map { "注：\($0)" })
        table.footer = footer
        for (r, cells) in grid.dropLast().enumerated() {
            for (c, cell) in cells.enumerated() where appendix1Columns[c].isMet && cell == .text("未达标") { table.flagged.insert([r, c + 2]) }
        }
        return table
    }

    /// 附表2 as CSV: `township_code, township_name`, `<indicator>_points` per configured item, `total, grade, rank`.
    static func appendix2ScoresCSV(_ a: Assessment, settings: ScoringSettings) -> CSVTable {
        CSVTable(header: ["township_code", "township_name"] + settings.items.map { "\($0.indicator.rawValue)_points" } + ["total", "grade", "rank"],
                 rows: (a.scores + [a.districtScore]).map { s in
                     [s.code, s.name] + s.items.map { $0.points.map { CSVTable.number($0, decimals: 2) } ?? "" }
                         + [CSVTable.number(s.total, decimals: 2), s.grade, s.rank.map(String.init) ?? ""]
                 })
    }

    /// Every item of every township with how it was scored (`scores_detail.csv`).
    static func scoreDetailCSV(_ a: Assessment, settings: ScoringSettings) -> CSVTable {
        var t = CSVTable(header: ["township_code", "township_name", "indicator", "indicator_name", "weight", "target", "actual", "cases",
                                  "shortfall", "deduction", "bonus", "points", "explanation"])
        for (s, row) in zip(a.scores + [a.districtScore], a.townships + [a.district]) {
            for (item, rule) in zip(s.items, settings.items) {
                let v = row.value(item.indicator)
                t.rows.append([s.code, s.name, item.indicator.rawValue, item.indicator.chineseName, Scoring.number(item.weight),
                               (rule.target ?? v.target).map { Scoring.number($0, 4) } ?? "",
                               v.actual.map { CSVTable.number($0, decimals: item.indicator.decimals) } ?? "",
                               v.cases.map(String.init) ?? "", Scoring.number(item.shortfall, 4), Scoring.number(item.deduction),
                               Scoring.number(item.bonus), item.points.map { CSVTable.number($0, decimals: 2) } ?? "", item.explanation])
            }
        }
        return t
    }

    package static func appendix2ScoresXLSX(_ a: Assessment, config: ForestMapConfig, date: String) -> FiledTable {
        let settings = config.scoring
        let year = config.year.map { "\($0)年度" } ?? ""
        let columns = [FiledTable.Column("乡镇代码", .text, width: 11), FiledTable.Column("乡镇（街道）", .text, width: 16)]
            + settings.items.map { FiledTable.Column("\($0.indicator.chineseName)（\($0.weight > 0 ? "\(Scoring.number($0.weight))分" : "扣分项")）", .number(decimals: 2), width: 10) }
            + [FiledTable.Column("总分", .number(decimals: 2), width: 9), FiledTable.Column("等次", .text, width: 8),
               FiledTable.Column("排名", .integer, width: 6), FiledTable.Column("扣分说明", .text, width: 70)]
        func row(_ s: Scoring.TownshipScore) -> [CellValue] {
            let explained = s.items.filter { $0.deduction > 0 || $0.bonus > 0 || !$0.applies }.map(\.explanation)
            return [.text(s.code), .text(s.name)] + s.items.map { $0.points.map(CellValue.number) ?? .text("/") }
                + [.number(s.total), .text(s.grade), s.rank.map { .integer(Int64($0)) } ?? .empty,
                   .text(explained.isEmpty ? "各项均达标，无扣分" : explained.joined(separator: "；"))]
        }
        let rules = settings.items.map { i -> String in
            var r = "\(i.indicator.chineseName)：" + (i.weight > 0 ? "\(Scoring.number(i.weight))分" : "扣分项")
            if i.deductPerUnit > 0 { r += "，\(i.indicator.comparison == .floor ? "每低于目标" : "每超出上限")\(Scoring.number(i.unit, 4))\(i.shortfall == .percentOfTarget ? "%（占目标）" : i.indicator.shortfallUnit)扣\(Scoring.number(i.deductPerUnit))分" }
            if i.deductPerCase > 0 { r += "，每起（个）扣\(Scoring.number(i.deductPerCase))分" }
            if i.bonus > 0 { r += "，达标加\(Scoring.number(i.bonus))分" }
            if i.floorAtZero && i.weight > 0 { r += "，扣完为止" }
            return r
        }
        var table = FiledTable(sheetName: "附表2", title: "附表2 \(config.districtName)\(year)林长制考核评分表",
                               reportingUnit: config.reportingUnit, date: date, unitLine: "单位：分",
                               columns: columns, rows: a.scores.map(row), totals: row(a.districtScore),
                               notes: ["注：评分细则（[scoring]）— " + rules.joined(separator: "；"),
                                       "注：不适用或无数据的指标" + (settings.notApplicable == .full ? "得满分" : "不计分，总分按适用指标折算为满分"),
                                       "注：等次 " + settings.grades.map { "\($0.name) ≥ \(Scoring.number($0.minimum))分" }.joined(separator: "，") + "，其余为不合格",
                                       "注：合计行（全区）不是各乡镇得分的平均：以全区合计数据对照全区目标，按同一细则逐项评分，故可低于（或高于）每个乡镇的得分",
                                       settings.capTotal.map { "注：总分封顶\(Scoring.number($0))分（[scoring] cap_total）" }
                                           ?? "注：达标加分项（加分）计入总分，总分可超过各项满分之和（未设封顶，[scoring] cap_total）"])
        table.footer = footer
        return table
    }

    /// Writes every file of the assessment into `folder`; returns the file names.
    package static func write(_ a: Assessment, into folder: OutputFolder, config: ForestMapConfig, date: String) throws -> [String] {
        try appendix1TargetsCSV(a).write(to: folder.file("appendix1_targets.csv"))
        try FiledTable.write([appendix1TargetsXLSX(a, config: config, date: date)], to: folder.file("appendix1_targets.xlsx"))
        try appendix2ScoresCSV(a, settings: config.scoring).write(to: folder.file("appendix2_scores.csv"))
        try scoreDetailCSV(a, settings: config.scoring).write(to: folder.file("scores_detail.csv"))
        try FiledTable.write([appendix2ScoresXLSX(a, config: config, date: date)], to: folder.file("appendix2_scores.xlsx"))
        var findings = Data([0xEF, 0xBB, 0xBF])
        findings.append(Data((a.findings.joined(separator: "\r\n") + "\r\n").utf8))
        do { try findings.write(to: folder.file("findings.txt")) } catch {
            throw ForestMapError.input("cannot write \(folder.file("findings.txt").path): \(error.localizedDescription)")
        }
        try AssessmentFigures(a).write(to: folder.file(AssessmentFigures.fileName))
        return ["appendix1_targets.csv", "appendix1_targets.xlsx", "appendix2_scores.csv", "appendix2_scores.xlsx", "scores_detail.csv", "findings.txt",
                AssessmentFigures.fileName]
    }
}

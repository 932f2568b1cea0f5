import Foundation
import Geo
import ForestMapCore

/// The forest-chief targets per township (附表1 目标任务分解, docs/domain.md §4 and §10), derived from the first year
/// so they are plausible for the district: targets.csv (one row per township and indicator, for programs) and
/// targets.xlsx (one row per township, for people). The district's own row is `520111`.
enum SynthTargets {
    struct Indicator {
        let key: String
        let name: String
        let unit: String
        /// ">=" a floor, "<=" a ceiling.
        let comparison: String
        let decimals: Int
    }

    static let indicators: [Indicator] = [
        Indicator(key: "forest_coverage_rate", name: "森林覆盖率", unit: "%", comparison: ">=", decimals: 2),
        Indicator(key: "forest_land_area", name: "林地保有量", unit: "ha", comparison: ">=", decimals: 2),
        Indicator(key: "standing_volume", name: "森林蓄积量", unit: "m3", comparison: ">=", decimals: 0),
        Indicator(key: "harvest_quota", name: "年森林采伐限额", unit: "m3", comparison: "<=", decimals: 0),
        Indicator(key: "afforestation_task", name: "造林任务", unit: "ha", comparison: ">=", decimals: 4),
        Indicator(key: "tending_task", name: "森林抚育任务", unit: "ha", comparison: ">=", decimals: 4),
        Indicator(key: "farmland_replanting_task", name: "退耕还林补植任务", unit: "ha", comparison: ">=", decimals: 4),
        Indicator(key: "afforestation_completion_rate", name: "造林完成率", unit: "%", comparison: ">=", decimals: 0),
        Indicator(key: "afforestation_quality_rate", name: "造林合格率", unit: "%", comparison: ">=", decimals: 0),
        Indicator(key: "forest_land_use_approval_rate", name: "使用林地审核审批率", unit: "%", comparison: ">=", decimals: 0),
        Indicator(key: "case_closure_rate", name: "破坏森林资源案件查处率", unit: "%", comparison: ">=", decimals: 0),
        Indicator(key: "fire_damage_rate", name: "森林火灾受害率", unit: "‰", comparison: "<=", decimals: 1),
        Indicator(key: "pest_disaster_rate", name: "林业有害生物成灾率", unit: "‰", comparison: "<=", decimals: 1),
        Indicator(key: "natural_forest_area", name: "天然林保护面积", unit: "ha", comparison: ">=", decimals: 2),
        Indicator(key: "old_tree_protection_rate", name: "古树名木保护率", unit: "%", comparison: ">=", decimals: 0),
        Indicator(key: "under_forest_economy_projects", name: "林下经济项目", unit: "个", comparison: ">=", decimals: 0),
    ]

    /// Targets per zone (19 townships in code order, then the district): nil where the indicator does not apply.
    static func values(_ d: SynthDistrict) -> [(code: String, name: String, targets: [Double?])] {
        let county = d.layout.county
        let zones = county.townships.count + 1
        var land = [Double](repeating: 0, count: zones), cover = land, forestLand = land, volume = land, commercial = land
        var natural = land, afforest = land, tending = land, replant = land, projects = land
        let index = Dictionary(uniqueKeysWithValues: county.townships.enumerated().map { ($1.divisionCode, $0) })
        // Forest land to keep is counted as the new code system counts it: land the switch reclassifies out of forest
        // land (old 017x, 0180, 163x) is no loss to answer for.
        let newSystem = LandClassTable.builtIn(.new6)
        func add(_ array: inout [Double], _ t: Int, _ value: Double) {
            array[t] += value
            array[zones - 1] += value
        }
        for slot in 0..<d.layout.count {
            let t = Int(d.layout.township[slot]), ha = d.previousHectares[slot], landClass = d.previousClass(slot)
            let stand = d.previousStands[slot]
            add(&land, t, ha)
            if landClass.countsTowardCoverage { add(&cover, t, ha) }
            if landClass.isForestLand && newSystem.code(for: landClass) != nil { add(&forestLand, t, ha) }
            if landClass == .arbor {
                let v = (stand.volume ?? 0) * ha
                add(&volume, t, v)
                if stand.senLinLB?.hasPrefix("02") ?? false { add(&commercial, t, v) }
                if stand.qiYuan?.hasPrefix("1") ?? false { add(&natural, t, ha) }
            }
        }
        for task in d.tasks {
            guard let t = index[task.township] else { continue }
            switch task.kind {
            case "造林": add(&afforest, t, task.targetHectares)
            case "抚育": add(&tending, t, task.targetHectares)
            default: add(&replant, t, task.targetHectares)
            }
        }
        for project in d.economy { if let t = index[project.township] { add(&projects, t, 1) } }
        func round(_ v: Double, _ decimals: Int) -> Double {
            var f = 1.0
            for _ in 0..<decimals { f *= 10 }
            return (v * f).rounded() / f
        }
        return (0..<zones).map { z in
            let isDistrict = z == zones - 1
            let code = isDistrict ? county.code : county.townships[z].divisionCode
            let name = isDistrict ? county.name : county.townships[z].name
            let street = !isDistrict && county.townships[z].code.hasPrefix("0")
            let hasAfforestation = afforest[z] > 0
            let targets: [Double?] = [
                // Coverage: 0.1 points above the first year in every third township (and the district), 0.5 below
                // elsewhere, so some townships meet their target and some do not.
                land[z] > 0 ? round(cover[z] / land[z] * 100 + (isDistrict || z % 3 == 0 ? 0.1 : -0.5), 2) : nil,
                round(forestLand[z] * 0.998, 2),
                round(volume[z] * 1.015, 0),
                street || commercial[z] == 0 ? nil : round(commercial[z] * 0.05, 0),
                hasAfforestation ? round(afforest[z], 4) : nil,
                tending[z] > 0 ? round(tending[z], 4) : nil,
                replant[z] > 0 ? round(replant[z], 4) : nil,
                hasAfforestation ? 100 : nil,
                hasAfforestation ? 95 : nil,
                100,
                95,
                0.6,
                2,
                natural[z] > 0 ? round(natural[z], 2) : nil,
                100,
                projects[z] > 0 ? projects[z] : nil,
            ]
            return (code, name, targets)
        }
    }

    /// targets.csv: township_code, township_name, indicator, indicator_name, unit, comparison, target, applicable.
    static func csv(_ d: SynthDistrict) -> CSVTable {
        var table = CSVTable(header: ["township_code", "township_name", "indicator", "indicator_name", "unit", "comparison",
                                      "target", "applicable"])
        for zone in values(d) {
            for (indicator, target) in zip(indicators, zone.targets) {
                table.rows.append([zone.code, zone.name, indicator.key, indicator.name, indicator.unit, indicator.comparison,
                                   target.map { CSVTable.number($0, decimals: indicator.decimals) } ?? "", target == nil ? "no" : "yes"])
            }
        }
        return table
    }

    /// targets.xlsx: 附表1 as a filed table, "/" where an indicator does not apply.
    static func writeWorkbook(_ d: SynthDistrict, to path: String) throws {
        let zones = values(d)
        let columns = [FiledTable.Column("乡镇代码", .text, width: 12), FiledTable.Column("乡镇（街道）", .text, width: 18)]
            + indicators.map { FiledTable.Column("\($0.name)（\($0.unit)）\($0.comparison == ">=" ? "≥" : "≤")", .number(decimals: $0.decimals), width: 12) }
        func row(_ zone: (code: String, name: String, targets: [Double?])) -> [CellValue] {
            [.text(zone.code), .text(zone.name)] + zone.targets.map { $0.map(CellValue.number) ?? .text("/") }
        }
        let year = d.options.currentYear
        let table = FiledTable(
            sheetName: "附表1", title: "附表1 \(d.layout.county.name)\(year)年度林长制目标任务分解表（合成数据）", reportingUnit: d.layout.county.reportingUnit,
            date: "\(year)-01-15", unitLine: "单位：见表头", columns: columns, rows: zones.dropLast().map(row), totals: row(zones.last!),
            notes: ["“/”表示该指标不适用于该乡镇（街道）。 \"/\": the indicator does not apply to the township.",
                    "合成数据，由 forestmap synth 生成，非真实目标。 Synthetic targets made by forestmap synth, not real ones."])
        let workbook = try Workbook(path: path)
        var components = DateComponents()
        (components.year, components.month, components.day) = (year, 1, 15)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        try workbook.setCreationDate(calendar.date(from: components) ?? Date(timeIntervalSince1970: 0))
        try table.write(into: try workbook.addWorksheet(named: table.sheetName))
        try workbook.close()
    }
}

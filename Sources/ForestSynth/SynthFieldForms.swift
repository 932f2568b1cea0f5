import Foundation
import Geo
import ForestChange
import ForestMapCore

/// What comes back from the field for a synthetic district, so the demo can show the case register's loop (run →
/// import → run again):
/// - `hitlist_核查表_filled.xlsx`: the 核查表 `forestmap run` writes for the district's hits (same sheets, header
///   row and columns), with the field columns filled from the truth: a hit on a planted violation (it shares
///   `from_ids` with a `truth.csv` row whose `hit` is `yes`) is 属实 and 已立案 or 整改中, every fourth of them
///   已整改; any other hit is 不属实. 核查编号 is the hit id (a form filled before the register existed).
/// - `patrol_cases.csv`: a few reports of patrols (巡查) and the public (群众反映) in the period, each at a point
///   inside a township, for `forestmap cases add`.
///
/// The hits are those of the change computed on the files written, by the config written beside them. Both files
/// are a function of the folder's contents and the seed: the same options give the same bytes.
package enum SynthFieldForms {
    package static let formFileName = "hitlist_核查表_filled.xlsx"
    package static let patrolFileName = "patrol_cases.csv"
    package static let fileNames = [formFileName, patrolFileName]
    package static let patrolColumns = ["date", "source", "description", "lon", "lat", "township_code", "area_ha", "who"]

    /// Computes the change of the district in `directory` (by its `forestmap.toml`) and writes both files.
    package static func write(_ options: SynthOptions, into directory: URL, threads: Int? = nil) throws {
        let config = try ForestMapConfig.load(path: directory.appendingPathComponent("forestmap.toml").path)
        var changeOptions = ChangeOptions(config: config)
        changeOptions.threads = threads
        let result = try ChangeRun.compute(ChangeRun.Sources(config: config), config: config, options: changeOptions)
        let truth = try Spreadsheet(reading: directory.appendingPathComponent(SynthOptions.truthFileName).path)
        try writeForm(result, truth: truth.sheets[0].rows, options: options, reportingUnit: config.reportingUnit,
                      to: directory.appendingPathComponent(formFileName))
        try patrolCases(result, options: options).write(to: directory.appendingPathComponent(patrolFileName))
        releaseInBackground(consume result)
    }

    // MARK: - The filled 核查表

    /// What a field team writes for one hit, in `HitListWorkbook.fieldColumns` order.
    struct Verification {
        var verdict: String, situation: String, violation: String, handling: String, who: String, date: String, remarks: String
        var cells: [String] { [verdict, situation, violation, handling, who, date, remarks] }
    }

    static let teams = ["王建国、李明", "张伟、刘芳", "陈刚、杨洁", "赵磊、吴敏", "周涛、罗丽", "黄勇、龙梅"]

    /// The verification of every hit by hit id. `truthRows` are truth.csv's rows, header first.
    static func verifications(_ result: ChangeRun.Result, names: ChangeNames, truthRows: [[String]], options: SynthOptions) throws -> [String: Verification] {
        guard let header = truthRows.first, let hitColumn = header.firstIndex(of: "hit"), let fromColumn = header.firstIndex(of: "from_ids"),
              let idColumn = header.firstIndex(of: "event_id") else {
            throw ForestMapError.input("synth: \(SynthOptions.truthFileName) lacks the columns event_id, hit, from_ids")
        }
        // Each 2020 sub-compartment of a planted violation → the event's number.
        var violation: [String: Int] = [:]
        for row in truthRows.dropFirst() where row.count > max(hitColumn, fromColumn, idColumn) && row[hitColumn] == "yes" {
            let number = Int(row[idColumn].dropFirst()) ?? 0
            for key in row[fromColumn].split(separator: ";") { violation[String(key)] = number }
        }
        let townships = Array(Set(result.hits.map(\.patch.townshipCode))).sorted()
        let year = options.currentYear + 1
        var out: [String: Verification] = [:]
        var confirmed = 0
        for hit in result.hits.sorted(by: { $0.hitID < $1.hitID }) {
            let p = hit.patch
            let t = townships.firstIndex(of: p.townshipCode)!
            // One team per township, out in March of the next year, a township a day.
            let who = teams[(t + Int(options.seed % UInt64(teams.count))) % teams.count]
            let date = "\(year)-03-\((10 + t).zeroPadded(2))"
            let toName = names.toClass(p.toClass), fromName = names.fromClass(p.fromClass)
            guard let event = p.fromIDs.compactMap({ violation[$0] }).min() else {
                out[hit.hitID] = Verification(verdict: "不属实", situation: "实地仍为\(fromName)，地类未变化，系图斑勾绘差异", violation: "",
                                              handling: "", who: who, date: date, remarks: "")
                continue
            }
            // Every fourth confirmed hit is rectified (the seed picks which); the others filed or being rectified.
            let rectified = confirmed % 4 == Int(options.seed % 4)
            confirmed += 1
            let filed = SynthHash.unit(options.seed, .fieldForms, event) < 0.5
            let handling = rectified ? "已整改" : filed ? "已立案" : "整改中"
            let remarks = rectified ? "已责令恢复原状，补植复绿，复查合格" : filed ? "已移交森林资源执法部门立案查处" : "已下达限期整改通知书"
            out[hit.hitID] = Verification(verdict: "属实", situation: "实地已变为\(toName)，与变化图斑一致", violation: violationType(p),
                                          handling: handling, who: who, date: date, remarks: remarks)
        }
        return out
    }

    /// 违法类型 as an enforcement team writes it.
    static func violationType(_ p: ChangePatch) -> String {
        switch (p.changeType, p.permitStatus) {
        case (.harvest, .some(.none)), (.harvest, .some(.expired)): return "无证采伐（滥伐林木）"
        case (.harvest, .some(.partial)): return "超证采伐"
        case (.harvest, _): return p.naturalForest ? "违规采伐天然林" : "环城林带内采伐"
        case (.clearedForFarming, _): return "毁林开垦"
        case (_, .some(.none)): return "未批先占（非法占用林地）"
        case (_, .some(.partial)): return "少批多占"
        case (_, .some(.wrongUse)): return "批非所用"
        case (_, .some(.expired)): return "超期占用林地"
        default: return "非法改变林地用途"
        }
    }

    static func writeForm(_ result: ChangeRun.Result, truth: [[String]], options: SynthOptions, reportingUnit: String, to url: URL) throws {
        let names = ChangeNames(townships: result.townships, previous: result.previous, current: result.current)
        let filled = try verifications(result, names: names, truthRows: truth, options: options)
        let notes = ["合成数据：核查结论由 forestmap synth 按 truth.csv 填写（植入的违法变化为属实，其余为不属实），供演示 forestmap cases import，非真实核查。",
                     "Synthetic: filled by forestmap synth from truth.csv (planted violations 属实, other hits 不属实) for the demo's cases import; not a real verification."]
        let filedOn = "\(options.currentYear + 1)-03-31"
        let tables = HitListWorkbook.tables(result.hits, names: names, reportingUnit: reportingUnit, date: filedOn, notes: notes).map { table in
            var t = table
            let first = t.columns.firstIndex { $0.header == HitListWorkbook.fieldColumns[0] }!
            let idColumn = t.columns.firstIndex { $0.header == "图斑编号" }!
            t.rows = t.rows.map { row in
                guard case .text(let id) = row[idColumn], let v = filled[id] else { return row }
                var r = row
                for (k, text) in v.cells.enumerated() { r[first + k] = text.isEmpty ? .empty : .text(text) }
                return r
            }
            return t
        }
        let workbook = try Workbook(path: url.path)
        try workbook.setCreationDate(utcDate(options.currentYear + 1, 3, 31))
        for table in tables { try table.write(into: try workbook.addWorksheet(named: table.sheetName)) }
        try workbook.close()
    }

    static func utcDate(_ year: Int, _ month: Int, _ day: Int) -> Date {
        var components = DateComponents()
        (components.year, components.month, components.day) = (year, month, day)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: components) ?? Date(timeIntervalSince1970: 0)
    }

    // MARK: - Patrol and public reports

    /// The reports: source, what was seen, the area (ha) estimated, who reported it, the month.
    static let reports: [(source: CaseSource, description: String, hectares: String, who: String, month: Int)] = [
        (.patrol, "巡查发现林内新伐桩约20株，未见采伐许可公示，疑似无证采伐", "0.0600", "护林员 罗大勇", 4),
        (.public, "群众反映有人在林地内倾倒建筑垃圾，压占林木", "0.0300", "村民 杨某（电话举报）", 6),
        (.patrol, "巡查发现林缘新开挖土方约50米，疑似未批先占修建便道", "0.1200", "护林员 吴光明", 9),
        (.public, "群众反映林地内新搭建简易棚房两间", "0.0200", "市民 陈某（12345热线）", 11),
    ]

    /// patrol_cases.csv: each report at a reference point (a point on the surface, at least 20 m inside its
    /// township's boundary) of a forest sub-compartment no change touched, in a different township each; the
    /// townships and sub-compartments drawn from the seed.
    static func patrolCases(_ result: ChangeRun.Result, options: SynthOptions) throws -> CSVTable {
        let context = GEOSContext()
        let touched = Set(result.patches.flatMap(\.toIDs))
        let current = result.current
        var candidates: [String: [Int]] = [:]
        for (k, s) in current.subCompartments.enumerated() where s.landClass?.countsTowardCoverage == true && !touched.contains(s.key) {
            candidates[s.townshipCode, default: []].append(k)
        }
        var insides: [String: Geometry] = [:]
        for part in result.townships?.parts ?? [] {
            let code = result.townships!.townships[part.township].code
            let inner = try Geometry(wkb: part.wkb, context: context).buffer(-20)
            insides[code] = try insides[code].map { try $0.union(inner) } ?? inner
        }
        // Draws of the patrol reports: (purpose, number); the verdicts draw by event number (positive) alone.
        func draw(_ purpose: Int, _ a: Int) -> UInt64 { SynthHash.bits(options.seed, .fieldForms, -1, purpose, a) }
        let all = options.county.townships
        let townships = all.indices.sorted { (draw(1, $0), $0) < (draw(1, $1), $1) }.map { all[$0].divisionCode }
        let toLonLat = try CoordinateTransform(from: current.spatialReference(), to: SpatialReference(epsg: 4490))
        var rows: [[String]] = []
        for code in townships where rows.count < reports.count {
            guard let slots = candidates[code], let inside = insides[code] else { continue }
            let ordered = slots.sorted { (draw(2, Int(current.subCompartments[$0].fid)), $0) < (draw(2, Int(current.subCompartments[$1].fid)), $1) }
            for slot in ordered.prefix(20) {
                let point = try Geometry(wkb: current.subCompartments[slot].geometry, context: context).pointOnSurface()
                guard inside.intersects(try Geometry(wkb: WKB(point: point), context: context)) else { continue }
                var xs = [point.x], ys = [point.y]
                try toLonLat.transform(xs: &xs, ys: &ys)
                let report = reports[rows.count]
                let day = 1 + Int(draw(3, rows.count) % 28)
                rows.append([
                    "\(options.currentYear)-\(report.month.zeroPadded(2))-\(day.zeroPadded(2))", report.source.chineseName, report.description,
                    CSVTable.number(xs[0], decimals: 7), CSVTable.number(ys[0], decimals: 7), code, report.hectares, report.who,
                ])
                break
            }
        }
        return CSVTable(header: patrolColumns, rows: rows)
    }
}

import Foundation
import Geo
import ForestAssessment
import ForestMap
import ForestMapCore

extension RegionRun {
    /// A county that did not finish: its code, name and why.
    struct Failure {
        var unit: RegionUnit
        var exit: Int32?
        var reason: String
        var line: String { "  \(unit.code) \(unit.name): \(exit.map { "exit \($0): " } ?? "")\(reason)" }
    }

    /// Each county's run folder, or why it has none to assemble.
    static func countyFolders(_ plan: Plan, jobs: CountyJobs) -> ([(RegionUnit, String)], [Failure]) {
        var done: [(RegionUnit, String)] = [], failed: [Failure] = []
        for u in plan.units {
            guard u.kind == .config else { done.append((u, u.path)); continue }
            let out = jobs.output(of: u.code).path
            if let result = jobs.result(of: u.code), !result.isDone {
                failed.append(Failure(unit: u, exit: result.exit,
                                      reason: result.message.isEmpty ? "see \(jobs.statusFolder.lastPathComponent)/\(u.code).err" : result.message))
            } else if let manifest = try? CountyManifest.read(folder: out), manifest.missingOutputs(in: out) == nil {
                done.append((u, out))
            } else {
                failed.append(Failure(unit: u, exit: nil, reason: "its run left no result (killed, out of memory or time?); see \(jobs.statusFolder.lastPathComponent)/\(u.code).err and jobs/"))
            }
        }
        return (done, failed)
    }

    /// The region's 附表1, 附表2, findings, report and manifest into DIR/region, written all-or-nothing, when every
    /// county is done; otherwise exit 2 naming each county that is not.
    static func assemble(folder: URL, region: RegionConfig, plan: Plan, printing: Bool) throws -> Report {
        let jobs = CountyJobs(folder: folder, executable: plan.executable)
        let (done, failed) = countyFolders(plan, jobs: jobs)
        guard failed.isEmpty else {
            let lines = failed.map(\.line)
            FileHandle.standardError.write(Data(("region \(region.name): \(failed.count) of \(plan.units.count) counties did not finish:\n" + lines.joined(separator: "\n") + "\n").utf8))
            throw ForestMapError(.badInput, "\(failed.count) of \(plan.units.count) counties did not finish (\(failed.map(\.unit.code).joined(separator: ", "))); the region's tables are not written; the finished counties stay in \(jobs.countiesFolder.path): fix the others and run again with --resume")
        }
        var written: [String: [String: Double?]] = [:]
        let counties = try done.map { unit, path -> (code: String, name: String, figures: TownshipAssessment.Figures) in
            let figures = try AssessmentFigures.read(URL(fileURLWithPath: path).appendingPathComponent(AssessmentFigures.fileName))
            guard figures.district.code == unit.code else {
                throw ForestMapError.input("\(path): its figures are of \(figures.district.code), not of county \(unit.code); give each county's own run folder")
            }
            written[unit.code] = figures.totalsRow
            return (unit.code, unit.name, figures.district.figures)
        }
        let config = region.assessmentConfig
        let targets = try region.targets.map { try TownshipTargets.load(path: $0, districtCode: region.code, unitCodes: true) } ?? TownshipTargets()
        var assessment = Assessment.assemble(counties, targets: targets, changeAvailable: true, config: config, written: written)
        assessment.rowsAsWritten = true
        assessment.notes = [
            "各县（区、市）的数字取自其年度运行（counties/<代码>/assessment_figures.json），与其附表1合计行一致；合计行为各县之和",
            region.targets == nil ? "未提供市级目标（[inputs] targets）：目标列为空，不评判达标" : "目标为\(region.name)对各县（区、市）的目标（\((region.targets! as NSString).lastPathComponent)）",
        ]
        let date = FiledDate.today()
        let output = try OutputFolder(folder.appendingPathComponent("region").path, overwrite: true,
                                      inputs: done.map { $0.1 } + [region.path] + (region.targets.map { [$0] } ?? []))
        var files = try AssessmentTables.write(assessment, into: output, config: config, date: date)
        try RegionReport.write(region: region, assessment: assessment, counties: done, date: date, to: output.file("report.html"))
        files.append("report.html")
        try RegionManifest(region: region, counties: done, files: files + ["manifest.json"]).write(to: output.file("manifest.json"))
        files.append("manifest.json")
        try output.commit()
        var lines = ["region \(region.name) \(region.code): \(done.count) counties assembled → \(output.target.path)"]
        for s in assessment.scores {
            lines.append("  \(s.code) \(s.name.rightPadded(12)) \(String(format: "%7.2f", s.total))  \(s.grade)  #\(s.rank ?? 0)")
        }
        let text = lines.joined(separator: "\n")
        if printing { print(text) }
        return Report(ran: [], kept: [], submittedJob: nil, files: files, text: text)
    }
}

/// The region's `manifest.json`: the region config's digest, and each county's folder and the digest of its own
/// `manifest.json` (which holds its inputs' digests).
struct RegionManifest: Encodable {
    struct County: Encodable {
        var code: String
        var name: String
        var kind: String
        var folder: String
        var manifestSHA256: String?
    }
    var tool = "forestmap \(ToolVersion.current)"
    var region: String
    var code: String
    var config: String
    var configSHA256: String?
    var created: String
    var counties: [County]
    var outputs: [String]

    init(region r: RegionConfig, counties: [(RegionUnit, String)], files: [String]) {
        region = r.name
        code = r.code
        config = r.path
        configSHA256 = RunManifest.digest(r.path).1
        created = ISO8601DateFormatter().string(from: Date())
        self.counties = counties.map { u, folder in
            County(code: u.code, name: u.name, kind: u.kind.rawValue, folder: folder,
                   manifestSHA256: RunManifest.digest((folder as NSString).appendingPathComponent("manifest.json")).1)
        }
        outputs = files
    }

    func write(to url: URL) throws {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do { try e.encode(self).write(to: url) } catch {
            throw ForestMapError(.cannotWrite, "cannot write \(url.path): \(error.localizedDescription)")
        }
    }
}

import Foundation
import ForestMapCore

/// The counties' runs as jobs: one shell script (`jobs/county.sh`) that runs `forestmap run` for the county of a
/// task index into `counties/<code>/` and records its exit code and messages in `status/`. The local executor runs
/// it as processes, Slurm as a job array: the same script, so both executors behave alike.
struct CountyJobs {
    let folder: URL
    /// The forestmap executable the jobs run.
    let executable: String

    var jobsFolder: URL { folder.appendingPathComponent("jobs") }
    var statusFolder: URL { folder.appendingPathComponent("status") }
    var countiesFolder: URL { folder.appendingPathComponent("counties") }
    var script: URL { jobsFolder.appendingPathComponent("county.sh") }
    var unitList: URL { jobsFolder.appendingPathComponent("units.tsv") }

    func output(of code: String) -> URL { countiesFolder.appendingPathComponent(code) }

    /// Writes the script and the list of the counties to run (task i is line i + 1), and clears their old status.
    func prepare(_ units: [RegionUnit], slurm: RegionConfig.ExecutorSettings?) throws {
        for f in [jobsFolder, statusFolder, countiesFolder] { try FileManager.default.createDirectory(at: f, withIntermediateDirectories: true) }
        try Data(units.map { "\($0.code)\t\($0.path)\n" }.joined().utf8).write(to: unitList, options: .atomic)
        for u in units {
            for ext in ["exit", "err", "out"] { try? FileManager.default.removeItem(at: statusFolder.appendingPathComponent("\(u.code).\(ext)")) }
        }
        var lines = ["#!/bin/bash"]
        if let s = slurm {
            lines += ["#SBATCH --job-name=forestmap-region", "#SBATCH --cpus-per-task=\(s.cpusPerTask)", "#SBATCH --mem=\(s.memoryMB)M",
                      "#SBATCH --time=\(s.timeLimit)", "#SBATCH --output=\(jobsFolder.path)/slurm-%A_%a.out"]
            if let p = s.partition { lines.append("#SBATCH --partition=\(p)") }
        }
        lines += [
            "# One county of the region (forestmap region): task $1, or Slurm's array index.",
            "set -u",
            "i=\"${1:-${SLURM_ARRAY_TASK_ID:-}}\"",
            "line=\"$(sed -n \"$((i + 1))p\" \(Self.quoted(unitList.path)))\"",
            "code=\"${line%%$'\\t'*}\"",
            "config=\"${line#*$'\\t'}\"",
            "status=\(Self.quoted(statusFolder.path))",
            "\(Self.quoted(executable)) run \"$config\" --out \(Self.quoted(countiesFolder.path))/\"$code\" --overwrite > \"$status/$code.out\" 2> \"$status/$code.err\"",
            "echo $? > \"$status/$code.exit.part\" && mv \"$status/$code.exit.part\" \"$status/$code.exit\"",
            "",
        ]
        try Data(lines.joined(separator: "\n").utf8).write(to: script, options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
    }

    /// A county's job result: nil when its job left none (still running, or killed).
    func result(of code: String) -> CountyResult? {
        guard let text = TextFile.read(statusFolder.appendingPathComponent("\(code).exit")),
              let exit = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) else { return nil }
        let err = TextFile.read(statusFolder.appendingPathComponent("\(code).err")) ?? ""
        let message = err.split(separator: "\n").last { $0.hasPrefix("forestmap: ") }.map(String.init) ?? ""
        return CountyResult(exit: exit, message: message)
    }

    static func quoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}

/// How a county's run ended.
struct CountyResult: Sendable, Hashable {
    var exit: Int32
    /// Its one-line error message (`forestmap: …`), if any.
    var message: String
    /// A run that ends 0, or 3 (the check found errors: everything is written all the same), is done.
    var isDone: Bool { exit == 0 || exit == 3 }
}

import Foundation
import ForestMapCore

/// Runs the counties' jobs on this machine: up to `jobs` `forestmap run` processes at a time, each a process of its
/// own, so the region's peak memory is that of its `jobs` largest counties.
struct LocalExecutor {
    let jobs: Int

    func run(_ countyJobs: CountyJobs, count: Int) throws {
        let limit = DispatchSemaphore(value: max(1, jobs))
        let group = DispatchGroup()
        let failure = LockedError()
        for i in 0..<count {
            limit.wait()
            group.enter()
            Thread.detachNewThread {
                defer { limit.signal(); group.leave() }
                let p = Process()
                p.executableURL = URL(fileURLWithPath: "/bin/bash")
                p.arguments = [countyJobs.script.path, String(i)]
                do {
                    try p.run()
                    p.waitUntilExit()
                } catch {
                    failure.set(ForestMapError(.internalFailure, "cannot start \(countyJobs.script.path): \(error.localizedDescription)"))
                }
            }
        }
        group.wait()
        if let e = failure.value { throw e }
    }
}

/// Runs the counties' jobs as one Slurm job array (`sbatch --array`), one task per county.
struct SlurmExecutor {
    let settings: RegionConfig.ExecutorSettings

    /// Submits the array; returns the job id.
    func submit(_ countyJobs: CountyJobs, count: Int) throws -> String {
        let limit = settings.jobs > 0 ? "%\(settings.jobs)" : ""
        let out = try Self.command("sbatch", ["--parsable", "--array=0-\(count - 1)\(limit)", countyJobs.script.path])
        guard out.status == 0, let id = out.stdout.split(separator: ";").first.map({ $0.trimmingCharacters(in: .whitespacesAndNewlines) }), !id.isEmpty else {
            // sbatch says why on its last line (`sbatch: error: …` or `sbatch: fatal: …`).
            let why = out.stderr.split(separator: "\n").last.map(String.init) ?? "exit \(out.status)"
            throw ForestMapError.input("sbatch refused the county jobs: \(why); check the [executor] settings, SLURM_CONF and that the cluster runs (sinfo)")
        }
        return id
    }

    /// Whether any task of the job is still queued or running.
    static func pending(_ job: String) throws -> Bool {
        let out = try command("squeue", ["-h", "-j", job, "-o", "%i"])
        // squeue forgets a finished job after MinJobAge and then says "Invalid job id": nothing pending.
        return out.status == 0 && !out.stdout.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }

    /// Waits until the job's tasks have all ended.
    static func wait(_ job: String) throws {
        while try pending(job) { Thread.sleep(forTimeInterval: 2) }
    }

    static func command(_ name: String, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        guard let path = (["/usr/bin", "/usr/local/bin", "/bin"].map { "\($0)/\(name)" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw ForestMapError.input("\(name) not found: the slurm executor needs Slurm's client commands (Debian's slurm-client); or use --executor local")
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = arguments
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }
}

/// The first error of several threads.
final class LockedError: @unchecked Sendable {
    private let lock = NSLock()
    private var error: Error?
    func set(_ e: Error) { lock.lock(); if error == nil { error = e }; lock.unlock() }
    var value: Error? { lock.lock(); defer { lock.unlock() }; return error }
}

import Foundation
import XCTest

/// The one-node Slurm cluster of `Scripts/slurm-test-server`: `Scripts/test` starts it, exports its client environment
/// (SLURM_CONF) and sets FORESTMAP_TEST_SLURM=1. A job array goes through `sbatch --wait`, and each task's output and
/// exit code can be read afterwards (without slurmdbd there is no sacct: `scontrol show job` keeps finished jobs for
/// the cluster's MinJobAge).
final class SlurmTestServerTests: XCTestCase {
    /// Skips without the cluster, except on CI (CI=true), where that is a failure.
    private func cluster() throws -> Bool {
        let environment = ProcessInfo.processInfo.environment
        if let flag = environment["FORESTMAP_TEST_SLURM"], !flag.isEmpty {
            XCTAssertNotNil(environment["SLURM_CONF"], "FORESTMAP_TEST_SLURM set without SLURM_CONF: export $(Scripts/slurm-test-server env)")
            return environment["SLURM_CONF"] != nil
        }
        if environment["CI"] == "true" {
            XCTFail("FORESTMAP_TEST_SLURM not set: CI must run the tests through Scripts/test")
            return false
        }
        throw XCTSkip("FORESTMAP_TEST_SLURM not set: run Scripts/test")
    }

    /// Runs a Slurm client with the test's environment; kills it after `timeout` seconds.
    private func slurm(_ tool: String, _ arguments: [String], timeout: TimeInterval = 120) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/\(tool)")
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                       stderr: String(decoding: stderr, as: UTF8.self))
    }

    func testJobArrayTasksOutputsAndExitCodes() throws {
        guard try cluster() else { return }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("forestmap-slurm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        // Task 1 fails with 3; the resources a region's county array asks for are accepted.
        let submitted = try slurm("sbatch", [
            "--array=0-2", "--wait", "--parsable", "--job-name=forestmap-test", "--cpus-per-task=1", "--mem=100M",
            "--chdir=\(folder.path)", "--output=\(folder.path)/task_%a.out",
            "--wrap", "echo \"task $SLURM_ARRAY_TASK_ID of $SLURM_ARRAY_JOB_ID\"; exit $((SLURM_ARRAY_TASK_ID == 1 ? 3 : 0))",
        ])
        // sbatch --wait exits with the highest exit code of the array's tasks.
        XCTAssertEqual(submitted.status, 3, submitted.stderr)
        let jobID = try XCTUnwrap(submitted.stdout.split(whereSeparator: \.isNewline).first.map { String($0.split(separator: ";")[0]) },
                                  submitted.stdout)
        XCTAssertNotNil(Int(jobID), submitted.stdout)

        for task in 0..<3 {
            let output = try String(contentsOf: folder.appendingPathComponent("task_\(task).out"), encoding: .utf8)
            XCTAssertEqual(output, "task \(task) of \(jobID)\n")
        }

        // Each task's final state and exit code, one record a line.
        let shown = try slurm("scontrol", ["--oneliner", "show", "job", jobID])
        XCTAssertEqual(shown.status, 0, shown.stderr)
        var tasks: [Int: (state: String, exit: String)] = [:]
        for record in shown.stdout.split(whereSeparator: \.isNewline) {
            let fields = Dictionary(record.split(separator: " ").compactMap { field -> (String, String)? in
                guard let eq = field.firstIndex(of: "=") else { return nil }
                return (String(field[..<eq]), String(field[field.index(after: eq)...]))
            }, uniquingKeysWith: { first, _ in first })
            guard let task = fields["ArrayTaskId"].flatMap({ Int($0) }) else { continue }
            XCTAssertEqual(fields["ArrayJobId"], jobID, String(record))
            tasks[task] = (fields["JobState"] ?? "", fields["ExitCode"] ?? "")
        }
        XCTAssertEqual(tasks.keys.sorted(), [0, 1, 2], shown.stdout)
        XCTAssertEqual(tasks[0]?.state, "COMPLETED")
        XCTAssertEqual(tasks[0]?.exit, "0:0")
        XCTAssertEqual(tasks[1]?.state, "FAILED")
        XCTAssertEqual(tasks[1]?.exit, "3:0")
        XCTAssertEqual(tasks[2]?.state, "COMPLETED")
        XCTAssertEqual(tasks[2]?.exit, "0:0")

        // One task on its own, as <job>_<task>.
        let one = try slurm("scontrol", ["--oneliner", "show", "job", "\(jobID)_1"])
        XCTAssertEqual(one.status, 0, one.stderr)
        XCTAssertTrue(one.stdout.contains(" JobState=FAILED ") && one.stdout.contains(" ExitCode=3:0 "), one.stdout)
    }
}

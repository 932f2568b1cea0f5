import Foundation
import XCTest
@testable import ForestMapCore
@testable import ForestRegion

/// The counties' job script and how a county's end is read: the same script for both executors.
final class CountyJobsTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("forestmap-countyjobs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private let units = [RegionUnit(kind: .config, code: "520102", name: "南明区", path: "/data/it's here/520102/forestmap.toml"),
                         RegionUnit(kind: .config, code: "520103", name: "云岩区", path: "/data/520103/forestmap.toml")]

    func testTheScriptRunsTheCountyOfItsTaskAndRecordsItsEnd() throws {
        // A stand-in for forestmap: prints its arguments, says one error line, exits 3 for the second county.
        let fake = folder.appendingPathComponent("fake-forestmap")
        try "#!/bin/bash\necho \"$@\"\necho 'forestmap: something to say' >&2\n[[ \"$2\" == *520103* ]] && exit 3\nexit 0\n"
            .write(to: fake, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)
        let jobs = CountyJobs(folder: folder, executable: fake.path)
        try jobs.prepare(units, slurm: nil)
        let script = try String(contentsOf: jobs.script, encoding: .utf8)
        XCTAssertFalse(script.contains("#SBATCH"), "local jobs carry no Slurm directives")
        for i in 0..<2 {
            let p = try Process.run(URL(fileURLWithPath: "/bin/bash"), arguments: [jobs.script.path, String(i)])
            p.waitUntilExit()
        }
        XCTAssertEqual(jobs.result(of: "520102"), CountyResult(exit: 0, message: "forestmap: something to say"))
        XCTAssertEqual(jobs.result(of: "520103")?.exit, 3)
        XCTAssertTrue(jobs.result(of: "520102")!.isDone && jobs.result(of: "520103")!.isDone, "0 and 3 are done")
        XCTAssertFalse(CountyResult(exit: 2, message: "").isDone)
        let out = try String(contentsOf: jobs.statusFolder.appendingPathComponent("520102.out"), encoding: .utf8)
        XCTAssertEqual(out, "run /data/it's here/520102/forestmap.toml --out \(jobs.countiesFolder.path)/520102 --overwrite\n", "paths with quotes survive")

        // Preparing again clears the counties' old ends: a county without one has not finished.
        try jobs.prepare(units, slurm: nil)
        XCTAssertNil(jobs.result(of: "520102"))
    }

    func testSlurmDirectivesComeFromTheExecutorSettings() throws {
        var settings = RegionConfig.ExecutorSettings()
        settings.kind = .slurm
        settings.cpusPerTask = 4
        settings.memoryMB = 8192
        settings.timeLimit = "01:30:00"
        settings.partition = "forest"
        let jobs = CountyJobs(folder: folder, executable: "/usr/local/bin/forestmap")
        try jobs.prepare(units, slurm: settings)
        let script = try String(contentsOf: jobs.script, encoding: .utf8)
        for line in ["#SBATCH --cpus-per-task=4", "#SBATCH --mem=8192M", "#SBATCH --time=01:30:00", "#SBATCH --partition=forest",
                     "SLURM_ARRAY_TASK_ID"] {
            XCTAssertTrue(script.contains(line), line)
        }
        XCTAssertEqual(try String(contentsOf: jobs.unitList, encoding: .utf8).split(separator: "\n").count, 2)
    }
}

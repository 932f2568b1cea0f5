import Foundation
import XCTest

/// What `--out` and `--overwrite` may never do (README "Output folders"): replace the working folder, an input, a
/// folder forestmap did not make; leave half-written folders when killed or interrupted; hang on a pipe; or exit 1
/// when the disk is full. Each run here is the real tool, killed for real.
final class OutputSafetyTests: XCTestCase {
    private var folder: URL!
    private var sample: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("SampleData")
    }
    private var config: String { sample.appendingPathComponent("forestmap.toml").path }

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("forestmap-safety-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func start(_ arguments: [String]) throws -> (Process, Pipe) {
        let (process, out, err) = try startForestmap(arguments)
        out.fileHandleForReading.readabilityHandler = { _ = $0.availableData }   // never let a full pipe stop it
        return (process, err)
    }

    private func entries(_ url: URL) -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted() }

    /// A working folder with an input and a note in it.
    private func workingFolder() throws -> URL {
        let work = folder.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: sample.appendingPathComponent("xiaoban_2021.gpkg"), to: work.appendingPathComponent("xiaoban_2021.gpkg"))
        try Data("my notes\n".utf8).write(to: work.appendingPathComponent("notes.txt"))
        return work
    }

    func testOverwriteNeverReplacesTheWorkingFolderAnInputOrAFolderOfTheUser() throws {
        let work = try workingFolder()
        let layer = work.appendingPathComponent("xiaoban_2021.gpkg").path
        let before = entries(work)
        for out in [".", "..", "", work.path, layer, NSHomeDirectory(), "/"] {
            let o = try forestmap(["check", "--layer", layer, "--config", config, "--out", out, "--overwrite"], in: work)
            assertOneLineError(o, contains: ["forestmap: "])
            XCTAssertEqual(entries(work), before, "--out '\(out)'")
        }
        // A folder of the user's own, and a folder holding an input.
        let mine = folder.appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: mine, withIntermediateDirectories: true)
        try Data("keep\n".utf8).write(to: mine.appendingPathComponent("keep.txt"))
        assertOneLineError(try forestmap(["check", "--layer", layer, "--config", config, "--out", mine.path, "--overwrite"]),
                           contains: ["was not made by forestmap"])
        XCTAssertEqual(entries(mine), ["keep.txt"])
        assertOneLineError(try forestmap(["check", "--layer", layer, "--config", config, "--out", folder.path, "--overwrite"]),
                           contains: ["holds the input"])
        XCTAssertEqual(entries(work), before)
        // forestmap's own output is replaced, and nothing is left beside it.
        let out = folder.appendingPathComponent("out")
        for environment in [[:], ["FORESTMAP_FAULT": "two-renames"]] {
            let o = try forestmap(["check", "--layer", layer, "--config", config, "--out", out.path, "--overwrite"], environment: environment)
            XCTAssertTrue([0, 3].contains(o.status), o.stderr)
            XCTAssertTrue(entries(out).contains("check.csv"))
            XCTAssertEqual(entries(folder).filter { $0.hasPrefix("out") }, ["out"], "\(environment)")
        }
    }

    /// Killed between the two renames of a filesystem that cannot exchange folders: the previous result is aside;
    /// the next run puts it back before doing its own work, and nothing is left over.
    func testAKillBetweenTwoRenamesLosesNothing() throws {
        let out = folder.appendingPathComponent("out")
        let layer = sample.appendingPathComponent("xiaoban_2021.gpkg").path
        let first = try forestmap(["check", "--layer", layer, "--config", config, "--out", out.path])
        XCTAssertTrue([0, 3].contains(first.status), first.stderr)
        let killed = try forestmap(["check", "--layer", layer, "--config", config, "--out", out.path, "--overwrite"],
                             environment: ["FORESTMAP_FAULT": "two-renames,kill:between-renames"])
        XCTAssertEqual(killed.status, 9, "killed by SIGKILL")
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
        XCTAssertEqual(entries(folder).filter { $0.hasPrefix("out.old-") }.count, 1)
        // Any later command writing beside it restores the previous result first; check --overwrite then replaces it.
        let again = try forestmap(["check", "--layer", layer, "--config", config, "--out", out.path, "--overwrite"])
        XCTAssertTrue([0, 3].contains(again.status), again.stderr)
        XCTAssertTrue(entries(out).contains("check.csv"))
        XCTAssertEqual(entries(folder), ["out"])
    }

    /// `kill -9` at several moments of the annual run: the output is either absent or complete, and the next run
    /// removes what the killed one left.
    func testKillNineAtAnyMomentLeavesNoHalfWrittenOutput() throws {
        let out = folder.appendingPathComponent("annual")
        for delay in [0.2, 0.8, 1.6, 3.0] {
            let (process, _) = try start(["run", config, "--out", out.path, "--overwrite"])
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if FileManager.default.fileExists(atPath: out.path) {
                XCTAssertTrue(entries(out).contains("manifest.json"), "after \(delay) s: \(entries(out))")
                XCTAssertTrue(entries(out).contains("report.html"), "after \(delay) s")
            }
        }
        let last = try forestmap(["run", config, "--out", out.path, "--overwrite"])
        XCTAssertTrue([0, 3].contains(last.status), last.stderr)
        XCTAssertEqual(entries(folder), ["annual"], "no .partial or .old folder left")
    }

    func testInterruptedRunsRemoveWhatTheyWrote() throws {
        for (signal, status) in [(SIGINT, Int32(130)), (SIGTERM, 143)] {
            let out = folder.appendingPathComponent("annual-\(signal)")
            let (process, err) = try start(["run", config, "--out", out.path])
            Thread.sleep(forTimeInterval: 1.0)
            kill(process.processIdentifier, signal)
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            guard process.terminationStatus != 0 else { continue }   // finished before the signal came
            XCTAssertEqual(process.terminationStatus, status, stderr)
            XCTAssertTrue(stderr.contains("interrupted"), stderr)
            XCTAssertTrue(entries(folder).filter { $0.hasPrefix("annual-\(signal)") }.isEmpty, "\(entries(folder))")
        }
    }

    /// A named pipe as a layer, townships or config is refused at once, and nothing is created.
    func testAPipeIsRefusedAtOnce() throws {
        let fifo = folder.appendingPathComponent("layer.gpkg").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let out = folder.appendingPathComponent("out")
        let started = Date()
        for arguments in [["stats", "--layer", fifo, "--out", out.path], ["check", "--layer", fifo, "--out", out.path],
                          ["stats", "--config", fifo, "--out", out.path],
                          ["check", "--layer", sample.appendingPathComponent("xiaoban_2021.gpkg").path, "--townships", fifo, "--out", out.path]] {
            assertOneLineError(try forestmap(arguments), contains: ["named pipe"])
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 60, "no command waited on the pipe")
        XCTAssertEqual(entries(folder), ["layer.gpkg"])
    }

    /// A full disk (an output file written to /dev/full): exit 4, one line naming the file, the previous output
    /// intact and nothing else left.
    func testAFullDiskIsExitFourWithThePreviousOutputIntact() throws {
        let out = folder.appendingPathComponent("change")
        let first = try forestmap(["change", "--config", config, "--out", out.path])
        XCTAssertEqual(first.status, 0, first.stderr)
        let before = try Data(contentsOf: out.appendingPathComponent("transitions.csv"))
        for file in ["transitions.csv", "hitlist.kml", "transitions.xlsx"] {
            let o = try forestmap(["change", "--config", config, "--out", out.path, "--overwrite"], environment: ["FORESTMAP_FAULT": "full:\(file)"])
            assertOneLineError(o, status: 4, contains: ["cannot write", file])
            XCTAssertEqual(try Data(contentsOf: out.appendingPathComponent("transitions.csv")), before, file)
            XCTAssertEqual(entries(folder), ["change"], file)
        }
    }
}

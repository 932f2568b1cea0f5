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

    /// Runs the tool with the size of any file it writes limited to `kilobytes` (`ulimit -f`, SIGXFSZ ignored): each
    /// write past it fails with EFBIG, as a write to a full disk fails, in whichever writer reaches it first.
    private func forestmapWriting(upTo kilobytes: Int, _ arguments: [String]) throws -> Outcome {
        let binary = Bundle.main.bundleURL.appendingPathComponent("forestmap").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "trap '' XFSZ; ulimit -f \(kilobytes); exec \"$0\" \"$@\"", binary] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        out.fileHandleForReading.readabilityHandler = { _ = $0.availableData }
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: "", stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// The GeoPackage writers (through GDAL and the direct SQLite one) and the CSV writer stopped by a failed
    /// write at sizes from 1 KB up: exit 4, one line naming the file, the previous output intact, nothing else left.
    func testAFailedWriteInAnyWriterIsExitFourWithThePreviousOutputIntact() throws {
        let map = sample.appendingPathComponent("xiaoban_2020.gpkg").path + "|layername=xiaoban_2020"
        let patches = sample.appendingPathComponent("patches_2021.gpkg").path + "|layername=patches_2021"
        let commands: [(out: String, arguments: [String], kilobytes: [Int])] = [
            ("change", ["change", "--config", config], [1, 20, 40, 60, 100, 200]),
            ("stats", ["stats", "--config", config], [1, 100]),
            ("check", ["check", "--config", config], [1, 100]),
            ("update", ["update", "--config", config, "--map", map, "--patches", patches], [1, 100, 1000]),
        ]
        var failedFiles: Set<String> = []
        for command in commands {
            let out = folder.appendingPathComponent(command.out)
            let first = try forestmap(command.arguments + ["--out", out.path])
            XCTAssertEqual(first.status, 0, first.stderr)
            let before = try entries(out).map { try Data(contentsOf: out.appendingPathComponent($0)) }
            for kilobytes in command.kilobytes {
                let o = try forestmapWriting(upTo: kilobytes, command.arguments + ["--out", out.path, "--overwrite"])
                guard o.status != 0 else { continue }
                assertOneLineError(o, status: 4, contains: [".partial-"])
                let line = o.stderr.split(separator: "\n").first.map(String.init) ?? ""
                if let path = line.split(separator: " ").first(where: { $0.contains(".partial-") }) {
                    failedFiles.insert(String(path.split(separator: "/").last ?? "").trimmingCharacters(in: CharacterSet(charactersIn: ":")))
                }
                XCTAssertEqual(try entries(out).map { try Data(contentsOf: out.appendingPathComponent($0)) }, before, "\(command.out), \(kilobytes) KB")
                XCTAssertEqual(entries(folder), commands.map(\.out).filter { entries(folder).contains($0) }.sorted(), "\(kilobytes) KB: \(o.stderr)")
            }
        }
        // The limits reached GeoPackages (GDAL's writer and the direct one) and CSVs; the smaller KML and XLSX files,
        // written after them, are failed by the `full:` fault in the test above.
        XCTAssertTrue(failedFiles.isSuperset(of: ["check.gpkg", "hitlist.gpkg", "xiaoban_2021.gpkg"]), "\(failedFiles)")
        for kind in [".gpkg", ".csv"] { XCTAssertTrue(failedFiles.contains { $0.hasSuffix(kind) }, "\(kind): \(failedFiles)") }
    }
}

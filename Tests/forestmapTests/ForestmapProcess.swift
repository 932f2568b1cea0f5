import Foundation
import XCTest

/// What a run of the tool gave: exit status and both streams.
struct Outcome {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs the built `forestmap` executable (SwiftPM puts it beside the test bundle).
func forestmap(_ arguments: String...) throws -> Outcome { try forestmap(arguments) }

/// Starts the built `forestmap` executable, with extra environment and a working folder, without waiting: its
/// output pipes, for a test that signals or kills it. `configRegister`: the register the config names, where the
/// test's folder holds it (else one of the test's own, `isolatedRegister`).
func startForestmap(_ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil,
                    executable: String = "forestmap", configRegister: Bool = false) throws -> (Process, out: Pipe, err: Pipe) {
    let process = Process()
    process.executableURL = Bundle.main.bundleURL.appendingPathComponent(executable)
    process.arguments = configRegister ? arguments : isolatedRegister(arguments, executable: executable)
    if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
    if let directory { process.currentDirectoryURL = directory }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    return (process, out, err)
}

/// The arguments with a case register of the test's own when a `run` or `change` names none: the configs the tests
/// use (SampleData's, synth's) keep theirs in `../out/`, which tests must neither share nor touch. A test of the
/// register passes `--register`.
func isolatedRegister(_ arguments: [String], executable: String) -> [String] {
    guard executable == "forestmap", let command = arguments.first, ["run", "change"].contains(command),
          !arguments.contains("--register"), !arguments.contains("--help") else { return arguments }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("forestmap-test-registers")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return arguments + ["--register", folder.appendingPathComponent("\(UUID().uuidString).gpkg").path]
}

/// Runs the built `forestmap` executable (or another of the package's, e.g. `forestmap-bench`) with these
/// arguments (and extra environment, a working folder).
func forestmap(_ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil,
               executable: String = "forestmap", configRegister: Bool = false) throws -> Outcome {
    let (process, out, err) = try startForestmap(arguments, environment: environment, in: directory, executable: executable,
                                                 configRegister: configRegister)
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    // The register isolatedRegister gave the command goes with it.
    if let given = process.arguments, given.count > arguments.count, let register = given.last { try? FileManager.default.removeItem(atPath: register) }
    return Outcome(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                   stderr: String(decoding: stderr, as: UTF8.self))
}

/// Asserts a failed run: the exit status, and one line on stderr starting with "forestmap: " holding every part.
func assertOneLineError(_ o: Outcome, status: Int32 = 2, contains parts: [String], file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(o.status, status, o.stderr, file: file, line: line)
    let first = o.stderr.split(separator: "\n").first.map(String.init) ?? ""
    XCTAssertTrue(first.hasPrefix("forestmap: "), o.stderr, file: file, line: line)
    for p in parts { XCTAssertTrue(first.contains(p), "'\(p)' not in: \(o.stderr)", file: file, line: line) }
}

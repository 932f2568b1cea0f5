import Dispatch
import Foundation

/// The staging folders of the outputs being written, removed when the process is interrupted (SIGINT, SIGTERM)
/// before it exits with 128 + the signal's number: an interrupted run leaves nothing half-written. (SIGKILL cannot
/// be caught: its staging folder is removed by the next run that writes beside it, see `OutputFolder`.)
public final class OutputCleanup: @unchecked Sendable {
    public static let shared = OutputCleanup()
    private let lock = NSLock()
    private var folders: Set<URL> = []
    private var sources: [DispatchSourceSignal] = []

    func add(_ folder: URL) { lock.lock(); folders.insert(folder); lock.unlock() }
    func remove(_ folder: URL) { lock.lock(); folders.remove(folder); lock.unlock() }

    /// Moves the folder aside in one step and removes it; a writer still running that recreated the folder by
    /// its path in between has it removed too.
    private static func removeWhileOthersWrite(_ folder: URL) {
        let aside = folder.deletingLastPathComponent().appendingPathComponent(".\(folder.lastPathComponent).removing")
        if rename(folder.path, aside.path) == 0 { try? FileManager.default.removeItem(at: aside) }
        try? FileManager.default.removeItem(at: folder)
    }

    /// Installs the handlers (once, at the start of a command).
    public func installSignalHandlers() {
        lock.lock()
        defer { lock.unlock() }
        guard sources.isEmpty else { return }
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [self] in
                lock.lock()
                let pending = folders
                lock.unlock()
                for folder in pending { Self.removeWhileOthersWrite(folder) }
                FileHandle.standardError.write(Data("forestmap: interrupted; nothing was written\(pending.isEmpty ? "" : " (removed \(pending.map(\.lastPathComponent).sorted().joined(separator: ", ")))")\n".utf8))
                // `_exit`, not `exit`: the command's other threads are still inside GDAL, GEOS and PROJ, whose
                // static destructors `exit` would run under them (a crash, not exit 130).
                _exit(128 + signalNumber)
            }
            source.resume()
            sources.append(source)
        }
    }
}

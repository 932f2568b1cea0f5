import Foundation

/// An output folder written all-or-nothing.
///
/// Files go into a staging folder beside the target (`NAME.partial-PID`); `commit()` renames it into place. A
/// failed run removes the staging folder and leaves any previous result intact; an interrupted one leaves only a
/// folder whose name says it is partial. An existing result is replaced only when `overwrite` is set.
public final class OutputFolder {
    public let target: URL
    public let staging: URL
    private let overwrite: Bool
    private var committed = false

    public init(_ path: String, overwrite: Bool) throws {
        let fm = FileManager.default
        target = URL(fileURLWithPath: path).standardizedFileURL
        self.overwrite = overwrite
        if fm.fileExists(atPath: target.path), !overwrite {
            throw ForestMapError.input("\(target.path) already exists; use --overwrite to replace it, or choose another --out")
        }
        let parent = target.deletingLastPathComponent()
        staging = parent.appendingPathComponent("\(target.lastPathComponent).partial-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
            if fm.fileExists(atPath: staging.path) { try fm.removeItem(at: staging) }
            try fm.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw ForestMapError.input("cannot create the output folder beside \(target.path): \(error.localizedDescription)")
        }
    }

    deinit { if !committed { try? FileManager.default.removeItem(at: staging) } }

    /// A file's place in the staging folder.
    public func file(_ name: String) -> URL { staging.appendingPathComponent(name) }

    /// Moves the finished outputs into place, replacing the previous result when allowed.
    public func commit() throws {
        let fm = FileManager.default
        var previous: URL?
        if fm.fileExists(atPath: target.path) {
            guard overwrite else { throw ForestMapError.input("\(target.path) appeared while running; nothing was replaced") }
            let aside = target.deletingLastPathComponent().appendingPathComponent("\(target.lastPathComponent).old-\(ProcessInfo.processInfo.processIdentifier)")
            try fm.moveItem(at: target, to: aside)
            previous = aside
        }
        do {
            try fm.moveItem(at: staging, to: target)
        } catch {
            if let previous { try? fm.moveItem(at: previous, to: target) }
            throw ForestMapError(.internalFailure, "cannot move the outputs into \(target.path): \(error.localizedDescription)")
        }
        committed = true
        if let previous { try? fm.removeItem(at: previous) }
    }
}

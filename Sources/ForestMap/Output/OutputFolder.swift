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
        parentFolder = nil
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

    /// A folder inside another output folder: written into the parent's staging folder and moved into place with
    /// it, never on its own.
    private let parentFolder: OutputFolder?

    private init(child name: String, of parent: OutputFolder) throws {
        target = parent.target.appendingPathComponent(name)
        staging = parent.staging.appendingPathComponent(name)
        overwrite = false
        parentFolder = parent
        do { try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true) } catch {
            throw ForestMapError.input("cannot create \(staging.path): \(error.localizedDescription)")
        }
    }

    /// A sub-folder (`check/`, `stats/`, ...) committed with this folder.
    public func subfolder(_ name: String) throws -> OutputFolder { try OutputFolder(child: name, of: self) }

    deinit { if !committed && parentFolder == nil { try? FileManager.default.removeItem(at: staging) } }

    /// A file's place in the staging folder.
    public func file(_ name: String) -> URL { staging.appendingPathComponent(name) }

    /// Moves the finished outputs into place, replacing the previous result when allowed.
    public func commit() throws {
        precondition(parentFolder == nil, "a sub-folder is committed with its parent")
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

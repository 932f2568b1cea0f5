import Foundation

/// An output folder written all-or-nothing, that never costs the user a file of their own.
///
/// Files go into a staging folder beside the target (`NAME.partial-PID`), marked as forestmap's
/// (``OutputFolder/marker``); `commit()` puts it in place. An existing result is replaced only with `overwrite`,
/// and only when it is a folder forestmap made (it holds the marker, or a forestmap `manifest.json`): never a file,
/// never the current folder or one holding it, the home folder or `/`, and never a folder that is or holds an
/// input. The replacement exchanges the two folders in one step (`renameat2` with `RENAME_EXCHANGE`), so a complete
/// folder stands at the name at every instant; where the filesystem cannot exchange, the previous result is renamed
/// aside and the new one into place (the name is without a folder for the time of one rename), and a later run
/// puts an aside result back if the run was killed in between. A failed run removes its staging folder; SIGINT and
/// SIGTERM remove it before exiting (``OutputCleanup``); a later run removes staging folders whose process is gone.
public final class OutputFolder {
    /// The file that marks a folder as forestmap's output.
    public static let marker = ".forestmap-output"

    public let target: URL
    public let staging: URL
    private let overwrite: Bool
    private var committed = false

    /// `inputs`: the files and folders the command reads (paths; `PG:` sources are not files), which the output
    /// must neither be nor hold.
    public init(_ path: String, overwrite: Bool, inputs: [String] = []) throws {
        let fm = FileManager.default
        guard !path.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ForestMapError.input("--out is empty (an unset shell variable?); name a new folder for the outputs")
        }
        target = URL(fileURLWithPath: path).standardizedFileURL
        self.overwrite = overwrite
        parentFolder = nil
        try Self.refuseUnsafe(target, inputs: inputs)
        var isFolder: ObjCBool = false
        if fm.fileExists(atPath: target.path, isDirectory: &isFolder) {
            guard isFolder.boolValue else {
                throw ForestMapError.input("\(target.path) is a file, not an output folder; choose another --out")
            }
            guard overwrite else {
                throw ForestMapError.input("\(target.path) already exists; use --overwrite to replace it, or choose another --out")
            }
            guard Self.isForestmapOutput(target) else {
                throw ForestMapError.input("\(target.path) was not made by forestmap (no \(Self.marker) or forestmap manifest.json in it); --overwrite replaces only forestmap's own output folders: choose another --out, or remove it yourself")
            }
        }
        let parent = target.deletingLastPathComponent()
        staging = parent.appendingPathComponent("\(target.lastPathComponent).partial-\(ProcessInfo.processInfo.processIdentifier)")
        Self.recoverStale(target)
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
            if fm.fileExists(atPath: staging.path) { try fm.removeItem(at: staging) }
            try fm.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            try? fm.removeItem(at: staging)
            throw ForestMapError(.cannotWrite, "cannot create the output folder beside \(target.path): \(error.localizedDescription)")
        }
        OutputCleanup.shared.add(staging)
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
            throw ForestMapError(.cannotWrite, "cannot create \(staging.path): \(error.localizedDescription)")
        }
    }

    /// A sub-folder (`check/`, `stats/`, ...) committed with this folder.
    public func subfolder(_ name: String) throws -> OutputFolder { try OutputFolder(child: name, of: self) }

    deinit {
        guard !committed, parentFolder == nil else { return }
        try? FileManager.default.removeItem(at: staging)
        OutputCleanup.shared.remove(staging)
    }

    /// A file's place in the staging folder.
    public func file(_ name: String) -> URL {
        let url = staging.appendingPathComponent(name)
        Fault.fillDisk(at: url)
        return url
    }

    /// Moves the finished outputs into place, replacing the previous result when allowed.
    public func commit() throws {
        precondition(parentFolder == nil, "a sub-folder is committed with its parent")
        let fm = FileManager.default
        // Marked complete and forestmap's, as the last file written.
        do { try Data("forestmap output folder: --overwrite may replace it\n".utf8).write(to: staging.appendingPathComponent(Self.marker)) } catch {
            throw ForestMapError(.cannotWrite, "cannot write \(target.path)/\(Self.marker): \(error.localizedDescription)")
        }
        if fm.fileExists(atPath: target.path) {
            guard overwrite else { throw ForestMapError.input("\(target.path) appeared while running; nothing was replaced") }
            if !Fault.active("two-renames"), FolderExchange.exchange(staging, target) {
                // The previous result is now at the staging name: a complete folder stood at the target throughout.
                committed = true
                try? fm.removeItem(at: staging)
                OutputCleanup.shared.remove(staging)
                return
            }
            // The filesystem cannot exchange: aside, then into place.
            let aside = target.deletingLastPathComponent().appendingPathComponent("\(target.lastPathComponent).old-\(ProcessInfo.processInfo.processIdentifier)")
            do { try fm.moveItem(at: target, to: aside) } catch {
                throw ForestMapError(.cannotWrite, "cannot move the previous \(target.path) aside: \(error.localizedDescription); it is unchanged")
            }
            Fault.kill(at: "between-renames")
            do { try fm.moveItem(at: staging, to: target) } catch {
                try? fm.moveItem(at: aside, to: target)
                throw ForestMapError(.cannotWrite, "cannot move the outputs into \(target.path): \(error.localizedDescription); the previous result is unchanged")
            }
            committed = true
            OutputCleanup.shared.remove(staging)
            try? fm.removeItem(at: aside)
            return
        }
        do { try fm.moveItem(at: staging, to: target) } catch {
            throw ForestMapError(.cannotWrite, "cannot move the outputs into \(target.path): \(error.localizedDescription)")
        }
        committed = true
        OutputCleanup.shared.remove(staging)
    }

    // MARK: - What may be replaced

    /// Refuses an output that is `/`, the home folder, the current folder or one holding it, or that is or holds
    /// an input.
    private static func refuseUnsafe(_ target: URL, inputs: [String]) throws {
        let real = target.resolvingSymlinksInPath().path
        func holds(_ outer: String, _ inner: String) -> Bool { inner == outer || inner.hasPrefix(outer.hasSuffix("/") ? outer : outer + "/") }
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).resolvingSymlinksInPath().path
        let home = URL(fileURLWithPath: NSHomeDirectory()).resolvingSymlinksInPath().path
        if real == "/" || real == home || holds(real, cwd) {
            throw ForestMapError.input("--out \(target.path) is \(real == "/" ? "the root folder" : real == home ? "the home folder" : "the current folder or holds it"); name a new folder for the outputs")
        }
        for input in inputs where !input.hasPrefix("PG:") && !input.isEmpty {
            let path = URL(fileURLWithPath: input).standardizedFileURL.resolvingSymlinksInPath().path
            if holds(real, path) {
                throw ForestMapError.input("--out \(target.path) \(path == real ? "is" : "holds") the input \(input); name a new folder for the outputs")
            }
        }
    }

    /// Whether a folder is forestmap's output: it holds the marker, or a manifest.json forestmap wrote.
    static func isForestmapOutput(_ folder: URL) -> Bool {
        let fm = FileManager.default
        if fm.fileExists(atPath: folder.appendingPathComponent(marker).path) { return true }
        guard let data = fm.contents(atPath: folder.appendingPathComponent("manifest.json").path),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let tool = json["tool"] as? [String: Any] else { return false }
        return tool["name"] as? String == "forestmap"
    }

    /// Removes `NAME.partial-PID` folders beside the target whose process is gone; a `NAME.old-PID` left by a run
    /// killed between its two renames is the previous result: put back when the name is free, removed otherwise.
    private static func recoverStale(_ target: URL) {
        let fm = FileManager.default
        let parent = target.deletingLastPathComponent(), name = target.lastPathComponent
        guard let entries = try? fm.contentsOfDirectory(atPath: parent.path) else { return }
        for entry in entries.sorted() {
            for kind in ["partial", "old"] {
                let prefix = "\(name).\(kind)-"
                guard entry.hasPrefix(prefix), let pid = Int32(entry.dropFirst(prefix.count)), pid > 0,
                      pid != ProcessInfo.processInfo.processIdentifier, kill(pid, 0) != 0, errno == ESRCH else { continue }
                let stale = parent.appendingPathComponent(entry)
                if kind == "old", !fm.fileExists(atPath: target.path), isForestmapOutput(stale) {
                    try? fm.moveItem(at: stale, to: target)
                } else if isForestmapOutput(stale) || kind == "partial" {
                    try? fm.removeItem(at: stale)
                }
            }
        }
    }
}

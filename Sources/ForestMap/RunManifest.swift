import Foundation
import Geo
import ForestMapCore

/// `manifest.json`: the run's audit trail (审计记录): every input's path, size and SHA-256, the config as used,
/// the tool version, counts, and each step's time.
package struct RunManifest: Encodable {
    struct Tool: Encodable { var name = "forestmap"; var version = ToolVersion.current }
    package struct Input: Encodable, Sendable {
        /// The config key (`previous`, `fires`, ...).
        package var key: String
        var source: String
        var path: String
        var layer: String?
        /// Bytes; for a folder (a File Geodatabase), the sum over its files.
        var size: Int64?
        /// Of the file; for a folder, of the sorted lines "name sha256" of its files; nil for a database.
        package var sha256: String?
    }
    struct Config: Encodable {
        var path: String
        var size: Int64?
        var sha256: String?
        /// The file's text as read.
        var text: String
        /// Command-line settings that overrode the file (`area_method`).
        var overrides: [String: String]
    }
    struct Step: Encodable {
        var step: String
        var seconds: Double
    }

    var tool = Tool()
    var started: String
    var finished: String
    var arguments: [String]
    var config: Config
    var inputs: [Input]
    var outputs: [String]
    var counts: [String: Int]
    var steps: [Step]

    package static func input(_ key: String, _ source: SourceReference) -> Input {
        guard !source.isDatabase else {
            // A connection string may hold a password: keep only what names the database.
            let safe = source.path.split(separator: " ").filter { !$0.lowercased().hasPrefix("password") }.joined(separator: " ")
            return Input(key: key, source: safe + (source.layerName.map { "|layername=\($0)" } ?? ""), path: safe, layer: source.layerName)
        }
        let (size, sha) = digest(source.path)
        return Input(key: key, source: source.description, path: source.path, layer: source.layerName, size: size, sha256: sha)
    }

    /// Size and SHA-256 of a file, or of a folder's files.
    package static func digest(_ path: String) -> (Int64?, String?) {
        let fm = FileManager.default
        var isFolder: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isFolder) else { return (nil, nil) }
        if !isFolder.boolValue {
            let size = (try? fm.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value
            return (size, SHA256.file(path))
        }
        let names = ((try? fm.subpathsOfDirectory(atPath: path)) ?? []).sorted()
        var size: Int64 = 0
        var lines: [String] = []
        for name in names {
            let full = (path as NSString).appendingPathComponent(name)
            var dir: ObjCBool = false
            guard fm.fileExists(atPath: full, isDirectory: &dir), !dir.boolValue else { continue }
            size += (try? fm.attributesOfItem(atPath: full)[.size] as? NSNumber)?.int64Value ?? 0
            lines.append("\(name) \(SHA256.file(full) ?? "")")
        }
        return (size, SHA256.hex(Array(lines.joined(separator: "\n").utf8)))
    }

    func write(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do { try encoder.encode(self).write(to: url) } catch {
            throw ForestMapError(.cannotWrite, "cannot write \(url.path): \(error.localizedDescription)")
        }
    }

    static func timestamp(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }
}

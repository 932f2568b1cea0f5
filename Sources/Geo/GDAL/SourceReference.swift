import Foundation

/// Where a layer comes from, as a user writes it: a file, folder (.gdb) or `PG:` connection string, optionally
/// followed by QGIS's `|layername=NAME` to pick one layer of a multi-layer source. `|` never occurs in a `PG:`
/// string, so the two do not clash: `PG:dbname=forest host=/tmp|layername=xiaoban_2021`.
public struct SourceReference: Sendable, Hashable, CustomStringConvertible {
    /// The path or connection string handed to GDAL.
    public var path: String
    /// The layer to read; nil means "the only layer" (an error when there are several).
    public var layerName: String?

    public init(path: String, layerName: String? = nil) {
        self.path = path
        self.layerName = layerName
    }

    /// Parses `PATH` or `PATH|layername=NAME` (the key is case-insensitive; `layer=` is accepted too).
    public init(parsing text: String) throws {
        let parts = text.components(separatedBy: "|")
        path = parts[0].trimmingCharacters(in: .whitespaces)
        guard !path.isEmpty else { throw GeoError(.notFound, "empty source: give a file, a .gdb folder or a PG: connection string") }
        for option in parts.dropFirst() {
            let kv = option.split(separator: "=", maxSplits: 1).map { String($0) }
            guard kv.count == 2, ["layername", "layer"].contains(kv[0].lowercased()) else {
                throw GeoError(.missingLayer, "\(text): after '|' write layername=NAME to pick a layer")
            }
            layerName = kv[1]
        }
    }

    /// True for database connection strings (no file to look for).
    public var isDatabase: Bool { path.uppercased().hasPrefix("PG:") }

    /// The path with a password in a `PG:` string masked, for messages.
    public var displayPath: String {
        isDatabase ? SecretText.masked(path) : path
    }

    public var description: String { layerName.map { "\(displayPath)|layername=\($0)" } ?? displayPath }

    /// Resolves a relative file path against `directory` (for paths in a config file); databases are unchanged.
    public func resolved(relativeTo directory: URL) -> SourceReference {
        guard !isDatabase, !path.hasPrefix("/"), !path.hasPrefix("/vsi") else { return self }
        return SourceReference(path: directory.appendingPathComponent(path).standardizedFileURL.path, layerName: layerName)
    }
}

import Foundation
import Geo
import ForestMapCore

/// One county of a region: its own config (run by the region) or a run folder the county submitted (assembled as
/// it is).
public struct RegionUnit: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable { case config, folder }
    public var kind: Kind
    /// The county's code and name, from its config (or its run's manifest).
    public var code: String
    public var name: String
    /// The config file, or the submitted run folder.
    public var path: String

    /// The units a region config names, each county once.
    public static func units(of region: RegionConfig) throws -> [RegionUnit] {
        var units: [RegionUnit] = []
        for path in region.configs {
            let config = try ForestMapConfig.load(path: path)
            units.append(RegionUnit(kind: .config, code: config.districtCode, name: config.districtName, path: path))
        }
        for path in region.folders {
            let manifest = try CountyManifest.read(folder: path)
            let config = try ForestMapConfig.parse(manifest.configText, file: manifest.configPath,
                                                   folder: URL(fileURLWithPath: manifest.configPath).deletingLastPathComponent())
            units.append(RegionUnit(kind: .folder, code: config.districtCode, name: config.districtName, path: path))
        }
        var seen: [String: String] = [:]
        for u in units {
            if let other = seen[u.code] {
                throw ForestMapError.input("\(region.path): county \(u.code) twice: \(other) and \(u.path); each county once")
            }
            seen[u.code] = u.path
        }
        return units.sorted { $0.code < $1.code }
    }
}

/// What the region reads of a county run's `manifest.json`: its config (path, digest, text), its inputs' digests
/// and its outputs.
struct CountyManifest {
    var configPath: String
    var configSHA256: String?
    var configText: String
    /// Input key → SHA-256 (nil for a database).
    var inputs: [String: String?]
    var outputs: [String]

    static func read(folder: String) throws -> CountyManifest {
        let path = (folder as NSString).appendingPathComponent("manifest.json")
        guard let data = FileManager.default.contents(atPath: path),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let config = json["config"] as? [String: Any], let configPath = config["path"] as? String, let text = config["text"] as? String else {
            throw ForestMapError.input("\(folder): no readable manifest.json: not a forestmap run folder, or an incomplete one")
        }
        var inputs: [String: String?] = [:]
        for input in json["inputs"] as? [[String: Any]] ?? [] {
            if let key = input["key"] as? String { inputs[key] = input["sha256"] as? String }
        }
        return CountyManifest(configPath: configPath, configSHA256: config["sha256"] as? String, configText: text, inputs: inputs,
                              outputs: json["outputs"] as? [String] ?? [])
    }

    /// Every output the manifest lists is there; nil, or what is missing.
    func missingOutputs(in folder: String) -> String? {
        let missing = outputs.filter { !FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent($0)) }
        return missing.isEmpty ? nil : missing.prefix(3).joined(separator: ", ") + (missing.count > 3 ? " and \(missing.count - 3) more" : "")
    }
}

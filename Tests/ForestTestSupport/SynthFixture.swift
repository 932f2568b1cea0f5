import Foundation
import Geo
@testable import ForestAssessment
@testable import ForestChange
@testable import ForestMapCore
@testable import ForestSynth

/// One layer read back: field names and features.
struct SynthLayer: Sendable {
    let fields: [String]
    let features: [Feature]
    let epsg: Int?
    let kind: GeometryKind

    func index(_ name: String) -> Int? { fields.firstIndex(of: name) }

    func text(_ feature: Feature, _ name: String) -> String? {
        index(name).flatMap { feature.values[$0].text }
    }

    func number(_ feature: Feature, _ name: String) -> Double? {
        index(name).flatMap { feature.values[$0].number }
    }

    /// XIAN|XIANG|CUN|LIN_BAN|XIAO_BAN.
    func key(_ feature: Feature) -> String {
        ["XIAN", "XIANG", "CUN", "LIN_BAN", "XIAO_BAN"].map { text(feature, $0) ?? "" }.joined(separator: "|")
    }

    /// Features by key (the first of duplicates).
    var byKey: [String: Feature] {
        var out: [String: Feature] = [:]
        for f in features where out[key(f)] == nil { out[key(f)] = f }
        return out
    }
}

/// One synthetic district written to a temporary folder and read back, shared by the Synth tests.
struct SynthFixture: Sendable {
    let options: SynthOptions
    let summary: SynthSummary
    let previous: SynthLayer
    let current: SynthLayer
    let townships: SynthLayer
    let dissolved: SynthLayer
    let permits: SynthLayer
    let belt: SynthLayer
    let tasks: SynthLayer
    let fires: SynthLayer
    let pests: SynthLayer
    let economy: SynthLayer
    let defects: SynthLayer?
    /// Raw bytes of the CSV files (the tests check the BOM) and the config. Bytes, not `Data`: the fixture lives in a
    /// static for the whole run, and `Data` keeps its storage behind a pointer that carries its enum case in the
    /// pointer's spare bits, which LeakSanitizer does not read as a pointer (Scripts/sanitize reported the
    /// fixture's CSVs as leaked); an array's buffer pointer is a plain one.
    let truth: [UInt8]
    let defectsTruth: [UInt8]?
    let targets: [UInt8]
    let config: String
    let files: [String]

    /// A fresh empty folder under the system temp folder.
    static func temporaryDirectory(_ label: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("forestmap-synth-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func read(_ directory: URL, _ file: String, _ layer: String) throws -> SynthLayer {
        let dataset = try VectorDataset(reading: SourceReference(path: directory.appendingPathComponent(file).path))
        let l = try dataset.layer(named: layer)
        return SynthLayer(fields: l.fields.map(\.name), features: try l.readAll(), epsg: l.spatialReference?.epsgCode, kind: l.geometryKind)
    }

    static func make(_ options: SynthOptions) throws -> SynthFixture {
        let directory = try temporaryDirectory("fixture")
        defer { try? FileManager.default.removeItem(at: directory) }
        let summary = try DistrictSynthesizer.write(options, into: directory)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        try Data(SynthRun.config(options).utf8).write(to: directory.appendingPathComponent("forestmap.toml"))
        func data(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: directory.appendingPathComponent(name))) }
        let p = options.previousYear, c = options.currentYear
        return SynthFixture(
            options: options, summary: summary,
            previous: try read(directory, "xiaoban_\(p).gpkg", "xiaoban_\(p)"),
            current: try read(directory, "xiaoban_\(c).gpkg", "xiaoban_\(c)"),
            townships: try read(directory, "townships.gpkg", "townships"),
            dissolved: try read(directory, "townships_dissolved.gpkg", "townships_dissolved"),
            permits: try read(directory, "permits.gpkg", "permits"),
            belt: try read(directory, "ring_belt.gpkg", "ring_belt"),
            tasks: try read(directory, "afforestation_tasks.gpkg", "afforestation_tasks"),
            fires: try read(directory, "fires.gpkg", "fires"),
            pests: try read(directory, "pests.gpkg", "pests"),
            economy: try read(directory, "forest_economy.gpkg", "forest_economy"),
            defects: options.defects ? try read(directory, "xiaoban_\(p)_defects.gpkg", "xiaoban_\(p)_defects") : nil,
            truth: try data("truth.csv"), defectsTruth: options.defects ? try data("defects_truth.csv") : nil,
            targets: try data("targets.csv"),
            config: String(decoding: try data("forestmap.toml"), as: UTF8.self), files: files)
    }

    /// The 2 000-sub-compartment district with defects the tests share; FORESTMAP_SYNTH_TEST="N SEED" runs them
    /// on another one.
    static let shared: Result<SynthFixture, any Error> = Result {
        let custom = ProcessInfo.processInfo.environment["FORESTMAP_SYNTH_TEST"]?.split(separator: " ").compactMap { Int($0) }
        if let custom, custom.count == 2 {
            return try make(SynthOptions(subcompartments: custom[0], seed: UInt64(custom[1]), defects: true))
        }
        return try make(SynthOptions(subcompartments: 2_000, seed: 20_210_531, defects: true))
    }

    /// CSV rows as field dictionaries: a BOM, a header, CRLF line ends, RFC 4180 quotes.
    static func rows(_ bytes: [UInt8]) -> [[String: String]] {
        let lines = parse(String(decoding: bytes.dropFirst(3), as: UTF8.self))
        guard let header = lines.first else { return [] }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var chars = Array(text)[...]
        while let ch = chars.popFirst() {
            if quoted {
                if ch == "\"" {
                    if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false }
                } else { field.append(ch) }
            } else if ch == "\"" { quoted = true
            } else if ch == "," { row.append(field); field = ""
            } else if ch == "\r\n" || ch == "\n" { row.append(field); rows.append(row); row = []; field = ""
            } else { field.append(ch) }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    var truthRows: [[String: String]] { Self.rows(truth) }
    var defectRows: [[String: String]] { defectsTruth.map(Self.rows) ?? [] }
}

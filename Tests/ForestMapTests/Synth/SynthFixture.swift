import Foundation
import Geo
@testable import ForestMap

/// One synthetic district written to a temporary folder and read back, shared by the Synth tests.
struct SynthFixture: Sendable {
    let options: SynthOptions
    let summary: SynthSummary
    let previous: [Feature]
    let current: [Feature]
    let previousFields: [String]
    let currentFields: [String]
    let townships: [Feature]
    let truth: String
    /// Per file: the layer's EPSG code and geometry kind.
    let layerInfo: [String: (epsg: Int?, kind: GeometryKind)]

    /// A fresh empty folder under the system temp folder.
    static func temporaryDirectory(_ label: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("forestmap-synth-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func make(_ options: SynthOptions) throws -> SynthFixture {
        let directory = try temporaryDirectory("fixture")
        defer { try? FileManager.default.removeItem(at: directory) }
        let summary = try DistrictSynthesizer.write(options, into: directory)
        var layerInfo: [String: (epsg: Int?, kind: GeometryKind)] = [:]
        func read(_ file: String, _ layer: String) throws -> (fields: [String], features: [Feature]) {
            let dataset = try VectorDataset(reading: SourceReference(path: directory.appendingPathComponent(file).path))
            let layer = try dataset.layer(named: layer)
            layerInfo[file] = (layer.spatialReference?.epsgCode, layer.geometryKind)
            return (layer.fields.map(\.name), try layer.readAll())
        }
        let previous = try read("xiaoban_\(options.previousYear).gpkg", "xiaoban_\(options.previousYear)")
        let current = try read("xiaoban_\(options.currentYear).gpkg", "xiaoban_\(options.currentYear)")
        let townships = try read("townships.gpkg", "townships")
        // Decoded by hand: Foundation's String(contentsOf:encoding:) drops a BOM, and the tests check it is there.
        let truth = String(decoding: try Data(contentsOf: directory.appendingPathComponent("truth.csv")), as: UTF8.self)
        return SynthFixture(options: options, summary: summary, previous: previous.features,
                            current: current.features, previousFields: previous.fields, currentFields: current.fields,
                            townships: townships.features, truth: truth, layerInfo: layerInfo)
    }

    /// The 2 000-sub-compartment district the tests share.
    static let shared: Result<SynthFixture, any Error> = Result { try make(SynthOptions(subcompartments: 2_000, seed: 20_210_531)) }

    /// The text of field `name` of a feature of the previous (`current == false`) or current layer.
    func text(_ feature: Feature, _ name: String, current: Bool) -> String? {
        let fields = current ? currentFields : previousFields
        guard let index = fields.firstIndex(of: name) else { return nil }
        return feature.values[index].text
    }

    func number(_ feature: Feature, _ name: String, current: Bool) -> Double? {
        let fields = current ? currentFields : previousFields
        guard let index = fields.firstIndex(of: name) else { return nil }
        return feature.values[index].number
    }

    /// XIAN|XIANG|CUN|LIN_BAN|XIAO_BAN.
    func key(_ feature: Feature, current: Bool) -> String {
        ["XIAN", "XIANG", "CUN", "LIN_BAN", "XIAO_BAN"].map { text(feature, $0, current: current) ?? "" }.joined(separator: "|")
    }

    /// The truth rows as field dictionaries (BOM and header checked by the tests).
    var truthRows: [[String: String]] {
        let lines = truth.split(separator: "\n").map(String.init)
        let header = lines[0].replacingOccurrences(of: "\u{FEFF}", with: "").split(separator: ",").map(String.init)
        return lines.dropFirst().map { line in
            Dictionary(uniqueKeysWithValues: zip(header, line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
        }
    }
}

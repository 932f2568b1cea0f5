import Foundation
import Geo
import XCTest

/// The real tool on the sample district with random values in the fields it reads: only the documented exit codes
/// (0, 2, 3), never 1 or a signal. (The in-process readers are fuzzed in `ForestMapTests.FuzzTests`.)
final class FuzzCommandTests: XCTestCase {
    func testRandomFieldValuesGiveOnlyDocumentedExitCodes() throws {
        let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("SampleData")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("forestmap-fuzz-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: sample, to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        var state: UInt64 = 2026
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        let hostile: [FieldValue] = [.null, .string(""), .string("nan"), .string("-1.7976931348623157e308"), .string("1e400"), .string("abc"),
                                     .string("1,234.5"), .string("52O111OO6"), .string("0111"), .string("030100"), .real(.nan), .real(-1e308),
                                     .integer(Int64.min), .string("中文"), .string("9999999999")]
        let path = folder.appendingPathComponent("xiaoban_2021.gpkg").path
        let dataset = try VectorDataset(reading: SourceReference(path: path, layerName: "xiaoban_2021"))
        let layer = try dataset.layer(named: "xiaoban_2021")
        let original = try layer.readAll()
        let fields = layer.fields.map { FieldDefinition($0.name, .string) }, srs = layer.spatialReference
        for round in 0..<3 {
            let features = original.map { f -> Feature in
                var f = f
                f.values = f.values.map { v in next(40) == 0 ? hostile[next(hostile.count)] : v.text.map { .string($0) } ?? .null }
                return f
            }
            let file = folder.appendingPathComponent("fuzz_\(round).gpkg").path
            let writer = try VectorWriter(creating: file, format: .geoPackage)
            try writer.createLayer(named: "xiaoban_2021", geometry: .polygon, spatialReference: srs, fields: fields).write(features)
            try writer.close()
            for command in ["stats", "check", "change"] {
                let out = folder.appendingPathComponent("\(command)-\(round)").path
                let arguments = command == "change" ? [command, "--config", folder.appendingPathComponent("forestmap.toml").path, "--to", "\(file)|layername=xiaoban_2021", "--out", out]
                    : [command, "--config", folder.appendingPathComponent("forestmap.toml").path, "--layer", "\(file)|layername=xiaoban_2021", "--out", out]
                let o = try forestmap(arguments)
                XCTAssertTrue([0, 2, 3].contains(o.status), "\(command) round \(round): exit \(o.status): \(o.stderr.suffix(600))")
            }
        }
    }
}

import Foundation
import Geo
import XCTest
@testable import ForestAssessment
@testable import ForestChange
@testable import ForestCheck
@testable import ForestMapCore
@testable import ForestSynth
@testable import ForestTestSupport

/// Random and mutated input into every reader: WKB into the geometry readers, bytes into the config and targets
/// readers, hostile values into every field the sub-compartment loader and the checks read. Nothing may crash;
/// errors are `ForestMapError`/`GeoError` with one line. Seeded (SplitMix64): the same cases every run. The
/// command-line side (exit codes only 0, 2, 3) is `forestmapTests.FuzzCommandTests`.
final class FuzzTests: XCTestCase {
    private var random = SplitMix64(seed: 20_261_206)

    private func bytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) } }

    /// A valid polygon's WKB, then mutated: bytes flipped, cut short, counts inflated, types changed.
    private func mutated(_ wkb: WKB) -> WKB {
        var b = wkb.bytes
        switch random.int(5) {
        case 0: for _ in 0..<(1 + random.int(4)) { b[random.int(b.count)] ^= UInt8(1 << random.int(8)) }
        case 1: b = Array(b.prefix(random.int(b.count)))
        case 2: if b.count > 9 { b.replaceSubrange(5..<9, with: [0xFF, 0xFF, 0xFF, 0x7F]) }   // a huge ring count
        case 3: if b.count > 5 { b[1] = UInt8(random.int(20)); b[2] = UInt8(random.int(4)) }   // another type code
        default: b += bytes(random.int(40))
        }
        return WKB(b)
    }

    func testRandomAndMutatedWKBNeverCrashes() throws {
        let square = WKB(polygons: [PolygonRings(rings: [[Point(0, 0), Point(10, 0), Point(10, 10), Point(0, 10), Point(0, 0)],
                                                         [Point(2, 2), Point(2, 4), Point(4, 4), Point(2, 2)]])])
        let context = GEOSContext()
        for n in 0..<3_000 {
            let wkb = n % 3 == 0 ? WKB(bytes(random.int(120))) : mutated(square)
            _ = try? wkb.polygons()
            _ = try? wkb.envelope()
            _ = try? wkb.droppingDegenerateParts(minimumArea: 1e-6)
            _ = wkb.isEmptyPolygonal
            if let g = try? Geometry(wkb: wkb, context: context) {
                _ = g.invalidity
                _ = g.area
                _ = try? g.madeValid()
                _ = try? g.wkb
            }
            if let moments = try? PlanarMoments(wkb) { _ = moments.area }
        }
    }

    func testMutatedConfigsNeverCrash() throws {
        let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("SampleData")
        let text = try String(contentsOf: sample.appendingPathComponent("forestmap.toml"), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let hostile = ["nan", "inf", "-inf", "1e400", "-1.7976931348623157e308", "\"\"", "[]", "{}", "\"\u{0}\"", "99999999999999999999",
                       "\"../../../../etc/passwd\"", "true", "\"PG:password=x\"", "0", "-1"]
        for _ in 0..<600 {
            var mutatedLines = lines
            for _ in 0..<(1 + random.int(3)) {
                let i = random.int(mutatedLines.count)
                if let eq = mutatedLines[i].firstIndex(of: "="), random.int(2) == 0 {
                    mutatedLines[i] = String(mutatedLines[i][..<eq]) + "= " + hostile[random.int(hostile.count)]
                } else {
                    var chars = Array(mutatedLines[i].unicodeScalars)
                    if !chars.isEmpty { chars[random.int(chars.count)] = Unicode.Scalar(UInt8(32 + random.int(90))) }
                    mutatedLines[i] = String(String.UnicodeScalarView(chars))
                }
            }
            do {
                _ = try ForestMapConfig.parse(mutatedLines.joined(separator: "\n"), file: "fuzz.toml", folder: sample)
            } catch let e as ForestMapError {
                XCTAssertFalse(e.message.contains("\n"), e.message)
                XCTAssertEqual(e.status, .badInput, e.message)
            }
        }
        // Random bytes as a config file.
        for _ in 0..<200 {
            let junk = String(decoding: bytes(random.int(300)), as: UTF8.self)
            _ = try? ForestMapConfig.parse(junk, file: "junk.toml", folder: sample)
        }
    }

    func testMutatedTargetsNeverCrash() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("SampleData/targets.csv")
        let original = try Data(contentsOf: sample)
        let path = folder.appendingPathComponent("targets.csv").path
        for n in 0..<300 {
            var data = [UInt8](original)
            if n % 4 == 0 {
                data = bytes(random.int(400))
            } else {
                for _ in 0..<(1 + random.int(6)) where !data.isEmpty {
                    let i = random.int(data.count)
                    switch random.int(3) {
                    case 0: data[i] = UInt8(truncatingIfNeeded: random.next())
                    case 1: data.insert(contentsOf: Array(",nan,1e400,-1.7976931348623157e308,\"".utf8), at: i)
                    default: data.removeSubrange(i..<min(data.count, i + random.int(30)))
                    }
                }
            }
            try Data(data).write(to: URL(fileURLWithPath: path))
            do { _ = try TownshipTargets.load(path: path, districtCode: "520111") } catch let e as ForestMapError {
                XCTAssertFalse(e.message.contains("\n"), e.message)
            }
        }
    }

    /// Every field the loader and the checks read, with values of every type and of none.
    func testHostileFieldValuesNeverCrashTheLoaderOrTheCheck() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fields = ["XIAN", "XIANG", "CUN", "LIN_BAN", "XIAO_BAN", "DI_LEI", "MIAN_JI", "HUO_LMGQXJ", "YU_BI_DU", "QI_YUAN",
                      "SEN_LIN_LB", "LIN_ZHONG", "YOU_SHI_SZ"].map { FieldDefinition($0, .string) }
        let values = ["", " ", "nan", "inf", "-1.7976931348623157e308", "1e400", "abc", "1,234.5", "0111", "030100", "52O111OO6",
                      "520111101", "101", "-5", "0.5", "2", "中文", "\u{FFFD}", "1e17", "0"]
        for round in 0..<6 {
            let features = (0..<60).map { n -> Feature in
                Feature(values: fields.map { _ in random.int(6) == 0 ? FieldValue.null : .string(values[random.int(values.count)]) },
                        geometry: Fixtures.square(380_000 + Double(n % 10) * 100, 2_920_000 + Double(n / 10) * 100, random.int(8) == 0 ? 0.001 : 100))
            }
            let sub = folder.appendingPathComponent("r\(round)")
            try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
            let source = try Fixtures.gpkg(sub, fields: fields, features: features)
            var options = LayerLoadOptions()
            options.requireValidGeometry = false
            options.landClassSystem = .new6
            do {
                let layer = try SubCompartmentLayer.load(source, options: options)
                _ = try QualityChecker.check(layer, townships: nil, config: ForestMapConfig(), threads: 2)
                _ = layer.mixedCodeSystems
                _ = layer.numberNotes
            } catch let e as ForestMapError {
                XCTAssertEqual(e.status, .badInput, e.message)
            }
        }
    }
}

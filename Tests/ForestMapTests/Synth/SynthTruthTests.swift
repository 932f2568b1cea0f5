import Foundation
import Geo
import XCTest
@testable import ForestMap

/// (5) Every truth row is in the layers as it says, and every recorded change is in truth.csv.
final class SynthTruthTests: XCTestCase {
    func testTruthRowsMatchTheLayers() throws {
        let f = try SynthFixture.shared.get()
        XCTAssertTrue(f.truth.hasPrefix("\u{FEFF}event,key,township_code,from_code,to_code,from_class,to_class,area_ha\n"))
        let old4 = LandClassTable.builtIn(.old4), new6 = LandClassTable.builtIn(.new6)
        let previous = Dictionary(uniqueKeysWithValues: f.previous.map { (f.key($0, current: false), $0) })
        let current = Dictionary(uniqueKeysWithValues: f.current.map { (f.key($0, current: true), $0) })
        var counts: [String: Int] = [:]
        var keys: Set<String> = []
        for row in f.truthRows {
            let event = try XCTUnwrap(row["event"]), key = try XCTUnwrap(row["key"])
            counts[event, default: 0] += 1
            XCTAssertTrue(keys.insert(key).inserted, "\(key) twice in truth.csv")
            let before = try XCTUnwrap(previous[key], key), after = try XCTUnwrap(current[key], key)
            let fromCode = try XCTUnwrap(row["from_code"]), toCode = try XCTUnwrap(row["to_code"])
            XCTAssertEqual(f.text(before, "DI_LEI", current: false), fromCode, key)
            XCTAssertEqual(f.text(after, "DI_LEI", current: true), toCode, key)
            let from = try XCTUnwrap(old4.classify(fromCode)), to = try XCTUnwrap(new6.classify(toCode))
            XCTAssertEqual(row["from_class"], from.key)
            XCTAssertEqual(row["to_class"], to.key)
            XCTAssertEqual(row["township_code"], "520111" + (f.text(after, "XIANG", current: true) ?? ""))
            let area = try XCTUnwrap(f.number(after, "MIAN_JI", current: true))
            XCTAssertEqual(row["area_ha"], SynthTruth.hectares(area), key)
            XCTAssertNotNil(f.text(after, "Q_DI_LEI", current: true), "changed row without Q_DI_LEI: \(key)")
            let reason = f.text(after, "BHYY", current: true)
            switch event {
            case "harvest":
                XCTAssertEqual(from, .arbor)
                XCTAssertEqual(to, .harvested)
                XCTAssertEqual(reason, "20")
                XCTAssertEqual(f.text(after, "Q_DI_LEI", current: true), "030100")
            case "construction":
                XCTAssertTrue(from.isForestLand, key)
                XCTAssertEqual(to.group, .construction)
                XCTAssertEqual(reason, "41")
                XCTAssertEqual(compare(from: from, in: .old4, to: to, in: .new6), .change)
            case "afforestation":
                XCTAssertTrue([.suitableForForest, .unestablished, .otherTreeless].contains(from.group), from.key)
                XCTAssertEqual(to, .arbor)
                XCTAssertEqual(reason, "10")
                XCTAssertEqual(compare(from: from, in: .old4, to: to, in: .new6), .change)
            case "reclassification":
                XCTAssertTrue([.suitableForForest, .auxiliary, .otherTreeless].contains(from.group), from.key)
                XCTAssertFalse(to.isForestLand)
                XCTAssertNil(reason)
                XCTAssertEqual(f.text(after, "Q_DI_LEI", current: true), fromCode, "no new-system code: the old one")
                XCTAssertEqual(compare(from: from, in: .old4, to: to, in: .new6), .reclassification)
            default:
                XCTFail("unknown event \(event)")
            }
            if reason != nil { XCTAssertEqual(f.text(after, "BHND", current: true), "2021") }
        }
        XCTAssertEqual(counts, f.summary.events)
        for event in ["afforestation", "harvest", "construction", "reclassification"] {
            XCTAssertGreaterThan(counts[event] ?? 0, 0, "no \(event) planted")
        }
        // Rates: about 1.5% / 1% / 1.5% of forest land.
        let forestLand = f.previous.filter { old4.classify(f.text($0, "DI_LEI", current: false) ?? "")?.isForestLand == true }.count
        XCTAssertEqual(Double(counts["harvest"] ?? 0), 0.015 * Double(forestLand), accuracy: 1)
        XCTAssertEqual(Double(counts["construction"] ?? 0), 0.01 * Double(forestLand), accuracy: 1)

        // The other way round: no change outside truth.csv.
        for (key, after) in current where !keys.contains(key) {
            XCTAssertNil(f.text(after, "Q_DI_LEI", current: true), key)
            XCTAssertNil(f.text(after, "BHYY", current: true), key)
            let before = try XCTUnwrap(previous[key])
            let from = try XCTUnwrap(old4.classify(f.text(before, "DI_LEI", current: false) ?? ""))
            let to = try XCTUnwrap(new6.classify(f.text(after, "DI_LEI", current: true) ?? ""))
            XCTAssertFalse(from.isForestLand && !to.isForestLand, "\(key): forest land lost outside truth.csv")
            if from.isForestLand || to.isForestLand { XCTAssertEqual(from, to, key) }
        }
        // Every old-only forest-land class is gone from the new year.
        let remaining = f.current.compactMap { new6.classify(f.text($0, "DI_LEI", current: true) ?? "") }
            .filter { [.suitableForForest, .auxiliary, .otherTreeless].contains($0.group) }
        XCTAssertTrue(remaining.isEmpty)
    }
}

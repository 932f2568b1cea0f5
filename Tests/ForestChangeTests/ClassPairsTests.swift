import Foundation
import Geo
import XCTest
@testable import ForestAssessment
@testable import ForestChange
@testable import ForestCheck
@testable import ForestMapCore
@testable import ForestSynth
@testable import ForestTestSupport

/// The code-pair table Scripts/bench maps its peers' raw cross-tab through: known pairs from docs/domain.md §3, and a raw
/// overlay by code pair, mapped through the table, giving `change`'s transitions.
final class ClassPairsTests: XCTestCase {
    private func rows(_ from: LandClassSystem, _ to: LandClassSystem) -> [String: [String]] {
        let table = ClassPairs.table(from: .builtIn(from), to: .builtIn(to))
        XCTAssertEqual(table.header, ["from_code", "to_code", "from_class", "to_class", "kind"])
        return Dictionary(uniqueKeysWithValues: table.rows.map { ("\($0[0])>\($0[1])", Array($0[2...])) })
    }

    func testEveryCodeAgainstEveryCode() {
        let table = ClassPairs.table(from: .builtIn(.old4), to: .builtIn(.new6))
        XCTAssertEqual(table.rows.count, LandClassTable.builtIn(.old4).allCodes.count * LandClassTable.builtIn(.new6).allCodes.count)
        XCTAssertEqual(Set(table.rows.map { "\($0[0])>\($0[1])" }).count, table.rows.count)
    }

    /// docs/domain.md §3: old-to-new code pairs of one class are no change; 017x, 0180 and 163x becoming land that is not
    /// forest land in the new system, and old 0210 farmland becoming orchard, are reclassifications; the previous
    /// class is written in the new system's code where it has one.
    func testOldToNewPairsFromTheDomain() {
        let pairs = rows(.old4, .new6)
        for (old, new) in [("0111", "030100"), ("0113", "030200"), ("0131", "030301"), ("0132", "030302"), ("0120", "030401"),
                           ("0141", "030402"), ("0142", "030403"), ("0150", "030404"), ("0161", "030405"), ("0162", "030406"),
                           ("0210", "0101"), ("0210", "0103"), ("0250", "0701")] {
            XCTAssertEqual(pairs["\(old)>\(new)"]?[2], ClassPairs.same, "\(old) → \(new)")
        }
        XCTAssertEqual(pairs["0171>0401"], ["0171", "0401", "reclassification"])
        XCTAssertEqual(pairs["0180>0601"], ["0180", "0601", "reclassification"])
        XCTAssertEqual(pairs["1633>0103"], ["1633", "0103", "reclassification"])
        XCTAssertEqual(pairs["0210>0201"], ["0101", "0201", "reclassification"])
        XCTAssertEqual(pairs["0111>0701"], ["030100", "0701", "change"])
        XCTAssertEqual(pairs["0171>030100"], ["0171", "030100", "change"])
        XCTAssertEqual(pairs["0111>030405"], ["030100", "030405", "change"])
    }

    func testSameSystemKeepsItsCodes() {
        let pairs = rows(.new6, .new6)
        XCTAssertEqual(pairs["030100>030100"]?[2], ClassPairs.same)
        XCTAssertEqual(pairs["030100>030101"]?[2], ClassPairs.same)
        XCTAssertEqual(pairs["0101>0103"]?[2], ClassPairs.same)
        XCTAssertEqual(pairs["030100>0601"], ["030100", "0601", "change"])
    }

    /// What the bench does with a peer's answer, on the change fixture (splits, merges, moved boundaries, old4 →
    /// new6): every pair of sub-compartments whose boxes meet is intersected, the planar area summed by XIANG and raw
    /// code pair, mapped through the table and summed by township, classes and kind: the same rows as `change` by
    /// XIANG with planar area.
    func testRawCrossTabThroughTheTableGivesTheTransitions() throws {
        let f = try ChangeFixture.get()
        var options = ChangeOptions()
        options.areaMethod = .planar
        let accounting = try TransitionAccounting.compute(previous: f.previous, current: f.current, townships: nil, options: options)
        let want = Dictionary(accounting.transitions.map { ("\($0.townshipCode)>\($0.fromClass)>\($0.toClass)>\($0.kind.rawValue)", $0.squareMetres) },
                              uniquingKeysWith: +)

        let context = GEOSContext()
        let olds = try f.previous.subCompartments.map { try Geometry(wkb: $0.geometry, context: context) }
        let news = try f.current.subCompartments.map { try Geometry(wkb: $0.geometry, context: context) }
        var raw: [String: Double] = [:]   // township>from code>to code
        for (i, p) in f.previous.subCompartments.enumerated() {
            guard let box = olds[i].envelope else { continue }
            for (j, c) in f.current.subCompartments.enumerated() where news[j].envelope.map(box.intersects) == true {
                let area = try olds[i].intersection(news[j]).area
                if area > 0 { raw["\(c.townshipCode)>\(p.landClassCode)>\(c.landClassCode)", default: 0] += area }
            }
        }
        let table = ClassPairs.table(from: f.previous.landClassTable, to: f.current.landClassTable)
        let pairs = Dictionary(uniqueKeysWithValues: table.rows.map { ("\($0[0])>\($0[1])", Array($0[2...])) })
        var got: [String: Double] = [:]
        for (key, area) in raw {
            let parts = key.split(separator: ">").map(String.init)
            let pair = try XCTUnwrap(pairs["\(parts[1])>\(parts[2])"], key)
            guard pair[2] != ClassPairs.same else { continue }
            got["\(parts[0])>\(pair[0])>\(pair[1])>\(pair[2])", default: 0] += area
        }
        XCTAssertGreaterThan(want.count, 50)
        XCTAssertTrue(want.keys.contains { $0.hasSuffix(">reclassification") })
        for key in Set(want.keys).union(got.keys) {
            let w = want[key] ?? 0, g = got[key] ?? 0
            XCTAssertEqual(g, w, accuracy: max(w * 1e-9, 0.01), key)
        }
    }
}

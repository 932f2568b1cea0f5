import Foundation
import Geo
import XCTest
@testable import ForestAssessment
@testable import ForestChange
@testable import ForestCheck
@testable import ForestMapCore
@testable import ForestSynth
@testable import ForestTestSupport

/// Feature counts, keys, townships and villages; the schema and value ranges of both years.
final class SynthLayerContentTests: XCTestCase {
    func testCountsKeysAndTownships() throws {
        let f = try SynthFixture.shared.get()
        let n = f.options.subcompartments
        XCTAssertEqual(f.summary.subcompartments, n)
        XCTAssertEqual(f.previous.features.count, n)
        XCTAssertEqual(f.current.features.count, f.summary.currentSubcompartments)
        let previousKeys = f.previous.features.map(f.previous.key), currentKeys = f.current.features.map(f.current.key)
        XCTAssertEqual(Set(previousKeys).count, n, "keys are unique")
        XCTAssertEqual(Set(currentKeys).count, currentKeys.count, "keys are unique")
        XCTAssertEqual(previousKeys, previousKeys.sorted(), "listed in key order")
        XCTAssertEqual(currentKeys, currentKeys.sorted(), "listed in key order")
        for key in previousKeys + currentKeys {
            let parts = key.split(separator: "|")
            XCTAssertEqual(parts.map(\.count), [6, 3, 3, 4, 4], key)
            XCTAssertEqual(parts[0], "520111")
        }
        XCTAssertEqual(f.summary.townships, 19)
        var perTownship: [String: Int] = [:]
        var villages: [String: Set<String>] = [:]
        for feature in f.previous.features {
            let xiang = f.previous.text(feature, "XIANG") ?? ""
            perTownship["520111" + xiang, default: 0] += 1
            villages[xiang, default: []].insert(f.previous.text(feature, "CUN") ?? "")
        }
        for code in HuaxiTownships.all.map(\.divisionCode) { XCTAssertGreaterThanOrEqual(perTownship[code] ?? 0, 1, "township \(code) has no sub-compartment") }
        for (xiang, set) in villages { XCTAssertTrue((1...12).contains(set.count), "\(xiang) has \(set.count) villages") }
    }

    func testSchemaAndRanges() throws {
        let f = try SynthFixture.shared.get()
        XCTAssertFalse(f.previous.fields.contains("Q_DI_LEI"))
        for name in ["Q_DI_LEI", "Q_SEN_LB", "Q_LIN_ZHONG"] { XCTAssertTrue(f.current.fields.contains(name), name) }
        for name in ["XIAN", "XIANG", "CUN", "LIN_BAN", "XIAO_BAN", "DI_LEI", "QI_YUAN", "SEN_LIN_LB", "SHI_QUAN_D",
                     "GJGYL_BHDJ", "LIN_ZHONG", "YOU_SHI_SZ", "YU_BI_DU", "MIAN_JI", "HUO_LMGQXJ", "BHYY", "BHND"] {
            XCTAssertTrue(f.previous.fields.contains(name), name)
            XCTAssertTrue(f.current.fields.contains(name), name)
        }
        let old4 = LandClassTable.builtIn(.old4), new6 = LandClassTable.builtIn(.new6)
        for (table, layer) in [(old4, f.previous), (new6, f.current)] {
            var arborArea = 0.0, coverArea = 0.0, total = 0.0
            for feature in layer.features {
                let code = layer.text(feature, "DI_LEI") ?? ""
                guard let landClass = table.classify(code) else { return XCTFail("\(code) is not a \(table.system) code") }
                let area = layer.number(feature, "MIAN_JI") ?? 0
                total += area
                if landClass == .arbor { arborArea += area }
                if landClass.countsTowardCoverage { coverArea += area }
                let canopy = layer.number(feature, "YU_BI_DU")
                let volume = layer.number(feature, "HUO_LMGQXJ")
                if !landClass.isForestLand {
                    for name in ["QI_YUAN", "SEN_LIN_LB", "SHI_QUAN_D", "LIN_ZHONG", "YOU_SHI_SZ", "YU_BI_DU", "HUO_LMGQXJ"] {
                        XCTAssertNil(layer.text(feature, name), "\(name) on non-forest land \(code)")
                    }
                }
                if landClass == .arbor {
                    XCTAssertTrue((0.2...0.9).contains(canopy ?? -1), "arbor canopy \(String(describing: canopy))")
                    XCTAssertTrue((20...180).contains(volume ?? -1), "arbor volume \(String(describing: volume))")
                    XCTAssertTrue(["11", "12", "21"].contains(layer.text(feature, "QI_YUAN") ?? ""))
                    XCTAssertEqual(layer.text(feature, "YOU_SHI_SZ")?.count, 6)
                }
                if landClass == .sparse { XCTAssertTrue((0.1...0.19).contains(canopy ?? -1)) }
                if landClass.group == .harvested || landClass.group == .burned {
                    XCTAssertNil(layer.text(feature, "QI_YUAN"), "harvested or burned land has no origin")
                    XCTAssertNil(canopy)
                }
                if let category = layer.text(feature, "SEN_LIN_LB") {
                    XCTAssertTrue(["011", "012", "021", "022"].contains(category))
                    let level = layer.text(feature, "SHI_QUAN_D")
                    XCTAssertEqual(level, category == "011" ? "10" : category == "012" ? "20" : nil)
                    if let use = layer.text(feature, "LIN_ZHONG") {
                        XCTAssertTrue(use.hasPrefix(category.hasPrefix("01") ? "11" : "23"), "\(category) with LIN_ZHONG \(use)")
                    }
                }
            }
            XCTAssertTrue((0.40...0.56).contains(arborArea / total), "arbor share \(arborArea / total)")
            XCTAssertTrue((0.42...0.60).contains(coverArea / total), "coverage \(coverArea / total)")
            XCTAssertEqual(total / 100, 964.15, accuracy: 964.15 * 0.01, "district area in km²")
        }
    }
}

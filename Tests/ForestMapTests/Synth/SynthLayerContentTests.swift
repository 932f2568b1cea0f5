import Foundation
import Geo
import XCTest
@testable import ForestMap

/// (2) N features per year, unique keys, 19 townships each with sub-compartments; schema and value ranges.
final class SynthLayerContentTests: XCTestCase {
    func testCountsKeysAndTownships() throws {
        let f = try SynthFixture.shared.get()
        let n = f.options.subcompartments
        XCTAssertEqual(f.summary.subcompartments, n)
        XCTAssertEqual(f.previous.count, n)
        XCTAssertEqual(f.current.count, n)
        let previousKeys = f.previous.map { f.key($0, current: false) }
        let currentKeys = f.current.map { f.key($0, current: true) }
        XCTAssertEqual(Set(previousKeys).count, n, "keys are unique")
        XCTAssertEqual(previousKeys, currentKeys, "both years list the same sub-compartments in the same order")
        for key in previousKeys {
            let parts = key.split(separator: "|")
            XCTAssertEqual(parts.map(\.count), [6, 3, 3, 4, 4], key)
            XCTAssertEqual(parts[0], "520111")
        }
        XCTAssertEqual(f.summary.townships, 19)
        XCTAssertEqual(f.townships.count, 19)
        let codes = f.townships.map { $0.values[0].text ?? "" }
        XCTAssertEqual(codes, HuaxiTownships.all.map(\.divisionCode))
        XCTAssertEqual(f.townships.map { $0.values[1].text ?? "" }.first, "贵筑街道")
        var perTownship: [String: Int] = [:]
        var villages: [String: Set<String>] = [:]
        for feature in f.previous {
            let xiang = f.text(feature, "XIANG", current: false) ?? ""
            perTownship["520111" + xiang, default: 0] += 1
            villages[xiang, default: []].insert(f.text(feature, "CUN", current: false) ?? "")
        }
        for code in codes { XCTAssertGreaterThanOrEqual(perTownship[code] ?? 0, 1, "township \(code) has no sub-compartment") }
        for (xiang, set) in villages { XCTAssertTrue((1...12).contains(set.count), "\(xiang) has \(set.count) villages") }
    }

    func testSchemaAndRanges() throws {
        let f = try SynthFixture.shared.get()
        XCTAssertFalse(f.previousFields.contains("Q_DI_LEI"))
        XCTAssertTrue(f.currentFields.contains("Q_DI_LEI"))
        for name in ["XIAN", "XIANG", "CUN", "LIN_BAN", "XIAO_BAN", "DI_LEI", "QI_YUAN", "SEN_LIN_LB", "SHI_QUAN_D",
                     "GJGYL_BHDJ", "LIN_ZHONG", "YOU_SHI_SZ", "YU_BI_DU", "MIAN_JI", "HUO_LMGQXJ", "BHYY", "BHND"] {
            XCTAssertTrue(f.previousFields.contains(name), name)
            XCTAssertTrue(f.currentFields.contains(name), name)
        }
        let old4 = LandClassTable.builtIn(.old4), new6 = LandClassTable.builtIn(.new6)
        for (current, table, features) in [(false, old4, f.previous), (true, new6, f.current)] {
            var arborArea = 0.0, coverArea = 0.0, total = 0.0
            for feature in features {
                let code = f.text(feature, "DI_LEI", current: current) ?? ""
                guard let landClass = table.classify(code) else { return XCTFail("\(code) is not a \(table.system) code") }
                let area = f.number(feature, "MIAN_JI", current: current) ?? 0
                total += area
                if landClass == .arbor { arborArea += area }
                if landClass.countsTowardCoverage { coverArea += area }
                let canopy = f.number(feature, "YU_BI_DU", current: current)
                let volume = f.number(feature, "HUO_LMGQXJ", current: current)
                if !landClass.isForestLand {
                    for name in ["QI_YUAN", "SEN_LIN_LB", "SHI_QUAN_D", "LIN_ZHONG", "YOU_SHI_SZ", "YU_BI_DU", "HUO_LMGQXJ"] {
                        XCTAssertNil(f.text(feature, name, current: current), "\(name) on non-forest land \(code)")
                    }
                }
                if landClass == .arbor {
                    XCTAssertTrue((0.2...0.9).contains(canopy ?? -1), "arbor canopy \(String(describing: canopy))")
                    XCTAssertTrue((20...180).contains(volume ?? -1), "arbor volume \(String(describing: volume))")
                    XCTAssertTrue(["11", "12", "21"].contains(f.text(feature, "QI_YUAN", current: current) ?? ""))
                    XCTAssertEqual(f.text(feature, "YOU_SHI_SZ", current: current)?.count, 6)
                }
                if landClass == .sparse { XCTAssertTrue((0.1...0.19).contains(canopy ?? -1)) }
                if landClass == .harvested { XCTAssertNil(f.text(feature, "QI_YUAN", current: current), "harvested land has no origin") }
                if let category = f.text(feature, "SEN_LIN_LB", current: current) {
                    XCTAssertTrue(["011", "012", "021", "022"].contains(category))
                    let level = f.text(feature, "SHI_QUAN_D", current: current)
                    XCTAssertEqual(level, category == "011" ? "10" : category == "012" ? "20" : nil)
                    if let use = f.text(feature, "LIN_ZHONG", current: current) {
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

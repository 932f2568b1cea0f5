import Foundation
import Geo
import XCTest
@testable import ForestAssessment
@testable import ForestChange
@testable import ForestCheck
@testable import ForestMapCore
@testable import ForestStats
@testable import ForestSynth
@testable import ForestTestSupport

/// Every event in truth.csv is in the layers as it says (classes, records, geometry, permits, the other
/// layers), and nothing changed that truth.csv does not list.
final class SynthTruthTests: XCTestCase {
    static let changeTypes: Set<String> = ["afforestation", "harvest", "construction", "cleared_for_farming", "fire", "disaster",
                                           "other_loss", "other_gain", "degradation", "attribute_only", "reclassification", "no_change"]
    static let permitStatuses: Set<String> = ["covered", "partial", "wrong_use", "expired", "none", ""]

    struct Permit {
        let number: String, kind: String, from: String, to: String, approved: Double, use: String
        let geometry: Geometry
        /// Valid at some time in 2021 (GeoPackage dates read back as YYYY/MM/DD).
        var validInPeriod: Bool { from <= "2021/12/31" && to >= "2021/01/01" }
    }

    func testTruthFileFormat() throws {
        let f = try SynthFixture.shared.get()
        XCTAssertEqual(Array(f.truth.prefix(3)), [0xEF, 0xBB, 0xBF], "UTF-8 with BOM")
        let text = String(decoding: f.truth.dropFirst(3), as: UTF8.self)
        XCTAssertTrue(text.hasPrefix(SynthTruth.header.joined(separator: ",") + "\r\n"))
        let rows = f.truthRows
        XCTAssertEqual(rows.count, f.summary.events.values.reduce(0, +))
        XCTAssertEqual(Set(rows.map { $0["event_id"] ?? "" }).count, rows.count, "event ids are unique")
        var counts: [String: Int] = [:]
        for row in rows {
            XCTAssertEqual(row.count, SynthTruth.header.count)
            counts[row["event"] ?? "", default: 0] += 1
            XCTAssertTrue(Self.changeTypes.contains(row["change_type"] ?? "?"), row["change_type"] ?? "")
            XCTAssertTrue(Self.permitStatuses.contains(row["permit_status"] ?? "?"), row["permit_status"] ?? "")
            for column in ["hit", "counted", "in_ring_belt", "natural_forest", "public_welfare", "on_farmland"] {
                XCTAssertTrue(["yes", "no"].contains(row[column] ?? ""), column)
            }
        }
        for kind in SynthEventKind.allCases {
            XCTAssertGreaterThan(counts[kind.name] ?? 0, 0, "no \(kind.name) planted")
            XCTAssertEqual(counts[kind.name] ?? 0, f.summary.events[kind.name], kind.name)
        }
        // Rates: about 0.6% of forest-land cells afforested on suitable land, 0.8% harvested under permits.
        let old4 = LandClassTable.builtIn(.old4)
        let forestLand = f.previous.features.filter { old4.classify(f.previous.text($0, "DI_LEI") ?? "")?.isForestLand == true }.count
        let cellsPerSite = min(8, max(1, Int((3_000 / (DistrictShape.districtArea / Double(f.options.subcompartments))).rounded(.up))))
        XCTAssertEqual(Double(counts["harvest_permitted"] ?? 0), 0.008 * Double(forestLand) / Double(cellsPerSite), accuracy: 2)
    }

    func testEveryEventIsInTheLayersAsDescribed() throws {
        let f = try SynthFixture.shared.get()
        let context = GEOSContext()
        let old4 = LandClassTable.builtIn(.old4), new6 = LandClassTable.builtIn(.new6)
        let before = f.previous.byKey, after = f.current.byKey
        let permits = try f.permits.features.map { p in
            Permit(number: f.permits.text(p, "PZWH") ?? "", kind: f.permits.text(p, "PZLX") ?? "", from: f.permits.text(p, "YXQ_Q") ?? "",
                   to: f.permits.text(p, "YXQ_Z") ?? "", approved: f.permits.number(p, "PZMJ") ?? 0, use: f.permits.text(p, "PZYT") ?? "",
                   geometry: try Geometry(wkb: XCTUnwrap(p.geometry), context: context))
        }
        let byNumber = Dictionary(uniqueKeysWithValues: permits.map { ($0.number, $0) })
        let permitIndex = SpatialIndex(boxes: permits.map { $0.geometry.envelope! })
        let belt = try Geometry(wkb: XCTUnwrap(f.belt.features.first?.geometry), context: context)
        func geometry(_ features: [Feature]) throws -> Geometry {
            let parts = try features.map { try Geometry(wkb: XCTUnwrap($0.geometry), context: context) }
            return parts.count == 1 ? parts[0] : try Geometry.union(parts, context: context)
        }
        var kinds: Set<String> = []
        for row in f.truthRows {
            let event = try XCTUnwrap(row["event"]), label = "\(row["event_id"] ?? "") \(event)"
            kinds.insert(event)
            let type = try XCTUnwrap(row["change_type"]), status = try XCTUnwrap(row["permit_status"])
            let fromIDs = (row["from_ids"] ?? "").split(separator: ";").map(String.init)
            let toIDs = (row["to_ids"] ?? "").split(separator: ";").map(String.init)
            let from = try fromIDs.map { try XCTUnwrap(before[$0], "\(label): \($0) not in the first year") }
            let to = try toIDs.map { try XCTUnwrap(after[$0], "\(label): \($0) not in the second year") }
            XCTAssertFalse(from.isEmpty || to.isEmpty, label)
            let fromClass = try XCTUnwrap(LandClass(key: row["from_class"] ?? ""), label)
            let toClass = try XCTUnwrap(LandClass(key: row["to_class"] ?? ""), label)
            for feature in from { XCTAssertEqual(old4.classify(f.previous.text(feature, "DI_LEI") ?? ""), fromClass, label) }
            for feature in to { XCTAssertEqual(new6.classify(f.current.text(feature, "DI_LEI") ?? ""), toClass, label) }
            XCTAssertEqual(f.previous.text(from[0], "DI_LEI"), row["from_code"], label)
            XCTAssertEqual(f.current.text(to[0], "DI_LEI"), row["to_code"], label)
            XCTAssertEqual(row["township_code"], "520111" + (f.current.text(to[0], "XIANG") ?? ""), label)
            XCTAssertEqual(row["village_code"], "520111" + (f.current.text(to[0], "XIANG") ?? "") + (f.current.text(to[0], "CUN") ?? ""), label)
            let area = to.reduce(0.0) { $0 + (f.current.number($1, "MIAN_JI") ?? 0) }
            XCTAssertEqual(Double(row["area_ha"] ?? "") ?? -1, area, accuracy: 1e-4 * Double(to.count), label)
            let recorded = f.current.text(to[0], "BHYY")
            XCTAssertEqual(row["bhyy_recorded"] ?? "", recorded ?? "", label)
            if recorded != nil { XCTAssertEqual(f.current.text(to[0], "BHND"), "2021", label) }
            let changed = try geometry(to)
            let point = Geo.Point(Double(row["x"] ?? "") ?? 0, Double(row["y"] ?? "") ?? 0)
            XCTAssertTrue(try changed.buffer(0.01).intersects(Geometry(wkb: WKB(polygons: [PolygonRings(rings: [[point, Geo.Point(point.x + 0.001, point.y), Geo.Point(point.x, point.y + 0.001), point]])]), context: context)),
                          "\(label): x, y not on the event")

            // Classes and records as the change type says.
            let previousRecord = (f.previous.text(from[0], "SEN_LIN_LB"), f.previous.text(from[0], "QI_YUAN"))
            let currentRecord = (f.current.text(to[0], "SEN_LIN_LB"), f.current.text(to[0], "QI_YUAN"))
            if type != "no_change" {
                for feature in to { XCTAssertNotNil(f.current.text(feature, "Q_DI_LEI"), "\(label): changed without Q_DI_LEI") }
            }
            switch type {
            case "afforestation":
                XCTAssertTrue([.unestablished, .arbor].contains(toClass.group), label)
                XCTAssertTrue([.farmland, .grass, .suitableForForest, .harvested].contains(fromClass.group), label)
            case "harvest":
                XCTAssertEqual(fromClass, .arbor, label)
                XCTAssertEqual(toClass, .harvested, label)
                XCTAssertNil(f.current.text(to[0], "QI_YUAN"), "\(label): harvested land keeps no origin")
            case "construction":
                XCTAssertTrue(fromClass.isForestLand, label)
                XCTAssertEqual(toClass.group, .construction, label)
            case "cleared_for_farming":
                XCTAssertTrue(fromClass.isForestLand, label)
                XCTAssertTrue([.farmland, .orchard].contains(toClass.group), label)
            case "fire": XCTAssertEqual(toClass, .burned, label)
            case "disaster": XCTAssertEqual(toClass, .sparse, label)
            case "degradation":
                XCTAssertEqual(fromClass, .arbor, label)
                XCTAssertEqual(toClass, .otherShrub, label)
            case "other_loss":
                XCTAssertTrue(fromClass.isForestLand, label)
                XCTAssertFalse(toClass.isForestLand, label)
                XCTAssertFalse([.construction, .farmland, .orchard].contains(toClass.group), label)
            case "other_gain":
                XCTAssertFalse(fromClass.isForestLand, label)
                XCTAssertTrue(toClass.isForestLand, label)
            case "attribute_only":
                XCTAssertEqual(fromClass, toClass, label)
                XCTAssertTrue(previousRecord.0 != currentRecord.0 || previousRecord.1 != currentRecord.1, "\(label): no attribute changed")
            case "reclassification":
                // Forest land the new system drops (docs/domain.md §3), or orchards the old system files as farmland.
                XCTAssertTrue(compare(from: fromClass, in: .old4, to: toClass, in: .new6) == .reclassification
                              || (fromClass == .farmland && toClass == .orchard), label)
                if new6.code(for: fromClass) == nil {
                    XCTAssertTrue(from.allSatisfy { f.current.text(after[f.previous.key($0)]!, "Q_DI_LEI") == f.previous.text($0, "DI_LEI") },
                                  "\(label): Q_DI_LEI keeps the old code when the new system has none")
                }
            case "no_change":
                XCTAssertEqual(fromClass, toClass, label)
                for feature in to {
                    let old = before[f.current.key(feature)] ?? from[0]
                    XCTAssertNil(f.current.text(feature, "Q_DI_LEI"), label)
                    XCTAssertNil(f.current.text(feature, "BHYY"), label)
                    XCTAssertEqual(f.current.text(feature, "SEN_LIN_LB"), f.previous.text(old, "SEN_LIN_LB"), label)
                    XCTAssertEqual(f.current.text(feature, "QI_YUAN"), f.previous.text(old, "QI_YUAN"), label)
                }
            default: XCTFail("\(label): change type \(type)")
            }

            // Geometry.
            let fromGeometry = try geometry(from)
            switch event {
            case "split", "road_split", "merge":
                XCTAssertTrue(toIDs.allSatisfy { before[$0] == nil }, "\(label): new keys")
                if event == "merge" { XCTAssertEqual(changed.area, fromGeometry.area, accuracy: 1e-3, label) }
                if event == "split" || event == "road_split" { XCTAssertLessThan(try changed.difference(fromGeometry).area, 1e-3, label) }
            case "harvest_split":
                XCTAssertLessThan(try changed.difference(fromGeometry).area, 1e-3, label)
                XCTAssertLessThan(changed.area, 0.8 * fromGeometry.area, label)
            case "road":
                XCTAssertEqual(row["to_code"], "1006", label)
                XCTAssertLessThan(try changed.difference(fromGeometry).area, 1e-3, label)
                let length = (changed.length - 12) / 2
                XCTAssertEqual(changed.area / length, 6, accuracy: 0.6, "\(label): a 6 m road")
                XCTAssertEqual(changed.partCount, 1, label)
            case "redigitised", "road_end":
                XCTAssertEqual(fromIDs, toIDs, label)
                XCTAssertNotEqual(from[0].geometry, to[0].geometry, "\(label): the shell is the same")
                let moved = try changed.difference(fromGeometry).area + fromGeometry.difference(changed).area
                XCTAssertLessThan(moved, changed.length * 5, label)
                if event == "road_end" { XCTAssertLessThan(moved, 1e-3, label) }
            case "reclassification":
                XCTAssertEqual(fromIDs, toIDs, label)
            default:
                XCTAssertEqual(fromIDs, toIDs, label)
                XCTAssertEqual(from.map(\.geometry), to.map(\.geometry), "\(label): the shape did not change")
            }

            // Permits.
            let listed = try (row["permit_ids"] ?? "").split(separator: ";").map { try XCTUnwrap(byNumber[String($0)], label) }
            let kind = type == "harvest" ? ["采伐"] : ["占用", "临时占用"]
            let box = try XCTUnwrap(changed.envelope)
            let near = Set(permitIndex.query(box))
            let valid = permits.enumerated().filter { near.contains($0.offset) && kind.contains($0.element.kind) && $0.element.validInPeriod }.map(\.element)
            func uncovered(by list: [Permit]) throws -> Double {
                guard !list.isEmpty else { return changed.area }
                let red = try Geometry.union(list.map(\.geometry), context: context)
                return try changed.difference(red).area
            }
            let hectares = Double(row["area_ha"] ?? "") ?? 0
            switch status {
            case "covered":
                XCTAssertLessThan(try uncovered(by: valid), 0.01, "\(label): not covered")
                XCTAssertTrue(listed.contains { $0.validInPeriod && $0.approved >= hectares }, "\(label): PZMJ below the changed area")
            case "partial":
                let missing = try XCTUnwrap(Double(row["uncovered_ha"] ?? ""), label)
                XCTAssertGreaterThan(missing * 10_000, 400, label)
                let outside = try uncovered(by: valid)
                if outside > 1 {
                    XCTAssertEqual(outside / 10_000, missing, accuracy: missing * 0.002 + 1e-4, "\(label): uncovered area")
                } else {
                    XCTAssertEqual(listed.reduce(0) { $0 + $1.approved } + missing, hectares, accuracy: 2e-4, "\(label): beyond PZMJ")
                }
            case "expired":
                XCTAssertFalse(listed.isEmpty, label)
                XCTAssertLessThan(try uncovered(by: listed), 0.01, label)
                XCTAssertTrue(listed.allSatisfy { $0.to < "2021/12/31" }, label)
                XCTAssertFalse(listed.contains { $0.validInPeriod && $0.kind == "占用" }, label)
                if event == "temporary_not_restored" { XCTAssertEqual(listed.first?.kind, "临时占用", label) }
            case "wrong_use":
                XCTAssertLessThan(try uncovered(by: valid), 0.01, label)
                XCTAssertTrue(listed.allSatisfy { $0.use.prefix(2) != (row["to_code"] ?? "").prefix(2) }, label)
            case "none":
                XCTAssertTrue(listed.isEmpty, label)
                XCTAssertEqual(try uncovered(by: near.map { permits[$0] }), changed.area, accuracy: 1, "\(label): a permit over it")
            default:
                if event != "permit_unused" { XCTAssertTrue(listed.isEmpty, label) } else { XCTAssertFalse(listed.isEmpty, label) }
            }

            // Context and the hit list.
            let inside = try changed.intersection(belt).area / changed.area
            if !["reclassification", "redigitised", "road_end"].contains(event) {
                XCTAssertEqual(row["in_ring_belt"], inside > 0.999 ? "yes" : "no", label)
                if row["in_ring_belt"] == "no" { XCTAssertLessThan(inside, 0.001, label) }
            }
            let natural = fromClass.isForestLand && (previousRecord.1?.hasPrefix("1") ?? false)
            XCTAssertEqual(row["natural_forest"], natural ? "yes" : "no", label)
            XCTAssertEqual(row["public_welfare"], (previousRecord.0?.hasPrefix("01") ?? false) ? "yes" : "no", label)
            let correction = (recorded ?? "").hasPrefix("9")
            let onTheGround = !["no_change", "reclassification", "attribute_only"].contains(type)
            XCTAssertEqual(row["counted"] == "yes", onTheGround && !correction && event != "afforestation_farmland", label)
            let loss = fromClass.isForestLand && !toClass.isForestLand
            let belted = row["in_ring_belt"] == "yes"
            let expectHit = !correction && onTheGround
                && ((loss && status != "covered") || type == "cleared_for_farming" || (type == "harvest" && (status != "covered" || natural))
                    || (belted && (loss || ["harvest", "cleared_for_farming", "construction"].contains(type))))
            XCTAssertEqual(row["hit"], expectHit ? "yes" : "no", label)
            XCTAssertEqual(row["on_farmland"] == "yes", fromClass.group == .farmland && toClass.isForestLand, label)

            // Fire and pest polygons; afforestation tasks.
            if type == "fire" || type == "disaster" {
                let layer = type == "fire" ? f.fires : f.pests
                let matching = try layer.features.filter { try Geometry(wkb: XCTUnwrap($0.geometry), context: context).intersects(changed) }
                XCTAssertEqual(matching.count, 1, label)
                XCTAssertEqual(matching.first.flatMap { layer.number($0, type == "fire" ? "SHMJ" : "CZMJ") } ?? 0, hectares, accuracy: 2e-4, label)
            }
            if event == "afforestation_suitable" || event == "afforestation_harvested" {
                let task = try f.tasks.features.first { try Geometry(wkb: XCTUnwrap($0.geometry), context: context).intersects(changed) }
                XCTAssertEqual(task.flatMap { f.tasks.text($0, "RWLX") }, "造林", label)
                XCTAssertEqual(task.flatMap { f.tasks.number($0, "WCMJ") } ?? 0, hectares, accuracy: 2e-4, label)
            }
        }
        XCTAssertEqual(kinds.count, SynthEventKind.allCases.count)
    }

    /// The other way round: a sub-compartment no truth row names is the same in both years.
    func testNothingChangesOutsideTheTruth() throws {
        let f = try SynthFixture.shared.get()
        let old4 = LandClassTable.builtIn(.old4), new6 = LandClassTable.builtIn(.new6)
        var fromIDs: Set<String> = [], toIDs: Set<String> = []
        for row in f.truthRows {
            for id in (row["from_ids"] ?? "").split(separator: ";") { fromIDs.insert(String(id)) }
            for id in (row["to_ids"] ?? "").split(separator: ";") { toIDs.insert(String(id)) }
        }
        let before = f.previous.byKey, after = f.current.byKey
        XCTAssertEqual(before.count, f.previous.features.count, "first-year keys are unique")
        XCTAssertEqual(after.count, f.current.features.count, "second-year keys are unique")
        for feature in f.current.features where !toIDs.contains(f.current.key(feature)) {
            let key = f.current.key(feature)
            let old = try XCTUnwrap(before[key], "\(key) is new but in no truth row")
            XCTAssertEqual(old.geometry, feature.geometry, key)
            XCTAssertEqual(old4.classify(f.previous.text(old, "DI_LEI") ?? ""), new6.classify(f.current.text(feature, "DI_LEI") ?? ""), key)
            for name in ["SEN_LIN_LB", "SHI_QUAN_D", "GJGYL_BHDJ", "QI_YUAN", "LIN_ZHONG", "YOU_SHI_SZ", "YU_BI_DU"] {
                XCTAssertEqual(f.previous.text(old, name), f.current.text(feature, name), "\(key) \(name)")
            }
            for name in ["Q_DI_LEI", "Q_SEN_LB", "Q_LIN_ZHONG", "BHYY", "BHND"] { XCTAssertNil(f.current.text(feature, name), "\(key) \(name)") }
        }
        for feature in f.previous.features where !fromIDs.contains(f.previous.key(feature)) {
            XCTAssertNotNil(after[f.previous.key(feature)], "\(f.previous.key(feature)) is gone but in no truth row")
        }
    }

    func testAuxiliaryLayers() throws {
        let f = try SynthFixture.shared.get()
        // Permits: every field filled as the README says.
        XCTAssertEqual(f.permits.fields, ["PZWH", "PZLX", "YXQ_Q", "YXQ_Z", "PZMJ", "PZYT", "PZYT_MC", "CFXJ", "XZQDM"])
        for p in f.permits.features {
            XCTAssertTrue(["采伐", "占用", "临时占用"].contains(f.permits.text(p, "PZLX") ?? ""))
            XCTAssertLessThan(f.permits.text(p, "YXQ_Q") ?? "", f.permits.text(p, "YXQ_Z") ?? "")
            XCTAssertGreaterThan(f.permits.number(p, "PZMJ") ?? 0, 0)
            XCTAssertEqual(f.permits.text(p, "CFXJ") != nil, f.permits.text(p, "PZLX") == "采伐")
        }
        XCTAssertEqual(Set(f.permits.features.map { f.permits.text($0, "PZWH") ?? "" }).count, f.permits.features.count, "PZWH unique")
        // The belt: one polygon with the city as a hole, across the north of the district.
        let belt = try XCTUnwrap(f.belt.features.first?.geometry).polygons()
        XCTAssertEqual(belt.count, 1)
        XCTAssertEqual(belt.first?.rings.count, 2)
        // Tasks: all three kinds, verified area never above the task's.
        XCTAssertEqual(Set(f.tasks.features.compactMap { f.tasks.text($0, "RWLX") }), ["造林", "抚育", "退耕还林补植"])
        for t in f.tasks.features { XCTAssertLessThanOrEqual(f.tasks.number(t, "WCMJ") ?? 1, f.tasks.number(t, "RWMJ") ?? 0) }
        XCTAssertTrue(f.tasks.features.contains { f.tasks.number($0, "WCMJ") == 0 }, "a task not done")
        // Fires and pests dated in the year.
        for (layer, date) in [(f.fires, "FSRQ"), (f.pests, "FSRQ")] {
            XCTAssertFalse(layer.features.isEmpty)
            for x in layer.features { XCTAssertTrue(layer.text(x, date)?.hasPrefix("2021/") ?? false) }
        }
        // 18 under-forest economy projects, 2 in each of 9 townships.
        XCTAssertEqual(f.economy.features.count, 18)
        let perTownship = Dictionary(grouping: f.economy.features) { f.economy.text($0, "XZQDM") ?? "" }
        XCTAssertEqual(perTownship.count, 9)
        XCTAssertTrue(perTownship.values.allSatisfy { $0.count == 2 })
    }

    func testTargets() throws {
        let f = try SynthFixture.shared.get()
        XCTAssertEqual(Array(f.targets.prefix(3)), [0xEF, 0xBB, 0xBF])
        let rows = SynthFixture.rows(f.targets)
        XCTAssertEqual(rows.count, 20 * SynthTargets.indicators.count)
        XCTAssertEqual(Set(rows.map { $0["township_code"] ?? "" }).count, 20)
        XCTAssertTrue(rows.contains { $0["township_code"] == "520111" })
        for row in rows {
            XCTAssertEqual(row["applicable"] == "no", row["target"] == "", "\(row)")
            if row["applicable"] == "yes" { XCTAssertNotNil(Double(row["target"] ?? "")) }
        }
        let notApplicable = rows.filter { $0["applicable"] == "no" }.map { $0["indicator"] ?? "" }
        XCTAssertTrue(notApplicable.contains("harvest_quota"), "streets have no harvest quota")
        XCTAssertTrue(notApplicable.contains("under_forest_economy_projects"))
        for key in ["forest_coverage_rate", "forest_land_area", "standing_volume", "harvest_quota", "fire_damage_rate", "pest_disaster_rate",
                    "afforestation_completion_rate", "case_closure_rate", "forest_land_use_approval_rate"] {
            XCTAssertTrue(rows.contains { $0["indicator"] == key && $0["applicable"] == "yes" }, key)
        }
        let coverage = rows.first { $0["township_code"] == "520111" && $0["indicator"] == "forest_coverage_rate" }
        XCTAssertEqual(Double(coverage?["target"] ?? "") ?? 0, 50, accuracy: 10)
    }

    func testConfigNamesEveryInput() throws {
        let f = try SynthFixture.shared.get()
        let folder = try SynthFixture.temporaryDirectory("config")
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = try ForestMapConfig.parse(f.config, file: "forestmap.toml", folder: folder)
        XCTAssertEqual(config.permits?.layerName, "permits")
        XCTAssertEqual(config.ringBelt?.layerName, "ring_belt")
        XCTAssertEqual(config.townships?.layerName, "townships")
        for file in f.files where file.hasSuffix(".gpkg") || file.hasSuffix(".csv") || file.hasSuffix(".xlsx") {
            XCTAssertTrue(f.config.contains(file), "\(file) is not named in forestmap.toml")
        }
    }
}

import Foundation
import Geo
import XCTest
@testable import ForestAssessment
@testable import ForestChange
@testable import ForestCheck
@testable import ForestMapCore
@testable import ForestSynth
@testable import ForestUpdate
@testable import PlanarKernel
@testable import ForestTestSupport

/// `MapUpdate` on small maps built in code: a row of 100 m squares of arbor forest (old codes) and patches over them.
final class MapUpdateTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws { folder = try Fixtures.temporaryFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private static let x0 = 380_000.0, y0 = 2_920_000.0

    /// A rectangle from (x, 0) to (x + w, h) relative to the map's corner.
    private static func box(_ x: Double, _ w: Double, y: Double = 0, h: Double = 100) -> WKB {
        let a = x0 + x, b = y0 + y
        return WKB(polygons: [PolygonRings(rings: [[Point(a, b), Point(a + w, b), Point(a + w, b + h), Point(a, b + h), Point(a, b)]])])
    }

    /// Squares 0001... side by side, all arbor (0111) unless `codes` says otherwise.
    private func map(_ count: Int, codes: [String] = []) throws -> SourceReference {
        try Fixtures.gpkg(folder, name: "xiaoban_2020", features: (0..<count).map { k in
            Fixtures.row("101", String(format: "%04d", k + 1), k < codes.count ? codes[k] : "0111", Self.box(Double(k) * 100, 100))
        })
    }

    private static let patchFields = ["DI_LEI", "BHYY", "BHND", "BH_YJ", "XIAN", "XIANG", "CUN", "LIN_BAN", "XIAO_BAN"].map { FieldDefinition($0, .string) }

    private static func patch(_ code: String?, _ reason: String?, year: String = "2021", basis: String? = nil, _ geometry: WKB?,
                              key: [String]? = nil) -> Feature {
        let text = { (s: String?) in s.map(FieldValue.string) ?? .null }
        return Feature(values: [text(code), text(reason), .string(year), text(basis)] + (key ?? []).map(FieldValue.string)
                       + Array(repeating: .null, count: 5 - (key?.count ?? 0)), geometry: geometry)
    }

    private func update(_ map: SourceReference, _ patches: [Feature]) throws -> UpdateRun.Report {
        let source = try Fixtures.gpkg(folder, name: "patches", fields: Self.patchFields, features: patches)
        var request = UpdateRun.Request(patches: source.description, outputFolder: folder.appendingPathComponent("out-\(UUID().uuidString)").path)
        request.map = map.description
        request.year = 2021
        request.settings.threads = 2
        return try UpdateRun.perform(request, print: false)
    }

    private func hectares(_ wkb: WKB) throws -> Double {
        let calculator = try AreaCalculator(method: .ellipsoidal, spatialReference: try SpatialReference(epsg: 4545), layerLabel: "test")
        return AreaUnit.hectares(try calculator.squareMetres(wkb))
    }

    private func output(_ report: UpdateRun.Report, _ key: String) throws -> MapUpdate.Output {
        try XCTUnwrap(report.update.outputs.first { $0.key == key }, "no \(key) in \(report.update.outputs.map(\.key))")
    }

    private func value(_ report: UpdateRun.Report, _ o: MapUpdate.Output, _ field: String) -> String? {
        o.values[report.update.fieldDefinitions.firstIndex { $0.name == field }!].text
    }

    private static func key(_ xiaoBan: String) -> String { "520111|101|001|0001|\(xiaoBan)" }

    func testAPatchCutsASubCompartmentKeepsTheLargerPartsKeyAndNumbersTheOther() throws {
        let report = try update(try map(3), [Self.patch("0161", "20", basis: "花林采〔2021〕第0001号", Self.box(100, 60))])
        let u = report.update
        XCTAssertEqual(u.outputs.count, 4)
        XCTAssertEqual(Set(u.outputs.map(\.key)).count, 4, "keys unique")
        let cut = try output(report, Self.key("0002")), rest = try output(report, Self.key("0004"))
        XCTAssertEqual(value(report, cut, "DI_LEI"), "0161")
        XCTAssertEqual(value(report, cut, "Q_DI_LEI"), "0111")
        XCTAssertEqual(value(report, cut, "BHYY"), "20")
        XCTAssertEqual(value(report, cut, "BHND"), "2021")
        XCTAssertEqual(value(report, cut, "BH_YJ"), "花林采〔2021〕第0001号")
        XCTAssertEqual(value(report, rest, "DI_LEI"), "0111")
        XCTAssertNil(value(report, rest, "Q_DI_LEI"), "the rest's record did not change")
        for o in [cut, rest] { XCTAssertEqual(value(report, o, "Q_KEY"), Self.key("0002"), "traceable to the parent") }
        // MIAN_JI is the new area, measured independently.
        XCTAssertEqual(Double(value(report, cut, "MIAN_JI")!)!, try hectares(Self.box(100, 60)), accuracy: 0.00005)
        XCTAssertEqual(Double(value(report, rest, "MIAN_JI")!)!, try hectares(Self.box(160, 40)), accuracy: 0.00005)
        XCTAssertNil(value(report, try output(report, Self.key("0001")), "Q_KEY"), "untouched")
        // The ledger: 0.6 ha of arbor became harvested land, forest land unchanged.
        let ledger = UpdateTables.ledger(u).filter { $0.township == "520111101" && $0.reason == "20" }
        XCTAssertEqual(ledger.first { $0.landClass == "arbor" }.map { AreaUnit.hectares($0.loss) } ?? 0, try hectares(Self.box(100, 60)), accuracy: 1e-9)
        XCTAssertEqual(ledger.first { $0.landClass == "harvested" }.map { AreaUnit.hectares($0.gain) } ?? 0, try hectares(Self.box(100, 60)), accuracy: 1e-9)
        XCTAssertEqual(ledger.first { $0.landClass == "forest_land" }.map { $0.gain - $0.loss } ?? 1, 0, accuracy: 1e-9)
        XCTAssertEqual(u.changed.map(\.status).sorted(), ["changed", "new_number"])
        XCTAssertNil(report.failure)
    }

    func testAStripOverTheNextBoundaryIsMergedIntoThePatchAndCountedAsReason97() throws {
        // The patch covers square 2 and 1 m of square 3: a 100 m² strip, below the 1 mu map unit.
        let report = try update(try map(3), [Self.patch("0250", "41", Self.box(100, 101))])
        let u = report.update
        XCTAssertEqual(u.outputs.count, 3, "no new sub-compartment")
        XCTAssertEqual(u.slivers, 1)
        let built = try output(report, Self.key("0002")), next = try output(report, Self.key("0003"))
        XCTAssertEqual(try hectares(built.geometry), try hectares(Self.box(100, 101)), accuracy: 1e-9)
        XCTAssertEqual(try hectares(next.geometry), try hectares(Self.box(201, 99)), accuracy: 1e-9)
        XCTAssertEqual(value(report, next, "DI_LEI"), "0111")
        let strip = u.classChanges.filter { $0.reason == MapUpdate.reason97Merge }
        XCTAssertEqual(strip.count, 1)
        XCTAssertEqual(AreaUnit.hectares(strip[0].squareMetres), try hectares(Self.box(200, 1)), accuracy: 1e-9)
        // Together the map still covers what it covered.
        XCTAssertEqual(try u.outputs.map { try hectares($0.geometry) }.reduce(0, +), try hectares(Self.box(0, 300)), accuracy: 1e-8)
    }

    func testTheRestOfACutSubCompartmentBelowTheMapUnitGoesToTheNeighbourWithTheLongestEdge() throws {
        // Two patches cover square 2 but its last 3 m: that 300 m² strip shares 50 m with each patch and 100 m with
        // square 3 (special shrub), which takes it.
        let report = try update(try map(3, codes: ["0111", "0111", "0131"]), [
            Self.patch("0161", "20", Self.box(100, 97, y: 0, h: 50)), Self.patch("0161", "20", Self.box(100, 97, y: 50, h: 50)),
        ])
        let u = report.update
        XCTAssertEqual(u.slivers, 1)
        let taker = try output(report, Self.key("0003"))
        // (A vertex added on a straight edge moves an ellipsoidal area by a hair: 1e-7 ha is 0.001 m².)
        XCTAssertEqual(try hectares(taker.geometry), try hectares(Self.box(197, 103)), accuracy: 1e-7)
        XCTAssertEqual(value(report, taker, "BHYY"), MapUpdate.reason97Merge)
        XCTAssertEqual(value(report, taker, "Q_KEY"), Self.key("0003"))
        XCTAssertEqual(Double(value(report, taker, "MIAN_JI")!)!, try hectares(Self.box(197, 103)), accuracy: 0.00005)
        XCTAssertEqual(Set(u.outputs.map(\.key)).count, u.outputs.count)
        let moved = u.classChanges.filter { $0.reason == MapUpdate.reason97Merge }
        XCTAssertEqual(moved.map { $0.from?.key ?? "" }, ["arbor"])
        XCTAssertEqual(moved.map { $0.to?.key ?? "" }, ["special_shrub"])
        XCTAssertEqual(AreaUnit.hectares(moved[0].squareMetres), try hectares(Self.box(197, 3)), accuracy: 1e-7)
        XCTAssertEqual(u.changed.first { $0.key == Self.key("0003") }?.status, "sliver_merged")
    }

    func testOverlappingPatchesTheLaterYearThenTheSmallerWinsAndBothAreReported() throws {
        let report = try update(try map(4), [
            Self.patch("0161", "20", year: "2020", Self.box(0, 100)),      // fid 1: square 1, earlier
            Self.patch("0250", "41", year: "2021", Self.box(0, 50)),       // fid 2: its west half, later: wins
            Self.patch("0162", "71", year: "2021", Self.box(300, 40)),     // fid 3: smaller: wins
            Self.patch("0132", "50", year: "2021", Self.box(300, 100)),    // fid 4: square 4, larger
        ])
        let u = report.update
        XCTAssertEqual(u.conflicts.map(\.rule).sorted(), ["later_year", "more_specific"])
        let byLoser = Dictionary(uniqueKeysWithValues: u.conflicts.map { ($0.loser, $0) })
        XCTAssertEqual(byLoser[1]?.winner, 2)
        XCTAssertEqual(byLoser[4]?.winner, 3)
        XCTAssertEqual(byLoser[1]?.squareMetres ?? 0, 5_000, accuracy: 1e-6)
        // Square 1: west half construction (fid 2), east half harvested (fid 1).
        let codes = u.outputs.filter { $0.parent == 0 }.map { value(report, $0, "DI_LEI")! }.sorted()
        XCTAssertEqual(codes, ["0161", "0250"])
        let square4 = u.outputs.filter { $0.parent == 3 }.map { (value(report, $0, "DI_LEI")!, try! hectares($0.geometry)) }.sorted { $0.0 < $1.0 }
        XCTAssertEqual(square4.map(\.0), ["0132", "0162"])
        XCTAssertEqual(square4[1].1, try hectares(Self.box(300, 40)), accuracy: 1e-9)
    }

    func testBadPatchesAreListedWithWhyAndARecordUpdateNeedsAKnownKey() throws {
        let bowTie = WKB(polygons: [PolygonRings(rings: [[Point(Self.x0, Self.y0), Point(Self.x0 + 50, Self.y0 + 50), Point(Self.x0 + 50, Self.y0),
                                                          Point(Self.x0, Self.y0 + 50), Point(Self.x0, Self.y0)]])])
        let report = try update(try map(2), [
            Self.patch(nil, "20", Self.box(0, 10)),                                       // 1 no class
            Self.patch("9999", "20", Self.box(0, 10)),                                    // 2 unknown code
            Self.patch("0161", "20", bowTie),                                             // 3 invalid
            Self.patch("0161", "20", Self.box(5_000, 100)),                               // 4 outside
            Self.patch("0161", nil, Self.box(0, 10)),                                     // 5 no reason
            Self.patch("0131", nil, nil, key: ["520111", "101", "001", "0001", "0009"]),  // 6 unknown key
            Self.patch("0131", nil, nil),                                                 // 7 neither
            Self.patch("0131", nil, nil, key: ["520111", "101", "001", "0001", "0002"]),  // 8 a record update
            Self.patch("0161", "20", Self.box(50, 100)),                                  // 9 square 1's east half, square 2's west half
            Self.patch("0161", "20", Self.box(175, 100)),                                 // 10 mostly outside the map
        ])
        let u = report.update
        let reasons = Dictionary(u.problems.map { ($0.fid, $0.reason) }) { a, _ in a }
        XCTAssertEqual(reasons, [1: "no_land_class", 2: "unknown_code", 3: "invalid", 4: "outside_map", 5: "no_reason",
                                 6: "key_not_in_map", 7: "no_polygon_or_key", 10: "partly_outside"])
        XCTAssertEqual(u.problems.first { $0.fid == 10 }?.outcome, .trimmed)
        XCTAssertEqual(u.recordUpdates, 1)
        // The record update sets square 2's record; the polygon patches cut over it, 150–175 m keeps it.
        XCTAssertTrue(u.outputs.filter { $0.parent == 1 }.contains { value(report, $0, "DI_LEI") == "0131" })
        XCTAssertEqual(report.failure?.status, .problemsFound)
    }

    func testPatchesInTheNewCodeSystemCarryTheRestOfTheMapAcross() throws {
        // Square 3 is 0171 (suitable land), which the new system has no code for, and no patch reclassifies it.
        let report = try update(try map(3, codes: ["0111", "0131", "0171"]), [Self.patch("030405", "20", Self.box(0, 100))])
        let u = report.update
        XCTAssertEqual(u.patchTable.system, .new6)
        XCTAssertEqual(value(report, try output(report, Self.key("0001")), "DI_LEI"), "030405")
        XCTAssertEqual(value(report, try output(report, Self.key("0001")), "Q_DI_LEI"), "030100", "the previous class in the new system")
        XCTAssertEqual(value(report, try output(report, Self.key("0002")), "DI_LEI"), "030301")
        XCTAssertEqual(value(report, try output(report, Self.key("0003")), "DI_LEI"), "0171")
        XCTAssertEqual(u.untranslated, [Self.key("0003")])
    }

    func testAPatchLayerInAnotherCRSOrWithoutDILEIIsRefusedWithOneLine() throws {
        let map = try map(2)
        func run(_ patches: SourceReference) -> ForestMapError? {
            var request = UpdateRun.Request(patches: patches.description, outputFolder: folder.appendingPathComponent("out").path)
            request.map = map.description
            request.year = 2021
            do { try UpdateRun.perform(request, print: false); return nil } catch { return error as? ForestMapError }
        }
        let otherCRS = try Fixtures.gpkg(folder, name: "patches_4544", epsg: 4544, fields: Self.patchFields,
                                         features: [Self.patch("0161", "20", Self.box(0, 10))])
        let e1 = try XCTUnwrap(run(otherCRS))
        XCTAssertEqual(e1.status, .badInput)
        XCTAssertTrue(e1.message.contains("patches_4544") && e1.message.contains("reproject"), e1.message)
        let noClass = try Fixtures.gpkg(folder, name: "patches_nodilei", fields: [FieldDefinition("BHYY", .string)],
                                        features: [Feature(values: [.string("20")], geometry: Self.box(0, 10))])
        let e2 = try XCTUnwrap(run(noClass))
        XCTAssertEqual(e2.status, .badInput)
        XCTAssertTrue(e2.message.contains("DI_LEI") && !e2.message.contains("\n"), e2.message)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path), "nothing written")
    }
}

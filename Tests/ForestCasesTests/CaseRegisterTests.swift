import Foundation
import XCTest
import Geo
import ForestMapCore
@testable import ForestCases

/// The register's store: made whole or not at all, migrated forward, refused when newer, changed only in
/// transactions.
final class CaseRegisterTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("forestmap-register-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func sampleCase(_ id: String = "520111004-2021-0001") -> RegisterCase {
        let square = WKB(polygons: [PolygonRings(rings: [[Point(0, 0), Point(100, 0), Point(100, 100), Point(0, 100), Point(0, 0)]])])
        return RegisterCase(caseID: id, source: .change, townshipCode: "520111004", townshipName: "贵筑街道", year: 2021, number: 1, status: .open,
                            opened: CaseDate(text: "2022-03-01")!, lastEvent: CaseDate(text: "2022-03-01")!, confirmedOn: nil, squareMetres: 10_000,
                            longitude: 106.6, latitude: 26.4, x: 50, y: 50, hitIDs: ["H520111004-0001"], attributes: ["reason": "未批先占"],
                            description: "未批先占", geometry: square)
    }

    func testANewRegisterHoldsWhatAnUpdateWrote() throws {
        let location = SourceReference(path: folder.appendingPathComponent("sub/cases.gpkg").path)
        XCTAssertFalse(try CaseRegister.exists(location))
        let register = try CaseRegister.open(location, creatingIn: try SpatialReference(epsg: 4545))
        XCTAssertEqual(try register.schemaVersion(), CaseRegisterSchema.version)
        XCTAssertEqual(register.spatialReference?.epsgCode, 4545)
        try register.update { state in
            state.put(sampleCase())
            state.record(.detected, caseID: "520111004-2021-0001", date: CaseDate(text: "2022-03-01")!, status: .open, origin: "test", key: "k1")
            XCTAssertFalse(state.record(.detected, caseID: "520111004-2021-0001", date: CaseDate(text: "2022-03-01")!, status: .open, origin: "test", key: "k1"),
                           "an event's key is written once")
        }
        let state = try CaseRegister.openExisting(location).read()
        var stored = try XCTUnwrap(state.cases["520111004-2021-0001"])
        XCTAssertEqual(try stored.geometry?.polygons(), try sampleCase().geometry?.polygons(), "a polygon is kept as a one-part MultiPolygon")
        stored.geometry = sampleCase().geometry
        XCTAssertEqual(stored, sampleCase())
        XCTAssertEqual(state.events.map(\.key), ["k1"])
        // Nothing is left beside it: the GeoPackage was made under another name and renamed.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("sub").path), ["cases.gpkg"])
    }

    /// A form filled before the run that recorded the hit (its 核查日期 before the detection) still decides.
    func testAVerdictDatedBeforeTheDetectionCounts() throws {
        var state = RegisterState()
        state.put(sampleCase())
        let id = "520111004-2021-0001"
        state.record(.detected, caseID: id, date: CaseDate(text: "2022-03-01")!, status: .open, origin: "run", key: "d")
        state.record(.verdict, caseID: id, date: CaseDate(text: "2022-02-10")!, status: .confirmed, origin: "form", key: "v")
        state.record(.handling, caseID: id, date: CaseDate(text: "2022-02-10")!, status: .rectified, origin: "form", key: "h")
        state.settle(id)
        XCTAssertEqual(state.cases[id]?.status, .rectified)
        XCTAssertEqual(state.cases[id]?.confirmedOn, CaseDate(text: "2022-02-10"))
        // A later verdict wins over an earlier handling; the order written decides within a day.
        state.record(.verdict, caseID: id, date: CaseDate(text: "2022-05-01")!, status: .notAChange, origin: "form", key: "v2")
        state.settle(id)
        XCTAssertEqual(state.cases[id]?.status, .notAChange)
    }

    /// A register a killed process was making (its staging file, its pid gone) does not stay beside the new one.
    func testAKilledCreationsLeftoversGo() throws {
        let sub = folder.appendingPathComponent("sub")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        let p = try Process.run(URL(fileURLWithPath: "/bin/true"), arguments: [])
        p.waitUntilExit()
        let leftover = sub.appendingPathComponent(".cases.gpkg.new-\(p.processIdentifier)")
        try Data("half".utf8).write(to: leftover)
        _ = try CaseRegister.open(SourceReference(path: sub.appendingPathComponent("cases.gpkg").path), creatingIn: try SpatialReference(epsg: 4545))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: sub.path), ["cases.gpkg"])
    }

    func testAFailedUpdateChangesNothing() throws {
        let location = SourceReference(path: folder.appendingPathComponent("cases.gpkg").path)
        let register = try CaseRegister.open(location, creatingIn: try SpatialReference(epsg: 4545))
        struct Stop: Error {}
        XCTAssertThrowsError(try register.update { state in
            state.put(sampleCase())
            throw Stop()
        })
        XCTAssertTrue(try register.read().cases.isEmpty)
    }

    /// Schema 1 had no sub-compartment snapshots: opening it adds the table and keeps every case.
    func testARegisterOfThePreviousSchemaMigrates() throws {
        let path = folder.appendingPathComponent("old.gpkg").path
        try RecordStore.createGeoPackage(at: path, tables: [CaseRegisterSchema.info, CaseRegisterSchema.cases, CaseRegisterSchema.events],
                                         spatialReference: try SpatialReference(epsg: 4545))
        let store = try RecordStore(opening: SourceReference(path: path))
        try store.transaction {
            try store.insert([Record(values: ["key": .string("schema_version"), "value": .string("1")])], into: "register_info")
            try store.insert([Record(values: ["case_id": .string("520111004-2021-0001"), "source": .string("change"), "township_code": .string("520111004"),
                                              "year": .integer(2021), "number": .integer(1), "case_status": .string("confirmed"),
                                              "opened": .string("2022-03-01"), "last_event": .string("2022-04-02"), "confirmed_on": .string("2022-04-02"),
                                              "area_m2": .real(500), "hit_ids": .string("H520111004-0001")])], into: "cases")
            try store.insert([Record(values: ["case_id": .string("520111004-2021-0001"), "sequence": .integer(1), "event": .string("verdict"),
                                              "event_date": .string("2022-04-02"), "case_status": .string("confirmed"), "event_key": .string("v1")])],
                             into: "case_events")
        }
        XCTAssertFalse(store.tableExists("case_subcompartments"))
        let register = try CaseRegister.openExisting(SourceReference(path: path))
        XCTAssertEqual(try register.schemaVersion(), 2)
        let state = try register.read()
        XCTAssertEqual(state.cases["520111004-2021-0001"]?.status, .confirmed)
        XCTAssertEqual(state.events.count, 1)
        XCTAssertTrue(try register.snapshots(of: ["520111004-2021-0001"]).isEmpty)
        XCTAssertTrue(try RecordStore(opening: SourceReference(path: path)).tableExists("case_subcompartments"))
    }

    func testARegisterOfANewerForestmapIsRefused() throws {
        let path = folder.appendingPathComponent("new.gpkg").path
        try RecordStore.createGeoPackage(at: path, tables: CaseRegisterSchema.tables, spatialReference: try SpatialReference(epsg: 4545))
        let store = try RecordStore(opening: SourceReference(path: path))
        try store.transaction { try store.insert([Record(values: ["key": .string("schema_version"), "value": .string("99")])], into: "register_info") }
        XCTAssertThrowsError(try CaseRegister.openExisting(SourceReference(path: path))) { e in
            XCTAssertTrue("\(e)".contains("newer forestmap"), "\(e)")
        }
    }

    func testMissingRegisterAndOtherFilesAreNamed() throws {
        let missing = SourceReference(path: folder.appendingPathComponent("none.gpkg").path)
        XCTAssertThrowsError(try CaseRegister.openExisting(missing)) { e in XCTAssertTrue("\(e)".contains("no case register"), "\(e)") }
        let other = folder.appendingPathComponent("layer.gpkg").path
        let writer = try VectorWriter(creating: other, format: .geoPackage)
        _ = try writer.createLayer(named: "xiaoban", geometry: .polygon, spatialReference: try SpatialReference(epsg: 4545), fields: [.init("A", .string)])
        try writer.close()
        XCTAssertThrowsError(try CaseRegister.openExisting(SourceReference(path: other))) { e in
            XCTAssertTrue("\(e)".contains("no case register") || "\(e)".contains("not a forestmap case register"), "\(e)")
        }
    }

    /// The status table of the README, and the closure rule.
    func testStatusTable() {
        XCTAssertEqual(CaseStatus.verdict("属实"), .confirmed)
        XCTAssertEqual(CaseStatus.verdict("不属实"), .notAChange)
        XCTAssertNil(CaseStatus.verdict("是"))
        let handling: [String: CaseStatus] = ["已立案": .filed, "已处罚": .penalised, "整改中": .rectifying, "已整改": .rectified,
                                              "已补办手续": .permitted, "合法": .permitted]
        for (text, status) in handling { XCTAssertEqual(CaseStatus.handling(text), status, text) }
        XCTAssertEqual(Set(CaseStatus.handlingValues), Set(handling.keys))
        XCTAssertEqual(CaseStatus.allCases.filter(\.isClosed), [.notAChange, .rectified, .permitted])
        XCTAssertEqual(CaseStatus.allCases.filter(\.isConfirmedViolation), [.confirmed, .filed, .penalised, .rectifying, .rectified])
        XCTAssertEqual(CaseStatus.allCases.filter(\.isDealtWith), [.filed, .penalised, .rectified])
        var a = sampleCase("a"), b = sampleCase("b"), c = sampleCase("c"), d = sampleCase("d")
        (a.status, b.status, c.status, d.status) = (.rectified, .rectifying, .permitted, .filed)
        d.year = 2020
        let rate = CaseClosure.byTownship([a, b, c, d], year: 2021)["520111004"]
        XCTAssertEqual(rate, CaseClosure(confirmed: 2, dealtWith: 1), "permitted is no violation; 2020's case is another period's")
        XCTAssertEqual(rate?.rate, 50)
    }

    func testOverdueCountsFromTheVerdict() {
        var c = sampleCase()
        c.status = .confirmed
        c.confirmedOn = CaseDate(text: "2022-04-01")
        XCTAssertFalse(c.isOverdue(asOf: CaseDate(text: "2022-06-30")!, rectificationDays: 90))
        XCTAssertTrue(c.isOverdue(asOf: CaseDate(text: "2022-07-01")!, rectificationDays: 90))
        c.status = .rectified
        XCTAssertFalse(c.isOverdue(asOf: CaseDate(text: "2023-01-01")!, rectificationDays: 90), "closed cases are never overdue")
        XCTAssertEqual(c.age(asOf: CaseDate(text: "2022-03-31")!), 30)
    }
}

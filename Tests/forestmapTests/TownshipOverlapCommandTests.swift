import Foundation
import Geo
import XCTest

/// Overlapping township polygons as a user meets them: `check` reports a wide overlap (exit 3), `stats` and
/// `change` refuse it (exit 2, nothing written), `run` stops after the check (exit 3); a narrow one counts once.
final class TownshipOverlapCommandTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("forestmap-overlap-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func rect(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> WKB {
        WKB(polygons: [PolygonRings(rings: [[Point(x0, y0), Point(x1, y0), Point(x1, y1), Point(x0, y1), Point(x0, y0)]])])
    }

    /// Both years the same 10 × 10 sub-compartments of 1 ha from (400 000, 2 900 000) (XIANG 101 west of
    /// 400 500, 102 east), township 102 over the east half, and township 101 over the west half grown east by
    /// `overlap` metres into 102; a config naming them.
    private func district(overlap: Double) throws -> URL {
        let d = folder.appendingPathComponent("district")
        try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        let srs = try SpatialReference(epsg: 4545)
        let fields = ["XIAN", "XIANG", "CUN", "LIN_BAN", "XIAO_BAN", "DI_LEI"].map { FieldDefinition($0, .string) }
        var features: [Feature] = []
        for j in 0..<10 {
            for i in 0..<10 {
                let x = 400_000 + Double(i) * 100, y = 2_900_000 + Double(j) * 100
                features.append(Feature(values: [.string("520111"), .string(i < 5 ? "101" : "102"), .string("001"), .string("0001"),
                                                 .string(String(format: "%04d", j * 10 + i)), .string(i % 2 == 0 ? "0111" : "0131")],
                                        geometry: rect(x, y, x + 100, y + 100)))
            }
        }
        for year in ["2020", "2021"] {
            let xb = try VectorWriter(creating: d.appendingPathComponent("xiaoban_\(year).gpkg").path, format: .geoPackage)
            try xb.createLayer(named: "xiaoban_\(year)", geometry: .polygon, spatialReference: srs, fields: fields).write(features)
            try xb.close()
        }
        let tw = try VectorWriter(creating: d.appendingPathComponent("townships.gpkg").path, format: .geoPackage)
        try tw.createLayer(named: "townships", geometry: .polygon, spatialReference: srs,
                           fields: [FieldDefinition("XZQDM", .string), FieldDefinition("XZQMC", .string)])
            .write([Feature(values: [.string("520111101"), .string("青岩镇")], geometry: rect(400_000, 2_900_000, 400_500 + overlap, 2_901_000)),
                    Feature(values: [.string("520111102"), .string("石板镇")], geometry: rect(400_500, 2_900_000, 401_000, 2_901_000))])
        try tw.close()
        try Data("""
        [inputs]
        previous = "xiaoban_2020.gpkg|layername=xiaoban_2020"
        current = "xiaoban_2021.gpkg|layername=xiaoban_2021"
        townships = "townships.gpkg|layername=townships"
        [period]
        year = 2021
        """.utf8).write(to: d.appendingPathComponent("forestmap.toml"))
        return d
    }

    func testTownshipsOverlappingBy200MetresAreAnErrorOfCheckAndRefusedByStatsAndChange() throws {
        let config = try district(overlap: 200).appendingPathComponent("forestmap.toml").path
        let check = try forestmap("check", "--config", config, "--out", folder.appendingPathComponent("check").path)
        assertOneLineError(check, status: 3, contains: ["township_overlap 1", "check.csv"])
        let csv = String(decoding: try Data(contentsOf: folder.appendingPathComponent("check/check.csv")), as: UTF8.self)
        let row = try XCTUnwrap(csv.split(separator: "\r\n").first { $0.hasPrefix("township_overlap,error,") }, csv)
        for part in ["520111101 青岩镇 (feature 1)", "520111102 石板镇 (feature 2)", "overlap by"] {
            XCTAssertTrue(row.contains(part), "'\(part)' not in: \(row)")
        }
        // 200 m × 1 000 m: 20 ha, ellipsoidal a little less than the plane's.
        let hectares = try XCTUnwrap(row.range(of: #"\(([0-9.]+) ha\)"#, options: .regularExpression).map { Double(row[$0].dropFirst().dropLast(4))! })
        XCTAssertEqual(hectares, 20, accuracy: 0.02, String(row))

        for command in ["stats", "change"] {
            let out = folder.appendingPathComponent(command)
            let o = try forestmap(command, "--config", config, "--out", out.path)
            assertOneLineError(o, contains: ["townships.gpkg", "520111101 (feature 1)", "520111102 (feature 2)", "overlap by 19.9", "ha", "boundary_tolerance_m"])
            XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), command)
        }

        let out = folder.appendingPathComponent("run")
        assertOneLineError(try forestmap("run", config, "--out", out.path), status: 3,
                           contains: ["township_overlap 1", "check/check.csv", "the run stopped after the check", "township polygons overlap"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path).filter { !$0.hasPrefix(".") }.sorted(), ["check", "forestmap.qgs", "manifest.json"])
    }

    func testTwoMetresOfOverlapCountOnceWithTheTownshipHoldingMoreOfTheSubCompartment() throws {
        let config = try district(overlap: 2).appendingPathComponent("forestmap.toml").path
        let check = try forestmap("check", "--config", config, "--out", folder.appendingPathComponent("check").path)
        XCTAssertFalse(check.stderr.contains("township_overlap"), check.stderr)
        let problems = String(decoding: try Data(contentsOf: folder.appendingPathComponent("check/check.csv")), as: UTF8.self)
        XCTAssertFalse(problems.contains("township_overlap"), problems)

        // Planar: the strip 400 500–400 502 lies under the stands of column 5, 100 m in 102 and 2 m in 101: it is
        // 102's. Each township is 50 ha, the district the union's 100 ha (not 100.2).
        let out = folder.appendingPathComponent("stats")
        let o = try forestmap("stats", "--config", config, "--area", "planar", "--out", out.path)
        XCTAssertEqual(o.status, 0, o.stderr)
        let csv = String(decoding: try Data(contentsOf: out.appendingPathComponent("township_stats.csv")), as: UTF8.self)
        let rows = csv.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let land = Dictionary(rows.dropFirst().map { ($0[0], $0[2]) }) { a, _ in a }
        XCTAssertEqual(land["520111101"], "50.0000", csv)
        XCTAssertEqual(land["520111102"], "50.0000", csv)
        XCTAssertEqual(land["total"], "100.0000", csv)

        let change = try forestmap("change", "--config", config, "--out", folder.appendingPathComponent("change").path)
        XCTAssertEqual(change.status, 0, change.stderr)
    }
}

import Foundation
import Geo
import XCTest

/// `forestmap change` as a user runs it: a hand-made two-year district with known answers, exit codes, one-line
/// errors, nothing half-written.
final class ChangeCommandTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("forestmap-change-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func rect(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> WKB {
        WKB(polygons: [PolygonRings(rings: [[Point(x0, y0), Point(x1, y0), Point(x1, y1), Point(x0, y1), Point(x0, y0)]])])
    }

    private func write(_ name: String, epsg: Int = 4545, _ rows: [(xiang: String, xiaoBan: String, code: String, geometry: WKB)]) throws -> String {
        let path = folder.appendingPathComponent("\(name).gpkg").path
        let names = ["XIAN", "XIANG", "CUN", "LIN_BAN", "XIAO_BAN", "DI_LEI"]
        let writer = try VectorWriter(creating: path, format: .geoPackage)
        try writer.createLayer(named: name, geometry: .polygon, spatialReference: SpatialReference(epsg: epsg), fields: names.map { FieldDefinition($0, .string) })
            .write(rows.map { Feature(values: [.string("520111"), .string($0.xiang), .string("001"), .string("0001"), .string($0.xiaoBan), .string($0.code)], geometry: $0.geometry) })
        try writer.close()
        return "\(path)|layername=\(name)"
    }

    /// Four 1 ha squares in a row (XIANG 101, 101, 102, 102), old4 codes 0111 0111 0171 0210. In the new6 year:
    /// the first is unchanged; the second is split, its east half built on (0601); the third is grass (0401: a
    /// reclassification, 0171 has no forest-land class in new6); the boundary between the third and fourth moves
    /// 10 m east and the fourth is planted (030100).
    private func twoYears(epsg: Int = 4545) throws -> (from: String, to: String) {
        let x = 400_000.0, y = 2_900_000.0
        let from = try write("xiaoban_2020", [
            ("101", "0001", "0111", rect(x, y, x + 100, y + 100)), ("101", "0002", "0111", rect(x + 100, y, x + 200, y + 100)),
            ("102", "0003", "0171", rect(x + 200, y, x + 300, y + 100)), ("102", "0004", "0210", rect(x + 300, y, x + 400, y + 100)),
        ])
        let to = try write("xiaoban_2021", epsg: epsg, [
            ("101", "0001", "030100", rect(x, y, x + 100, y + 100)),
            ("101", "0002", "030100", rect(x + 100, y, x + 150, y + 100)), ("101", "0005", "0601", rect(x + 150, y, x + 200, y + 100)),
            ("102", "0003", "0401", rect(x + 200, y, x + 310, y + 100)), ("102", "0004", "030100", rect(x + 310, y, x + 400, y + 100)),
        ])
        return (from, to)
    }

    func testTransitionsOfAKnownDistrict() throws {
        let (from, to) = try twoYears()
        let out = folder.appendingPathComponent("out")
        let o = try forestmap("change", "--from", from, "--to", to, "--area", "planar", "--out", out.path)
        XCTAssertEqual(o.status, 0, o.stderr)
        let data = try Data(contentsOf: out.appendingPathComponent("transitions.csv"))
        XCTAssertEqual(Array(data.prefix(3)), [0xEF, 0xBB, 0xBF])
        let text = String(decoding: data.dropFirst(3), as: UTF8.self)
        XCTAssertEqual(text, [
            "township_code,from_class,to_class,area_ha,kind",
            "520111101,030100,0601,0.5000,change",
            "520111102,0101,030100,0.9000,change",
            "520111102,0101,0401,0.1000,change",
            "520111102,0171,0401,1.0000,reclassification",
        ].joined(separator: "\r\n") + "\r\n")
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("transitions.xlsx").path))
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".partial") }
        XCTAssertEqual(left, [])
        XCTAssertTrue(o.stdout.contains("reclassification"), o.stdout)
    }

    func testTownshipPolygonsSplitPieces() throws {
        let (from, to) = try twoYears()
        let townships = folder.appendingPathComponent("townships.gpkg").path
        let writer = try VectorWriter(creating: townships, format: .geoPackage)
        // The township boundary runs at x + 305, through the 0.1 ha farmland-to-grass strip (x+300..x+310).
        try writer.createLayer(named: "townships", geometry: .polygon, spatialReference: SpatialReference(epsg: 4545),
                               fields: [FieldDefinition("XZQDM", .string), FieldDefinition("XZQMC", .string)])
            .write([Feature(values: [.string("520111101"), .string("青岩镇")], geometry: rect(399_000, 2_899_000, 400_305, 2_901_000)),
                    Feature(values: [.string("520111102"), .string("石板镇")], geometry: rect(400_305, 2_899_000, 401_000, 2_901_000))])
        try writer.close()
        let out = folder.appendingPathComponent("out")
        let o = try forestmap("change", "--from", from, "--to", to, "--townships", "\(townships)|layername=townships", "--area", "planar", "--out", out.path)
        XCTAssertEqual(o.status, 0, o.stderr)
        let text = String(decoding: try Data(contentsOf: out.appendingPathComponent("transitions.csv")).dropFirst(3), as: UTF8.self)
        XCTAssertEqual(text, [
            "township_code,from_class,to_class,area_ha,kind",
            "520111101,0101,0401,0.0500,change",
            "520111101,0171,0401,1.0000,reclassification",
            "520111101,030100,0601,0.5000,change",
            "520111102,0101,030100,0.9000,change",
            "520111102,0101,0401,0.0500,change",
        ].joined(separator: "\r\n") + "\r\n")
    }

    func testMissingSourceIsOneLineAndWritesNothing() throws {
        let (from, _) = try twoYears()
        let out = folder.appendingPathComponent("out")
        assertOneLineError(try forestmap("change", "--from", from, "--to", folder.appendingPathComponent("nope.gpkg").path, "--out", out.path), contains: ["nope.gpkg"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains("partial") }, [])
        assertOneLineError(try forestmap("change", "--from", from, "--out", out.path), contains: ["--to", "[inputs] current"])
    }

    func testDifferentCRSIsRefused() throws {
        let (from, to) = try twoYears(epsg: 4544)
        let out = folder.appendingPathComponent("out")
        assertOneLineError(try forestmap("change", "--from", from, "--to", to, "--out", out.path), contains: ["reproject"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
    }

    func testExistingOutputNeedsOverwrite() throws {
        let (from, to) = try twoYears()
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: out.appendingPathComponent("old.txt"))
        assertOneLineError(try forestmap("change", "--from", from, "--to", to, "--out", out.path), contains: ["--overwrite"])
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("old.txt").path))
        // A folder forestmap did not make is not replaced, even with --overwrite (README "Output folders").
        assertOneLineError(try forestmap("change", "--from", from, "--to", to, "--out", out.path, "--overwrite"), contains: ["was not made by forestmap"])
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("old.txt").path))
        // forestmap's own output is.
        let made = folder.appendingPathComponent("made")
        XCTAssertEqual(try forestmap("change", "--from", from, "--to", to, "--out", made.path).status, 0)
        try Data("stale".utf8).write(to: made.appendingPathComponent("stale.txt"))
        XCTAssertEqual(try forestmap("change", "--from", from, "--to", to, "--out", made.path, "--overwrite").status, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: made.appendingPathComponent("stale.txt").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: made.appendingPathComponent("transitions.csv").path))
    }

    func testBadAreaMethodIsUsageError() throws {
        let (from, to) = try twoYears()
        let o = try forestmap("change", "--from", from, "--to", to, "--area", "round", "--out", folder.appendingPathComponent("out").path)
        XCTAssertEqual(o.status, 64, o.stderr)
    }
}

import Foundation
import Geo
import XCTest

/// `forestmap stats` as a user runs it: exit codes, one-line errors, outputs in place.
final class StatsCommandTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("forestmap-stats-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    /// A small district written here: 10 × 10 sub-compartments of 1 ha (XIANG 101 west, 102 east), township
    /// polygons that cut the middle column and leave the east edge outside, and a config naming both.
    private func district() throws -> URL {
        let d = folder.appendingPathComponent("district")
        try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        let srs = try SpatialReference(epsg: 4545)
        func rect(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> WKB {
            WKB(polygons: [PolygonRings(rings: [[Point(x0, y0), Point(x1, y0), Point(x1, y1), Point(x0, y1), Point(x0, y0)]])])
        }
        let names = ["XIAN", "XIANG", "CUN", "LIN_BAN", "XIAO_BAN", "DI_LEI", "QI_YUAN", "SEN_LIN_LB", "HUO_LMGQXJ"]
        let fields = names.map { FieldDefinition($0, $0 == "HUO_LMGQXJ" ? .real : .string) }
        let codes = ["0111", "0113", "0131", "0210", "0132"]
        var features: [Feature] = []
        for j in 0..<10 {
            for i in 0..<10 {
                let x = 400_000 + Double(i) * 100, y = 2_900_000 + Double(j) * 100
                features.append(Feature(values: [.string("520111"), .string(i < 5 ? "101" : "102"), .string(j < 5 ? "001" : "002"),
                                                 .string("0001"), .string(String(format: "%04d", j * 10 + i)), .string(codes[(i + j) % 5]),
                                                 .string(i % 2 == 0 ? "11" : "21"), .string(j % 2 == 0 ? "011" : "022"), .real(80)],
                                        geometry: rect(x, y, x + 100, y + 100)))
            }
        }
        let xb = try VectorWriter(creating: d.appendingPathComponent("xiaoban_2021.gpkg").path, format: .geoPackage)
        try xb.createLayer(named: "xiaoban_2021", geometry: .polygon, spatialReference: srs, fields: fields).write(features)
        try xb.close()
        let tw = try VectorWriter(creating: d.appendingPathComponent("townships.gpkg").path, format: .geoPackage)
        try tw.createLayer(named: "townships", geometry: .polygon, spatialReference: srs,
                           fields: [FieldDefinition("XZQDM", .string), FieldDefinition("XZQMC", .string)])
            .write([Feature(values: [.string("520111101"), .string("青岩镇")], geometry: rect(399_000, 2_899_000, 400_530, 2_901_100)),
                    Feature(values: [.string("520111102"), .string("石板镇")], geometry: rect(400_530, 2_899_000, 400_950, 2_901_100))])
        try tw.close()
        try Data("""
        [inputs]
        current = "xiaoban_2021.gpkg|layername=xiaoban_2021"
        townships = "townships.gpkg|layername=townships"
        [stats]
        four_side_trees = { "101" = 1650 }
        """.utf8).write(to: d.appendingPathComponent("forestmap.toml"))
        return d
    }

    func testStatsFromAConfigWritesEveryOutput() throws {
        let d = try district()
        let out = folder.appendingPathComponent("stats")
        let o = try forestmap("stats", "--config", d.appendingPathComponent("forestmap.toml").path, "--out", out.path)
        XCTAssertEqual(o.status, 0, o.stderr)
        XCTAssertTrue(o.stdout.contains("total 合计"), o.stdout)
        XCTAssertTrue(o.stdout.contains("outputs: \(out.path)"), o.stdout)
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { !$0.hasPrefix(".") }.sorted()
        XCTAssertEqual(files, ["township_by_xiang.csv", "township_stats.csv", "township_stats.xlsx", "townships.gpkg"])
        let xlsx = try VectorDataset(reading: SourceReference(path: out.appendingPathComponent("township_stats.xlsx").path))
        XCTAssertEqual(xlsx.driverName, "XLSX")
        XCTAssertEqual(xlsx.layerNames.count, 3)
        XCTAssertGreaterThan(try xlsx.layer(named: xlsx.layerNames[0]).featureCount, 3)
        let csv = String(decoding: try Data(contentsOf: out.appendingPathComponent("township_stats.csv")), as: UTF8.self)
        XCTAssertTrue(csv.contains("\r\noutside,"), csv)
        XCTAssertTrue(csv.contains("\r\ntotal,合计,"), csv)
        XCTAssertTrue(csv.contains(",1.0000,"), "1650 four-side trees = 1 ha: \(csv)")

        // An existing result is kept unless --overwrite is given.
        let again = try forestmap("stats", "--config", d.appendingPathComponent("forestmap.toml").path, "--out", out.path)
        assertOneLineError(again, contains: ["already exists", "--overwrite"])
        let planar = try forestmap("stats", "--config", d.appendingPathComponent("forestmap.toml").path, "--out", out.path, "--overwrite",
                                   "--area", "planar", "--by", "village")
        XCTAssertEqual(planar.status, 0, planar.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path).filter { !$0.hasPrefix(".") }.sorted(), ["village_stats.csv", "village_stats.xlsx"])
    }

    func testLayerWithoutTownshipsGroupsByXiang() throws {
        let d = try district()
        let out = folder.appendingPathComponent("by-xiang")
        let o = try forestmap("stats", "--layer", d.appendingPathComponent("xiaoban_2021.gpkg").path + "|layername=xiaoban_2021", "--out", out.path)
        XCTAssertEqual(o.status, 0, o.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path).filter { !$0.hasPrefix(".") }.sorted(), ["township_stats.csv", "township_stats.xlsx"])
        XCTAssertTrue(o.stdout.contains("sum of each township's sub-compartments"), o.stdout)
    }

    /// SampleData's current year as bureaus hand it in: stored as curves (MultiSurface of CurvePolygons, as
    /// `ogr2ogr -nlt CURVEPOLYGON` writes) gives the very same figures; reprojected to Web Mercator (EPSG:3857) the
    /// same to 1e-5 (or the last decimal written), measured on the ellipsoid; planar area in Web Mercator is refused.
    func testCurvesAndWebMercatorGiveTheSameFigures() throws {
        let config = SampleLayerCopy.sampleData.appendingPathComponent("forestmap.toml").path
        func stats(_ name: String, layer: String? = nil) throws -> [[String]] {
            let out = folder.appendingPathComponent(name)
            let o = try forestmap(["stats", "--config", config, "--out", out.path] + (layer.map { ["--layer", $0] } ?? []))
            XCTAssertEqual(o.status, 0, o.stderr)
            return try SampleLayerCopy.csv(out.appendingPathComponent("township_stats.csv"))
        }
        let plain = try stats("plain")
        XCTAssertEqual(plain.count, 22)
        let curves = try SampleLayerCopy.write(to: folder.appendingPathComponent("curves.gpkg").path, kind: .unknown) { try SampleLayerCopy.multiSurface($1) }
        XCTAssertEqual(try stats("curves", layer: curves), plain)

        let webMercator = try SpatialReference(epsg: 3857)
        let sample = try VectorDataset(reading: SourceReference(path: SampleLayerCopy.sampleData.appendingPathComponent("xiaoban_2021.gpkg").path))
        let toWebMercator = try CoordinateTransform(from: try XCTUnwrap(sample.layer(named: "xiaoban_2021").spatialReference), to: webMercator)
        let mercator = try SampleLayerCopy.write(to: folder.appendingPathComponent("3857.gpkg").path, srs: webMercator) {
            WKB(polygons: try toWebMercator.transform($1.polygons()))
        }
        let reprojected = try stats("3857", layer: mercator)
        XCTAssertEqual(reprojected.count, plain.count)
        for (a, b) in zip(plain, reprojected) {
            XCTAssertEqual(a.count, b.count)
            for (x, y) in zip(a, b) {
                guard let u = Double(x), let v = Double(y) else { XCTAssertEqual(x, y); continue }
                XCTAssertEqual(u, v, accuracy: max(1e-5 * abs(u), 0.0001), "\(a[0]): \(x) vs \(y)")
            }
        }
        assertOneLineError(try forestmap("stats", "--config", config, "--layer", mercator, "--area", "planar", "--out", folder.appendingPathComponent("planar").path),
                           contains: ["3857.gpkg|layername=xiaoban_2021", "planar area cannot be measured in EPSG:3857", "--area ellipsoidal"])
    }

    /// A feature moved by 1e15 (it failed in PROJ, naming neither file nor feature): one line naming both, exit 2,
    /// from every command that reads the layer.
    func testAFeatureOutOfRangeIsOneLineNamingIt() throws {
        let layer = try SampleLayerCopy.write(to: folder.appendingPathComponent("moved.gpkg").path) { n, wkb in
            n == 4 ? try SampleLayerCopy.shifted(wkb, by: 1e15) : wkb
        }
        let config = SampleLayerCopy.sampleData.appendingPathComponent("forestmap.toml").path
        let parts = ["moved.gpkg|layername=xiaoban_2021: feature 5 (key ", "coordinate (1e+15, ", "is out of range", "fix or delete the feature"]
        assertOneLineError(try forestmap("stats", "--config", config, "--layer", layer, "--out", folder.appendingPathComponent("s").path), contains: parts)
        assertOneLineError(try forestmap("change", "--config", config, "--to", layer, "--out", folder.appendingPathComponent("c").path), contains: parts)
        assertOneLineError(try forestmap("update", "--config", config, "--map", layer, "--patches",
                                         SampleLayerCopy.sampleData.appendingPathComponent("patches_2021.gpkg").path, "--out", folder.appendingPathComponent("u").path),
                           contains: parts)
    }

    func testBadUsageIs64AndBadInputIsTwoWithNothingWritten() throws {
        let d = try district()
        let layer = d.appendingPathComponent("xiaoban_2021.gpkg").path + "|layername=xiaoban_2021"
        let out = folder.appendingPathComponent("out").path
        assertOneLineError(try forestmap("stats", "--layer", layer, "--by", "county", "--out", out), status: 64, contains: ["--by must be one of"])
        assertOneLineError(try forestmap("stats", "--layer", layer), status: 64, contains: ["--out"])
        assertOneLineError(try forestmap("stats", "--out", out), contains: ["no sub-compartment layer", "--layer"])
        assertOneLineError(try forestmap("stats", "--layer", layer, "--townships", folder.appendingPathComponent("nope.gpkg").path, "--out", out),
                           contains: ["nope.gpkg", "no such file"])
        assertOneLineError(try forestmap("stats", "--layer", layer, "--townships", d.appendingPathComponent("townships.gpkg").path + "|layername=xx", "--out", out),
                           contains: ["no layer 'xx'"])
        assertOneLineError(try forestmap("stats", "--layer", layer, "--area", "flat", "--out", out), status: 64, contains: ["--area must be one of"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["district"], "no partial folder left behind")
    }
}

import Foundation
import Geo
import XCTest

/// The layers bureaus actually have: the sample district's years as they arrive from ArcGIS and other departments
/// (File Geodatabase, Shapefile in UTF-8 and GBK, EPSG:4490, coordinates snapped to a grid, Z and M, curves), made
/// with GDAL's own `ogr2ogr` and in code, and the hostile variants (another department's township layer jittered or
/// with spikes, degenerate parts, geometry collections, empty polygons). Storage variants must give the clean
/// figures; the others must finish (exit 0 or 3) or exit 2 with one line naming the file and feature. Never exit 1.
///
/// `Scripts/test --long` (FORESTMAP_LONG_TESTS=1) runs the same on a 20,000-stand synth district.
final class RealWorldInputTests: XCTestCase {
    nonisolated(unsafe) private static var folder: URL!
    /// The district the variants are made from: SampleData, or a larger synth district with --long.
    nonisolated(unsafe) private static var district: URL!
    private var folder: URL { Self.folder }
    private var district: URL { Self.district }

    override class func setUp() {
        super.setUp()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("forestmap-realworld-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        if ProcessInfo.processInfo.environment["FORESTMAP_LONG_TESTS"] == "1" {
            district = folder.appendingPathComponent("district")
            _ = try? forestmap("synth", "--subcompartments", "20000", "--out", district.path)
        } else {
            district = repository.appendingPathComponent("SampleData")
        }
    }

    override class func tearDown() {
        try? FileManager.default.removeItem(at: folder)
        super.tearDown()
    }

    // MARK: - Making the variants

    /// Runs `ogr2ogr` (GDAL's own converter, as a GIS officer would) and returns the output's source reference.
    private func ogr2ogr(_ output: String, _ input: String, layer: String, _ options: [String]) throws -> String {
        let path = folder.appendingPathComponent(output).path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ogr2ogr")
        process.arguments = options + [path, input, layer]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "ogr2ogr \(options) \(output)")
        return output.hasSuffix(".shp") || output.hasSuffix(".geojson") ? path : "\(path)|layername=\(layer)"
    }

    /// A copy of a year's layer with each geometry changed in code (WKB in, WKB out), as GeoPackage.
    private func rewritten(_ name: String, year: String, epsg: Int? = nil, _ change: (Int, WKB) throws -> WKB?) throws -> String {
        let dataset = try VectorDataset(reading: SourceReference(path: district.appendingPathComponent("xiaoban_\(year).gpkg").path,
                                                                 layerName: "xiaoban_\(year)"))
        let layer = try dataset.layer(named: "xiaoban_\(year)")
        var features = try layer.readAll()
        for i in features.indices { features[i].geometry = try features[i].geometry.flatMap { try change(i, $0) } }
        let path = folder.appendingPathComponent("\(name).gpkg").path
        let writer = try VectorWriter(creating: path, format: .geoPackage)
        let srs = try epsg.map { try SpatialReference(epsg: $0) } ?? layer.spatialReference
        try writer.createLayer(named: "xiaoban_\(year)", geometry: .unknown, spatialReference: srs, fields: layer.fields).write(features)
        try writer.close()
        return "\(path)|layername=xiaoban_\(year)"
    }

    private func source(_ year: String) -> String { district.appendingPathComponent("xiaoban_\(year).gpkg").path }
    private var townships: String { district.appendingPathComponent("townships.gpkg").path }
    private var config: String { district.appendingPathComponent("forestmap.toml").path }

    // MARK: - Reading the figures

    /// township_stats.csv's land, forest land and forest hectares by township code (the total row as "total").
    private func figures(_ out: URL) throws -> [String: [Double]] {
        let text = try String(contentsOf: out.appendingPathComponent("township_stats.csv"), encoding: .utf8)
        var rows: [String: [Double]] = [:]
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard cells.count > 4 else { continue }
            rows[cells[0].replacingOccurrences(of: "\u{FEFF}", with: "")] = cells[2...4].compactMap(Double.init)
        }
        return rows
    }

    private func stats(_ layer: String, townships: String? = nil, extra: [String] = []) throws -> (Outcome, URL) {
        let out = folder.appendingPathComponent("stats-\(UUID().uuidString)")
        let o = try forestmap(["stats", "--layer", layer, "--townships", townships ?? self.townships, "--config", config, "--out", out.path] + extra)
        return (o, out)
    }

    /// Never a crash or an internal failure: exit 0 or 3, or 2 with one line naming the file (and feature).
    private func assertFinishesOrNamesTheProblem(_ o: Outcome, naming file: String, _ what: String, line: UInt = #line) {
        XCTAssertTrue([0, 2, 3].contains(o.status), "\(what): exit \(o.status): \(o.stderr)", line: line)
        if o.status == 2 {
            let first = o.stderr.split(separator: "\n").last.map(String.init) ?? ""
            XCTAssertTrue(first.hasPrefix("forestmap: "), "\(what): \(o.stderr)", line: line)
            XCTAssertTrue(first.contains(file), "\(what): the message names \(file): \(o.stderr)", line: line)
        }
    }

    private func assertSameFigures(_ a: [String: [Double]], _ b: [String: [Double]], relative: Double?, _ what: String, line: UInt = #line) {
        XCTAssertEqual(Set(a.keys), Set(b.keys), what, line: line)
        XCTAssertFalse(a.isEmpty, what, line: line)
        // Land outside every township (界外) is the district's edge as drawn: moving coordinates moves it by a share of
        // the district, not of itself.
        let district = a.values.map { $0.first ?? 0 }.max() ?? 0
        for (code, values) in a {
            guard let other = b[code], other.count == values.count else { XCTFail("\(what): \(code) missing", line: line); continue }
            for (x, y) in zip(values, other) {
                let allowed = relative.map { max(0.0001, $0 * abs(code == "outside" ? district : x)) } ?? 0.0001
                XCTAssertEqual(x, y, accuracy: allowed + 1e-9, "\(what): township \(code)", line: line)
            }
        }
    }

    // MARK: - Storage variants: the clean figures

    func testStorageVariantsGiveTheCleanFigures() throws {
        let (clean, cleanOut) = try stats("\(source("2021"))|layername=xiaoban_2021")
        XCTAssertEqual(clean.status, 0, clean.stderr)
        let expected = try figures(cleanOut)
        let input = source("2021")
        // Storage only, no coordinate moves: to 0.0001 ha.
        let exact: [(String, String)] = [
            ("Shapefile UTF-8", try ogr2ogr("utf8.shp", input, layer: "xiaoban_2021", ["-f", "ESRI Shapefile", "-lco", "ENCODING=UTF-8"])),
            ("Shapefile GBK", try ogr2ogr("gbk.shp", input, layer: "xiaoban_2021", ["-f", "ESRI Shapefile", "-lco", "ENCODING=CP936"])),
            ("Z added", try ogr2ogr("z.gpkg", input, layer: "xiaoban_2021", ["-dim", "XYZ"])),
            ("M added", try ogr2ogr("m.gpkg", input, layer: "xiaoban_2021", ["-dim", "XYM"])),
            ("curve polygons", try ogr2ogr("curves.gpkg", input, layer: "xiaoban_2021", ["-nlt", "CURVEPOLYGON"])),
            ("near-coincident vertices", try rewritten("doubled", year: "2021") { _, wkb in
                // Every vertex repeated 1e-7 m further on: ArcGIS keeps such pairs, GEOS must not mind them.
                WKB(polygons: try wkb.polygons().map { p in
                    PolygonRings(rings: p.rings.map { ring in ring.flatMap { [$0, Point($0.x + 1e-7, $0.y)] }.dropLast() + [ring[0]] })
                })
            }),
        ]
        // Coordinates move (a geodatabase's grid, a reprojection, snapping): within 1e-5 relative.
        let moved: [(String, String)] = [
            ("File Geodatabase", try ogr2ogr("year.gdb", input, layer: "xiaoban_2021", ["-f", "OpenFileGDB"])),
            ("EPSG:4490", try ogr2ogr("cgcs2000.gpkg", input, layer: "xiaoban_2021", ["-t_srs", "EPSG:4490"])),
            ("snapped to 1e-4 m", try rewritten("snapped4", year: "2021") { _, wkb in try Self.snapped(wkb, 1e-4) }),
            ("snapped to 1e-3 m", try rewritten("snapped3", year: "2021") { _, wkb in try Self.snapped(wkb, 1e-3) }),
        ]
        for (what, layer) in exact + moved {
            let (o, out) = try stats(layer)
            XCTAssertEqual(o.status, 0, "\(what): \(o.stderr)")
            guard o.status == 0 else { continue }
            assertSameFigures(expected, try figures(out), relative: moved.contains { $0.0 == what } ? 1e-5 : nil, what)
        }
    }

    /// `change` across formats (last year a GeoPackage, this year a File Geodatabase) and `run` on a district whose
    /// years come from a geodatabase: they finish, and 附表1's land and forest figures agree with the GeoPackage run's.
    func testChangeAndRunAcrossFormats() throws {
        let gdb = try ogr2ogr("current.gdb", source("2021"), layer: "xiaoban_2021", ["-f", "OpenFileGDB"])
        let out = folder.appendingPathComponent("change-gdb")
        let o = try forestmap("change", "--from", "\(source("2020"))|layername=xiaoban_2020", "--to", gdb, "--config", config, "--out", out.path)
        XCTAssertEqual(o.status, 0, o.stderr)
        // The geodatabase's grid moved every coordinate: aligned to last year's within the XY tolerance, the
        // transitions and patches are those of the GeoPackage pair (no rows of 0.0000 ha noise; areas within 1e-5).
        let clean = folder.appendingPathComponent("change-gpkg")
        let c = try forestmap("change", "--from", "\(source("2020"))|layername=xiaoban_2020", "--to", "\(source("2021"))|layername=xiaoban_2021",
                              "--config", config, "--out", clean.path)
        XCTAssertEqual(c.status, 0, c.stderr)
        func table(_ dir: URL, _ file: String, key: [Int], value: Int) throws -> [String: Double] {
            let text = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
            var rows: [String: Double] = [:]
            for line in text.split(whereSeparator: \.isNewline).dropFirst() {
                let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                rows[key.map { cells[$0] }.joined(separator: ","), default: 0] += Double(cells[value]) ?? .nan
            }
            return rows
        }
        for (file, key, value) in [("transitions.csv", [0, 1, 2, 4], 3), ("changes.csv", [1, 6, 9, 11], 13)] {
            let a = try table(clean, file, key: key, value: value), b = try table(out, file, key: key, value: value)
            XCTAssertEqual(Set(a.keys), Set(b.keys), file)
            for (k, x) in a { XCTAssertEqual(x, b[k] ?? .nan, accuracy: max(0.0005, 1e-5 * x), "\(file) \(k)") }
        }
        let lines = { (dir: URL) in try String(contentsOf: dir.appendingPathComponent("changes.csv"), encoding: .utf8).split(whereSeparator: \.isNewline).count }
        XCTAssertEqual(try lines(out), try lines(clean), "the same number of change patches")

        func appendix1(_ dir: URL) throws -> [String: [Double]] {
            let text = try String(contentsOf: dir.appendingPathComponent("appendix1_targets.csv"), encoding: .utf8)
            var rows: [String: [Double]] = [:]
            for line in text.split(whereSeparator: \.isNewline).dropFirst() {
                let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                rows[cells[0]] = cells[2...4].compactMap(Double.init)
            }
            return rows
        }
        // The district as a bureau keeps it, both years in a geodatabase, as shapefiles, or reprojected to
        // EPSG:4490: a copy whose config names them. 附表1's land and forest figures agree with the GeoPackage run's.
        let configText = try String(contentsOfFile: config, encoding: .utf8)
        let cleanRun = folder.appendingPathComponent("run-gpkg")
        let r = try forestmap("run", config, "--out", cleanRun.path)
        XCTAssertTrue([0, 3].contains(r.status), r.stderr)
        let expected = try appendix1(cleanRun)
        for (variant, options, suffix) in [("gdb", ["-f", "OpenFileGDB"], ".gdb"), ("shp", ["-f", "ESRI Shapefile", "-lco", "ENCODING=UTF-8"], ".shp"),
                                           ("cgcs2000", ["-t_srs", "EPSG:4490"], ".gpkg")] {
            let copy = folder.appendingPathComponent("\(variant)-district")
            try FileManager.default.copyItem(at: district, to: copy)
            var named = configText
            for year in ["2020", "2021"] {
                let file = "\(variant)-district/\(variant)_\(year)\(suffix)"
                _ = try ogr2ogr(file, source(year), layer: "xiaoban_\(year)", options)
                let reference = suffix == ".shp" ? "\(variant)_\(year).shp" : "\(variant)_\(year)\(suffix)|layername=xiaoban_\(year)"
                named = named.replacingOccurrences(of: "\"xiaoban_\(year).gpkg|layername=xiaoban_\(year)\"", with: "\"\(reference)\"")
            }
            XCTAssertNotEqual(named, configText)
            let variantConfig = copy.appendingPathComponent("forestmap.toml")
            try named.write(to: variantConfig, atomically: true, encoding: .utf8)
            let dir = folder.appendingPathComponent("run-\(variant)")
            let o = try forestmap("run", variantConfig.path, "--out", dir.path)
            XCTAssertTrue([0, 3].contains(o.status), "\(variant): \(o.stderr)")
            guard [0, 3].contains(o.status) else { continue }
            assertSameFigures(expected, try appendix1(dir), relative: 1e-5, "run on \(variant)")
        }
    }

    // MARK: - Hostile variants: finish, or one line naming the file and feature

    func testHostileVariantsFinishOrNameTheProblem() throws {
        var seed: UInt64 = 2021
        func jitter() -> Double {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return (Double(seed >> 11) / Double(1 << 53) - 0.5) * 6
        }
        let dataset = try VectorDataset(reading: SourceReference(path: townships, layerName: "townships"))
        let layer = try dataset.layer(named: "townships")
        let original = try layer.readAll()
        func townshipVariant(_ name: String, _ change: (Int, [PolygonRings]) -> [PolygonRings]) throws -> String {
            let path = folder.appendingPathComponent("\(name).gpkg").path
            let writer = try VectorWriter(creating: path, format: .geoPackage)
            let features = try original.enumerated().map { i, f -> Feature in
                var f = f
                f.geometry = WKB(polygons: change(i, try f.geometry!.polygons()))
                return f
            }
            try writer.createLayer(named: "townships", geometry: .polygon, spatialReference: layer.spatialReference, fields: layer.fields).write(features)
            try writer.close()
            return "\(path)|layername=townships"
        }
        let jittered = try townshipVariant("jittered") { _, polygons in
            polygons.map { PolygonRings(rings: $0.rings.map { ring in
                var moved = ring.dropLast().map { Point($0.x + jitter(), $0.y + jitter()) }
                moved.append(moved[0])
                return moved
            }) }
        }
        let spiked = try townshipVariant("spiked") { i, polygons in
            guard i == 0, let ring = polygons.first?.rings.first else { return polygons }
            let spike = PolygonRings(rings: [[ring[0], Point(ring[0].x + 100, ring[0].y), Point(ring[0].x + 100, ring[0].y + 1e-12), ring[0]]])
            return polygons + [spike]
        }
        let subs = "\(source("2021"))|layername=xiaoban_2021"
        for (what, t) in [("jittered townships", jittered), ("spiked townships", spiked)] {
            let (o, _) = try stats(subs, townships: t)
            assertFinishesOrNamesTheProblem(o, naming: "townships", what)
            let checkOut = folder.appendingPathComponent("check-\(UUID().uuidString)")
            let c = try forestmap("check", "--layer", subs, "--townships", t, "--config", config, "--out", checkOut.path)
            assertFinishesOrNamesTheProblem(c, naming: "townships", "check, \(what)")
        }

        let square = { (x: Double, y: Double) in PolygonRings(rings: [[Point(x, y), Point(x + 1, y), Point(x + 1, y + 1e-9), Point(x, y)]]) }
        let variants: [(String, String)] = [
            ("degenerate parts", try rewritten("degenerate", year: "2021") { i, wkb in
                guard i % 50 == 0 else { return wkb }
                let p = try wkb.polygons()
                return WKB(polygons: p + [square(p[0].rings[0][0].x, p[0].rings[0][0].y)])
            }),
            ("geometry collections", try rewritten("collections", year: "2021") { i, wkb in
                guard i == 7 else { return wkb }
                var bytes: [UInt8] = [1, 7, 0, 0, 0, 1, 0, 0, 0]
                bytes += wkb.bytes
                return WKB(bytes)
            }),
            ("an empty polygon", try rewritten("empty", year: "2021") { i, wkb in i == 11 ? WKB([1, 3, 0, 0, 0, 0, 0, 0, 0]) : wkb }),
        ]
        for (what, layer) in variants {
            let (o, _) = try stats(layer)
            assertFinishesOrNamesTheProblem(o, naming: "xiaoban_2021", what)
            let checkOut = folder.appendingPathComponent("check-\(UUID().uuidString)")
            let c = try forestmap("check", "--layer", layer, "--townships", townships, "--config", config, "--out", checkOut.path)
            assertFinishesOrNamesTheProblem(c, naming: "xiaoban_2021", "check, \(what)")
            let changeOut = folder.appendingPathComponent("change-\(UUID().uuidString)")
            let ch = try forestmap("change", "--from", "\(source("2020"))|layername=xiaoban_2020", "--to", layer, "--config", config, "--out", changeOut.path)
            assertFinishesOrNamesTheProblem(ch, naming: "xiaoban_2021", "change, \(what)")
        }
    }

    /// A polygon invalid by a hair is used repaired and listed in repaired.csv; a bow-tie is refused naming the
    /// feature, and used repaired with `--repair`.
    func testRepairedPolygonsAreListed() throws {
        func withSpike(_ wkb: WKB) throws -> WKB {
            var p = try wkb.polygons()
            var ring = p[0].rings[0]
            let a = ring[0], b = ring[1]
            let mid = Point((a.x + b.x) / 2, (a.y + b.y) / 2)
            ring.insert(contentsOf: [mid, Point(mid.x + 0.3 * (a.y - b.y), mid.y + 0.3 * (b.x - a.x)), mid], at: 1)
            p[0].rings[0] = ring
            return WKB(polygons: p)
        }
        let hair = try rewritten("hair", year: "2021") { i, wkb in i == 5 ? try withSpike(wkb) : wkb }
        let (o, out) = try stats(hair)
        XCTAssertEqual(o.status, 0, o.stderr)
        XCTAssertTrue(o.stdout.contains("1 polygon used repaired"), o.stdout)
        let csv = try String(contentsOf: out.appendingPathComponent("repaired.csv"), encoding: .utf8)
        let lines = csv.split(whereSeparator: \.isNewline)
        XCTAssertEqual(lines.count, 2, csv)
        XCTAssertTrue(lines[0].hasSuffix("layer,feature_id,key,repair,reason,area_moved_m2,x,y"), csv)
        XCTAssertTrue(lines[1].contains(",6,") && lines[1].contains(",repaired,"), csv)
        let (clean, cleanOut) = try stats("\(source("2021"))|layername=xiaoban_2021")
        XCTAssertEqual(clean.status, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: cleanOut.appendingPathComponent("repaired.csv").path))
        assertSameFigures(try figures(cleanOut), try figures(out), relative: nil, "a spike repaired")

        let bowTie = try rewritten("bowtie", year: "2021") { i, wkb in
            guard i == 5 else { return wkb }
            let r = try wkb.polygons()[0].rings[0]
            return WKB(polygons: [PolygonRings(rings: [[r[0], r[2], r[1], r[3], r[0]]])])
        }
        let (refused, _) = try stats(bowTie)
        assertOneLineError(refused, contains: ["bowtie.gpkg", "feature 6", "is not a valid polygon", "--repair"])
        let (repaired, repairedOut) = try stats(bowTie, extra: ["--repair"])
        XCTAssertEqual(repaired.status, 0, repaired.stderr)
        let rows = try String(contentsOf: repairedOut.appendingPathComponent("repaired.csv"), encoding: .utf8)
        XCTAssertTrue(rows.contains("repaired_on_request"), rows)
    }

    /// A township layer whose polygons touch sub-compartments along edges besides overlapping them (the issue's
    /// own pair, EPSG:4545: GEOS gives Polygon + LineString for their intersection). check, stats and change finish,
    /// and the district's land adds up to the area of what was drawn.
    func testTownshipsTouchingSubCompartmentsAlongEdges() throws {
        func ring(_ xy: [(Double, Double)]) -> [PolygonRings] { [PolygonRings(rings: [xy.map { Point($0.0, $0.1) }])] }
        let stand = ring([(358556.7165596943, 2936122.453404665), (358526.12945015106, 2936084.522684855),
                          (358388.8644999073, 2936063.5910623656), (358350.57822618174, 2936098.944795689),
                          (358352.84941348346, 2936096.8475701725), (358523.7853006233, 2936209.193695033),
                          (358556.7165596943, 2936122.453404665)])
        let township = ring([(358546.1042529184, 2936225.3762376537), (358503.77160523867, 2936205.2334510433),
                             (358464.9240550657, 2936170.5077409754), (358423.29867870535, 2936142.055323349),
                             (358387.1245125858, 2936114.8625588743), (358341.67433744186, 2936093.7797011104),
                             (358330.57822618174, 2936087.207697578), (358330.57822618174, 2936229.193695033),
                             (358551.16070199443, 2936229.193695033), (358546.1042529184, 2936225.3762376537)])
        let context = GEOSContext()
        let district = try Geometry(wkb: WKB(polygons: ring([(358300, 2936000), (358600, 2936000), (358600, 2936260), (358300, 2936260), (358300, 2936000)])), context: context)
        let a = try Geometry(wkb: WKB(polygons: stand), context: context)
        let rest = try district.difference(a)
        let t1 = try Geometry(wkb: WKB(polygons: township), context: context).intersection(district)
        let t2 = try district.difference(t1)
        func write(_ name: String, fields: [FieldDefinition], _ features: [Feature]) throws -> String {
            let path = folder.appendingPathComponent("\(name).gpkg").path
            let writer = try VectorWriter(creating: path, format: .geoPackage)
            try writer.createLayer(named: name, geometry: .polygon, spatialReference: SpatialReference(epsg: 4545), fields: fields).write(features)
            try writer.close()
            return "\(path)|layername=\(name)"
        }
        let subFields = ["XIAN", "XIANG", "CUN", "LIN_BAN", "XIAO_BAN", "DI_LEI"].map { FieldDefinition($0, .string) }
        func subs(_ name: String, _ firstClass: String) throws -> String {
            try write(name, fields: subFields, [(a, firstClass, "0001"), (rest, "0111", "0002")].map { g, code, n in
                try Feature(values: ["520111", "101", "001", "0001", n, code].map { FieldValue.string($0) }, geometry: g.wkb)
            })
        }
        let previous = try subs("touch_2020", "0111"), current = try subs("touch_2021", "0131")
        let towns = try write("touch_townships", fields: [FieldDefinition("XZQDM", .string), FieldDefinition("XZQMC", .string)], [
            try Feature(values: [.string("520111101"), .string("青岩镇")], geometry: t1.wkb),
            try Feature(values: [.string("520111102"), .string("高坡苗族乡")], geometry: t2.wkb),
        ])
        let checkOut = folder.appendingPathComponent("touch-check")
        let c = try forestmap("check", "--layer", current, "--townships", towns, "--out", checkOut.path)
        XCTAssertTrue([0, 3].contains(c.status), c.stderr)
        let statsOut = folder.appendingPathComponent("touch-stats")
        let s = try forestmap("stats", "--layer", current, "--townships", towns, "--area", "planar", "--out", statsOut.path)
        XCTAssertEqual(s.status, 0, s.stderr)
        let total = try figures(statsOut)["total"]?.first ?? 0
        XCTAssertEqual(total, district.area / 10_000, accuracy: 0.0001)
        let changeOut = folder.appendingPathComponent("touch-change")
        let ch = try forestmap("change", "--from", previous, "--to", current, "--townships", towns, "--out", changeOut.path)
        XCTAssertEqual(ch.status, 0, ch.stderr)
        // The annual job on it (the issue's failure: exit 1, "Overlay input is mixed-dimension", nothing written).
        let config = folder.appendingPathComponent("touch.toml")
        try """
        [inputs]
        previous = "\(previous)"
        current = "\(current)"
        townships = "\(towns)"
        [period]
        year = 2021
        """.write(to: config, atomically: true, encoding: .utf8)
        let run = try forestmap("run", config.path, "--out", folder.appendingPathComponent("touch-run").path)
        XCTAssertTrue([0, 3].contains(run.status), run.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("touch-run/appendix1_targets.csv").path), run.stderr)
    }

    /// Coordinates snapped to a grid of `step` metres, as a geodatabase's resolution does.
    private static func snapped(_ wkb: WKB, _ step: Double) throws -> WKB {
        WKB(polygons: try wkb.polygons().map { p in
            PolygonRings(rings: p.rings.map { $0.map { Point(($0.x / step).rounded() * step, ($0.y / step).rounded() * step) } })
        })
    }
}

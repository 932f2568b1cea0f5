import Foundation
import Geo
import XCTest
@testable import ForestAssessment
@testable import ForestChange
@testable import ForestCheck
@testable import ForestMapCore
@testable import ForestStats
@testable import ForestSynth
@testable import ForestUpdate
@testable import ForestTestSupport

/// Reading a sub-compartment layer, and every way it can be unusable: each gives one line naming the file,
/// layer, field or feature, and exit status 2.
final class SubCompartmentLayerTests: XCTestCase {
    private var folder: URL!
    private let x0 = 380_000.0, y0 = 2_920_000.0

    override func setUpWithError() throws { folder = try Fixtures.temporaryFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func load(_ source: SourceReference, _ options: LayerLoadOptions = LayerLoadOptions()) throws -> SubCompartmentLayer {
        try SubCompartmentLayer.load(source, options: options)
    }

    private func assertInputError(_ body: @autoclosure () throws -> Any, contains parts: [String], line: UInt = #line) {
        XCTAssertThrowsError(try body(), line: line) { e in
            guard let err = e as? ForestMapError ?? (e as? GeoError).map(ForestMapError.from) else {
                return XCTFail("unexpected \(e)", line: line)
            }
            XCTAssertEqual(err.status, .badInput, line: line)
            XCTAssertFalse(err.message.contains("\n"), "one line: \(err.message)", line: line)
            for p in parts { XCTAssertTrue(err.message.contains(p), "'\(p)' not in: \(err.message)", line: line) }
        }
    }

    func testReadsKeysTownshipsClassesAndStoredArea() throws {
        let source = try Fixtures.gpkg(folder, features: [
            Fixtures.row("101", "0001", "0111", Fixtures.square(x0, y0, 100), mianJi: 1.0),
            Fixtures.row("207", "0002", "0210", Fixtures.square(x0 + 100, y0, 100), mianJi: 0.9999),
        ])
        let layer = try load(source)
        XCTAssertEqual(layer.subCompartments.map(\.key), ["520111|101|001|0001|0001", "520111|207|001|0001|0002"])
        XCTAssertEqual(layer.subCompartments.map(\.townshipCode), ["520111101", "520111207"])
        XCTAssertEqual(layer.subCompartments.map { $0.landClass?.key }, ["arbor", "farmland"])
        XCTAssertEqual(layer.subCompartments[1].storedAreaHectares, 0.9999)
        XCTAssertEqual(layer.landClassTable.system, .old4)
        XCTAssertTrue(layer.crsLabel.contains("4545"), layer.crsLabel)
    }

    func testAreaByClassAgainstAnIndependentComputation() throws {
        // Four 100 m squares in EPSG:4545: planar area is exactly 1 ha each.
        let source = try Fixtures.gpkg(folder, features: [
            Fixtures.row("101", "0001", "0111", Fixtures.square(x0, y0, 100)),
            Fixtures.row("101", "0002", "0111", Fixtures.square(x0 + 100, y0, 100)),
            Fixtures.row("101", "0003", "0131", Fixtures.square(x0, y0 + 100, 100)),
            Fixtures.row("101", "0004", "0250", Fixtures.square(x0 + 100, y0 + 100, 100)),
        ])
        let layer = try load(source)
        let planar = try LandClassAreaSummary.compute(layer, method: .planar)
        let byKey = Dictionary(uniqueKeysWithValues: planar.rows.map { ($0.key, $0) })
        XCTAssertEqual(byKey["arbor"]?.squareMetres ?? 0, 20_000, accuracy: 1e-6)
        XCTAssertEqual(byKey["arbor"]?.count, 2)
        XCTAssertEqual(byKey["special_shrub"]?.squareMetres ?? 0, 10_000, accuracy: 1e-6)
        XCTAssertEqual(planar.forestLandSquareMetres, 30_000, accuracy: 1e-6)
        XCTAssertEqual(planar.coverageForestSquareMetres, 30_000, accuracy: 1e-6)
        // Ellipsoidal area near 106.6E in the CM 108 zone is smaller than planar by about 0.02%..0.1%
        // (docs/domain.md §7: planar overstates by about +0.04%).
        let ellipsoidal = try LandClassAreaSummary.compute(layer, method: .ellipsoidal)
        let ratio = planar.totalSquareMetres / ellipsoidal.totalSquareMetres
        XCTAssertGreaterThan(ratio, 1.0002)
        XCTAssertLessThan(ratio, 1.001)
    }

    /// Keys are joined in a small buffer; a key longer than it comes out whole all the same.
    func testLongAndChineseKeysComeOutWhole() throws {
        let long = String(repeating: "林", count: 120)
        let source = try Fixtures.gpkg(folder, features: [
            Fixtures.row("101", long, "0111", Fixtures.square(x0, y0, 100)),
            Fixtures.row("101", "甲", "0111", Fixtures.square(x0 + 100, y0, 100)),
        ])
        XCTAssertEqual(try load(source).subCompartments.map(\.key), ["520111|101|001|0001|" + long, "520111|101|001|0001|甲"])
    }

    func testForeignDataWithoutKeyFieldsUsesFeatureIds() throws {
        let source = try Fixtures.gpkg(folder, fields: [FieldDefinition("DI_LEI", .string)], features: [
            Feature(values: [.string("0301")], geometry: Fixtures.square(x0, y0, 100)),
        ])
        let layer = try load(source)
        XCTAssertEqual(layer.subCompartments.first?.key, "fid:1")
        XCTAssertEqual(layer.subCompartments.first?.townshipCode, "")
    }

    func testMissingFile() {
        assertInputError(try load(SourceReference(path: folder.appendingPathComponent("nope.gpkg").path)), contains: ["nope.gpkg", "no such file"])
    }

    func testNotADataset() throws {
        let path = folder.appendingPathComponent("notes.gpkg").path
        try Data("not a geopackage".utf8).write(to: URL(fileURLWithPath: path))
        assertInputError(try load(SourceReference(path: path)), contains: ["notes.gpkg", "not a vector dataset"])
    }

    func testMissingLayer() throws {
        let source = try Fixtures.gpkg(folder, features: [Fixtures.row("101", "0001", "0111", Fixtures.square(x0, y0, 100))])
        assertInputError(try load(SourceReference(path: source.path, layerName: "xiaoban_2021")), contains: ["no layer 'xiaoban_2021'", "layers: xiaoban"])
    }

    func testMissingLandClassField() throws {
        var options = LayerLoadOptions()
        options.fields.diLei = "DLBM"
        let source = try Fixtures.gpkg(folder, features: [Fixtures.row("101", "0001", "0111", Fixtures.square(x0, y0, 100))])
        assertInputError(try load(source, options), contains: ["xiaoban.gpkg|layername=xiaoban", "no land-class field DLBM", "fields: XIAN", "[fields] di_lei"])
    }

    func testMissingConfiguredKeyField() throws {
        var options = LayerLoadOptions()
        options.fields.id = "OBJECTID"
        let source = try Fixtures.gpkg(folder, features: [Fixtures.row("101", "0001", "0111", Fixtures.square(x0, y0, 100))])
        assertInputError(try load(source, options), contains: ["key field OBJECTID missing"])
    }

    func testNoCRS() throws {
        let source = try Fixtures.gpkg(folder, epsg: nil, features: [Fixtures.row("101", "0001", "0111", Fixtures.square(x0, y0, 100))])
        assertInputError(try load(source), contains: ["has no coordinate reference system", "EPSG:4545"])
    }

    func testEmptyLayer() throws {
        let source = try Fixtures.gpkg(folder, features: [])
        assertInputError(try load(source), contains: ["xiaoban", "is empty"])
    }

    func testBowTiePolygonNamesTheFeature() throws {
        let bowTie = WKB(polygons: [PolygonRings(rings: [[Point(x0, y0), Point(x0 + 100, y0 + 100), Point(x0 + 100, y0), Point(x0, y0 + 100), Point(x0, y0)]])])
        let source = try Fixtures.gpkg(folder, features: [
            Fixtures.row("101", "0001", "0111", Fixtures.square(x0 + 200, y0, 100)),
            Fixtures.row("101", "0002", "0111", bowTie),
        ])
        assertInputError(try load(source), contains: ["feature 2 (key 520111|101|001|0001|0002)", "Self-intersection", "(380050.000, 2920050.000)"])
    }

    /// Valid polygons load whichever way their validity is settled (the quick ring test or GEOS); each materially
    /// invalid one (the repair splits it in two or moves its area) is refused with GEOS's own reason and place, as it
    /// always was. (A spike is invalid only by a hair: `GeometryRepairTests`.)
    func testInvalidPolygonsAreRefusedWithGEOSReasons() throws {
        func ring(_ points: [(Double, Double)]) -> [Point] { points.map { Point(x0 + $0.0, y0 + $0.1) } }
        let valid: [WKB] = [
            Fixtures.square(x0, y0, 100),
            WKB(polygons: [PolygonRings(rings: [ring([(0, 0), (50, 0), (100, 0), (100, 100), (100, 100), (0, 100), (0, 0)])])]),  // collinear, repeated
            WKB(polygons: [PolygonRings(rings: [ring([(0, 0), (100, 0), (100, 100), (0, 100), (0, 0)]), ring([(20, 20), (20, 60), (60, 60), (60, 20), (20, 20)])])]),
        ]
        let invalid: [WKB] = [
            WKB(polygons: [PolygonRings(rings: [ring([(0, 0), (100, 0), (50, 50), (100, 100), (0, 100), (50, 50), (0, 0)])])]),  // touches itself
            WKB(polygons: [PolygonRings(rings: [ring([(0, 0), (100, 0), (100, 100), (0, 100), (0, 0)]), ring([(120, 20), (120, 60), (160, 60), (160, 20), (120, 20)])])]),
        ]
        let context = GEOSContext()
        for (n, bad) in invalid.enumerated() {
            let folder = self.folder.appendingPathComponent("case\(n)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let rows = (valid + [bad]).enumerated().map { Fixtures.row("101", String(format: "%04d", $0.offset + 1), "0111", $0.element) }
            XCTAssertNoThrow(try load(Fixtures.gpkg(folder, name: "ok", features: Array(rows.dropLast()))))
            let reason = try XCTUnwrap(Geometry(wkb: bad, context: context).invalidity)
            assertInputError(try load(Fixtures.gpkg(folder, features: rows)),
                             contains: ["feature 4 (key 520111|101|001|0001|0004)", reason.reason, String(format: "(%.3f, %.3f)", reason.x, reason.y)])
        }
    }

    /// With the validity check deferred (as `change` loads the current year), a layer with an invalid polygon
    /// loads; `repairInvalid` then refuses it with the loader's own message when asked about it, and only then.
    /// Features without geometry are still refused at once.
    func testDeferredValidityIsCheckedWhereAsked() throws {
        let bowTie = WKB(polygons: [PolygonRings(rings: [[Point(x0 + 300, y0), Point(x0 + 400, y0 + 100), Point(x0 + 400, y0), Point(x0 + 300, y0 + 100), Point(x0 + 300, y0)]])])
        let rows = (0..<5).map { Fixtures.row("101", String(format: "%04d", $0 + 1), "0111", $0 == 3 ? bowTie : Fixtures.square(x0 + Double($0) * 100, y0, 100)) }
        let source = try Fixtures.gpkg(folder, features: rows)
        var loaderMessage = ""
        XCTAssertThrowsError(try load(source)) { loaderMessage = ($0 as? ForestMapError)?.message ?? "" }
        XCTAssertTrue(loaderMessage.contains("feature 4 (key 520111|101|001|0001|0004) is not a valid polygon"), loaderMessage)
        var deferred = LayerLoadOptions()
        deferred.validityDeferred = true
        var layer = try load(source, deferred)
        XCTAssertEqual(layer.subCompartments.count, 5)
        XCTAssertNoThrow(try layer.repairInvalid([0, 1, 2, 4], threads: 2))
        XCTAssertTrue(layer.repairs.isEmpty)
        for threads in [1, 2] {
            XCTAssertThrowsError(try layer.repairInvalid(Array(0..<5), threads: threads)) { e in
                XCTAssertEqual((e as? ForestMapError)?.message, loaderMessage)
                XCTAssertEqual((e as? ForestMapError)?.status, .badInput)
            }
        }
        var missing = rows
        missing[1].geometry = nil
        let folder = self.folder.appendingPathComponent("missing")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        assertInputError(try load(Fixtures.gpkg(folder, features: missing), deferred), contains: ["feature 2 (key 520111|101|001|0001|0002) has no geometry"])
    }

    /// Features are prepared in batches on other cores while GDAL reads; the problems still come in the order of
    /// one pass: a feature without geometry anywhere before any invalid polygon, and the first invalid polygon in
    /// layer order, wherever the batches end.
    func testProblemsKeepTheirOrderAcrossBatches() throws {
        let count = FeaturePreparation.batchSize + 900
        let bowTie = WKB(polygons: [PolygonRings(rings: [[Point(x0, y0), Point(x0 + 10, y0 + 10), Point(x0 + 10, y0), Point(x0, y0 + 10), Point(x0, y0)]])])
        func rows(_ special: [Int: WKB?]) -> [Feature] {
            (0..<count).map { n in
                var row = Fixtures.row("101", String(format: "%05d", n + 1), "0111",
                                       Fixtures.square(x0 + Double(n % 100) * 20, y0 + Double(n / 100) * 20, 10))
                if let geometry = special[n] { row.geometry = geometry }
                return row
            }
        }
        let early = 10, late = FeaturePreparation.batchSize + 500
        for (name, special, expected) in [
            ("missing", [early: bowTie, late: nil], "feature \(late + 1) (key 520111|101|001|0001|\(String(format: "%05d", late + 1))) has no geometry"),
            ("invalid", [late: bowTie, late + 100: bowTie], "feature \(late + 1) (key 520111|101|001|0001|\(String(format: "%05d", late + 1))) is not a valid polygon"),
            ("first", [early: bowTie, late: bowTie], "feature \(early + 1) (key"),
        ] as [(String, [Int: WKB?], String)] {
            let folder = self.folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            assertInputError(try load(Fixtures.gpkg(folder, features: rows(special))), contains: [expected])
        }
        let layer = try load(Fixtures.gpkg(folder, name: "clean", features: rows([:])))
        XCTAssertEqual(layer.subCompartments.count, count)
        XCTAssertEqual(layer.subCompartments.map(\.key), (0..<count).map { "520111|101|001|0001|" + String(format: "%05d", $0 + 1) })
    }

    /// A command that names the fields it reads gets exactly those as attributes; the key, township, class, area
    /// and geometry are as a full read gives them, the source's other fields are still known by name, and
    /// sub-compartments with the same kept values share one attribute row (two large years fit in memory).
    func testKeptFieldsAndSharedRows() throws {
        let count = FeaturePreparation.batchSize + 300
        var rows: [Feature] = []
        for n in 0..<count {
            let xiang = n % 2 == 0 ? "101" : "207", code = n % 3 == 0 ? "0111" : "0210"
            let x = x0 + Double(n % 100) * 20, y = y0 + Double(n / 100) * 20
            rows.append(Fixtures.row(xiang, String(format: "%05d", n + 1), code, Fixtures.square(x, y, 10), mianJi: 0.01 * Double(n % 7 + 1)))
        }
        let source = try Fixtures.gpkg(folder, features: rows)
        let full = try load(source)
        var options = LayerLoadOptions()
        options.keptFields = ["xiang", "DI_LEI"]
        let lean = try load(source, options)
        XCTAssertEqual(lean.fieldNames, ["XIANG", "DI_LEI"])
        XCTAssertEqual(lean.sourceFieldNames, full.fieldNames)
        XCTAssertTrue(lean.sourceHasField("mian_ji"))
        XCTAssertFalse(lean.sourceHasField("HUO_LMGQXJ"))
        XCTAssertEqual(lean.subCompartments.count, count)
        let xiang: Int = try XCTUnwrap(full.fieldNames.firstIndex(of: "XIANG"))
        let diLei: Int = try XCTUnwrap(full.fieldNames.firstIndex(of: "DI_LEI"))
        for (f, l) in zip(full.subCompartments, lean.subCompartments) {
            XCTAssertEqual(l.attributes, [f.attributes[xiang], f.attributes[diLei]])
            var same = l
            same.attributes = f.attributes
            XCTAssertEqual(same, f)
        }
        // 2 townships × 2 codes: four distinct rows, each stored once in each batch the loader prepares.
        let storage = Set(lean.subCompartments.map { $0.attributes.withUnsafeBufferPointer { Int(bitPattern: $0.baseAddress) } })
        XCTAssertEqual(storage.count, 4 * 2, "two batches")
    }

    /// Two years that share most polygons keep one copy of each: after `shareGeometry` the previous year's
    /// unchanged polygons hold the current year's bytes (the same storage), a changed or unmatched one keeps its
    /// own, and every polygon reads as before.
    func testUnchangedPolygonsAreHeldOnce() throws {
        func square(_ x: Double, _ side: Double) -> WKB {
            WKB(polygons: [PolygonRings(rings: [[Point(x, 0), Point(x + side, 0), Point(x + side, side), Point(x, side), Point(x, 0)]])])
        }
        func year(_ label: String, _ polygons: [WKB]) -> SubCompartmentLayer {
            let rows = polygons.enumerated().map { k, wkb in
                SubCompartment(fid: Int64(k + 1), key: "k\(k)", townshipCode: "", landClassCode: "0111", landClass: nil,
                               storedAreaHectares: nil, volumePerHectare: nil, attributes: [], geometry: wkb)
            }
            return SubCompartmentLayer(label: label, crsWKT: "", crsLabel: "", fieldNames: [], landClassTable: LandClassTable.builtIn(.old4),
                                       detection: nil, subCompartments: rows)
        }
        // Previous: A, B, C; current: C', B, A (C changed). Matches: A→2, B→1, C→nil; and a wrong match kept apart.
        var previous = year("previous", [square(0, 10), square(20, 10), square(40, 10)])
        let current = year("current", [square(40, 12), square(20, 10), square(0, 10)])
        let before = previous.subCompartments.map(\.geometry)
        func storage(_ wkb: WKB) -> Int { wkb.bytes.withUnsafeBufferPointer { Int(bitPattern: $0.baseAddress) } }
        XCTAssertNotEqual(storage(previous.subCompartments[0].geometry), storage(current.subCompartments[2].geometry))
        previous.shareGeometry(with: current, matches: [2, 1, 0])
        XCTAssertEqual(previous.subCompartments.map(\.geometry), before, "every polygon reads as before")
        XCTAssertEqual(storage(previous.subCompartments[0].geometry), storage(current.subCompartments[2].geometry))
        XCTAssertEqual(storage(previous.subCompartments[1].geometry), storage(current.subCompartments[1].geometry))
        XCTAssertNotEqual(storage(previous.subCompartments[2].geometry), storage(current.subCompartments[0].geometry),
                          "a match whose bytes differ keeps its own polygon")
    }

    /// A GeoJSON export with a ring that does not end where it starts (GEOS cannot read it at all): refused with the
    /// file, the feature and the ring's ends; a ring of too few points with GEOS's reason and the feature.
    func testUnclosedRingNamesTheFileAndFeature() throws {
        let path = folder.appendingPathComponent("web.geojson").path
        func feature(_ xiaoBan: String, _ ring: String) -> String {
            """
            {"type": "Feature", "properties": {"XIAN": "520111", "XIANG": "101", "CUN": "001", "LIN_BAN": "0001", "XIAO_BAN": "\(xiaoBan)", "DI_LEI": "0111"},
             "geometry": {"type": "Polygon", "coordinates": [\(ring)]}}
            """
        }
        func write(_ second: String) throws -> SourceReference {
            try Data("""
            {"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4545"}}, "features": [
            \(feature("0001", "[[380000, 2920000], [380100, 2920000], [380100, 2920100], [380000, 2920100], [380000, 2920000]]")),
            \(feature("0002", second))]}
            """.utf8).write(to: URL(fileURLWithPath: path))
            return SourceReference(path: path)
        }
        let open = try write("[[380200, 2920000], [380300, 2920000], [380300, 2920100], [380200, 2920100]]")
        assertInputError(try load(open), contains: ["web.geojson", "feature 1 (key 520111|101|001|0001|0002)",
                                                     "ring not closed, ending at (380200.000, 2920100.000) instead of its start at (380200.000, 2920000.000)"])
        let short = try write("[[380200, 2920000], [380300, 2920000], [380200, 2920000]]")
        // Two distinct points: a degenerate part, so the feature has no geometry (README "Geometry policy").
        assertInputError(try load(short), contains: ["web.geojson", "feature 1 (key 520111|101|001|0001|0002) has no geometry",
                                                      "fewer than 3 distinct points"])
    }

    /// A feature shifted by 1e15 or by 4e7 (beyond the projection's domain), or with a NaN coordinate, is refused
    /// naming the file and feature (it failed in PROJ, naming neither); with valid geometry not required (`check`)
    /// it loads without geometry and with the reason kept for the report. (GDAL cannot write an infinite coordinate
    /// into a GeoPackage at all; it would be refused as NaN is.)
    func testCoordinatesOutOfRangeNameTheFeature() throws {
        func shifted(_ dx: Double, _ broken: Double? = nil) throws -> SourceReference {
            var ring = [Point(x0 + dx, y0), Point(x0 + 100 + dx, y0), Point(x0 + 100 + dx, y0 + 100), Point(x0 + dx, y0 + 100), Point(x0 + dx, y0)]
            if let broken { ring[2].y = broken }
            return try Fixtures.gpkg(folder, features: [
                Fixtures.row("101", "0001", "0111", Fixtures.square(x0, y0, 100)),
                Fixtures.row("101", "0002", "0111", WKB(polygons: [PolygonRings(rings: [ring])])),
                Fixtures.row("101", "0003", "0111", Fixtures.square(x0 + 200, y0, 100)),
            ])
        }
        for (dx, broken, reason) in [(1e15, nil, "coordinate (1e+15, 2920000.000) is out of range"), (0, Double.nan, "(380100.000, nan) is not a finite number"),
                                     (4e7, nil, "out of range: coordinates cannot be transformed")] {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent("xiaoban.gpkg"))
            let source = try shifted(dx, broken)
            assertInputError(try load(source), contains: ["xiaoban.gpkg|layername=xiaoban: feature 2 (key 520111|101|001|0001|0002): ", reason, "fix or delete the feature"])
            var options = LayerLoadOptions()
            options.requireValidGeometry = false
            let layer = try load(source, options)
            XCTAssertEqual(layer.subCompartments.map(\.geometry.bytes.isEmpty), [false, true, false])
            XCTAssertEqual(Array(layer.unusableGeometry.keys), [2])
            XCTAssertTrue(layer.unusableGeometry[2]?.contains(reason) == true, "\(layer.unusableGeometry)")
        }
    }

    /// Web Mercator has no zone prefix to agree with: a layer in EPSG:3857 loads (its areas are measured on the
    /// ellipsoid; planar area in it is refused, see StatsRunTests).
    func testWebMercatorIsNotTakenForAZonePrefix() throws {
        let source = try Fixtures.gpkg(folder, epsg: 3857, features: [Fixtures.row("101", "0001", "0111", Fixtures.square(11_870_000, 3_050_000, 100))])
        XCTAssertEqual(try load(source).crsLabel, "EPSG:3857 (WGS 84 / Pseudo-Mercator)")
        XCTAssertThrowsError(try AreaCalculator(method: .planar, spatialReference: SpatialReference(epsg: 3857), layerLabel: "web")) { e in
            XCTAssertTrue("\(e)".contains("Mercator projection's square metres grow"), "\(e)")
        }
    }

    func testZonePrefixContradictingTheCRS() throws {
        let source = try Fixtures.gpkg(folder, features: [Fixtures.row("101", "0001", "0111", Fixtures.square(36_380_000, y0, 100))])
        assertInputError(try load(source), contains: ["carry a Gauss-Kruger zone prefix", "EPSG:4524"])
    }

    func testXian1980WithoutParametersIsRefused() throws {
        // EPSG:2360: Xian 1980 / 3-degree Gauss-Kruger zone 36 (CM 108E), eastings with zone prefix.
        let source = try Fixtures.gpkg(folder, epsg: 2360, features: [Fixtures.row("101", "0001", "0111", Fixtures.square(36_380_000, y0, 100))])
        assertInputError(try load(source), contains: ["Xian 1980", "no transformation parameters", "[crs] towgs84"])
        var options = LayerLoadOptions()
        options.towgs84 = [0, 0, 0, 0, 0, 0, 0]
        XCTAssertEqual(try load(source, options).subCompartments.count, 1)
    }

    func testUndetectableCodesAskForTheSystem() throws {
        let source = try Fixtures.gpkg(folder, features: [Fixtures.row("101", "0001", "XYZ", Fixtures.square(x0, y0, 100))])
        assertInputError(try load(source), contains: ["cannot tell the land-class code system", "XYZ", "[land_class] system"])
    }
}

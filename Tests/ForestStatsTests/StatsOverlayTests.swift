import Foundation
import Geo
import XCTest
@testable import ForestAssessment
@testable import ForestChange
@testable import ForestCheck
@testable import ForestMapCore
@testable import ForestReport
@testable import ForestStats
@testable import ForestSynth
@testable import ForestUpdate
@testable import PlanarKernel
@testable import ForestTestSupport

/// The geometric statistics against an independent brute-force computation: every sub-compartment intersected
/// with every township (no index, no prepared geometry, no tiles), read straight from the files, areas measured
/// without AreaCalculator (planar: GEOS's own area; ellipsoidal: PROJ to geographic and the geodesic area).
final class StatsOverlayTests: XCTestCase {
    /// Per township code (and "outside"): the figures in m² (stock in m³).
    struct Expected {
        var land: [String: Double] = [:]
        var mapped: [String: Double] = [:]
        var forestLand: [String: Double] = [:]
        var forest: [String: Double] = [:]
        var arbor: [String: Double] = [:]
        var publicWelfare: [String: Double] = [:]
        var natural: [String: Double] = [:]
        var stock: [String: Double] = [:]
    }

    /// Brute force, both area methods at once.
    static func bruteForce(layer source: SourceReference, townships townshipSource: SourceReference) throws -> [AreaMethod: Expected] {
        let context = GEOSContext()
        let xb = try VectorDataset(reading: source).layer(named: source.layerName)
        let names = xb.fields.map(\.name)
        func field(_ f: Feature, _ name: String) -> String { f.values[names.firstIndex(of: name)!].text ?? "" }
        let features = try xb.readAll()
        let codes = features.map { LandClassTable.normalizedCode(field($0, "DI_LEI")) }
        let table = LandClassTable.builtIn(LandClassSystem.detect(codes: codes)!.system)

        let tw = try VectorDataset(reading: townshipSource).layer(named: townshipSource.layerName)
        let townships = try tw.readAll().map { f in (code: f.values[0].text!, geometry: try Geometry(wkb: f.geometry!, context: context)) }

        let srs = try SpatialReference(epsg: 4545)
        let toGeographic = try CoordinateTransform(from: srs, to: srs.geographic())
        let geodesic = GeodesicArea(ellipsoid: srs.ellipsoid)
        func areas(_ g: Geometry) throws -> [AreaMethod: Double] {
            [.planar: g.area, .ellipsoidal: geodesic.area(of: try toGeographic.transform(g.polygonRings()))]
        }
        var result: [AreaMethod: Expected] = [.planar: Expected(), .ellipsoidal: Expected()]
        for t in townships {
            for (m, a) in try areas(t.geometry) { result[m]!.land[t.code, default: 0] += a }
        }
        for (n, f) in features.enumerated() {
            let s = try Geometry(wkb: f.geometry!, context: context)
            let group = table.classify(codes[n])?.group
            let forestLand = group?.isForestLand ?? false
            let forest = group?.countsTowardCoverage ?? false
            let category = field(f, "SEN_LIN_LB")
            let publicWelfare = forestLand && ["011", "012", "11", "12"].contains(category)
            let natural = forest && field(f, "QI_YUAN").hasPrefix("1")
            let volume = Double(field(f, "HUO_LMGQXJ")) ?? 0
            var whole = try areas(s)
            for t in townships {
                let piece = try s.intersection(t.geometry)
                let a = try areas(piece)
                for m in [AreaMethod.planar, .ellipsoidal] {
                    whole[m]! -= a[m]!
                    add(&result[m]!, t.code, a[m]!, forestLand, forest, group == .arbor, publicWelfare, natural, volume)
                }
            }
            for m in [AreaMethod.planar, .ellipsoidal] {
                add(&result[m]!, "outside", whole[m]!, forestLand, forest, group == .arbor, publicWelfare, natural, volume)
                result[m]!.land["outside", default: 0] += whole[m]!
            }
        }
        return result
    }

    private static func add(_ e: inout Expected, _ code: String, _ a: Double, _ forestLand: Bool, _ forest: Bool, _ arbor: Bool,
                            _ publicWelfare: Bool, _ natural: Bool, _ volume: Double) {
        e.mapped[code, default: 0] += a
        if forestLand { e.forestLand[code, default: 0] += a }
        if forest { e.forest[code, default: 0] += a }
        if arbor { e.arbor[code, default: 0] += a; e.stock[code, default: 0] += volume * a / 10_000 }
        if publicWelfare { e.publicWelfare[code, default: 0] += a }
        if natural { e.natural[code, default: 0] += a }
    }

    /// Agreement to 1e-6 relative (of the figure, or of the township's land area for figures near zero).
    private func assertAgrees(_ stats: ForestStatistics, _ expected: Expected, _ label: String) {
        for (z, zone) in stats.zones.enumerated() {
            let f = stats.figures[z], code = zone.townshipCode
            let scale = max(expected.land[code] ?? 0, expected.mapped[code] ?? 0, 1)
            func check(_ got: Double, _ want: Double?, _ what: String, scale s: Double = scale) {
                let want = want ?? 0
                XCTAssertLessThanOrEqual(abs(got - want), 1e-6 * max(abs(want), s), "\(label) \(code) \(what): \(got) vs \(want)")
            }
            check(f.landArea, expected.land[code], "land")
            check(f.mappedArea, expected.mapped[code], "mapped")
            check(f.forestLand, expected.forestLand[code], "forest land")
            check(f.forest, expected.forest[code], "forest")
            check(f.arbor, expected.arbor[code], "arbor")
            check(f.publicWelfare, expected.publicWelfare[code], "public welfare")
            check(f.naturalForest, expected.natural[code], "natural")
            check(f.stock, expected.stock[code], "stock", scale: scale / 10_000 * 300)
        }
        XCTAssertEqual(Set(stats.zones.map(\.townshipCode)), Set(expected.land.keys), label)
    }

    func testAgreesWithBruteForceForShiftedAndGridTownshipsBothMethods() throws {
        let fixture = try StatsFixture.get()
        for source in [fixture.shiftedTownships, fixture.gridTownships] {
            let expected = try Self.bruteForce(layer: fixture.layerSource, townships: source)
            let townships = try fixture.townships(source)
            for method in [AreaMethod.ellipsoidal, .planar] {
                var options = StatsOptions()
                options.areaMethod = method
                let stats = try ForestStatistics.compute(fixture.layer, townships: townships, options: options)
                let outside = stats.figures[stats.zones.firstIndex { $0.kind == .outside }!]
                XCTAssertGreaterThan(outside.mappedArea, 10_000, "\(source.layerName!): some area lies outside every township")
                assertAgrees(stats, expected[method]!, "\(source.layerName!) \(method)")
            }
        }
    }

    func testPiecesOfEachSubCompartmentAddUpToItsArea() throws {
        let fixture = try StatsFixture.get()
        for source in [fixture.shiftedTownships, fixture.gridTownships] {
            let townships = try fixture.townships(source)
            for method in [AreaMethod.ellipsoidal, .planar] {
                let area = try LayerAreaMethod(method: method, layer: fixture.layer, planarCRS: nil)
                let splits = try TownshipOverlay.split(fixture.layer, by: townships, area: area, threads: nil)
                let calculator = try AreaCalculator(method: method, spatialReference: fixture.layer.spatialReference(), layerLabel: "test")
                XCTAssertGreaterThan(splits.filter(\.wasCut).count, 50, "the cutting path is exercised")
                for (s, split) in zip(fixture.layer.subCompartments, splits) {
                    // Planar: exactly the AreaCalculator's area; ellipsoidal: by the local scale, within 1e-9.
                    let exact = try calculator.squareMetres(s.geometry)
                    XCTAssertEqual(split.squareMetres, exact, accuracy: method == .planar ? 0 : exact * 1e-9, "the whole is the AreaCalculator's area")
                    let sum = split.shares.reduce(0) { $0 + $1.squareMetres }
                    XCTAssertEqual(sum, split.squareMetres, accuracy: split.squareMetres * 1e-12, "\(s.key) \(method)")
                    XCTAssertTrue(split.shares.allSatisfy { $0.squareMetres >= 0 }, s.key)
                }
            }
        }
    }

    func testOneThreadAndManyGiveIdenticalResults() throws {
        let fixture = try StatsFixture.get()
        let townships = try fixture.townships(fixture.shiftedTownships)
        var options = StatsOptions()
        options.threads = 1
        let one = try ForestStatistics.compute(fixture.layer, townships: townships, options: options)
        options.threads = nil
        let many = try ForestStatistics.compute(fixture.layer, townships: townships, options: options)
        options.threads = 3
        let three = try ForestStatistics.compute(fixture.layer, townships: townships, options: options)
        XCTAssertEqual(one.figures, many.figures)
        XCTAssertEqual(one.figures, three.figures)
        XCTAssertEqual(StatsCSV.table(ClosingTable(one, unit: .hectare), grouping: .township).text,
                       StatsCSV.table(ClosingTable(many, unit: .hectare), grouping: .township).text)
    }

    func testExactTownshipsCutNothingAndLeaveNothingOutside() throws {
        // A township layer that is the exact union of its sub-compartments: every sub-compartment lies wholly
        // inside one, sharing edges with its boundary.
        let fixture = try StatsFixture.get()
        let context = GEOSContext()
        var byTownship: [String: [Geometry]] = [:]
        for s in fixture.layer.subCompartments { byTownship[s.townshipCode, default: []].append(try Geometry(wkb: s.geometry, context: context)) }
        let features = try byTownship.keys.sorted().map { code in
            Feature(values: [.string(code), .string("")], geometry: try Geometry.union(byTownship[code]!, context: context).wkb)
        }
        let source = try StatsFixture.write(features, name: "townships_exact", fields: [FieldDefinition("XZQDM", .string), FieldDefinition("XZQMC", .string)],
                                            srs: SpatialReference(epsg: 4545), in: fixture.folder)
        let stats = try ForestStatistics.compute(fixture.layer, townships: fixture.townships(source), options: StatsOptions())
        let outside = stats.figures[stats.zones.firstIndex { $0.kind == .outside }!]
        XCTAssertEqual(outside.mappedArea, 0)
        XCTAssertTrue(stats.notes.contains { $0.contains("exact overlay: 0 of \(fixture.layer.subCompartments.count)") }, stats.notes.joined(separator: "\n"))
        let xiang = try XCTUnwrap(stats.byXiang)
        for (z, zone) in xiang.zones.enumerated() {
            let g = stats.figures[stats.zones.firstIndex { $0.townshipCode == zone.townshipCode }!]
            XCTAssertEqual(g.mappedArea, xiang.figures[z].mappedArea, accuracy: 1e-6, zone.townshipCode)
            XCTAssertEqual(g.landArea, g.mappedArea, accuracy: g.mappedArea * 1e-9, "the union's area is the sum of its parts")
        }
    }

    func testTilingPutsEverySmallBoxInsideACell() {
        let fixture = try! StatsFixture.get()
        let townships = try! fixture.townships(fixture.gridTownships)
        let tiling = TownshipTiling(boundaries: townships, subCompartmentCount: 1_000)
        for i in 0..<2_000 {
            let x = 380_000 + Double(i) * 7.3, y = 2_920_000 + Double(i % 97) * 13.1
            let box = Envelope(minX: x, minY: y, maxX: x + tiling.size * 0.4, maxY: y + tiling.size * 0.3)
            let cell = tiling.cell(containing: box)
            XCTAssertNotNil(cell)
            if let cell { XCTAssertTrue(tiling.rectangle(cell).contains(box)) }
        }
        XCTAssertNil(tiling.cell(containing: Envelope(minX: 0, minY: 0, maxX: tiling.size, maxY: 1)))
    }

    func testOverlappingTownshipsCountTheOverlapOnceAndGapsGoOutside() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Sub-compartments: five 100 m squares in a row from x = 400 000; townships: A over x < 400 242, B over
        // 400 238 < x < 400 450 (overlapping A by 4 m, inside the third square, which neither contains: B holds
        // more of it, 62 m to A's 42 m, so the overlap is B's); the last 50 m lie outside both.
        let layer = try SubCompartmentLayer.load(Fixtures.gpkg(folder, features: (0..<5).map {
            Fixtures.row("101", String(format: "%04d", $0), "0111", Fixtures.square(400_000 + Double($0) * 100, 2_900_000, 100))
        }), options: LayerLoadOptions())
        func rect(_ x0: Double, _ x1: Double) -> WKB {
            WKB(polygons: [PolygonRings(rings: [[Point(x0, 2_899_000), Point(x1, 2_899_000), Point(x1, 2_901_000), Point(x0, 2_901_000), Point(x0, 2_899_000)]])])
        }
        let source = try StatsFixture.write([Feature(values: [.string("520111101"), .string("A")], geometry: rect(399_000, 400_242)),
                                             Feature(values: [.string("520111102"), .string("B")], geometry: rect(400_238, 400_450))],
                                            name: "overlapping", fields: [FieldDefinition("XZQDM", .string), FieldDefinition("XZQMC", .string)],
                                            srs: SpatialReference(epsg: 4545), in: folder)
        let townships = try TownshipBoundaries.load(source, fields: TownshipFields(), districtCode: "520111", into: layer.crsWKT, towgs84: nil, encoding: nil)
        var options = StatsOptions()
        options.areaMethod = .planar
        let stats = try ForestStatistics.compute(layer, townships: townships, options: options)
        XCTAssertEqual(stats.zones.map(\.townshipCode), ["520111101", "520111102", "outside"])
        XCTAssertEqual(stats.figures[0].mappedArea, 23_800, accuracy: 1e-6, "A: two squares and 38 m of the third")
        XCTAssertEqual(stats.figures[1].mappedArea, 21_200, accuracy: 1e-6, "B: the third's last 62 m, the overlap included, the fourth, half the fifth")
        XCTAssertEqual(stats.figures[0].landArea + stats.figures[1].landArea, 1_450 * 2_000, accuracy: 1e-6, "the overlap's land counted once")
        XCTAssertEqual(stats.figures[2].mappedArea, 5_000, accuracy: 1e-6, "outside: the last 50 m")
        XCTAssertEqual(stats.figures.map(\.mappedArea).reduce(0, +), 50_000, accuracy: 1e-6)
        XCTAssertEqual(stats.outsidePieces.count, 1)
        XCTAssertTrue(stats.notes.contains { $0.contains("exact overlay: 2 of 5") }, stats.notes.joined(separator: "\n"))
        XCTAssertEqual(stats.outsidePieces.first?.key, "520111|101|001|0001|0004")
    }
}

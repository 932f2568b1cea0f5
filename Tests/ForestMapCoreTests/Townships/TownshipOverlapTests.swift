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

/// Overlapping township polygons in the statistics: a narrow overlap (digitising noise) counts once, with the
/// township holding more of the sub-compartment under it; a wide one is refused.
final class TownshipOverlapTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws { folder = try Fixtures.temporaryFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    static let y0 = 2_900_000.0

    private func rectangle(_ x0: Double, _ x1: Double, _ y0: Double = TownshipOverlapTests.y0, _ y1: Double = TownshipOverlapTests.y0 + 1_000) -> WKB {
        WKB(polygons: [PolygonRings(rings: [[Point(x0, y0), Point(x1, y0), Point(x1, y1), Point(x0, y1), Point(x0, y0)]])])
    }

    /// Townships 101 over 400 000 < x < 401 000 and 102 over `from` < x < 402 000.
    private func townships(secondFrom from: Double, name: String = "townships") throws -> SourceReference {
        try StatsFixture.write([Feature(values: [.string("520111101"), .string("A")], geometry: rectangle(400_000, 401_000)),
                                Feature(values: [.string("520111102"), .string("B")], geometry: rectangle(from, 402_000))],
                               name: name, fields: [FieldDefinition("XZQDM", .string), FieldDefinition("XZQMC", .string)],
                               srs: SpatialReference(epsg: 4545), in: folder)
    }

    /// Ten rows of 100 m from x = 400 000 to 402 000 covering both townships. Rows 0–4: 100 m squares, so the square
    /// 400 900–401 000 lies almost wholly in 101. Rows 5–9: the boundary stand runs 400 990–401 100, mostly in 102.
    private func layer() throws -> SubCompartmentLayer {
        var features: [Feature] = []
        for j in 0..<10 {
            let y = Self.y0 + Double(j) * 100
            let xs: [Double] = j < 5 ? Array(stride(from: 400_000.0, through: 402_000, by: 100))
                : Array(stride(from: 400_000.0, through: 400_900, by: 100)) + [400_990] + Array(stride(from: 401_100.0, through: 402_000, by: 100))
            for k in 0..<(xs.count - 1) {
                features.append(Fixtures.row(xs[k] < 401_000 ? "101" : "102", String(format: "%02d%02d", j, k), "0111",
                                             rectangle(xs[k], xs[k + 1], y, y + 100)))
            }
        }
        return try SubCompartmentLayer.load(Fixtures.gpkg(folder, features: features), options: LayerLoadOptions())
    }

    private func statistics(_ layer: SubCompartmentLayer, _ townships: SourceReference, _ method: AreaMethod) throws -> ForestStatistics {
        let boundaries = try TownshipBoundaries.load(townships, fields: TownshipFields(), districtCode: "520111", into: layer.crsWKT, towgs84: nil, encoding: nil)
        var options = StatsOptions()
        options.areaMethod = method
        return try ForestStatistics.compute(layer, townships: boundaries, options: options)
    }

    /// The union of the township polygons, measured without forestmap: GEOS's planar area, and PROJ to geographic
    /// with the geodesic area.
    private func unionArea(_ source: SourceReference) throws -> [AreaMethod: Double] {
        let context = GEOSContext()
        let features = try VectorDataset(reading: source).layer(named: source.layerName).readAll()
        let union = try Geometry.union(features.map { try Geometry(wkb: $0.geometry!, context: context) }, context: context)
        let srs = try SpatialReference(epsg: 4545)
        let geographic = try CoordinateTransform(from: srs, to: srs.geographic()).transform(union.polygonRings())
        return [.planar: union.area, .ellipsoidal: GeodesicArea(ellipsoid: srs.ellipsoid).area(of: geographic)]
    }

    func testANarrowOverlapCountsOnceInTheTownshipHoldingMoreOfTheSubCompartment() throws {
        // 102 starts 2 m inside 101: a strip 2 m × 1 000 m that both polygons hold.
        let source = try townships(secondFrom: 400_998)
        let layer = try layer()
        let union = try unionArea(source)
        for method in [AreaMethod.planar, .ellipsoidal] {
            let stats = try statistics(layer, source, method)
            XCTAssertEqual(stats.zones.map(\.townshipCode), ["520111101", "520111102", "outside"])
            let land = stats.figures.map(\.landArea), mapped = stats.figures.map(\.mappedArea)
            // To 1e-7 (0.2 m²; counting the 2 000 m² strip twice is 1e-3): geodesic edges between other vertices.
            XCTAssertEqual(land.reduce(0, +), union[method]!, accuracy: 1e-7 * union[method]!, "\(method): the district's land area is the union's")
            XCTAssertEqual(mapped.reduce(0, +), union[method]!, accuracy: 1e-7 * union[method]!, "\(method): the layer covers the union")
            // Each township's land area is what the overlay counts there: the strip is in one of them.
            // To 1e-6 (1 m² of a township's 100 ha): its polygon's 1 km edges are geodesics, the stands' 100 m ones.
            XCTAssertEqual(land[0], mapped[0], accuracy: 1e-6 * land[0], "\(method)")
            XCTAssertEqual(land[1], mapped[1], accuracy: 1e-6 * land[1], "\(method)")
            XCTAssertEqual(mapped[2], 0, "\(method): nothing outside")
        }
        // Planar, exactly: rows 0–4 give their 2 m × 500 m of strip to 101 (their boundary squares lie 100 m in 101,
        // 2 m in 102); rows 5–9 give theirs to 102 (their boundary stands lie 10 m in 101 and 102 m in 102).
        let planar = try statistics(layer, source, .planar)
        XCTAssertTrue(planar.notes.contains { $0.contains("overlap by at most [check] boundary_tolerance_m between 1 pair of township features (0.2000 ha in all)") },
                      planar.notes.joined(separator: "\n"))
        XCTAssertEqual(planar.figures[0].landArea, 999_000, accuracy: 1e-6)
        XCTAssertEqual(planar.figures[1].landArea, 1_001_000, accuracy: 1e-6)
        XCTAssertEqual(planar.figures[0].mappedArea, 500_000 + 5 * (90_000 + 9_000 + 800), accuracy: 1e-6, "101: rows 0–4 whole, rows 5–9 up to 400 998")
        XCTAssertEqual(planar.figures[1].mappedArea, 500_000 + 5 * (10_200 + 90_000), accuracy: 1e-6, "102: rows 5–9 from 400 990")
        // The map's township polygons are the ones counted: no overlap left.
        let boundaries = try XCTUnwrap(planar.boundaries)
        let context = GEOSContext()
        let parts = try boundaries.parts.map { try Geometry(wkb: $0.wkb, context: context) }
        XCTAssertLessThan(try parts[0].intersection(parts[1]).area, 1e-6)
    }

    func testAWideOverlapIsRefusedNamingBothTownshipsAndTheArea() throws {
        // 102 starts 200 m inside 101: a strip 200 m × 1 000 m, 20 ha.
        let source = try townships(secondFrom: 400_800)
        let layer = try layer()
        XCTAssertThrowsError(try statistics(layer, source, .planar)) { error in
            let e = error as? ForestMapError
            XCTAssertEqual(e?.status, .badInput)
            let message = e?.message ?? "\(error)"
            for part in ["townships.gpkg", "520111101 (feature 1)", "520111102 (feature 2)", "20.0000 ha", "boundary_tolerance_m = 5.0 m"] {
                XCTAssertTrue(message.contains(part), "'\(part)' not in: \(message)")
            }
            XCTAssertFalse(message.contains("\n"), message)
        }
        // A tolerance wider than the strip makes it digitising noise, given to one township.
        var options = StatsOptions()
        options.areaMethod = .planar
        options.townshipOverlap.widthMetres = 250
        let boundaries = try TownshipBoundaries.load(source, fields: TownshipFields(), districtCode: "520111", into: layer.crsWKT, towgs84: nil, encoding: nil)
        let stats = try ForestStatistics.compute(layer, townships: boundaries, options: options)
        XCTAssertEqual(stats.figures.map(\.landArea).reduce(0, +), 2_000_000, accuracy: 1e-6)
    }

    func testFindsOnlyOverlapsOfDifferentTownshipsAboveNoise() throws {
        let layer = try layer()
        func overlaps(_ from: Double) throws -> [TownshipOverlap] {
            let source = try townships(secondFrom: from, name: "townships_\(Int(from * 1e7))")
            let boundaries = try TownshipBoundaries.load(source, fields: TownshipFields(), districtCode: "520111",
                                                         into: layer.crsWKT, towgs84: nil, encoding: nil)
            return try TownshipOverlap.find(boundaries, tolerances: TownshipOverlap.Tolerances(), geographic: false)
        }
        XCTAssertEqual(try overlaps(401_000).count, 0, "neighbours sharing their boundary")
        XCTAssertEqual(try overlaps(401_000 - 1e-7).count, 0, "0.1 µm: numerical noise")
        let narrow = try overlaps(400_998)
        XCTAssertEqual(narrow.map(\.isWide), [false])
        XCTAssertEqual(PlanarArea.of(narrow[0].polygons), 2_000, accuracy: 1e-6)
        XCTAssertEqual(try overlaps(400_994).map(\.isWide), [true], "6 m: wider than the 5 m tolerance")

        // A township drawn inside another, no edge of the two meeting: the edges prove nothing, GEOS finds it.
        let inside = try StatsFixture.write([Feature(values: [.string("520111101"), .string("A")], geometry: rectangle(400_000, 401_000)),
                                             Feature(values: [.string("520111102"), .string("B")],
                                                     geometry: rectangle(400_200, 400_800, Self.y0 + 200, Self.y0 + 800))],
                                            name: "inside", fields: [FieldDefinition("XZQDM", .string), FieldDefinition("XZQMC", .string)],
                                            srs: SpatialReference(epsg: 4545), in: folder)
        let boundaries = try TownshipBoundaries.load(inside, fields: TownshipFields(), districtCode: "520111", into: layer.crsWKT, towgs84: nil, encoding: nil)
        let found = try TownshipOverlap.find(boundaries, tolerances: TownshipOverlap.Tolerances(), geographic: false)
        XCTAssertEqual(found.map(\.isWide), [true])
        XCTAssertEqual(PlanarArea.of(found[0].polygons), 360_000, accuracy: 1e-6)
    }
}

import Foundation
import Geo
import XCTest
@testable import ForestAssessment
@testable import ForestChange
@testable import ForestMapCore
@testable import ForestSynth
@testable import PlanarKernel
@testable import ForestTestSupport

/// The width rule on a hand-made pair of years: forest A (200 × 200 m) beside farmland B. In the current year the
/// shared boundary moved 3 m into A (a 600 m² strip of "forest cleared for farming", above the inspection unit,
/// that is only re-digitising), and a 6 m road (1,182 m²) was cut through A.
final class ChangeSliverTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws { folder = try Fixtures.temporaryFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func rect(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> WKB {
        let x = 400_000.0, y = 2_900_000.0
        return WKB(polygons: [PolygonRings(rings: [[Point(x + x0, y + y0), Point(x + x1, y + y0), Point(x + x1, y + y1), Point(x + x0, y + y1), Point(x + x0, y + y0)]])])
    }

    private func layer(_ name: String, _ rows: [(String, String, WKB)], degrees: Bool) throws -> SourceReference {
        guard degrees else { return try Fixtures.gpkg(folder, name: name, features: rows.map { Fixtures.row("101", $0.0, $0.1, $0.2) }) }
        let toDegrees = try CoordinateTransform(from: SpatialReference(epsg: 4545), to: SpatialReference(epsg: 4490))
        return try Fixtures.gpkg(folder, name: name, epsg: 4490, features: rows.map {
            Fixtures.row("101", $0.0, $0.1, WKB(polygons: try toDegrees.transform(try $0.2.polygons())))
        })
    }

    private func patches(sliverWidth: Double, degrees: Bool = false) throws -> [ChangePatch] {
        let run = UUID().uuidString.prefix(8)
        let from = try layer("y2020_\(run)", [("0001", "030100", rect(0, 0, 200, 200)), ("0002", "0103", rect(200, 0, 400, 200))], degrees: degrees)
        let to = try layer("y2021_\(run)", [("0001", "030100", rect(0, 0, 197, 100)), ("0003", "030100", rect(0, 106, 197, 200)),
                                     ("0004", "1006", rect(0, 100, 197, 106)), ("0002", "0103", rect(197, 0, 400, 200))], degrees: degrees)
        var config = ForestMapConfig()
        config.change.sliverWidthMetres = sliverWidth
        var options = ChangeOptions(config: config)
        options.areaMethod = degrees ? .ellipsoidal : .planar
        let sources = ChangeRun.Sources(from: from, to: to, townships: nil, permits: nil, ringBelt: nil, period: nil)
        return try ChangeRun.compute(sources, config: config, options: options).patches
    }

    /// `change` checks the current year's polygons for validity only where they are not the previous year's byte
    /// for byte (those were checked with the previous year), and refuses an invalid one with the loader's message.
    func testAnInvalidCurrentPolygonIsRefusedAsTheLoaderRefusesIt() throws {
        let bowTie = WKB(polygons: [PolygonRings(rings: [[Point(400_000, 2_900_100), Point(400_197, 2_900_200), Point(400_197, 2_900_100),
                                                           Point(400_000, 2_900_200), Point(400_000, 2_900_100)]])])
        let from = try layer("y2020", [("0001", "030100", rect(0, 0, 200, 200)), ("0002", "0103", rect(200, 0, 400, 200))], degrees: false)
        let to = try layer("y2021", [("0001", "030100", rect(0, 0, 197, 100)), ("0003", "030100", bowTie),
                                     ("0002", "0103", rect(200, 0, 400, 200))], degrees: false)
        var loaderMessage = ""
        XCTAssertThrowsError(try SubCompartmentLayer.load(to, options: LayerLoadOptions())) { loaderMessage = ($0 as? ForestMapError)?.message ?? "" }
        XCTAssertTrue(loaderMessage.contains("feature 2 (key 520111|101|001|0001|0003) is not a valid polygon"), loaderMessage)
        let config = ForestMapConfig()
        for threads in [1, 2] {
            var options = ChangeOptions(config: config)
            options.threads = threads
            let sources = ChangeRun.Sources(from: from, to: to, townships: nil, permits: nil, ringBelt: nil, period: nil)
            XCTAssertThrowsError(try ChangeRun.compute(sources, config: config, options: options)) { e in
                XCTAssertEqual((e as? ForestMapError)?.message, loaderMessage)
            }
        }
        // Without the unchanged-geometry shortcut the loader checks every polygon itself, with the same message.
        var options = ChangeOptions(config: config)
        options.skipUnchangedGeometry = false
        XCTAssertThrowsError(try ChangeRun.compute(ChangeRun.Sources(from: from, to: to, townships: nil, permits: nil, ringBelt: nil, period: nil),
                                                   config: config, options: options)) { e in
            XCTAssertEqual((e as? ForestMapError)?.message, loaderMessage)
        }
    }

    func testTheRoadStaysAndTheMovedBoundaryGoes() throws {
        let found = try patches(sliverWidth: 5)
        XCTAssertEqual(found.map(\.changeType), [.construction])
        XCTAssertEqual(found[0].squareMetres, 197 * 6, accuracy: 1e-6)
        XCTAssertEqual(found[0].toIDs, ["520111|101|001|0001|0004"])
    }

    func testNoWidthRuleKeepsTheStrip() throws {
        let found = try patches(sliverWidth: 0)
        XCTAssertEqual(found.map(\.changeType).sorted { $0.rawValue < $1.rawValue }, [.clearedForFarming, .construction])
        XCTAssertEqual(try XCTUnwrap(found.first { $0.changeType == .clearedForFarming }).squareMetres, 3 * 200, accuracy: 1e-6)
    }

    /// The same in longitude and latitude (CGCS2000): the width rule works in metres.
    func testTheRuleIsInMetresForALayerInDegrees() throws {
        let found = try patches(sliverWidth: 5, degrees: true)
        XCTAssertEqual(found.map(\.changeType), [.construction])
        XCTAssertEqual(found[0].squareMetres, 197 * 6, accuracy: 197 * 6 * 0.001, "geodesic area of the projected strip")
        XCTAssertEqual(try patches(sliverWidth: 7, degrees: true).count, 0)
    }

    func testAWiderRuleDropsTheRoadToo() throws {
        XCTAssertEqual(try patches(sliverWidth: 7).count, 0)
    }

    /// The shortcut before the negative buffer: whenever it finds a polygon certainly wider than the rule, GEOS's
    /// buffer leaves something; and the plain cases are told without GEOS.
    func testCertainlyWiderAgreesWithTheNegativeBuffer() throws {
        func polygon(_ points: [(Double, Double)]) -> PolygonRings {
            PolygonRings(rings: [(points + [points[0]]).map { Point(400_000 + $0.0, 2_900_000 + $0.1) }])
        }
        XCTAssertTrue(PieceWidth.certainlyWider(polygon([(0, 0), (10, 0), (10, 10), (0, 10)]), than: 5))
        XCTAssertFalse(PieceWidth.certainlyWider(polygon([(0, 0), (100, 0), (100, 4), (0, 4)]), than: 5))
        XCTAssertFalse(PieceWidth.certainlyWider(polygon([(0, 0), (100, 0), (100, 5), (0, 5)]), than: 5), "exactly the width: GEOS decides")
        // An L whose centroid falls outside it: GEOS decides.
        XCTAssertFalse(PieceWidth.certainlyWider(polygon([(0, 0), (100, 0), (100, 8), (8, 8), (8, 100), (0, 100)]), than: 5))

        var random = SplitMix64(seed: 404)
        let context = GEOSContext()
        var told = 0
        for _ in 0..<2_000 {
            // Random star-shaped polygons of 3 to 24 vertices, from slivers to stands.
            let n = 3 + random.int(22)
            let radius = 1 + random.unit() * 30, squash = 0.05 + random.unit()
            let points = (0..<n).map { k -> (Double, Double) in
                let angle = 2 * Double.pi * (Double(k) + 0.8 * random.unit()) / Double(n), r = radius * (0.3 + random.unit())
                return (r * cos(angle), squash * r * sin(angle))
            }
            let p = polygon(points)
            let width = 1 + random.unit() * 9
            guard PieceWidth.certainlyWider(p, than: width) else { continue }
            told += 1
            let shrunk = try Geometry(wkb: WKB(polygons: [p]), context: context).buffer(-width / 2, quadrantSegments: 2)
            XCTAssertFalse(shrunk.isEmpty || shrunk.area <= 0, "certainly wider than \(width) m, but the buffer leaves nothing: \(points)")
        }
        XCTAssertGreaterThan(told, 200, "the shortcut decides a good share of the cases")
    }
}

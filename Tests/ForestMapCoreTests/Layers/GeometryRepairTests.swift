import Foundation
import Geo
import XCTest
@testable import ForestAssessment
@testable import ForestChange
@testable import ForestCheck
@testable import ForestMapCore
@testable import ForestSynth
@testable import ForestTestSupport

/// The geometry policy on reading (README "Geometry policy"): polygons invalid only by a hair are repaired and
/// listed, material invalidities refused unless `--repair`, degenerate parts dropped, empty geometries missing.
final class GeometryRepairTests: XCTestCase {
    private var folder: URL!
    private let x0 = 380_000.0, y0 = 2_920_000.0

    override func setUpWithError() throws { folder = try Fixtures.temporaryFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func ring(_ points: [(Double, Double)]) -> [Point] { points.map { Point(x0 + $0.0, y0 + $0.1) } }
    private func polygon(_ points: [(Double, Double)]) -> WKB { WKB(polygons: [PolygonRings(rings: [ring(points)])]) }

    /// A 100 m square with a spike out of its top edge: GEOS calls it a self-intersection; its repair moves nothing.
    private var spike: WKB { polygon([(0, 0), (100, 0), (100, 100), (60, 100), (60, 140), (60, 100), (0, 100), (0, 0)]) }

    /// A 100 m square with a 50 m inlet 0.08 mm wide, as it comes out of a File Geodatabase's 0.1 mm grid: both
    /// sides of the inlet snapped onto one line, so the ring touches itself along it. ArcGIS calls it simple.
    private var snappedInlet: WKB {
        func snap(_ v: Double) -> Double { (v / 1e-4).rounded() * 1e-4 }
        let raw = [(0.0, 0.0), (100.0, 0.0), (100.0, 100.0), (50.00004, 100.0), (50.00004, 50.0), (49.99996, 50.0), (49.99996, 100.0), (0.0, 100.0), (0.0, 0.0)]
        return WKB(polygons: [PolygonRings(rings: [raw.map { Point(snap(x0 + $0.0), snap(y0 + $0.1)) }])])
    }

    private var bowTie: WKB { polygon([(0, 0), (100, 100), (100, 0), (0, 100), (0, 0)]) }

    private func layer(_ geometries: [WKB?], _ options: LayerLoadOptions = LayerLoadOptions(), name: String = "xiaoban") throws -> SubCompartmentLayer {
        let rows = geometries.enumerated().map { n, g in
            var row = Fixtures.row("101", String(format: "%04d", n + 1), "0111", Fixtures.square(x0 + 200 + Double(n) * 100, y0, 100))
            row.geometry = g
            return row
        }
        let sub = folder.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        return try SubCompartmentLayer.load(Fixtures.gpkg(sub, name: name, features: rows), options: options)
    }

    func testPolygonsInvalidByAHairAreRepairedAndListed() throws {
        let context = GEOSContext()
        for (name, bad) in [("spike", spike), ("snapped inlet", snappedInlet)] {
            XCTAssertNotNil(try Geometry(wkb: bad, context: context).invalidity, name)
            let loaded = try layer([Fixtures.square(x0 + 500, y0, 100), bad])
            XCTAssertEqual(loaded.repairs.count, 1, name)
            let r = try XCTUnwrap(loaded.repairs.first)
            XCTAssertEqual(r.kind, .repaired, name)
            XCTAssertEqual(r.index, 1)
            XCTAssertEqual(r.fid, 2)
            XCTAssertEqual(r.key, "520111|101|001|0001|0002")
            XCTAssertLessThanOrEqual(r.squareMetresMoved, 0.01, name)
            let used = try Geometry(wkb: loaded.subCompartments[1].geometry, context: context)
            XCTAssertNil(used.invalidity, name)
            XCTAssertEqual(used.area, 10_000, accuracy: 0.01, name)
        }
    }

    func testMaterialInvalidityIsRefusedUnlessRepairIsAsked() throws {
        XCTAssertThrowsError(try layer([bowTie])) { e in
            let message = (e as? ForestMapError)?.message ?? ""
            XCTAssertTrue(message.contains("feature 1 (key 520111|101|001|0001|0001) is not a valid polygon: Self-intersection"), message)
            XCTAssertTrue(message.contains("--repair"), message)
        }
        var options = LayerLoadOptions()
        options.geometry.repairMaterial = true
        let loaded = try layer([bowTie], options)
        XCTAssertEqual(loaded.repairs.map(\.kind), [.repairedOnRequest])
        XCTAssertEqual(try PlanarMoments(loaded.subCompartments[0].geometry).area, 5_000, accuracy: 1e-6)
        // The shoelace area of the bow-tie is 0: the repair moved 5,000 m².
        XCTAssertEqual(loaded.repairs[0].squareMetresMoved, 5_000, accuracy: 1e-6)
        // A tolerance large enough makes the move a hair's, but the split into two polygons keeps it material.
        var wide = LayerLoadOptions()
        wide.geometry.repairToleranceSquareMetres = 1e9
        XCTAssertThrowsError(try layer([bowTie], wide))
    }

    /// As the change run checks the current year (deferred): the same repairs, in place.
    func testDeferredValidityRepairsInPlace() throws {
        var options = LayerLoadOptions()
        options.validityDeferred = true
        var loaded = try layer([Fixtures.square(x0 + 500, y0, 100), spike, Fixtures.square(x0 + 700, y0, 100)], options)
        XCTAssertTrue(loaded.repairs.isEmpty)
        try loaded.repairInvalid([0, 1, 2], threads: 2)
        XCTAssertEqual(loaded.repairs.map(\.index), [1])
        XCTAssertNil(try Geometry(wkb: loaded.subCompartments[1].geometry, context: GEOSContext()).invalidity)
    }

    func testDegeneratePartsAreDroppedWithANote() throws {
        // A square with a second part that is a spike of 1.6e-10 m² and a third with two distinct points.
        let square = PolygonRings(rings: [ring([(0, 0), (100, 0), (100, 100), (0, 100), (0, 0)])])
        let sliver = PolygonRings(rings: [ring([(200, 0), (300, 0), (300, 1.6e-12), (200, 0)])])
        let line = PolygonRings(rings: [ring([(400, 0), (500, 0), (400, 0), (400, 0)])])
        let loaded = try layer([WKB(polygons: [square, sliver, line])])
        XCTAssertEqual(try loaded.subCompartments[0].geometry.polygons(), [square])
        XCTAssertEqual(loaded.repairs.map(\.kind), [.degenerateParts])
        XCTAssertTrue(loaded.repairs[0].reason.contains("2 degenerate parts dropped"), loaded.repairs[0].reason)
        // Every part degenerate: the feature has no geometry.
        XCTAssertThrowsError(try layer([WKB(polygons: [sliver, line])])) { e in
            let message = (e as? ForestMapError)?.message ?? ""
            XCTAssertTrue(message.contains("feature 1 (key 520111|101|001|0001|0001) has no geometry"), message)
        }
    }

    /// POLYGON EMPTY is a missing geometry, not a sub-compartment that silently vanishes from the statistics.
    func testEmptyGeometryIsMissingGeometry() throws {
        let empty = WKB([1, 3, 0, 0, 0, 0, 0, 0, 0])
        XCTAssertTrue(empty.isEmptyPolygonal)
        XCTAssertThrowsError(try layer([Fixtures.square(x0 + 500, y0, 100), empty])) { e in
            let message = (e as? ForestMapError)?.message ?? ""
            XCTAssertTrue(message.contains("feature 2 (key 520111|101|001|0001|0002) has no geometry"), message)
            XCTAssertEqual((e as? ForestMapError)?.status, .badInput)
        }
        // `check` reads it as missing too.
        var options = LayerLoadOptions()
        options.requireValidGeometry = false
        XCTAssertTrue(try layer([empty], options).subCompartments[0].geometry.bytes.isEmpty)
    }

    /// In a layer in degrees the tolerances are converted: the same snapped inlet reprojected to EPSG:4490 is still
    /// a hair's repair.
    func testTolerancesAreConvertedForLayersInDegrees() throws {
        let transform = try CoordinateTransform(from: SpatialReference(epsg: 4545), to: SpatialReference(epsg: 4490))
        let polygons = try transform.transform(try spike.polygons())
        let rows = [Fixtures.row("101", "0001", "0111", WKB(polygons: polygons))]
        let loaded = try SubCompartmentLayer.load(Fixtures.gpkg(folder, name: "degrees", epsg: 4490, features: rows), options: LayerLoadOptions())
        XCTAssertEqual(loaded.repairs.map(\.kind), [.repaired])
        XCTAssertLessThan(loaded.repairs[0].squareMetresMoved, 0.01)
        XCTAssertEqual(PolygonRepair.squareMetresPerUnit(geographic: true, extent: Envelope(minX: 106, minY: 26, maxX: 107, maxY: 27)),
                       111_195.08 * 111_195.08 * cos(26.5 * Double.pi / 180), accuracy: 1e5)
    }
}

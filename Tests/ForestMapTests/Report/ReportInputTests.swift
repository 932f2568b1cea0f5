import Foundation
import Geo
import XCTest
@testable import ForestMap

/// Filling `ReportInput` from a stats run and the ring-belt layer.
final class ReportInputTests: XCTestCase {
    /// Every township of the boundary layer, with its name and rate as `township_stats.csv` has them and its whole
    /// boundary (all parts) as its geometry.
    func testStatisticsGiveEveryTownshipItsWrittenRate() throws {
        let fixture = try ReportFixture.get()
        let input = fixture.input
        let boundary = try VectorDataset(reading: SourceReference(path: ReportFixture.sampleData.appendingPathComponent("townships.gpkg").path))
            .layer(named: "townships").readAll()
        XCTAssertEqual(input.townships.map(\.code), boundary.map { $0.values[0].text! }.sorted())
        let context = GEOSContext()
        for t in input.townships {
            XCTAssertEqual(t.coveragePercent.map { String(format: "%.2f", $0) }, fixture.writtenCoverage[t.code], t.code)
            let parts = boundary.filter { $0.values[0].text == t.code }
            let area = try parts.map { try Geometry(wkb: $0.geometry!, context: context).area }.reduce(0, +)
            XCTAssertEqual(try Geometry(wkb: t.geometry, context: context).area, area, accuracy: 1e-6 * area, t.code)
            XCTAssertNotNil(t.targetPercent, "targets.csv has every township's coverage target")
        }
        XCTAssertEqual(input.crsLabel.prefix(9), "EPSG:4545")
        XCTAssertFalse(input.isGeographic)
        XCTAssertEqual(input.tables.last?.title, "花溪区各乡镇森林资源统计表")
        XCTAssertEqual(input.tables.last?.totals?[1], "合计")
    }

    /// The belt is read in its own CRS and reprojected into the layers'.
    func testRingBeltIsReprojectedIntoTheLayersCRS() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A belt written in geographic CGCS2000 (EPSG:4490) around 106.65° E, 26.4° N.
        let ring = [Point(106.6, 26.35), Point(106.7, 26.35), Point(106.7, 26.45), Point(106.6, 26.45), Point(106.6, 26.35)]
        let source = try Fixtures.gpkg(folder, name: "belt", epsg: 4490, fields: [FieldDefinition("MC", .string)],
                                       features: [Feature(values: [.string("环城林带")], geometry: WKB(polygons: [PolygonRings(rings: [ring])]))])
        let target = try SpatialReference(epsg: 4545)
        let belt = try ReportInput.ringBelt(source, into: target.wkt)
        XCTAssertEqual(belt.count, 1)
        let expected = try CoordinateTransform(from: SpatialReference(epsg: 4490), to: target).transform([PolygonRings(rings: [ring])])
        let got = try belt[0].polygons()
        for (a, b) in zip(got[0].rings[0], expected[0].rings[0]) {
            XCTAssertEqual(a.x, b.x, accuracy: 1e-6)
            XCTAssertEqual(a.y, b.y, accuracy: 1e-6)
        }
        XCTAssertGreaterThan(got[0].rings[0][0].x, 300_000, "Gauss-Kruger eastings, not degrees")
    }

    func testRingBeltOfPointsIsRefusedWithItsName() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var point: [UInt8] = [1, 1, 0, 0, 0]
        for v in [380_000.0, 2_920_000.0] { withUnsafeBytes(of: v.bitPattern.littleEndian) { point.append(contentsOf: $0) } }
        let source = try Fixtures.gpkg(folder, name: "belt", fields: [FieldDefinition("MC", .string)],
                                       features: [Feature(values: [.string("x")], geometry: WKB(point))], geometry: .point)
        XCTAssertThrowsError(try ReportInput.ringBelt(source, into: try SpatialReference(epsg: 4545).wkt)) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("belt.gpkg|layername=belt") && message.contains("feature 1") && message.contains("polygons"), message)
        }
    }
}

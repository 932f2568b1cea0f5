import Foundation
import XCTest
@testable import Geo

// Shared fixtures for the GeoTests: temporary folders and a small polygon layer with Chinese text, built in code.

extension XCTestCase {
    /// A fresh empty folder under the system temp folder, removed when the test ends.
    func makeTemporaryDirectory(_ label: String = "geo") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("forestmap-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    /// Asserts `body` throws a `GeoError` of `kind`; returns it so the message can be checked.
    @discardableResult
    func assertGeoError<T>(_ kind: GeoError.Kind, file: StaticString = #filePath, line: UInt = #line,
                           _ body: () throws -> T) -> GeoError? {
        do {
            _ = try body()
            XCTFail("expected GeoError.\(kind), nothing was thrown", file: file, line: line)
        } catch let error as GeoError {
            XCTAssertEqual(error.kind, kind, error.message, file: file, line: line)
            return error
        } catch {
            XCTFail("expected GeoError.\(kind), got \(error)", file: file, line: line)
        }
        return nil
    }
}

/// Three sub-compartments (小班) near Huaxi, Guiyang, in EPSG:4545 (CGCS2000 / 3-degree GK CM 108E): a square
/// with a hole, a plain quadrilateral and a two-part multipolygon. Shells are counter-clockwise, holes clockwise.
enum SampleLayer {
    static let epsg = 4545
    static let name = "xiaoban"

    /// Field names fit Shapefile's 10 characters.
    static let fields = [
        FieldDefinition("XBH", .string, width: 20),
        FieldDefinition("XIANG", .string, width: 50),
        FieldDefinition("DILEI", .string, width: 50),
        FieldDefinition("MIANJI", .real, width: 14, precision: 4),
        FieldDefinition("NIAN", .integer, width: 9),
    ]

    /// (106.6E, 26.4N) projected to EPSG:4545; see SpatialReferenceTests for the reference value.
    static let x0 = 360_304.8207, y0 = 2_921_909.9574

    static let polygons: [[PolygonRings]] = [
        [PolygonRings(rings: [
            square(x0, y0, 100, 100),
            [Point(x0 + 20, y0 + 20), Point(x0 + 20, y0 + 60), Point(x0 + 60, y0 + 60), Point(x0 + 60, y0 + 20), Point(x0 + 20, y0 + 20)],
        ])],
        [PolygonRings(rings: [[Point(x0 + 200, y0), Point(x0 + 330.5, y0 + 10.25), Point(x0 + 320, y0 + 140.75), Point(x0 + 190, y0 + 120), Point(x0 + 200, y0)]])],
        [PolygonRings(rings: [square(x0, y0 + 300, 50, 50)]), PolygonRings(rings: [square(x0 + 100, y0 + 300, 50, 80)])],
    ]

    static let rows: [[FieldValue]] = [
        [.string("0001"), .string("青岩镇"), .string("乔木林地"), .real(0.84), .integer(2024)],
        [.string("0002"), .string("花溪街道"), .string("灌木林地（特殊）"), .real(1.5678), .integer(2023)],
        [.string("0003"), .string("黔陶布依族苗族乡"), .string("宜林地"), .real(0.65), .integer(2024)],
    ]

    static var features: [Feature] {
        zip(rows, polygons).map { Feature(values: $0, geometry: WKB(polygons: $1)) }
    }

    static func square(_ x: Double, _ y: Double, _ w: Double, _ h: Double) -> [Point] {
        [Point(x, y), Point(x + w, y), Point(x + w, y + h), Point(x, y + h), Point(x, y)]
    }

    /// Writes the sample layer to a new file (or .gdb folder) at `path`.
    static func write(to path: String, format: VectorFormat, layerName: String = name, epsg: Int = epsg,
                      options: [String: String] = [:], timestamp: String = "2000-01-01T00:00:00Z") throws {
        let writer = try VectorWriter(creating: path, format: format, timestamp: timestamp)
        let layer = try writer.createLayer(named: layerName, geometry: .polygon, spatialReference: try SpatialReference(epsg: epsg),
                                           fields: fields, options: options)
        try layer.write(features)
        try writer.close()
    }
}

// MARK: - Comparing polygons regardless of ring start, orientation and Polygon/MultiPolygon wrapping

/// A ring without its closing vertex, counter-clockwise, starting at its lowest-leftmost vertex.
func normalizedRing(_ ring: [Point]) -> [Point] {
    var points = ring
    if points.count > 1, points.first == points.last { points.removeLast() }
    if PlanarArea.ringArea(points) < 0 { points.reverse() }
    guard let start = points.indices.min(by: { (points[$0].x, points[$0].y) < (points[$1].x, points[$1].y) }) else { return points }
    return Array(points[start...] + points[..<start])
}

func assertSamePolygons(_ actual: [PolygonRings], _ expected: [PolygonRings], accuracy: Double,
                        _ context: String = "", file: StaticString = #filePath, line: UInt = #line) {
    guard actual.count == expected.count else {
        return XCTFail("\(context): \(actual.count) polygons, expected \(expected.count)", file: file, line: line)
    }
    for (p, (a, e)) in zip(actual, expected).enumerated() {
        guard a.rings.count == e.rings.count else {
            return XCTFail("\(context): polygon \(p) has \(a.rings.count) rings, expected \(e.rings.count)", file: file, line: line)
        }
        for (r, (ra, re)) in zip(a.rings, e.rings).enumerated() {
            let na = normalizedRing(ra), ne = normalizedRing(re)
            guard na.count == ne.count else {
                return XCTFail("\(context): polygon \(p) ring \(r) has \(na.count) vertices, expected \(ne.count)", file: file, line: line)
            }
            for (pa, pe) in zip(na, ne) {
                XCTAssertEqual(pa.x, pe.x, accuracy: accuracy, "\(context): polygon \(p) ring \(r)", file: file, line: line)
                XCTAssertEqual(pa.y, pe.y, accuracy: accuracy, "\(context): polygon \(p) ring \(r)", file: file, line: line)
            }
        }
    }
}

import Foundation
import Geo
import XCTest
@testable import ForestMap

/// (3) clean coverage, (4) MIAN_JI against planar area, (6) townships as unions of their sub-compartments.
final class SynthGeometryTests: XCTestCase {
    func testCleanCoverageNoOverlapsNoGaps() throws {
        let f = try SynthFixture.shared.get()
        let context = GEOSContext()
        let cells = try f.current.map { try Geometry(wkb: XCTUnwrap($0.geometry), context: context) }
        for cell in cells {
            XCTAssertNil(cell.invalidity, "invalid sub-compartment")
            XCTAssertEqual(cell.partCount, 1)
        }
        let sum = cells.reduce(0) { $0 + $1.area }
        let union = try Geometry.union(cells, context: context)
        XCTAssertEqual(union.area, sum, accuracy: sum * 1e-6, "the union is smaller than the sum: overlaps")
        XCTAssertEqual(union.partCount, 1, "the district is one polygon")
        let polygons = try union.wkb.polygons()
        XCTAssertEqual(polygons.count, 1)
        XCTAssertEqual(polygons.first?.rings.count, 1, "the district has holes: gaps")
        XCTAssertEqual(try f.previous.map { try XCTUnwrap($0.geometry) }, try f.current.map { try XCTUnwrap($0.geometry) },
                       "geometry is the same in both years")
    }

    func testStoredAreaMatchesPlanarArea() throws {
        let f = try SynthFixture.shared.get()
        for feature in f.previous {
            let planar = PlanarArea.of(try XCTUnwrap(feature.geometry).polygons()) / 10_000
            let stored = try XCTUnwrap(f.number(feature, "MIAN_JI", current: false))
            XCTAssertEqual(stored, planar, accuracy: planar * 0.002)
            // Planar Gauss-Krüger area near CM 108E overstates the ellipsoidal one by a few 0.01%.
            XCTAssertLessThan(stored, planar)
            XCTAssertEqual(stored, (stored * 10_000).rounded() / 10_000, "4 decimals")
        }
    }

    func testTownshipsAreTheUnionsOfTheirSubcompartments() throws {
        let f = try SynthFixture.shared.get()
        let context = GEOSContext()
        var sums: [String: Double] = [:]
        for feature in f.current {
            let xiang = try XCTUnwrap(f.text(feature, "XIANG", current: true))
            sums["520111" + xiang, default: 0] += try Geometry(wkb: XCTUnwrap(feature.geometry), context: context).area
        }
        for township in f.townships {
            let code = try XCTUnwrap(township.values[0].text)
            let geometry = try Geometry(wkb: XCTUnwrap(township.geometry), context: context)
            XCTAssertNil(geometry.invalidity, code)
            let sum = try XCTUnwrap(sums[code])
            XCTAssertEqual(geometry.area, sum, accuracy: sum * 1e-6, code)
        }
    }

    func testLayersAreMultiPolygonsInEPSG4545() throws {
        let f = try SynthFixture.shared.get()
        for file in ["xiaoban_2020.gpkg", "xiaoban_2021.gpkg", "townships.gpkg"] {
            let info = try XCTUnwrap(f.layerInfo[file], file)
            XCTAssertEqual(info.epsg, 4545, file)
            XCTAssertEqual(info.kind, .polygon, file)
        }
        XCTAssertEqual(f.previous.first?.geometry?.bytes[1], 6, "MultiPolygon WKB")
    }
}

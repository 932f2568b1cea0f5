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
@testable import PlanarKernel
@testable import ForestTestSupport

/// Both years are clean coverages; areas; the township layers.
final class SynthGeometryTests: XCTestCase {
    /// Valid single polygons with no overlaps (the union's area is the sum of the parts'), no gaps (the union is one
    /// polygon without holes), and every shared edge with the same vertices on both sides (the coverage union,
    /// which only cancels identical edges, gives the same outline as a full union).
    static func assertCleanCoverage(_ layer: SynthLayer, _ label: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let context = GEOSContext()
        let cells = try layer.features.map { try Geometry(wkb: XCTUnwrap($0.geometry), context: context) }
        for (k, cell) in cells.enumerated() {
            XCTAssertNil(cell.invalidity, "\(label): feature \(k + 1) \(layer.key(layer.features[k])) is invalid", file: file, line: line)
            XCTAssertEqual(cell.partCount, 1, "\(label): multipart", file: file, line: line)
        }
        let sum = cells.reduce(0) { $0 + $1.area }
        let union = try Geometry.union(cells, context: context)
        XCTAssertEqual(union.area, sum, accuracy: 1, "\(label): the union is smaller than the sum: overlaps", file: file, line: line)
        let polygons = try union.wkb.polygons()
        XCTAssertEqual(polygons.count, 1, "\(label): the district is one polygon", file: file, line: line)
        XCTAssertEqual(polygons.first?.rings.count, 1, "\(label): the district has holes: gaps", file: file, line: line)
        // Traced from the edges alone (nil where shared edges do not match vertex for vertex, or the area moves).
        let rings = try layer.features.map { try XCTUnwrap(OrientedRings(XCTUnwrap($0.geometry).polygons())) }
        let coverage = try XCTUnwrap(CoverageUnion.unionKeepingArea(rings), "\(label): edges that do not match vertex for vertex", file: file, line: line)
        XCTAssertEqual(coverage.count, 1, "\(label): unmatched edges", file: file, line: line)
        XCTAssertEqual(coverage.first?.rings.count, 1, "\(label): unmatched edges", file: file, line: line)
    }

    func testBothYearsAreCleanCoverages() throws {
        let f = try SynthFixture.shared.get()
        try Self.assertCleanCoverage(f.previous, "first year")
        try Self.assertCleanCoverage(f.current, "second year")
        // The district outline is the same in both years (the re-survey moves no edge on the district's edge).
        let context = GEOSContext()
        let a = try Geometry(wkb: WKB(polygons: CoverageUnion.unite(f.previous.features.map { try XCTUnwrap($0.geometry).polygons() }, context: context)), context: context)
        let b = try Geometry(wkb: WKB(polygons: CoverageUnion.unite(f.current.features.map { try XCTUnwrap($0.geometry).polygons() }, context: context)), context: context)
        XCTAssertLessThan(try a.difference(b).area + b.difference(a).area, 1e-3)
    }

    func testTheSecondYearChangesShapes() throws {
        let f = try SynthFixture.shared.get()
        let before = f.previous.byKey
        var moved = 0, same = 0, new = 0
        for feature in f.current.features {
            guard let old = before[f.current.key(feature)] else { new += 1; continue }
            if old.geometry == feature.geometry { same += 1 } else { moved += 1 }
        }
        XCTAssertGreaterThan(moved, 20, "re-digitised boundaries")
        XCTAssertGreaterThan(new, 5, "split, merged and road pieces")
        XCTAssertGreaterThan(same, f.previous.features.count / 2)
    }

    func testStoredAreaIsEllipsoidal() throws {
        let f = try SynthFixture.shared.get()
        let calculator = try AreaCalculator(method: .ellipsoidal, spatialReference: SpatialReference(epsg: 4545), layerLabel: "test")
        for layer in [f.previous, f.current] {
            for feature in layer.features {
                let geometry = try XCTUnwrap(feature.geometry)
                let planar = PlanarArea.of(try geometry.polygons()) / 10_000
                let stored = try XCTUnwrap(layer.number(feature, "MIAN_JI"))
                XCTAssertEqual(stored, SynthStandAttributes.round(AreaUnit.hectares(try calculator.squareMetres(geometry)), 10_000))
                // Planar Gauss-Krüger area near CM 108E overstates the ellipsoidal one by a few 0.01%.
                XCTAssertLessThan(stored, planar + 0.00005)
                XCTAssertEqual(stored, planar, accuracy: planar * 0.002)
            }
        }
    }

    /// The dissolved townships are the unions of each year's sub-compartments: the re-survey moves no township
    /// boundary.
    func testDissolvedTownshipsAreTheUnionsOfBothYears() throws {
        let f = try SynthFixture.shared.get()
        let context = GEOSContext()
        XCTAssertEqual(f.dissolved.features.count, 19)
        for layer in [f.previous, f.current] {
            var parts: [String: [Geometry]] = [:]
            for feature in layer.features {
                parts["520111" + (layer.text(feature, "XIANG") ?? ""), default: []].append(try Geometry(wkb: XCTUnwrap(feature.geometry), context: context))
            }
            for township in f.dissolved.features {
                let code = try XCTUnwrap(township.values[0].text)
                let geometry = try Geometry(wkb: XCTUnwrap(township.geometry), context: context)
                XCTAssertNil(geometry.invalidity, code)
                let union = try Geometry.union(try XCTUnwrap(parts[code]), context: context)
                XCTAssertLessThan(try union.difference(geometry).area + geometry.difference(union).area, 1e-3, code)
            }
        }
    }

    /// Another department's townships: a clean partition of the same district, each boundary a few metres off.
    func testOtherDepartmentTownshipsDifferByAFewMetres() throws {
        let f = try SynthFixture.shared.get()
        let context = GEOSContext()
        XCTAssertEqual(f.townships.features.map { $0.values[0].text ?? "" }, HuaxiTownships.all.map(\.divisionCode))
        XCTAssertEqual(f.townships.features.map { $0.values[1].text ?? "" }, HuaxiTownships.all.map(\.name))
        let other = try f.townships.features.map { try Geometry(wkb: XCTUnwrap($0.geometry), context: context) }
        let exact = try f.dissolved.features.map { try Geometry(wkb: XCTUnwrap($0.geometry), context: context) }
        for g in other { XCTAssertNil(g.invalidity) }
        let sum = other.reduce(0) { $0 + $1.area }
        let union = try Geometry.union(other, context: context)
        XCTAssertEqual(union.area, sum, accuracy: 1, "no overlaps")
        XCTAssertEqual(try union.wkb.polygons().first?.rings.count, 1, "no gaps")
        let district = try Geometry.union(exact, context: context)
        XCTAssertLessThan(try union.difference(district).area + district.difference(union).area, 1, "the same district outline")
        var differing = 0
        for (a, b) in zip(other, exact) {
            let difference = try a.difference(b).area + b.difference(a).area
            if difference > 100 { differing += 1 }
            // Within 4 m of the exact boundary everywhere: the difference lies in a band of 4 m (and a little) around it.
            let band = try b.buffer(4.2).difference(try b.buffer(-4.2))
            XCTAssertLessThan(try a.difference(b).difference(band).area, 1e-3)
            XCTAssertLessThan(try b.difference(a).difference(band).area, 1e-3)
        }
        XCTAssertGreaterThan(differing, 15, "most townships' boundaries differ")
    }

    func testLayersAreInEPSG4545() throws {
        let f = try SynthFixture.shared.get()
        for layer in [f.previous, f.current, f.townships, f.dissolved, f.permits, f.belt, f.tasks, f.fires, f.pests] {
            XCTAssertEqual(layer.epsg, 4545)
            XCTAssertEqual(layer.kind, .polygon)
        }
        XCTAssertEqual(f.economy.epsg, 4545)
        XCTAssertEqual(f.economy.kind, .point)
        XCTAssertEqual(f.previous.features.first?.geometry?.bytes[1], 6, "MultiPolygon WKB")
    }
}

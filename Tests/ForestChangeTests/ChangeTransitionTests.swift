import Foundation
import Geo
import XCTest
@testable import ForestAssessment
@testable import ForestChange
@testable import ForestCheck
@testable import ForestMapCore
@testable import ForestSynth
@testable import ForestTestSupport

/// The land-class transition table (地类转移) against an exact brute-force overlay, on two years whose geometry
/// changes (splits, merges, moved boundaries, re-digitised and re-keyed polygons, a switch from old4 to new6).
final class ChangeTransitionTests: XCTestCase {
    private func options(threads: Int? = 2) -> ChangeOptions {
        var o = ChangeOptions()
        o.threads = threads
        return o
    }

    /// Rows agree to 1e-6 relative. Floor: 0.01 m² (1e-6 ha, a hundredth of the last written decimal): two exact
    /// overlays done in a different order (piece then township, or township then piece) differ by floating-point
    /// dust of up to about 1e-4 m² on slivers, so a row smaller than the floor may exist in one and not the other.
    private func assertClose(_ got: [String: Double], _ want: [String: Double], relative: Double = 1e-6, file: StaticString = #filePath, line: UInt = #line) {
        let floor = 0.01
        let missing = Set(want.keys).subtracting(got.keys).filter { want[$0]! > floor }
        let extra = Set(got.keys).subtracting(want.keys).filter { got[$0]! > floor }
        XCTAssertTrue(missing.isEmpty && extra.isEmpty, "missing \(missing.map { "\($0)=\(want[$0]!)" }) extra \(extra.map { "\($0)=\(got[$0]!)" })", file: file, line: line)
        for k in Set(want.keys).union(got.keys) {
            let g = got[k] ?? 0, w = want[k] ?? 0
            XCTAssertEqual(g, w, accuracy: max(w * relative, floor), "\(k)", file: file, line: line)
        }
        let total = want.values.reduce(0, +)
        XCTAssertGreaterThan(total, 1_000_000, file: file, line: line)
        XCTAssertEqual(got.values.reduce(0, +), total, accuracy: total * 1e-9, file: file, line: line)
        XCTAssertGreaterThan(want.count, 50, file: file, line: line)
    }

    func testFixtureChangesGeometry() throws {
        let f = try ChangeFixture.get()
        XCTAssertGreaterThan(f.splits, 3)
        XCTAssertGreaterThan(f.merges, 3)
        XCTAssertGreaterThan(f.moved, 3)
        XCTAssertGreaterThan(f.redigitised, 3)
        XCTAssertGreaterThan(f.rekeyed, 3)
        XCTAssertEqual(f.previous.landClassTable.system, .old4)
        XCTAssertEqual(f.current.landClassTable.system, .new6)
    }

    func testMatchesBruteForceOverlayByXiang() throws {
        let f = try ChangeFixture.get()
        let a = try TransitionAccounting.compute(previous: f.previous, current: f.current, townships: nil, options: options())
        XCTAssertGreaterThan(a.unchangedGeometry, 0)
        XCTAssertGreaterThan(a.overlaid, 0)
        XCTAssertTrue(a.transitions.contains { $0.kind == .change })
        XCTAssertTrue(a.transitions.contains { $0.kind == .reclassification })
        assertClose(a.keyed, try f.bruteForce())
    }

    func testMatchesBruteForceOverlayByTownshipPolygons() throws {
        let f = try ChangeFixture.get()
        let a = try TransitionAccounting.compute(previous: f.previous, current: f.current, townships: f.townships, options: options())
        assertClose(a.keyed, try f.bruteForce(townships: f.townships))
    }

    /// Σ (into a class) − Σ (out of it) over the table is the change of that class's area between the years.
    /// Rows are compared by normalised class (the to-class keeps the current year's detailed code).
    func testTransitionsCloseOnClassAreas() throws {
        let f = try ChangeFixture.get()
        let a = try TransitionAccounting.compute(previous: f.previous, current: f.current, townships: nil, options: options())
        let measure = try LayerAreaMeasure(LayerAreaMethod(method: .ellipsoidal, layer: f.current, planarCRS: nil))
        let new6 = f.current.landClassTable, old4 = f.previous.landClassTable
        func key(_ code: String) -> String { (new6.classify(code) ?? old4.classify(code))?.key ?? code }
        var change: [String: Double] = [:]
        var total = 0.0
        for s in f.previous.subCompartments {
            let m2 = try measure.squareMetres(s.geometry)
            change[s.landClass?.key ?? s.landClassCode, default: 0] -= m2
            total += m2
        }
        for s in f.current.subCompartments {
            change[s.landClass?.key ?? s.landClassCode, default: 0] += try measure.squareMetres(s.geometry)
        }
        var fromTable: [String: Double] = [:]
        for t in a.transitions {
            fromTable[key(t.toClass), default: 0] += t.squareMetres
            fromTable[key(t.fromClass), default: 0] -= t.squareMetres
        }
        XCTAssertTrue(change.values.contains { abs($0) > 10_000 })
        for k in Set(change.keys).union(fromTable.keys) {
            XCTAssertEqual(fromTable[k] ?? 0, change[k] ?? 0, accuracy: total * 1e-9, k)
        }
    }

    func testUnchangedGeometryShortcutGivesTheOverlaysResult() throws {
        let f = try ChangeFixture.get()
        let quick = try TransitionAccounting.compute(previous: f.previous, current: f.current, townships: f.townships, options: options())
        var all = options()
        all.skipUnchangedGeometry = false
        let slow = try TransitionAccounting.compute(previous: f.previous, current: f.current, townships: f.townships, options: all)
        XCTAssertEqual(slow.unchangedGeometry, 0)
        XCTAssertGreaterThan(quick.unchangedGeometry, f.previous.subCompartments.count / 2)
        assertClose(quick.keyed, slow.keyed, relative: 1e-9)
    }

    func testUnchangedGeometryMatchesRekeyedButNotRedigitised() throws {
        let f = try ChangeFixture.get()
        let u = try UnchangedGeometry(previous: f.previous.subCompartments, current: f.current.subCompartments)
        let renumbered = f.current.subCompartments.indices.filter { f.current.subCompartments[$0].key.hasPrefix("renumbered|") }
        XCTAssertEqual(renumbered.count, f.rekeyed)
        XCTAssertTrue(renumbered.allSatisfy { u.matched[$0] })
        XCTAssertEqual(u.count, u.matched.filter { $0 }.count)
        XCTAssertEqual(u.count, f.previous.subCompartments.count - f.splits - 2 * f.merges - 2 * f.moved - f.redigitised)
    }

    /// A polygon two sub-compartments of one year share is matched to neither: those go through the overlay.
    func testPolygonsHeldTwiceAreNotMatched() throws {
        func sub(_ x: Double) -> SubCompartment {
            SubCompartment(fid: 0, key: "k\(x)", townshipCode: "", landClassCode: "0111", landClass: nil, storedAreaHectares: nil,
                           volumePerHectare: nil, attributes: [], geometry: Fixtures.square(x, 0, 10))
        }
        let u = try UnchangedGeometry(previous: [sub(0), sub(20), sub(20), sub(40)], current: [sub(40), sub(0), sub(0), sub(20), sub(60)])
        XCTAssertEqual(u.currentOf, [nil, nil, nil, 0], "0 twice in the current year, 20 twice in the previous")
        XCTAssertEqual(u.matched, [true, false, false, false, false])
    }

    /// Within the XY tolerance (a geodatabase's grid): every vertex within it, whichever vertex a ring starts at
    /// and whichever way it runs, is a match; beyond it, or two candidates, is none. Byte-for-byte matches stay
    /// apart from the near ones (their validity was checked with the previous year).
    func testNearMatchesWithinTheXYTolerance() throws {
        func sub(_ ring: [(Double, Double)]) -> SubCompartment {
            SubCompartment(fid: 0, key: "k", townshipCode: "", landClassCode: "0111", landClass: nil, storedAreaHectares: nil,
                           volumePerHectare: nil, attributes: [], geometry: WKB(polygons: [PolygonRings(rings: [ring.map { Point($0.0, $0.1) }])]))
        }
        let square = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0), (0.0, 0.0)]
        // Clockwise, starting at another corner, each coordinate off by 0.4 mm.
        let snapped = [(10.0004, 10.0), (10.0, -0.0004), (0.0, 0.0004), (-0.0004, 10.0), (10.0004, 10.0)]
        let far = [(20.0, 0.0), (30.002, 0.0), (30.0, 10.0), (20.0, 10.0), (20.0, 0.0)]
        let farPrevious = [(20.0, 0.0), (30.0, 0.0), (30.0, 10.0), (20.0, 10.0), (20.0, 0.0)]
        let exact = [(40.0, 0.0), (50.0, 0.0), (50.0, 10.0), (40.0, 10.0), (40.0, 0.0)]
        let u = try UnchangedGeometry(previous: [sub(square), sub(farPrevious), sub(exact)], current: [sub(exact), sub(far), sub(snapped)], tolerance: 0.001)
        XCTAssertEqual(u.currentOf, [2, nil, 0])
        XCTAssertEqual(u.matched, [true, false, true])
        XCTAssertEqual(u.matchedExactly, [true, false, false])
        XCTAssertEqual(u.nearPairs.map { [$0.0, $0.1] }, [[0, 2]])
        XCTAssertEqual(try UnchangedGeometry(previous: [sub(square)], current: [sub(snapped)]).currentOf, [nil], "no tolerance, no near match")
        // Two previous polygons agreeing with one current one: neither is matched.
        let twice = try UnchangedGeometry(previous: [sub(square), sub(square.map { ($0.0 + 0.0002, $0.1) })], current: [sub(snapped)], tolerance: 0.001)
        XCTAssertEqual(twice.currentOf, [nil, nil])
    }

    func testSameResultWithOneAndTwoThreads() throws {
        let f = try ChangeFixture.get()
        for townships in [nil, f.townships] {
            let one = try TransitionAccounting.compute(previous: f.previous, current: f.current, townships: townships, options: options(threads: 1))
            let two = try TransitionAccounting.compute(previous: f.previous, current: f.current, townships: townships, options: options(threads: 2))
            XCTAssertEqual(one.transitions, two.transitions)
            XCTAssertEqual(TransitionsCSV.table(one).text, TransitionsCSV.table(two).text)
        }
    }

    /// A change of code system alone is a reclassification, never a change: old4 0171 (suitable for forest) that
    /// is 0401 in new6 shows up only as reclassification rows.
    func testCodeSystemSwitchIsReclassification() throws {
        let f = try ChangeFixture.get()
        let a = try TransitionAccounting.compute(previous: f.previous, current: f.current, townships: nil, options: options())
        let suitable = a.transitions.filter { $0.fromClass.hasPrefix("017") && $0.toClass == "0401" }
        XCTAssertFalse(suitable.isEmpty)
        XCTAssertTrue(suitable.allSatisfy { $0.kind == .reclassification })
        // Old codes with a new6 counterpart are written in new6: none of 0111, 0113, 0131 … appears.
        XCTAssertFalse(a.transitions.contains { ["0111", "0113", "0131", "0132", "0120", "0161"].contains($0.fromClass) })
        XCTAssertTrue(a.transitions.allSatisfy { $0.fromClass != $0.toClass || $0.kind == .change })
    }

    func testDifferentCRSIsRefused() throws {
        let f = try ChangeFixture.get()
        let other = try SpatialReference(epsg: 4544)
        let moved = SubCompartmentLayer(label: "other", crsWKT: other.wkt, crsLabel: other.label, fieldNames: f.current.fieldNames,
                                        landClassTable: f.current.landClassTable, detection: nil, subCompartments: f.current.subCompartments)
        XCTAssertThrowsError(try TransitionAccounting.compute(previous: f.previous, current: moved, townships: nil, options: options())) { e in
            XCTAssertEqual((e as? ForestMapError)?.status, .badInput)
            XCTAssertTrue("\(e)".contains("reproject"))
        }
    }
}

import Foundation
import Geo
import XCTest
@testable import ForestAssessment
@testable import ForestChange
@testable import ForestCheck
@testable import ForestMapCore
@testable import ForestSynth
@testable import PlanarKernel
@testable import ForestTestSupport

/// `synth --defects` plants exactly what defects_truth.csv lists: a small independent checker of every
/// `QualityCheck` finds those problems in the defective copy and none in the clean layers.
final class SynthDefectsTests: XCTestCase {
    struct Found: Hashable, CustomStringConvertible {
        var check: String
        var fids: [Int64]
        var x: Double
        var y: Double
        var description: String { "\(check) \(fids) at (\(Int(x)), \(Int(y)))" }
    }

    /// Every problem of docs/domain.md §8 in a layer, with the default settings of `forestmap check` (1 mu map unit,
    /// 1 m² zero area, thin below 0.1 compactness and 5 m mean width, MIAN_JI within 1%), against exact township
    /// outlines grown by `tolerance` metres.
    static func problems(_ layer: SynthLayer, townships: SynthLayer, tolerance: Double, table: LandClassTable) throws -> [Found] {
        let context = GEOSContext()
        let calculator = try AreaCalculator(method: .ellipsoidal, spatialReference: SpatialReference(epsg: 4545), layerLabel: "test")
        var found: [Found] = []
        var geometries: [Geometry] = []
        func add(_ check: QualityCheck, _ fids: [Int64], _ g: Geometry?) throws {
            let p = try g?.pointOnSurface()
            found.append(Found(check: check.rawValue, fids: fids.sorted(), x: p?.x ?? .nan, y: p?.y ?? .nan))
        }
        let codes = CheckSettings.defaultCodeTables
        for feature in layer.features {
            let fid = feature.fid
            let raw = try Geometry(wkb: XCTUnwrap(feature.geometry), context: context)
            var g = raw
            if let invalid = raw.invalidity {
                found.append(Found(check: "invalid_geometry", fids: [fid], x: invalid.x, y: invalid.y))
                g = try raw.madeValid()
            }
            geometries.append(g)
            if raw.partCount > 1 { try add(.multipart, [fid], g) }
            let area = g.area
            if area <= 1 { try add(.zeroArea, [fid], g) } else if area < 10_000 / 15 { try add(.sliver, [fid], g) }
            if area > 1, 4 * Double.pi * area / (g.length * g.length) < 0.1, 2 * area / g.length < 5 { try add(.thinShape, [fid], g) }
            let code = layer.text(feature, "DI_LEI") ?? ""
            let landClass = table.classify(code)
            if landClass == nil { try add(.unknownCode, [fid], g) }
            for (field, key) in [("QI_YUAN", "qi_yuan"), ("SEN_LIN_LB", "sen_lin_lb"), ("SHI_QUAN_D", "shi_quan_d"),
                                 ("GJGYL_BHDJ", "gjgyl_bhdj"), ("LIN_ZHONG", "lin_zhong")] {
                if let value = layer.text(feature, field), !(codes[key] ?? []).contains(value) { try add(.unknownCode, [fid], g) }
            }
            let computed = try calculator.squareMetres(try XCTUnwrap(feature.geometry)) / 10_000
            // Beyond 1%, and beyond MIAN_JI's own rounding to 4 decimals.
            if let stored = layer.number(feature, "MIAN_JI"), abs(stored - computed) > max(0.01 * computed, 0.00005) { try add(.areaMismatch, [fid], g) }
            if landClass?.group == .harvested || landClass?.group == .burned,
               layer.text(feature, "QI_YUAN") != nil || layer.text(feature, "YU_BI_DU") != nil { try add(.harvestedWithStand, [fid], g) }
            if let canopy = layer.number(feature, "YU_BI_DU"), !(0...1).contains(canopy) { try add(.canopyOutOfRange, [fid], g) }
            // ArcGIS's no-value (or anything beyond ±1e12) where the statistics read a volume.
            if let volume = layer.number(feature, "HUO_LMGQXJ"), !(volume.magnitude <= 1e12) { try add(.badNumber, [fid], g) }
            if landClass == .arbor, layer.text(feature, "YOU_SHI_SZ") == nil { try add(.arborWithoutSpecies, [fid], g) }
        }
        // Duplicate keys.
        for (_, group) in Dictionary(grouping: layer.features, by: layer.key) where group.count > 1 {
            try add(.duplicateKey, group.map(\.fid), try Geometry(wkb: XCTUnwrap(group.last?.geometry), context: context))
        }
        // Overlaps, through a spatial index.
        let index = SpatialIndex(boxes: geometries.map { $0.envelope ?? Envelope(minX: 0, minY: 0, maxX: 0, maxY: 0) })
        for (a, g) in geometries.enumerated() {
            for b in index.query(g.envelope!) where b > a {
                let piece = try g.intersection(geometries[b])
                if piece.area > 0.01 { try add(.overlap, [layer.features[a].fid, layer.features[b].fid], piece) }
            }
        }
        // Gaps: holes in the union.
        let union = try Geometry.union(geometries, context: context)
        for polygon in try union.wkb.polygons() {
            for hole in polygon.rings.dropFirst() {
                let g = try Geometry(wkb: WKB(polygons: [PolygonRings(rings: [hole])]), context: context)
                if g.area > 0.01 { try add(.gap, [], g) }
            }
        }
        // Townships: the share outside the XIANG's township (grown by the tolerance); the township holding most.
        let outlines = try townships.features.map { (code: $0.values[0].text ?? "", g: try Geometry(wkb: XCTUnwrap($0.geometry), context: context)) }
        let grown = try outlines.map { ($0.code, try PreparedGeometry($0.g.buffer(tolerance))) }
        for (k, feature) in layer.features.enumerated() {
            let code = "520111" + (layer.text(feature, "XIANG") ?? "")
            let g = geometries[k]
            if let own = grown.first(where: { $0.0 == code }), own.1.contains(g) { continue }
            let shares = try outlines.map { ($0.code, try g.intersection($0.g).area) }
            let most = shares.max { $0.1 < $1.1 }!
            if most.0 != code {
                try add(.townshipMismatch, [feature.fid], g)
            } else {
                try add(.crossesTownship, [feature.fid], try g.difference(try XCTUnwrap(grown.first { $0.0 == code }).1.geometry))
            }
        }
        return found
    }

    func testTruthFormatAndEveryCheck() throws {
        let f = try SynthFixture.shared.get()
        let data = try XCTUnwrap(f.defectsTruth)
        XCTAssertEqual(Array(data.prefix(3)), [0xEF, 0xBB, 0xBF])
        let rows = f.defectRows
        // Every check of the sub-compartment layer synth plants: township_overlap is the township layer's own (its
        // tests plant it); repaired_geometry is the check's note that a polygon is used repaired (GeometryRepairTests
        // and RealWorldInputTests cover it).
        XCTAssertEqual(Set(rows.map { $0["check"] ?? "" }), Set(QualityCheck.allCases.filter { ![.townshipOverlap, .repairedGeometry, .badTownshipCode, .mixedCodeSystem].contains($0) }.map(\.rawValue)), "every check planted")
        for row in rows {
            let check = try XCTUnwrap(QualityCheck(rawValue: row["check"] ?? ""))
            XCTAssertEqual(row["severity"], check.severity.rawValue)
            XCTAssertEqual(row["check_name"], check.chineseName)
            XCTAssertEqual(row["planted_in"], check == .boundaryMismatch ? "townships" : "layer")
        }
        XCTAssertEqual(rows.filter { $0["check"] == "boundary_mismatch" }.count, 19)
        XCTAssertEqual(f.summary.defects.values.reduce(0, +), rows.count)
    }

    func testDefectsLayerHasExactlyTheListedProblems() throws {
        let f = try SynthFixture.shared.get()
        let layer = try XCTUnwrap(f.defects)
        let found = try Self.problems(layer, townships: f.dissolved, tolerance: 0.5, table: .builtIn(.old4))
        let listed = f.defectRows.filter { $0["planted_in"] == "layer" }
        func signature(_ check: String, _ fids: [Int64]) -> String { "\(check) \(fids.sorted())" }
        let expected = listed.map { signature($0["check"]!, ($0["feature_ids"] ?? "").split(separator: ";").compactMap { Int64($0) }) }
        XCTAssertEqual(found.map { signature($0.check, $0.fids) }.sorted(), expected.sorted(), "\(found)")
        let byFID = Dictionary(uniqueKeysWithValues: layer.features.map { ($0.fid, $0) })
        for row in listed {
            let fids = (row["feature_ids"] ?? "").split(separator: ";").compactMap { Int64($0) }
            let keys = (row["keys"] ?? "").split(separator: ";").map(String.init)
            XCTAssertEqual(try fids.map { layer.key(try XCTUnwrap(byFID[$0])) }, keys, row["check"] ?? "")
            // Located within a few metres of what the checker finds (GEOS may report another point of a bow-tie).
            let x = try XCTUnwrap(Double(row["x"] ?? "")), y = try XCTUnwrap(Double(row["y"] ?? ""))
            let near = found.contains { $0.check == row["check"] && $0.fids == fids.sorted()
                && (row["check"] != "invalid_geometry" && row["check"] != "gap" && row["check"] != "overlap"
                    || (($0.x - x) * ($0.x - x) + ($0.y - y) * ($0.y - y)).squareRoot() < 5) }
            XCTAssertTrue(near, "\(row["check"] ?? "") at (\(x), \(y)): \(found.filter { $0.check == row["check"] })")
        }
        // Everything else is the clean first year: untouched features keep their values and bytes.
        let clean = f.previous.byKey
        let touched = Set(listed.flatMap { ($0["keys"] ?? "").split(separator: ";").map(String.init) })
        var same = 0
        for feature in layer.features where !touched.contains(layer.key(feature)) {
            if let old = clean[layer.key(feature)], old.values == feature.values, old.geometry == feature.geometry { same += 1 }
        }
        XCTAssertGreaterThan(same, layer.features.count - 40)
    }

    func testCleanLayersHaveNoProblems() throws {
        let f = try SynthFixture.shared.get()
        XCTAssertEqual(try Self.problems(f.previous, townships: f.dissolved, tolerance: 0.5, table: .builtIn(.old4)), [])
        XCTAssertEqual(try Self.problems(f.current, townships: f.dissolved, tolerance: 0.5, table: .builtIn(.new6)), [])
    }
}

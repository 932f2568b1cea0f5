import Foundation
import Geo
@testable import ForestAssessment
@testable import ForestChange
@testable import ForestCheck
@testable import ForestMapCore
@testable import ForestReport
@testable import ForestStats
@testable import ForestSynth

/// Small sub-compartment layers built in code for the check tests: a 4 × 4 grid of 100 m squares (1 ha each) in
/// CGCS2000 Gauss-Krüger CM 108°E, columns 0–1 in township 520111101 and 2–3 in 520111102, every attribute sound.
/// A test changes a few stands to plant one problem and expects exactly that problem back.
enum CheckFixture {
    static let x0 = 380_000.0, y0 = 2_920_000.0, side = 100.0

    struct Stand {
        var xiang: String
        var xiaoBan: String
        var diLei = "0111"
        var qiYuan: String? = "21"
        var canopy: Double? = 0.6
        var species: String? = "150100"
        /// Stored area (ha); the square's 1 ha by default.
        var mianJi: Double? = 1
        var volume: Double? = 80
        var geometry: WKB?
    }

    static let fields: [FieldDefinition] = [
        FieldDefinition("XIAN", .string), FieldDefinition("XIANG", .string), FieldDefinition("CUN", .string),
        FieldDefinition("LIN_BAN", .string), FieldDefinition("XIAO_BAN", .string), FieldDefinition("DI_LEI", .string),
        FieldDefinition("QI_YUAN", .string), FieldDefinition("YU_BI_DU", .real), FieldDefinition("YOU_SHI_SZ", .string),
        FieldDefinition("MIAN_JI", .real), FieldDefinition("HUO_LMGQXJ", .real),
    ]

    /// A rectangle from (x, y) to (x + w, y + h) in grid units (100 m), counter-clockwise, with a vertex every
    /// 100 m along its sides so that it shares edges exactly with the grid squares.
    static func rectangle(_ x: Double, _ y: Double, _ w: Double, _ h: Double, densify: Bool = true) -> [Point] {
        func p(_ u: Double, _ v: Double) -> Point { Point(x0 + u * side, y0 + v * side) }
        guard densify else { return [p(x, y), p(x + w, y), p(x + w, y + h), p(x, y + h), p(x, y)] }
        var ring: [Point] = []
        let nx = max(1, Int(w.rounded(.up))), ny = max(1, Int(h.rounded(.up)))
        for i in 0..<nx { ring.append(p(x + w * Double(i) / Double(nx), y)) }
        for i in 0..<ny { ring.append(p(x + w, y + h * Double(i) / Double(ny))) }
        for i in 0..<nx { ring.append(p(x + w - w * Double(i) / Double(nx), y + h)) }
        for i in 0..<ny { ring.append(p(x, y + h - h * Double(i) / Double(ny))) }
        ring.append(ring[0])
        return ring
    }

    static func polygon(_ rings: [Point]...) -> WKB { WKB(polygons: [PolygonRings(rings: rings)]) }

    /// The square of grid cell (column, row).
    static func cell(_ column: Int, _ row: Int) -> WKB {
        polygon(rectangle(Double(column), Double(row), 1, 1, densify: false))
    }

    /// Stand i of the grid is cell (i % 4, i / 4); its key ends in XIAO_BAN 0001…0016; fid = i + 1.
    static func grid() -> [Stand] {
        (0..<16).map { i in
            Stand(xiang: i % 4 < 2 ? "101" : "102", xiaoBan: String(format: "%04d", i + 1), geometry: cell(i % 4, i / 4))
        }
    }

    static func key(_ s: Stand) -> String { "520111|\(s.xiang)|001|0001|\(s.xiaoBan)" }

    /// Townships 101 (columns 0–1) and 102 (columns 2–3).
    static func townships(densify: Bool = true) -> [(code: String, geometry: WKB)] {
        [("520111101", polygon(rectangle(0, 0, 2, 4, densify: densify))), ("520111102", polygon(rectangle(2, 0, 2, 4, densify: densify)))]
    }

    static func feature(_ s: Stand) -> Feature {
        func text(_ v: String?) -> FieldValue { v.map(FieldValue.string) ?? .null }
        func real(_ v: Double?) -> FieldValue { v.map(FieldValue.real) ?? .null }
        return Feature(values: [.string("520111"), .string(s.xiang), .string("001"), .string("0001"), .string(s.xiaoBan),
                                .string(s.diLei), text(s.qiYuan), real(s.canopy), text(s.species), real(s.mianJi), real(s.volume)],
                       geometry: s.geometry)
    }

    /// Writes the layer (and townships) into `folder`; returns their sources.
    static func write(_ stands: [Stand], townships: [(code: String, geometry: WKB)]?, in folder: URL) throws -> (SourceReference, SourceReference?) {
        let layer = try Fixtures.gpkg(folder, name: "xiaoban", fields: fields, features: stands.map(feature))
        let towns = try townships.map { list in
            try Fixtures.gpkg(folder, name: "townships", fields: [FieldDefinition("XZQDM", .string), FieldDefinition("XZQMC", .string)],
                              features: list.map { Feature(values: [.string($0.code), .string("乡镇\($0.code.suffix(3))")], geometry: $0.geometry) })
        }
        return (layer, towns)
    }

    /// Checks the stands as `forestmap check` does.
    static func check(_ stands: [Stand], townships: [(code: String, geometry: WKB)]? = townships(),
                      config: ForestMapConfig = ForestMapConfig(), threads: Int? = nil) throws -> CheckResult {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (layerSource, townshipSource) = try write(stands, townships: townships, in: folder)
        var options = try config.layerLoadOptions()
        options.requireValidGeometry = false
        let layer = try SubCompartmentLayer.load(layerSource, options: options)
        let towns = try townshipSource.map { try CheckTownships.load($0, config: config, into: layer.crsWKT, threads: threads) }
        return try QualityChecker.check(layer, townships: towns, config: config, threads: threads)
    }
}

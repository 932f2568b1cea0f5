import Foundation
import Geo
@testable import ForestChange
@testable import ForestCheck
@testable import ForestMapCore
@testable import ForestStats
@testable import ForestSynth

/// A synthetic district on disk for the stats tests, with two township layers that do NOT match its
/// sub-compartments, so the cutting path and the outside row are exercised:
/// - `shifted`: the synth townships translated by (37 m, −23 m);
/// - `grid`: a hand-made 3 × 3 grid of rectangles over the layer's extent, inset by 5% (codes 520111901..909).
/// Made once per test run; the folder is removed at exit.
final class StatsFixture: @unchecked Sendable {
    let folder: URL
    let layerSource: SourceReference
    let shiftedTownships: SourceReference
    let gridTownships: SourceReference
    let layer: SubCompartmentLayer

    static let shared: Result<StatsFixture, any Error> = Result { try StatsFixture(subcompartments: 2_000, seed: 20_210_607) }

    static func get() throws -> StatsFixture { try shared.get() }

    init(subcompartments: Int, seed: UInt64) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("forestmap-stats-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let options = SynthOptions(subcompartments: subcompartments, seed: seed)
        _ = try DistrictSynthesizer.write(options, into: folder)
        layerSource = SourceReference(path: folder.appendingPathComponent("xiaoban_\(options.currentYear).gpkg").path,
                                      layerName: "xiaoban_\(options.currentYear)")
        layer = try SubCompartmentLayer.load(layerSource, options: LayerLoadOptions())

        let original = try VectorDataset(reading: SourceReference(path: folder.appendingPathComponent("townships.gpkg").path))
            .layer(named: "townships")
        let srs = try SpatialReference(epsg: 4545)
        let fields = [FieldDefinition("XZQDM", .string, width: 9), FieldDefinition("XZQMC", .string, width: 50)]
        let shifted = try original.readAll().map { f -> Feature in
            let polygons = try f.geometry!.polygons().map { p in
                PolygonRings(rings: p.rings.map { r in r.map { Point($0.x + 37, $0.y - 23) } })
            }
            return Feature(values: f.values, geometry: WKB(polygons: polygons))
        }
        shiftedTownships = try Self.write(shifted, name: "townships_shifted", fields: fields, srs: srs, in: folder)

        let extent = Envelope(layer.subCompartments.flatMap { try! $0.geometry.polygons() })!
        let w = extent.maxX - extent.minX, h = extent.maxY - extent.minY
        let x0 = extent.minX + 0.05 * w, y0 = extent.minY + 0.05 * h, cw = 0.9 * w / 3, ch = 0.9 * h / 3
        var cells: [Feature] = []
        for j in 0..<3 {
            for i in 0..<3 {
                let n = j * 3 + i + 1
                let x = x0 + Double(i) * cw, y = y0 + Double(j) * ch
                let ring = [Point(x, y), Point(x + cw, y), Point(x + cw, y + ch), Point(x, y + ch), Point(x, y)]
                cells.append(Feature(values: [.string("52011190\(n)"), .string("网格\(n)")],
                                     geometry: WKB(polygons: [PolygonRings(rings: [ring])])))
            }
        }
        gridTownships = try Self.write(cells, name: "townships_grid", fields: fields, srs: srs, in: folder)
        Fixtures.removeAtExit(folder)
    }

    static func write(_ features: [Feature], name: String, fields: [FieldDefinition], srs: SpatialReference, in folder: URL) throws -> SourceReference {
        let path = folder.appendingPathComponent("\(name).gpkg").path
        let writer = try VectorWriter(creating: path, format: .geoPackage)
        try writer.createLayer(named: name, geometry: .polygon, spatialReference: srs, fields: fields).write(features)
        try writer.close()
        return SourceReference(path: path, layerName: name)
    }

    func townships(_ source: SourceReference) throws -> TownshipBoundaries {
        try TownshipBoundaries.load(source, fields: TownshipFields(), districtCode: "520111", into: layer.crsWKT, towgs84: nil, encoding: nil)
    }
}

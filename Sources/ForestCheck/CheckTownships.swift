import Foundation
import Geo
import ForestMapCore

/// The township boundary layer (乡镇界线) the check compares the sub-compartments with, in the sub-compartment
/// layer's CRS (reprojected when its own differs), with a raster of the cells wholly inside one township.
///
/// A township drawn as several features (islands, exclaves) is one code with several parts. `Sendable`: parallel
/// tasks build their own GEOS geometries from the WKB.
struct CheckTownships: Sendable {
    /// Cuts township parts into tiles, with its own GEOS context and the parts it has read.
    private final class TileCutter {
        let parts: [Part]
        let context = GEOSContext()
        var geometries: [Int: PreparedGeometry] = [:]

        init(_ parts: [Part]) { self.parts = parts }

        func cut(_ box: Envelope, candidates: [Int]) throws -> [(part: Int, wkb: WKB)] {
            let rectangle = try Geometry(wkb: WKB(polygons: [PolygonRings(rings: [[
                Point(box.minX, box.minY), Point(box.maxX, box.minY), Point(box.maxX, box.maxY), Point(box.minX, box.maxY), Point(box.minX, box.minY),
            ]])]), context: context)
            var tiles: [(part: Int, wkb: WKB)] = []
            for i in candidates {
                let part = try geometries[i] ?? PreparedGeometry(Geometry(wkb: parts[i].wkb, context: context))
                geometries[i] = part
                guard part.intersects(rectangle) else { continue }
                let piece = try part.geometry.intersection(rectangle).polygonRings()
                if !piece.isEmpty { tiles.append((i, WKB(polygons: piece))) }
            }
            return tiles
        }
    }

    struct Part: Sendable {
        var code: String
        var fid: Int64
        var wkb: WKB
        var envelope: Envelope
    }

    /// "townships.gpkg|layername=townships", for messages.
    let label: String
    /// Names by 9-digit code ("" when the layer has no name field or the feature none).
    let names: [String: String]
    let parts: [Part]
    let index: SpatialIndex
    let raster: TownshipRaster
    /// Near the boundaries, each raster block's piece of every township part that reaches into it
    /// (part index, piece): small polygons for the overlays of the sub-compartments there.
    let tiles: [Int: [(part: Int, wkb: WKB)]]
    /// The overlaps of two townships wider than the boundary tolerance somewhere (`township_overlap`); `first` and
    /// `second` index `parts`.
    let overlaps: [TownshipOverlap]

    /// Reads the layer (`TownshipBoundaries`: every problem fails with one line naming the file, layer, field or
    /// feature) and cuts the tiles near the boundaries.
    static func load(_ source: SourceReference, config: ForestMapConfig, into crsWKT: String, threads: Int?) throws -> CheckTownships {
        let boundaries = try TownshipBoundaries.load(source, fields: config.townshipFields, districtCode: config.districtCode,
                                                     into: crsWKT, towgs84: config.towgs84, encoding: config.shapefileEncoding,
                                        geometry: config.geometry)
        let names = Dictionary(uniqueKeysWithValues: boundaries.townships.map { ($0.code, $0.name) })
        let parts = boundaries.parts.map { Part(code: boundaries.townships[$0.township].code, fid: $0.fid, wkb: $0.wkb, envelope: $0.envelope) }
        let raster = TownshipRaster(parts: boundaries.parts.map { (boundaries.townships[$0.township].code, $0.polygons.flatMap(\.rings)) })
        let index = boundaries.index
        let blocks = raster.mixedBlocks
        let cut = try ParallelJobs.map(jobs: blocks.count, threads: threads, state: { TileCutter(parts) }) { cutter, k in
            try cutter.cut(raster.envelope(ofBlock: blocks[k]), candidates: index.query(raster.envelope(ofBlock: blocks[k])).sorted())
        }
        let overlaps = try TownshipOverlap.find(boundaries, tolerances: TownshipOverlap.Tolerances(config.check),
                                                geographic: try SpatialReference(definition: crsWKT).isGeographic).filter(\.isWide)
        return CheckTownships(label: boundaries.label, names: names, parts: parts, index: index, raster: raster,
                              tiles: Dictionary(uniqueKeysWithValues: zip(blocks, cut)), overlaps: overlaps)
    }
}

import Foundation
import Geo

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

    /// Reads the layer; every problem fails with one line naming the file, layer, field or feature.
    static func load(_ source: SourceReference, config: ForestMapConfig, into crsWKT: String, threads: Int?) throws -> CheckTownships {
        let fields = config.townshipFields
        let dataset = try VectorDataset(reading: source, openOptions: config.shapefileEncoding.map { ["ENCODING": $0] } ?? [:])
        let layer = try dataset.layer(named: source.layerName)
        let label = layer.label
        guard let codeIndex = layer.fieldIndex(fields.code) else {
            throw ForestMapError.input("\(label): no township code field \(fields.code) (行政区代码); fields: \(layer.fields.map(\.name).joined(separator: ", ")); name it with [township_fields] code = \"NAME\"")
        }
        let nameIndex = layer.fieldIndex(fields.name)
        if layer.geometryKind != .polygon && layer.geometryKind != .unknown {
            throw ForestMapError.input("\(label): the layer holds \(layer.geometryKind.rawValue) geometries; township boundaries must be polygons")
        }
        let srs = try CRSCheck.usable(layer.spatialReference, extent: layer.extent, label: label, towgs84: config.towgs84)
        let target = try SpatialReference(definition: crsWKT)
        let transform = srs.isSame(as: target) ? nil : try CoordinateTransform(from: srs, to: target)
        let features = try layer.readAll()
        guard !features.isEmpty else {
            throw ForestMapError.input("\(label): the layer is empty; check that the right layer was named")
        }
        let context = GEOSContext()
        var names: [String: String] = [:]
        var found: [(code: String, fid: Int64, wkb: WKB, envelope: Envelope, polygons: [PolygonRings])] = []
        for feature in features {
            let raw = feature.values[codeIndex].text
            guard let code = TownshipCode.full(xiang: raw, xian: config.districtCode) else {
                throw ForestMapError.input("\(label): feature \(feature.fid) has no township code in \(fields.code); fill it in (the 9-digit code, e.g. \(config.districtCode)101)")
            }
            let name = "feature \(feature.fid) (\(fields.code) \(raw ?? ""))"
            guard let wkb = feature.geometry, var polygons = try? wkb.polygons() else {
                throw ForestMapError.input("\(label): \(name) has no polygon geometry; township boundaries must be polygons")
            }
            if let transform {
                do { polygons = try transform.transform(polygons) } catch let e as GeoError {
                    throw ForestMapError.input("\(label): \(name): \(e.message)")
                }
            }
            let projected = WKB(polygons: polygons)
            if let invalid = try Geometry(wkb: projected, context: context).invalidity {
                throw ForestMapError.input("\(label): \(name) is not a valid polygon: \(invalid.reason) at (\(String(format: "%.3f", invalid.x)), \(String(format: "%.3f", invalid.y))); fix it (QGIS: Vector ▸ Geometry Tools ▸ Fix Geometries)")
            }
            guard let box = Envelope(polygons) else {
                throw ForestMapError.input("\(label): \(name) has an empty polygon; delete it or draw its boundary")
            }
            let text = nameIndex.flatMap { feature.values[$0].text }?.trimmingCharacters(in: .whitespaces) ?? ""
            if (names[code] ?? "").isEmpty { names[code] = text }
            found.append((code, feature.fid, projected, box, polygons))
        }
        let parts = found.map { Part(code: $0.code, fid: $0.fid, wkb: $0.wkb, envelope: $0.envelope) }
        let raster = TownshipRaster(parts: found.map { f in (f.code, f.polygons.flatMap(\.rings)) })
        let index = SpatialIndex(boxes: parts.map(\.envelope))
        let blocks = raster.mixedBlocks
        let cut = try CheckParallel.map(jobs: blocks.count, threads: threads, state: { TileCutter(parts) }) { cutter, k in
            try cutter.cut(raster.envelope(ofBlock: blocks[k]), candidates: index.query(raster.envelope(ofBlock: blocks[k])).sorted())
        }
        return CheckTownships(label: label, names: names, parts: parts, index: index, raster: raster,
                              tiles: Dictionary(uniqueKeysWithValues: zip(blocks, cut)))
    }
}

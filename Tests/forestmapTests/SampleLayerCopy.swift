import Foundation
import Geo

/// SampleData's current year written again with its geometries changed (as curves, in another CRS, one feature
/// moved): the layers bureaus actually have, for the commands to read.
enum SampleLayerCopy {
    static var sampleData: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("SampleData")
    }

    static let layerName = "xiaoban_2021"

    /// Writes a SampleData layer (xiaoban_2021 by default) to `path` (a GeoPackage) in `srs` (the layer's own by
    /// default), each geometry (by feature index) as `geometry` makes it, declared as `kind`; returns the source as
    /// the commands take it.
    static func write(to path: String, layer layerName: String = layerName, srs: SpatialReference? = nil, kind: GeometryKind = .polygon,
                      _ geometry: (Int, WKB) throws -> WKB) throws -> String {
        let layer = try VectorDataset(reading: SourceReference(path: sampleData.appendingPathComponent("\(layerName).gpkg").path))
            .layer(named: layerName)
        let features = try layer.readAll().enumerated().map { n, f in
            Feature(fid: f.fid, values: f.values, geometry: try f.geometry.map { try geometry(n, $0) })
        }
        let writer = try VectorWriter(creating: path, format: .geoPackage)
        try writer.createLayer(named: layerName, geometry: kind, spatialReference: srs ?? layer.spatialReference, fields: layer.fields)
            .write(features)
        try writer.close()
        return "\(path)|layername=\(layerName)"
    }

    /// The polygons as ISO WKB MultiSurface (type 12) of CurvePolygons (type 10) with straight LineString rings, as
    /// `ogr2ogr -nlt CURVEPOLYGON` and ArcGIS store them.
    static func multiSurface(_ wkb: WKB) throws -> WKB {
        func u32(_ v: Int) -> [UInt8] { withUnsafeBytes(of: UInt32(v).littleEndian) { Array($0) } }
        func f64(_ v: Double) -> [UInt8] { withUnsafeBytes(of: v.bitPattern.littleEndian) { Array($0) } }
        var bytes: [UInt8] = [1] + u32(12) + u32(try wkb.polygons().count)
        for p in try wkb.polygons() {
            bytes += [1] + u32(10) + u32(p.rings.count)
            for ring in p.rings {
                bytes += [1] + u32(2) + u32(ring.count)
                for point in ring { bytes += f64(point.x) + f64(point.y) }
            }
        }
        return WKB(bytes)
    }

    /// The polygons with every point moved by (dx, 0).
    static func shifted(_ wkb: WKB, by dx: Double) throws -> WKB {
        WKB(polygons: try wkb.polygons().map { PolygonRings(rings: $0.rings.map { $0.map { Point($0.x + dx, $0.y) } }) })
    }

    /// The rows of a CSV the commands write (UTF-8 with BOM, CRLF), split at commas.
    static func csv(_ file: URL) throws -> [[String]] {
        String(decoding: try Data(contentsOf: file).dropFirst(3), as: UTF8.self).split(separator: "\r\n")
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }
}

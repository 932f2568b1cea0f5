import Foundation
import Geo

/// The benchmark's "read floor": read layers through GDAL into GEOS geometries and nothing else. Every command's
/// time is quoted as a ratio to this (Scripts/bench, BENCHMARKS.md).
public enum ReadFloor {
    /// Reads every feature of every source (`PATH[|layername=NAME]`) through GDAL's feature API (or, `direct`, as
    /// forestmap reads its layers: GeoPackage tables straight from SQLite) and builds its GEOS geometry; returns
    /// the feature count.
    public static func read(_ sources: [String], direct: Bool = false) throws -> Int {
        var count = 0
        for text in sources {
            let source = try SourceReference(parsing: text)
            let dataset = try VectorDataset(reading: source)
            let context = GEOSContext()
            try dataset.layer(named: source.layerName).forEachFeature(throughGDAL: !direct) { feature in
                if let wkb = feature.geometry { _ = try Geometry(wkb: wkb, context: context) }
                count += 1
            }
        }
        return count
    }
}

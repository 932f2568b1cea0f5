import Foundation
import Geo

/// Writes a deterministic synthetic district (DOMAIN §9, Huaxi 520111) for tests and demonstrations: two years of
/// sub-compartments, the township boundaries and the truth of every planted change.
///
/// Files, in an existing empty directory:
/// - `xiaoban_<previous>.gpkg` and `xiaoban_<current>.gpkg`: the sub-compartment layers (same geometry, EPSG:4545);
/// - `townships.gpkg`: the 19 townships (XZQDM, XZQMC), each the exact union of its sub-compartments;
/// - `truth.csv`: one row per planted change (afforestation, harvest, construction, reclassification).
///
/// The same options give the same bytes in every file.
public enum DistrictSynthesizer {
    public static func write(_ options: SynthOptions, into directory: URL) throws -> SynthSummary {
        try options.validate()
        try checkEmptyDirectory(directory)
        let district = try SynthDistrict.build(options)
        let files = ["\(options.previousLayerName).gpkg", "\(options.currentLayerName).gpkg",
                     "\(SynthOptions.townshipLayerName).gpkg", SynthOptions.truthFileName]
        let paths = files.map { directory.appendingPathComponent($0).path }
        // Jobs on all cores: the two sub-compartment layers, then the township unions, largest first.
        let ranges = SynthLayerFiles.townshipRanges(district.layout)
        let unions = ranges.indices.sorted { ranges[$0].count != ranges[$1].count ? ranges[$0].count > ranges[$1].count : $0 < $1 }
        let results = try SynthParallel.map(2 + unions.count) { job -> (Int, WKB)? in
            if job < 2 {
                let srs = try SpatialReference(epsg: SynthDistrict.epsg)
                try SynthLayerFiles.writeXiaoban(district, current: job == 1, to: paths[job], spatialReference: srs)
                return nil
            }
            let t = unions[job - 2]
            return (t, try SynthLayerFiles.townshipGeometry(district.layout, ranges[t]))
        }
        let geometries = results.compactMap { $0 }.sorted { $0.0 < $1.0 }.map(\.1)
        try SynthLayerFiles.writeTownships(district, geometries: geometries, to: paths[2],
                                           spatialReference: try SpatialReference(epsg: SynthDistrict.epsg))
        do {
            try Data(SynthTruth.csv(district).utf8).write(to: URL(fileURLWithPath: paths[3]))
        } catch {
            throw ForestMapError.input("synth: cannot write \(paths[3]): \(error.localizedDescription)")
        }
        return SynthSummary(subcompartments: district.layout.count, townships: HuaxiTownships.all.count,
                            events: SynthTruth.counts(district), files: files)
    }

    private static func checkEmptyDirectory(_ directory: URL) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ForestMapError.input("synth: \(directory.path) is not an existing directory")
        }
        let contents = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        guard contents.isEmpty else {
            throw ForestMapError.input("synth: \(directory.path) is not empty; give a new or empty directory")
        }
    }
}

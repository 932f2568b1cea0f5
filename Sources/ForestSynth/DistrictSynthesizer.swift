import Foundation
import Geo
import ForestCheck
import ForestMapCore

/// Writes a deterministic synthetic district (docs/domain.md §9, Huaxi 520111) for tests, demonstrations and
/// benchmarks: two years of sub-compartments with every kind of change planted, the auxiliary layers a
/// forestry bureau works with, and the truth of everything planted. See the README's synth section and
/// SampleData/README.md for the files and their schemas.
///
/// The same options give the same bytes in every file.
public enum DistrictSynthesizer {
    private enum Output: Sendable {
        case done
        case township(Int, [PolygonRings])
        case defects([String: Int])
    }

    public static func write(_ options: SynthOptions, into directory: URL) throws -> SynthSummary {
        try options.validate()
        try checkEmptyDirectory(directory)
        let district = try SynthDistrict.build(options)
        let files = options.fileNames
        @Sendable func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
        let ranges = SynthLayerFiles.townshipRanges(district.layout)
        let unions = ranges.indices.sorted { ranges[$0].count != ranges[$1].count ? ranges[$0].count > ranges[$1].count : $0 < $1 }
        // Jobs on all cores, the longest first: the layers, the township outlines, the small files.
        var jobs: [@Sendable () throws -> Output] = [
            { try SynthLayerFiles.writePrevious(district, to: path(files[0])); return .done },
            { try SynthLayerFiles.writeCurrent(district, to: path(files[1])); return .done },
        ]
        if options.defects {
            jobs.append {
                var defects = try SynthDefects(district)
                try defects.plant()
                try SynthLayerFiles.writeXiaoban(defects.rows(), layerName: options.defectsLayerName, current: false,
                                                 changeYear: String(options.previousYear), options: options,
                                                 to: path("\(options.defectsLayerName).gpkg"))
                let table = defects.truth()
                try table.write(to: URL(fileURLWithPath: path(SynthOptions.defectsTruthFileName)))
                var counts = Dictionary(uniqueKeysWithValues: QualityCheck.allCases.map { ($0.rawValue, 0) })
                for row in table.rows { counts[row[0], default: 0] += 1 }
                return .defects(counts)
            }
        }
        jobs.append { try SynthPatches.write(district, to: path("\(SynthPatches.layerName(options)).gpkg")); return .done }
        jobs.append { try SynthTruth.table(district).write(to: URL(fileURLWithPath: path(SynthOptions.truthFileName))); return .done }
        for t in unions {
            jobs.append { .township(t, try SynthTownshipLayers.dissolved(district.layout, rings: district.previousRings, ranges[t])) }
        }
        jobs.append {
            try SynthLayerFiles.writePermits(district, to: path("permits.gpkg"))
            try SynthLayerFiles.writeBelt(district, to: path("ring_belt.gpkg"))
            try SynthLayerFiles.writeTasks(district, to: path("afforestation_tasks.gpkg"))
            try SynthLayerFiles.writeDisasters(district, fires: path("fires.gpkg"), pests: path("pests.gpkg"))
            try SynthLayerFiles.writeEconomy(district, to: path("forest_economy.gpkg"))
            try SynthTargets.csv(district).write(to: URL(fileURLWithPath: path("targets.csv")))
            try SynthTargets.writeWorkbook(district, to: path("targets.xlsx"))
            return .done
        }
        let all = jobs
        let results = try ParallelJobs.map(jobs: all.count, threads: nil, state: {}) { _, k in try all[k]() }
        var dissolved = [[PolygonRings]](repeating: [], count: ranges.count)
        var defects: [String: Int] = [:]
        for result in results {
            switch result {
            case .township(let t, let polygons): dissolved[t] = polygons
            case .defects(let counts): defects = counts
            case .done: break
            }
        }
        let other = try SynthTownshipLayers.otherDepartment(dissolved, seed: options.seed)
        try SynthLayerFiles.writeTownships(options, other: other, dissolved: dissolved, to: path("townships.gpkg"),
                                           dissolvedPath: path("townships_dissolved.gpkg"))
        var summary = SynthSummary(subcompartments: district.layout.count, currentSubcompartments: district.second.order.count,
                                   townships: options.county.townships.count, events: SynthTruth.counts(district), defects: defects,
                                   files: files)
        summary.landHectares = district.previousHectares.reduce(0, +)
        summary.districtTargets = SynthTargets.values(district).last!.targets
        return summary
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

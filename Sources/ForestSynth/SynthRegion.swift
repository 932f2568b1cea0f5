import Foundation
import ForestMapCore

/// `forestmap synth --region guiyang`: a synthetic region, every county a full synthetic district (`SynthRun`'s
/// files, its own config) in `DIR/<code>/`, plus the region's config `region.toml` and targets
/// `region_targets.csv` (README "Regions"). Counties get sub-compartments in proportion to their area, at least
/// `SynthOptions.subcompartmentRange.lowerBound` each; each its own seed, from the region's seed and its code.
/// The same options give the same bytes.
public struct SynthRegionOptions: Sendable, Hashable {
    /// The region's name on the command line; only "guiyang".
    public var region: String
    /// Sub-compartments over the whole region (first year).
    public var subcompartments: Int
    public var seed: UInt64
    /// 6-digit county codes to make (nil: every county of the region).
    public var counties: [String]?
    /// Write each county's filled 核查表 and patrol reports.
    public var fieldForms: Bool

    public init(region: String = "guiyang", subcompartments: Int, seed: UInt64, counties: [String]? = nil, fieldForms: Bool = true) {
        self.region = region
        self.subcompartments = subcompartments
        self.seed = seed
        self.counties = counties
        self.fieldForms = fieldForms
    }
}

public enum SynthRegion {
    public static let regions = ["guiyang"]
    public static let configFileName = "region.toml"
    public static let targetsFileName = "region_targets.csv"

    /// The counties of the region, each with its options (sub-compartments, seed), in code order.
    public static func plan(_ o: SynthRegionOptions) throws -> [SynthOptions] {
        guard regions.contains(o.region) else {
            throw ForestMapError.input("synth: --region \(o.region) is not known; give \(regions.joined(separator: ", "))")
        }
        let counties = try GuiyangCounties.counties(o.counties)
        let counts = try allocate(o.subcompartments, areas: counties.map(\.area))
        return zip(counties, counts).map { county, n in
            SynthOptions(subcompartments: n, seed: countySeed(o.seed, county.code), county: county)
        }
    }

    /// A county's seed: SplitMix64 of the region's seed and the county code, so counties differ and a county's
    /// district does not depend on which other counties are made.
    public static func countySeed(_ seed: UInt64, _ code: String) -> UInt64 {
        var rng = SplitMix64(seed: seed ^ (UInt64(code)! &* 0x9E37_79B9_7F4A_7C15))
        return rng.next() >> 1
    }

    /// `total` split in proportion to `areas`, each at least the synthesizer's minimum (counties below it get the
    /// minimum, the rest is shared by the others in proportion), largest remainders rounding so the parts add up.
    public static func allocate(_ total: Int, areas: [Double]) throws -> [Int] {
        let range = SynthOptions.subcompartmentRange
        guard total >= range.lowerBound * areas.count else {
            throw ForestMapError.input("synth: --subcompartments \(total) is too few for \(areas.count) counties; give at least \(range.lowerBound * areas.count) (\(range.lowerBound) each)")
        }
        var floored = Set<Int>()
        var shares = [Double](repeating: 0, count: areas.count)
        while true {
            let free = areas.indices.filter { !floored.contains($0) }
            let rest = Double(total - range.lowerBound * floored.count)
            let freeArea = free.reduce(0.0) { $0 + areas[$1] }
            for k in areas.indices { shares[k] = floored.contains(k) ? Double(range.lowerBound) : rest * areas[k] / freeArea }
            let below = free.filter { shares[$0] < Double(range.lowerBound) }
            if below.isEmpty { break }
            floored.formUnion(below)
        }
        var counts = shares.map { Int($0.rounded(.down)) }
        let order = shares.indices.sorted { (shares[$0] - Double(counts[$0]), -$0) > (shares[$1] - Double(counts[$1]), -$1) }
        for k in order.prefix(total - counts.reduce(0, +)) { counts[k] += 1 }
        for (k, n) in counts.enumerated() where n > range.upperBound {
            throw ForestMapError.input("synth: --subcompartments \(total) gives county #\(k + 1) \(n) sub-compartments, over \(range.upperBound)")
        }
        return counts
    }

    /// Writes the region into `outputFolder` all-or-nothing.
    public static func perform(_ o: SynthRegionOptions, outputFolder: String, overwrite: Bool) throws {
        let plan = try plan(o)
        let folder = try OutputFolder(outputFolder, overwrite: overwrite)
        var rows: [(county: SynthCounty, summary: SynthSummary)] = []
        for options in plan {
            let county = options.county
            let directory = folder.staging.appendingPathComponent(county.code, isDirectory: true)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
            let summary = try DistrictSynthesizer.write(options, into: directory)
            let origin = "forestmap synth --region \(o.region) --subcompartments \(o.subcompartments) --seed \(o.seed)"
                + (o.counties.map { " --counties \($0.joined(separator: ","))" } ?? "") + (o.fieldForms ? "" : " --no-field-forms")
                + ": \(county.code) \(county.name), \(options.subcompartments) sub-compartments, seed \(options.seed)"
            let config = SynthRun.config(options, fieldForms: o.fieldForms, origin: origin,
                                         register: "../out/\(county.code)/forestmap_cases.gpkg")
            try Data(config.utf8).write(to: directory.appendingPathComponent("forestmap.toml"))
            if o.fieldForms { try SynthFieldForms.write(options, into: directory) }
            rows.append((county, summary))
            print("\(county.code) \(county.name): \(summary.subcompartments) sub-compartments in \(options.previousYear), \(summary.currentSubcompartments) in \(options.currentYear), \(summary.townships) townships, seed \(options.seed)")
        }
        try Data(regionConfig(plan.map(\.county)).utf8).write(to: folder.file(configFileName))
        try regionTargets(rows).write(to: folder.file(targetsFileName))
        try folder.commit()
        print("region \(GuiyangCounties.regionName) \(GuiyangCounties.regionCode): \(plan.count) counties, \(rows.reduce(0) { $0 + $1.summary.subcompartments }) sub-compartments, seed \(o.seed)")
        print("outputs: \(folder.target.path) (\(plan.map { "\($0.county.code)/" }.joined(separator: ", ")), \(configFileName), \(targetsFileName))")
    }

    /// region.toml: the region, its counties' configs, its targets, the executor and the counties' scoring.
    static func regionConfig(_ counties: [SynthCounty]) -> String {
        """
        # forestmap region config (README "Regions"): \(GuiyangCounties.regionName)'s counties, each its own config
        # (synthetic: made by forestmap synth --region guiyang)
        [region]
        name = "\(GuiyangCounties.regionName)"
        code = "\(GuiyangCounties.regionCode)"
        reporting_unit = "\(GuiyangCounties.reportingUnit)"

        [units]
        configs = [\(counties.map { "\"\($0.code)/forestmap.toml\"" }.joined(separator: ", "))]   # relative to this file, one per county

        [inputs]
        targets = "\(targetsFileName)"

        [executor]
        kind = "local"
        jobs = 2
        cpus_per_task = 2
        memory_mb = 4096
        time_limit = "02:00:00"

        \(SynthRun.scoringBlock)

        """
    }

    /// region_targets.csv: targets.csv's columns, one row set per county (its district row, under the county's
    /// 6-digit code) and the region's own (520100): sums of the counties' for amounts, land-area-weighted means
    /// for rates; applicable where any county's is.
    static func regionTargets(_ rows: [(county: SynthCounty, summary: SynthSummary)]) -> CSVTable {
        var table = CSVTable(header: ["township_code", "township_name", "indicator", "indicator_name", "unit", "comparison",
                                      "target", "applicable"])
        func append(_ code: String, _ name: String, _ targets: [Double?]) {
            for (indicator, target) in zip(SynthTargets.indicators, targets) {
                table.rows.append([code, name, indicator.key, indicator.name, indicator.unit, indicator.comparison,
                                   target.map { CSVTable.number($0, decimals: indicator.decimals) } ?? "", target == nil ? "no" : "yes"])
            }
        }
        for row in rows { append(row.county.code, row.county.name, row.summary.districtTargets) }
        let rates: Set<String> = ["%", "‰"]
        let region: [Double?] = SynthTargets.indicators.enumerated().map { k, indicator in
            let given = rows.compactMap { row in row.summary.districtTargets[k].map { (value: $0, weight: row.summary.landHectares) } }
            guard !given.isEmpty else { return nil }
            var f = 1.0
            for _ in 0..<indicator.decimals { f *= 10 }
            if rates.contains(indicator.unit) {
                let weight = given.reduce(0.0) { $0 + $1.weight }
                return (given.reduce(0.0) { $0 + $1.value * $1.weight } / weight * f).rounded() / f
            }
            return (given.reduce(0.0) { $0 + $1.value } * f).rounded() / f
        }
        append(GuiyangCounties.regionCode, GuiyangCounties.regionName, region)
        return table
    }
}

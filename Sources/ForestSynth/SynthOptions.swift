import Foundation
import ForestMapCore

/// What to synthesise: a district of `subcompartments` sub-compartments (小班) in two years.
public struct SynthOptions: Sendable, Hashable {
    /// The number of sub-compartments of the first year (the second has a few more: splits, the road).
    public var subcompartments: Int
    /// Every file is a function of the options: the same seed gives the same bytes.
    public var seed: UInt64
    public var previousYear: Int
    public var currentYear: Int
    /// The land-class code system of the previous year's DI_LEI.
    public var previousSystem: LandClassSystem
    /// The land-class code system of the current year's DI_LEI and Q_DI_LEI.
    public var currentSystem: LandClassSystem
    /// Also write a copy of the first year with every quality problem planted, and its truth.
    public var defects: Bool
    /// The county the district stands for: Huaxi's seeded blob unless a region's county is given.
    public var county: SynthCounty
    /// `--change-rate`: planted events change about this share of the first year's sub-compartments (every kind's
    /// rate scaled alike, each kind still planted at least once), and this share of villages is re-surveyed; nil:
    /// synth's own rates (events about 2% of the stands, 8% of villages re-surveyed).
    public var changeRate: Double?

    /// Sub-compartment counts the synthesizer accepts.
    public static let subcompartmentRange = 1_000...2_000_000

    public init(subcompartments: Int, seed: UInt64, previousYear: Int = 2020, currentYear: Int = 2021,
                previousSystem: LandClassSystem = .old4, currentSystem: LandClassSystem = .new6, defects: Bool = false,
                county: SynthCounty = .huaxi) {
        self.county = county
        self.subcompartments = subcompartments
        self.seed = seed
        self.previousYear = previousYear
        self.currentYear = currentYear
        self.previousSystem = previousSystem
        self.currentSystem = currentSystem
        self.defects = defects
    }

    /// Throws `ForestMapError.input` naming the first option out of range.
    func validate() throws {
        let range = Self.subcompartmentRange
        guard range.contains(subcompartments) else {
            throw ForestMapError.input("synth: --subcompartments \(subcompartments) is out of range; give \(range.lowerBound)...\(range.upperBound)")
        }
        guard (1900...2999).contains(previousYear), (1900...2999).contains(currentYear), previousYear < currentYear else {
            throw ForestMapError.input("synth: years \(previousYear) and \(currentYear) must be four-digit years with the previous year first")
        }
        if let changeRate, !(changeRate > 0 && changeRate < 1) {
            throw ForestMapError.input("synth: --change-rate \(changeRate) is out of range; give a share above 0 and below 1, e.g. 0.025")
        }
        for system in [previousSystem, currentSystem] where system == .user {
            throw ForestMapError.input("synth: the code system must be old4, new6 or gbt21010; a user code table cannot be synthesised")
        }
    }

    var previousLayerName: String { "xiaoban_\(previousYear)" }
    var currentLayerName: String { "xiaoban_\(currentYear)" }
    var defectsLayerName: String { "xiaoban_\(previousYear)_defects" }
    static let townshipLayerName = "townships"
    static let dissolvedTownshipLayerName = "townships_dissolved"
    static let truthFileName = "truth.csv"
    static let defectsTruthFileName = "defects_truth.csv"

    /// The files written, in order.
    var fileNames: [String] {
        ["\(previousLayerName).gpkg", "\(currentLayerName).gpkg", "townships.gpkg", "townships_dissolved.gpkg", "permits.gpkg", "ring_belt.gpkg",
         "afforestation_tasks.gpkg", "fires.gpkg", "pests.gpkg", "forest_economy.gpkg", "targets.csv", "targets.xlsx", Self.truthFileName,
         "patches_\(currentYear).gpkg"]
            + (defects ? ["\(defectsLayerName).gpkg", Self.defectsTruthFileName] : [])
    }
}

/// What `DistrictSynthesizer.write` produced.
public struct SynthSummary: Sendable, Hashable {
    /// Sub-compartments in the first and in the second year.
    public var subcompartments: Int
    public var currentSubcompartments: Int
    public var townships: Int
    /// Rows of truth.csv per event kind (every kind present as a key).
    public var events: [String: Int]
    /// Rows of defects_truth.csv per check (empty without --defects).
    public var defects: [String: Int]
    /// The files written, relative to the output directory.
    public var files: [String]
    /// The first year's land area (ha) and the district's own row of 附表1 (nil where an indicator does not apply),
    /// for a region's targets.
    package var landHectares: Double = 0
    package var districtTargets: [Double?] = []

    public init(subcompartments: Int, currentSubcompartments: Int, townships: Int, events: [String: Int],
                defects: [String: Int], files: [String]) {
        self.subcompartments = subcompartments
        self.currentSubcompartments = currentSubcompartments
        self.townships = townships
        self.events = events
        self.defects = defects
        self.files = files
    }
}

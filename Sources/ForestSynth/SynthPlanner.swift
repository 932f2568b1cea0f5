import Foundation
import Geo
import ForestMapCore
import PlanarKernel

/// Plants the second year: re-surveyed boundaries, the road, every event of `SynthEventKind` with its permits,
/// splits and merges. Works on one thread with one GEOS context; the same inputs give the same plan.
struct SynthPlanner {
    let options: SynthOptions
    let seed: UInt64
    let layout: DistrictLayout
    let neighbourhood: SynthNeighbourhood
    let previousTable: LandClassTable
    let currentTable: LandClassTable
    let closeness: [Double]
    let belt: SynthBelt
    let membership: [SynthBelt.Membership]
    let context = GEOSContext()
    let area: AreaCalculator

    /// First-year ground and records; events may rewrite them (the land harvested before the first year...).
    var previousKinds: [SynthLandKind]
    var previousStands: [SynthStand]
    /// MIAN_JI of the first year's cells.
    let previousHectares: [Double]
    let previousRings: SynthRings
    var currentRings: SynthRings
    /// Cells whose shell differs between the years without an event (re-digitised, or touched by the road).
    var geometryChanged: [Bool]
    var sites: SynthSitePlanner

    // The second year, per slot.
    var toKind: [SynthLandKind?]
    var toStand: [SynthStand?]
    var reasons: [String?]
    var recordChanged: [Bool]
    var replaced: [Bool]
    var pieces: [SynthPiece] = []

    var events: [SynthEventRecord] = []
    var permits: [SynthPermit] = []
    var disasters: [SynthDisaster] = []
    /// First-year forest-land cells: event counts are shares of it.
    let forestLandCells: Int
    /// Cells per clustered site, so a site is at least 0.3 ha.
    let clusterSize: Int
    /// What every kind's rate is multiplied by: 1 at synth's own rates (events change about 2% of the stands), else
    /// so that they change about `--change-rate` of them.
    let eventScale: Double
    private var counters: [String: Int] = [:]

    /// The width of the planted road, metres.
    static let roadWidth = 6.0
    /// The smallest sub-compartment split for a partial harvest, hectares.
    static let splitHarvestHectares = 0.25
    /// Share of villages re-surveyed (boundaries re-digitised) in the second year.
    static let resurveyShare = 0.08

    init(options: SynthOptions, layout: DistrictLayout, landscape: SynthLandscape, previousStands: [SynthStand],
         previousHectares: [Double], previousTable: LandClassTable, currentTable: LandClassTable) throws {
        self.options = options
        seed = options.seed
        self.layout = layout
        neighbourhood = SynthNeighbourhood(layout)
        self.previousTable = previousTable
        self.currentTable = currentTable
        closeness = landscape.urbanCloseness
        previousKinds = landscape.kinds
        self.previousStands = previousStands
        self.previousHectares = previousHectares
        area = try AreaCalculator(method: .ellipsoidal, spatialReference: try SpatialReference(epsg: SynthDistrict.epsg),
                                  layerLabel: "synth")
        let n = layout.count
        let grid = layout.grid
        forestLandCells = landscape.kinds.filter { $0.recorded(in: previousTable).landClass.isForestLand }.count
        clusterSize = min(8, max(1, Int((3_000 / (layout.county.area / Double(n))).rounded(.up))))
        if let rate = options.changeRate {
            eventScale = Self.eventScale(changeRate: rate, cells: n, forestLandCells: forestLandCells)
        } else {
            eventScale = 1
        }

        // Re-surveyed villages: a hashed share, at least one.
        var villages: [UInt32: Double] = [:]
        for slot in 0..<n {
            let v = UInt32(layout.township[slot]) << 8 | UInt32(layout.village[slot])
            if villages[v] == nil { villages[v] = SynthHash.unit(seed, .resurvey, Int(v)) }
        }
        let resurveyShare = options.changeRate ?? Self.resurveyShare
        var resurveyed = Set(villages.filter { $0.value < resurveyShare }.keys)
        if resurveyed.isEmpty, let first = villages.min(by: { $0.value != $1.value ? $0.value < $1.value : $0.key < $1.key }) {
            resurveyed.insert(first.key)
        }
        var firstState = [UInt8](repeating: 0, count: grid.size * grid.size)
        var secondState = firstState
        var townshipOfCell = [UInt8](repeating: 255, count: grid.size * grid.size)
        for slot in 0..<n {
            let c = Int(layout.cell[slot])
            firstState[c] = 1
            secondState[c] = resurveyed.contains(UInt32(layout.township[slot]) << 8 | UInt32(layout.village[slot])) ? 2 : 1
            townshipOfCell[c] = layout.township[slot]
        }
        previousRings = SynthRings(grid: grid, cellState: firstState)
        currentRings = SynthRings(grid: grid, cellState: secondState, township: townshipOfCell)
        var changedGeometry = [Bool](repeating: false, count: n)
        for slot in 0..<n {
            let c = Int(layout.cell[slot])
            changedGeometry[slot] = currentRings.differsFromFirstYear(grid.column(ofCell: c), grid.row(ofCell: c))
        }
        geometryChanged = changedGeometry

        belt = SynthBelt(layout: layout, seed: seed)
        let rings = previousRings, beltCopy = belt
        let chunks = max(1, min(64, n / 20_000))
        membership = try ParallelJobs.map(jobs: chunks, threads: nil, state: {}) { _, chunk in
            (n * chunk / chunks..<n * (chunk + 1) / chunks).map { beltCopy.membership(rings.ring(cell: Int(layout.cell[$0]))) }
        }.flatMap { $0 }

        let neighbourhood = self.neighbourhood, membership = self.membership
        let eligible = (0..<n).map { slot in
            !changedGeometry[slot] && membership[slot] != .straddles && neighbourhood.isInterior(slot)
        }
        sites = SynthSitePlanner(neighbourhood, eligible: eligible)
        toKind = Array(repeating: nil, count: n)
        toStand = Array(repeating: nil, count: n)
        reasons = Array(repeating: nil, count: n)
        recordChanged = Array(repeating: false, count: n)
        replaced = Array(repeating: false, count: n)
    }

    // MARK: - Helpers

    func cell(_ slot: Int) -> Int { Int(layout.cell[slot]) }
    func unit(_ stream: SynthStream, _ slot: Int, _ k: Int = 0) -> Double { SynthHash.unit(seed, stream, cell(slot), k) }
    func townshipCode(_ slot: Int) -> String { layout.county.townships[Int(layout.township[slot])].divisionCode }
    var year: Int { options.currentYear }

    /// The number of sites of a kind: its rate of the first year's forest-land cells, per cell of a site.
    func siteCount(_ kind: SynthEventKind) -> Int {
        let size = kind.isClustered ? clusterSize : 1
        return max(kind.minimumSites, Int((kind.rate * eventScale * Double(forestLandCells) / Double(size)).rounded()))
    }

    /// The scale that makes the planted events change about `changeRate` of the first year's cells: each kind
    /// changes `rate` × (forest-land cells) cells at synth's own rates.
    static func eventScale(changeRate: Double, cells: Int, forestLandCells: Int) -> Double {
        let own = SynthEventKind.allCases.reduce(0) { $0 + $1.rate } * Double(forestLandCells) / Double(max(cells, 1))
        return own > 0 ? changeRate / own : 1
    }

    /// The next number in a sequence (permits, tasks...), from 1.
    mutating func next(_ sequence: String) -> Int {
        counters[sequence, default: 0] += 1
        return counters[sequence]!
    }

    /// A geometry for first-year cells (their union when there are several).
    func cellsGeometry(_ slots: [Int]) throws -> Geometry {
        let parts = slots.map { [PolygonRings(rings: [previousRings.ring(cell: cell($0))])] }
        let union = parts.count == 1 ? parts[0] : try CoverageUnion.unite(parts, context: context)
        return try Geometry(wkb: WKB(polygons: union), context: context)
    }

    func squareMetres(_ geometry: Geometry) throws -> Double { try area.squareMetres(try geometry.wkb.polygons()) }

    static func round4(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }

    /// An ISO date in `year`: month in `months`, day 1–28, from a hash.
    func date(_ year: Int, months: ClosedRange<Int>, _ slot: Int, _ k: Int) -> String {
        let h = SynthHash.bits(seed, .permitDate, cell(slot), k)
        let month = months.lowerBound + Int(h % UInt64(months.count))
        let day = 1 + Int((h >> 16) % 28)
        return "\(year)-\(month.zeroPadded(2))-\(day.zeroPadded(2))"
    }

    // MARK: - The plan

    /// Plants everything, in a fixed order: the road, the clustered events (those with the scarcest cells
    /// first), single-cell events, splits and merges, then the no-change rows.
    mutating func plant() throws {
        try plantRoad()
        let clustered: [SynthEventKind] = [
            .harvestInBelt, .constructionInBelt, .afforestationFarmland, .afforestationHarvested, .otherGain,
            .harvestNatural, .harvestExpired, .harvestPartial, .harvestNoPermit, .constructionBeyondPolygon,
            .constructionBeyondArea, .constructionExpired, .constructionWrongUse, .constructionRenewed,
            .temporaryNotRestored, .constructionUnapproved, .clearedForFarming, .fire, .pest, .degradation, .otherLoss,
            .correctionConstruction, .correctionAfforestation, .correctionDegradation, .bhyyDisagrees,
            .afforestationSuitable, .harvestPermitted, .constructionApproved, .permitUnused,
        ]
        for kind in clustered { try plantSites(kind) }
        for kind in [SynthEventKind.attributeCategory, .attributeOrigin] { try plantSites(kind) }
        try plantSplits(.harvestSplit)
        try plantSplits(.split)
        try plantMerges()
        // A harvested part of a split must be twice the inspection unit: no cell is large enough above ~400,000 cells.
        let splitHarvestPossible = previousHectares.contains { $0 >= Self.splitHarvestHectares }
        for kind in SynthEventKind.allCases where kind.rate > 0 && (kind != .harvestSplit || splitHarvestPossible) {
            guard events.contains(where: { $0.kind == kind }) else {
                throw ForestMapError(.internalFailure, "synth: no place found for a \(kind.name) event; try another seed or more sub-compartments")
            }
        }
    }

    // MARK: - Clustered events

    /// Which first-year cells can seed (and join) a site of the kind. The closure holds its own copies of the
    /// arrays it reads: drop it before changing the planner.
    func seeds(_ kind: SynthEventKind) -> (Int) -> Bool {
        let kinds = previousKinds, stands = previousStands
        func of(_ set: [SynthLandKind]) -> (Int) -> Bool { { set.contains(kinds[$0]) } }
        switch kind {
        case .harvestPermitted, .harvestNoPermit, .harvestPartial, .harvestExpired, .harvestNatural, .harvestSplit,
             .attributeCategory:
            return { kinds[$0] == .arbor && (stands[$0].senLinLB?.hasPrefix("02") ?? false) }
        case .harvestInBelt, .constructionInBelt:
            // The belt runs near town and holds little forest: any land but construction and water, made arbor
            // forest in the first year where it is not forest already.
            return { ![.construction, .water].contains(kinds[$0].landClass.group) }
        case .attributeOrigin:
            return { kinds[$0] == .arbor && stands[$0].qiYuan == "21" }
        case .constructionApproved, .constructionUnapproved, .constructionBeyondPolygon, .constructionBeyondArea,
             .constructionExpired, .constructionWrongUse, .constructionRenewed, .temporaryNotRestored:
            return of([.arbor, .bamboo, .specialShrub, .otherShrub, .sparse])
        case .clearedForFarming: return of([.arbor, .otherShrub, .specialShrub, .sparse])
        case .otherLoss: return of([.specialShrub, .otherShrub, .sparse])
        case .afforestationSuitable: return of([.suitableBarren, .suitableOther])
        case .afforestationFarmland: return of([.paddy, .dryLand])
        case .otherGain, .correctionAfforestation: return of([.dryLand, .otherGrass, .naturalGrass])
        case .split, .merge: return of([.arbor, .bamboo, .specialShrub, .otherShrub, .paddy, .dryLand])
        default: return of([.arbor])
        }
    }

    /// The second-year ground of a site's cells.
    private func target(_ kind: SynthEventKind, site: [Int]) -> SynthLandKind {
        let first = site[0]
        switch kind.changeType {
        case "afforestation": return kind == .correctionAfforestation ? .arbor : .unestablishedPlanted
        case "harvest": return .harvested
        case "fire": return .burned
        case "disaster": return .sparse
        case "degradation": return .otherShrub
        case "other_loss": return .bareSoil
        case "other_gain": return .specialShrub
        case "cleared_for_farming":
            let h = unit(.constructionKind, first, 3)
            return h < 0.6 ? .dryLand : h < 0.8 ? .fruitOrchard : .teaGarden
        case "construction":
            switch kind {
            case .temporaryNotRestored: return .mining
            case .correctionConstruction: return .ruralHousing
            case .bhyyDisagrees: return .industry
            case .road: return .ruralRoad
            default:
                return SynthLandscape.constructionKind(closeness[first], seed, cell(first), stream: .constructionKind)
            }
        default: return previousKinds[first]
        }
    }

    /// Rewrites the first year where an event needs land the landscape has little of: harvested land before the
    /// replanting, abandoned farmland gone to grass, the origin and species of a harvested or pest-damaged stand.
    private mutating func prepareFirstYear(_ kind: SynthEventKind, _ slot: Int) {
        let c = cell(slot)
        func set(_ newKind: SynthLandKind) {
            previousKinds[slot] = newKind
            previousStands[slot] = SynthStandAttributes.first(kind: newKind, seed: seed, layout: layout, slot: slot)
        }
        switch kind {
        case .afforestationHarvested: set(.harvested)
        case .otherGain, .correctionAfforestation: set(.otherGrass)
        case .harvestNatural:
            previousStands[slot].qiYuan = "11"
            previousStands[slot].species = SynthStandAttributes.pick(SynthStandAttributes.Species.natural, seed, .rewrite, c)
        case .harvestInBelt:
            if previousKinds[slot] != .arbor { set(.arbor) }
            fallthrough
        case .harvestPermitted, .harvestNoPermit, .harvestPartial, .harvestExpired, .harvestSplit:
            if previousStands[slot].qiYuan != "21" {
                previousStands[slot].qiYuan = "21"
                previousStands[slot].species = SynthStandAttributes.pick(SynthStandAttributes.Species.planted, seed, .rewrite, c)
            }
        case .constructionInBelt:
            if ![.arbor, .bamboo, .specialShrub, .otherShrub, .sparse].contains(previousKinds[slot]) { set(.arbor) }
        case .pest:
            previousStands[slot].species = unit(.rewrite, slot, 1) < 0.7 ? SynthStandAttributes.Species.massonPine
                : SynthStandAttributes.Species.armandPine
        default: break
        }
    }

    /// Plants the sites of a kind and their permits and other records.
    mutating func plantSites(_ kind: SynthEventKind) throws {
        let found: [[Int]]
        do {
            let seedTest = seeds(kind)
            let membership = self.membership
            let wanted: SynthBelt.Membership? = (kind == .harvestInBelt || kind == .constructionInBelt) ? .inside : nil
            let kinds = previousKinds
            let test: (Int) -> Bool = { slot in
                if let wanted, membership[slot] != wanted { return false }
                return seedTest(slot)
            }
            let size = kind.isClustered ? clusterSize : 1
            let index = SynthEventKind.allCases.firstIndex(of: kind)!
            found = sites.sites(count: siteCount(kind), size: size, seed: seed, index: index, seedTest: test) { seedSlot, q in
                test(q) && kinds[q] == kinds[seedSlot]
            }
        }
        for site in found { try apply(kind, site: site) }
    }

    /// Records a site's second year, its permits and disaster polygons, and its truth row.
    private mutating func apply(_ kind: SynthEventKind, site: [Int]) throws {
        for slot in site { prepareFirstYear(kind, slot) }
        let to = target(kind, site: site)
        for slot in site {
            switch kind {
            case .attributeCategory:
                var s = SynthStandAttributes.grown(previousStands[slot], kind: .arbor, seed: seed, cell: cell(slot))
                s.senLinLB = "012"
                s.shiQuanD = "20"
                s.gjgylBhdj = nil
                s.linZhong = SynthStandAttributes.forestUse(category: "012", seed: seed, cell: cell(slot))
                toStand[slot] = s
                recordChanged[slot] = true
            case .attributeOrigin:
                var s = SynthStandAttributes.grown(previousStands[slot], kind: .arbor, seed: seed, cell: cell(slot))
                s.qiYuan = "11"
                toStand[slot] = s
                recordChanged[slot] = true
            case .permitUnused:
                break
            default:
                toKind[slot] = to
                toStand[slot] = SynthStandAttributes.changed(to: to, from: previousStands[slot], seed: seed, layout: layout, slot: slot)
                reasons[slot] = kind.recordedReason
                recordChanged[slot] = true
            }
        }
        var record = SynthEventRecord(kind: kind, from: site, to: site.map(SynthRef.cell))
        record.inBelt = membership[site[0]] == .inside
        let geometry = try cellsGeometry(site)
        try addPermits(kind, site: site, geometry: geometry, built: to, into: &record)
        try addDisaster(kind, site: site, geometry: geometry)
        events.append(record)
    }

    // MARK: - Permits

    private func gbtCode(_ kind: SynthLandKind) -> String {
        kind.code(in: LandClassTable.builtIn(.gbt21010)) ?? ""
    }

    private static let gbt = LandClassTable.builtIn(.gbt21010)

    /// A permit over `polygon` (a Geometry): kind, validity and use from the event.
    mutating func permit(_ kind: String, _ polygon: Geometry, from: String, to: String, use: String,
                                 useName: String, approved: Double? = nil, volume: Double? = nil, township: String,
                                 startYear: Int) throws -> Int {
        let prefix = kind == "采伐" ? "花林采" : kind == "占用" ? "黔林地审" : "花林临占"
        let number = next(kind + String(startYear))
        let pzwh = kind == "采伐" ? "\(prefix)〔\(startYear)〕第\(number.zeroPadded(4))号"
            : "\(prefix)〔\(startYear)〕\(number.zeroPadded(4))号"
        let hectares = Self.round4(AreaUnit.hectares(try squareMetres(polygon)))
        permits.append(SynthPermit(number: pzwh, kind: kind, validFrom: from, validTo: to,
                                   approvedHectares: approved ?? hectares, use: use, useName: useName, volume: volume,
                                   township: township, polygons: SynthWKB.orientedRings(try polygon.wkb.polygons())))
        return permits.count - 1
    }

    /// A harvest permit (采伐, 主伐) with its approved volume.
    mutating func addHarvestPermit(_ polygon: Geometry, from: String, to: String, volume: Double, township: String,
                                   startYear: Int) throws -> Int {
        try permit("采伐", polygon, from: from, to: to, use: "主伐", useName: "主伐（皆伐）", volume: (volume * 10).rounded() / 10,
                   township: township, startYear: startYear)
    }

    /// The red line of an event: the site grown by 2 m (drawn independently of the sub-compartments).
    private func redLine(_ site: Geometry) throws -> Geometry { try site.buffer(2, quadrantSegments: 2) }

    /// The western part of a site's red line, leaving a hashed 30–45% of the site (and more than 800 m²)
    /// uncovered: the red line of an over-use.
    private func partialRedLine(_ site: Geometry, _ slot: Int) throws -> (Geometry, Double) {
        guard let box = site.envelope else { throw ForestMapError(.internalFailure, "synth: empty site") }
        let full = try squareMetres(site)
        var share = 0.55 + 0.15 * unit(.permitCut, slot)
        while true {
            let cut = box.minX + share * (box.maxX - box.minX)
            let rectangle = try Geometry(wkb: SynthWKB.multiPolygon([[[
                Point(box.minX - 50, box.minY - 50), Point(cut, box.minY - 50), Point(cut, box.maxY + 50),
                Point(box.minX - 50, box.maxY + 50), Point(box.minX - 50, box.minY - 50),
            ]]]), context: context)
            let line = try redLine(site).intersection(rectangle)
            let uncovered = try squareMetres(try site.difference(line))
            if uncovered >= min(800, 0.3 * full) || share < 0.2 { return (line, uncovered) }
            share -= 0.1
        }
    }

    private mutating func addPermits(_ kind: SynthEventKind, site: [Int], geometry: Geometry, built: SynthLandKind,
                                     into record: inout SynthEventRecord) throws {
        let first = site[0], y = year, township = townshipCode(first)
        let volume = site.reduce(0.0) { $0 + (previousStands[$1].volume ?? 0) * previousHectares[$1] }
        func harvest(_ polygon: Geometry, valid: Bool) throws -> Int {
            let from = valid ? date(y, months: 1...6, first, 1) : date(y - 2, months: 7...12, first, 1)
            let to = valid ? "\(y)-12-31" : date(y - 1, months: 7...12, first, 2)
            return try addHarvestPermit(polygon, from: from, to: to, volume: volume, township: township, startYear: valid ? y : y - 2)
        }
        func approval(_ polygon: Geometry, use: String, validity: (String, String, Int), approved: Double? = nil,
                      temporary: Bool = false) throws -> Int {
            try permit(temporary ? "临时占用" : "占用", polygon, from: validity.0, to: validity.1, use: use,
                       useName: Self.gbt.chineseName(ofCode: use) ?? use, approved: approved, township: township,
                       startYear: validity.2)
        }
        let valid = (date(y - 1, months: 3...12, first, 3), date(y + 2, months: 1...12, first, 4), y - 1)
        let expired = (date(y - 3, months: 1...12, first, 5), date(y - 1, months: 1...6, first, 6), y - 3)
        let use = gbtCode(built)
        switch kind {
        case .harvestPermitted, .harvestNatural, .harvestInBelt:
            record.permits = [try harvest(try redLine(geometry), valid: true)]
        case .harvestExpired:
            record.permits = [try harvest(try redLine(geometry), valid: false)]
        case .harvestPartial:
            let (line, uncovered) = try partialRedLine(geometry, first)
            record.permits = [try harvest(line, valid: true)]
            record.uncoveredHectares = Self.round4(AreaUnit.hectares(uncovered))
        case .constructionApproved, .constructionInBelt:
            record.permits = [try approval(try redLine(geometry), use: use, validity: valid)]
        case .constructionBeyondPolygon:
            let (line, uncovered) = try partialRedLine(geometry, first)
            record.permits = [try approval(line, use: use, validity: valid)]
            record.uncoveredHectares = Self.round4(AreaUnit.hectares(uncovered))
        case .constructionBeyondArea:
            let changed = Self.round4(AreaUnit.hectares(try squareMetres(geometry)))
            let approved = Self.round4(changed * (0.5 + 0.2 * unit(.permitCut, first, 2)))
            record.permits = [try approval(try redLine(geometry), use: use, validity: valid, approved: approved)]
            record.uncoveredHectares = Self.round4(changed - approved)
        case .constructionExpired:
            record.permits = [try approval(try redLine(geometry), use: use, validity: expired)]
        case .constructionWrongUse:
            // Approved for another use: housing approved where industry was built, a highway where housing was.
            let other = use.hasPrefix("07") ? "1003" : "0701"
            record.permits = [try approval(try redLine(geometry), use: other, validity: valid)]
            record.note = "approved for \(other), built \(use)"
        case .constructionRenewed:
            record.permits = [try approval(try redLine(geometry), use: use, validity: expired),
                              try approval(try redLine(geometry), use: use, validity: (date(y, months: 1...3, first, 7), date(y + 2, months: 1...12, first, 8), y))]
            record.note = "an expired approval and its valid renewal"
        case .temporaryNotRestored:
            // Temporary use for a quarry, approved for a year, expired during the period and not restored.
            record.permits = [try approval(try redLine(geometry), use: use,
                                           validity: (date(y - 1, months: 1...6, first, 9), date(y, months: 1...6, first, 10), y - 1),
                                           temporary: true)]
            record.note = "temporary use expired in \(y), land not restored"
        case .permitUnused:
            record.permits = [try approval(try redLine(geometry), use: "0602", validity: (date(y, months: 1...6, first, 11), date(y + 2, months: 1...12, first, 12), y))]
            record.note = "a valid approval not yet used: the forest is still there"
        default:
            break
        }
    }

    /// Burned-area and pest polygons for fire and pest events: the site itself, dated in the period.
    private mutating func addDisaster(_ kind: SynthEventKind, site: [Int], geometry: Geometry) throws {
        guard kind == .fire || kind == .pest else { return }
        let first = site[0]
        let hectares = Self.round4(AreaUnit.hectares(try squareMetres(geometry)))
        let isFire = kind == .fire
        let number = next(isFire ? "fire" : "pest")
        let causes = isFire ? ["祭祀用火", "农事用火", "吸烟", "雷击"] : ["松材线虫病", "松毛虫", "松突圆蚧"]
        let cause = causes[Int(unit(.disasters, first) * Double(causes.count))]
        disasters.append(SynthDisaster(kind: isFire ? .fire : .pest,
                                       number: "\(isFire ? "HZ" : "YH")\(year)\(number.zeroPadded(4))",
                                       date: date(year, months: isFire ? 1...4 : 5...9, first, 20), cause: cause,
                                       township: townshipCode(first), occurrenceHectares: hectares, damageHectares: hectares,
                                       polygons: SynthWKB.orientedRings(try geometry.wkb.polygons())))
    }
}

extension SynthWKB {
    /// Polygons with shells counter-clockwise and holes clockwise, as `PolygonRings`.
    static func orientedRings(_ polygons: [PolygonRings]) -> [PolygonRings] {
        oriented(polygons).map { PolygonRings(rings: $0) }
    }
}

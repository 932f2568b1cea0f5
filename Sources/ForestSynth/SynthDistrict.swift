import Foundation
import Geo
import ForestMapCore

/// Everything about the synthetic district except its files: layout, land and records in both years, the planted
/// events, permits and other layers. First-year arrays are by slot, in key order, the order the layer lists them.
struct SynthDistrict: Sendable {
    let options: SynthOptions
    let layout: DistrictLayout
    let previousTable: LandClassTable
    let currentTable: LandClassTable
    /// The first year: ground kinds, records, MIAN_JI (ellipsoidal hectares, 4 decimals), shells.
    let previousKinds: [SynthLandKind]
    let previousStands: [SynthStand]
    let previousHectares: [Double]
    let previousRings: SynthRings
    let second: SynthSecondYear
    let events: [SynthEventRecord]
    let permits: [SynthPermit]
    let disasters: [SynthDisaster]
    let tasks: [SynthTask]
    let economy: [SynthEconomyProject]
    let belt: SynthBelt

    /// The district centre: 106.65° E, 26.42° N.
    static let centreLongitude = 106.65
    static let centreLatitude = 26.42
    /// CGCS2000 / 3-degree Gauss-Kruger CM 108E.
    static let epsg = 4545

    static func build(_ options: SynthOptions) throws -> SynthDistrict {
        let srs = try SpatialReference(epsg: epsg)
        let seed = options.seed
        let shape = try DistrictShape.make(options) { try centre(in: srs) }
        let layout = DistrictLayout.build(shape: shape, seed: seed)
        let previous = LandClassTable.builtIn(options.previousSystem)
        let current = LandClassTable.builtIn(options.currentSystem)
        let landscape = SynthLandscape.generate(layout: layout, seed: seed)
        let n = layout.count
        let stands = (0..<n).map { SynthStandAttributes.first(kind: landscape.kinds[$0], seed: seed, layout: layout, slot: $0) }
        let chunks = max(1, min(64, n / 5_000))
        let hectares = try ParallelJobs.map(jobs: chunks, threads: nil, state: {}) { _, chunk in
            let calculator = try AreaCalculator(method: .ellipsoidal, spatialReference: try SpatialReference(epsg: epsg),
                                                layerLabel: "synth")
            return try (n * chunk / chunks..<n * (chunk + 1) / chunks).map { slot in
                let square = try calculator.squareMetres([PolygonRings(rings: [layout.ring(slot)])])
                return SynthStandAttributes.round(AreaUnit.hectares(square), 10_000)
            }
        }.flatMap { $0 }
        var planner = try SynthPlanner(options: options, layout: layout, landscape: landscape, previousStands: stands,
                                       previousHectares: hectares, previousTable: previous, currentTable: current)
        try planner.plant()
        let second = try planner.finish()
        let tasks = try planner.tasks(second: second)
        let economy = planner.economyProjects()
        return SynthDistrict(options: options, layout: layout, previousTable: previous, currentTable: current,
                             previousKinds: planner.previousKinds, previousStands: planner.previousStands,
                             previousHectares: hectares, previousRings: planner.previousRings, second: second,
                             events: planner.events, permits: planner.permits, disasters: planner.disasters, tasks: tasks,
                             economy: economy, belt: planner.belt)
    }

    /// The centre in the layer CRS, rounded to whole metres (so a PROJ update cannot shift every coordinate).
    static func centre(in srs: SpatialReference) throws -> Point {
        let transform = try CoordinateTransform(from: try SpatialReference(epsg: 4490), to: srs)
        var xs = [centreLongitude], ys = [centreLatitude]
        try transform.transform(xs: &xs, ys: &ys)
        return Point(xs[0].rounded(), ys[0].rounded())
    }

    // MARK: - The first year

    /// DI_LEI of a first-year sub-compartment.
    func previousCode(_ slot: Int) -> String {
        previousKinds[slot].recorded(in: previousTable).code(in: previousTable) ?? ""
    }

    /// The class the first year's code table reads its DI_LEI as.
    func previousClass(_ slot: Int) -> LandClass {
        previousTable.classify(previousCode(slot)) ?? previousKinds[slot].recorded(in: previousTable).landClass
    }

    /// Q_DI_LEI: the first year's code translated to the second year's system where the class has a code there,
    /// else the first year's code.
    func previousCodeInCurrentSystem(_ slot: Int) -> String {
        let kind = previousKinds[slot].recorded(in: previousTable)
        if currentTable.code(for: kind.landClass) != nil, let translated = kind.code(in: currentTable) { return translated }
        return previousCode(slot)
    }

    /// The 9-digit township code of a first-year sub-compartment.
    func townshipCode(_ slot: Int) -> String { layout.county.townships[Int(layout.township[slot])].divisionCode }

    // MARK: - The second year

    func kind(_ ref: SynthRef) -> SynthLandKind {
        if let slot = ref.slot { return second.kinds[slot] }
        return second.pieces[ref.piece!].kind
    }

    func stand(_ ref: SynthRef) -> SynthStand {
        if let slot = ref.slot { return second.stands[slot] }
        return second.pieces[ref.piece!].stand
    }

    /// DI_LEI of a second-year sub-compartment.
    func currentCode(_ ref: SynthRef) -> String { kind(ref).recorded(in: currentTable).code(in: currentTable) ?? "" }
    /// The class the second year's code table reads its DI_LEI as (GB/T 21010 reads 0307 and 0305 by its settings).
    func currentClass(_ ref: SynthRef) -> LandClass {
        currentTable.classify(currentCode(ref)) ?? kind(ref).recorded(in: currentTable).landClass
    }

    /// BHYY recorded in the second year.
    func reason(_ ref: SynthRef) -> String? {
        if let slot = ref.slot { return second.reasons[slot] }
        return second.pieces[ref.piece!].reason
    }

    /// The first-year slot whose values the Q_ fields repeat, when the record changed.
    func changedFrom(_ ref: SynthRef) -> Int? {
        if let slot = ref.slot { return second.changed[slot] ? slot : nil }
        return second.pieces[ref.piece!].changedFrom
    }

    func hectares(_ ref: SynthRef) -> Double {
        if let slot = ref.slot { return second.hectares[slot] }
        return second.pieceHectares[ref.piece!]
    }

    func shell(_ ref: SynthRef) -> [Point] {
        if let slot = ref.slot { return second.rings.ring(cell: Int(layout.cell[slot])) }
        return second.pieces[ref.piece!].shell
    }

    /// (township index, village, LIN_BAN, XIAO_BAN).
    func keyParts(_ ref: SynthRef) -> (UInt8, UInt8, UInt16, UInt16) {
        if let slot = ref.slot { return (layout.township[slot], layout.village[slot], layout.linBan[slot], layout.xiaoBan[slot]) }
        let p = second.pieces[ref.piece!]
        return (p.township, p.village, p.linBan, p.xiaoBan)
    }

    /// XIAN|XIANG|CUN|LIN_BAN|XIAO_BAN of a second-year sub-compartment.
    func key(_ ref: SynthRef) -> String {
        let (t, v, lb, xb) = keyParts(ref)
        return [layout.county.code, layout.county.townships[Int(t)].code, Int(v).zeroPadded(3),
                Int(lb).zeroPadded(4), Int(xb).zeroPadded(4)].joined(separator: "|")
    }

    func townshipCode(_ ref: SynthRef) -> String { layout.county.townships[Int(keyParts(ref).0)].divisionCode }
}

extension DistrictLayout {
    /// The first-year polygon shell of a sub-compartment.
    func ring(_ slot: Int) -> [Point] {
        let c = Int(cell[slot])
        return grid.ring(grid.column(ofCell: c), grid.row(ofCell: c))
    }
}

import Foundation
import Geo

/// Everything about the synthetic district except its files: layout, land in both years, attributes, areas.
/// Per-sub-compartment arrays are in key order, the order the layers list them.
struct SynthDistrict {
    let options: SynthOptions
    let layout: DistrictLayout
    let previousTable: LandClassTable
    let currentTable: LandClassTable
    /// Ground kinds per year.
    let previousKinds: [SynthLandKind]
    let currentKinds: [SynthLandKind]
    let events: [SynthEvent]
    let previousStands: [SynthStand]
    let currentStands: [SynthStand]
    /// MIAN_JI: ellipsoidal area in hectares, 4 decimals.
    let hectares: [Double]

    /// The district centre: 106.65° E, 26.42° N.
    static let centreLongitude = 106.65
    static let centreLatitude = 26.42
    /// CGCS2000 / 3-degree Gauss-Kruger CM 108E.
    static let epsg = 4545

    static func build(_ options: SynthOptions) throws -> SynthDistrict {
        let srs = try SpatialReference(epsg: epsg)
        let seed = options.seed
        let shape = try DistrictShape.grow(count: options.subcompartments, seed: seed, centre: try centre(in: srs))
        let layout = DistrictLayout.build(shape: shape, seed: seed)
        let previous = LandClassTable.builtIn(options.previousSystem)
        let current = LandClassTable.builtIn(options.currentSystem)
        let landscape = SynthLandscape.generate(layout: layout, seed: seed)
        let n = layout.count
        let previousStands = (0..<n).map { SynthStandAttributes.first(kind: landscape.kinds[$0], seed: seed, layout: layout, slot: $0) }
        let changes = SynthYearChanges.plan(landscape: landscape, stands: previousStands, layout: layout, seed: seed,
                                       previous: previous, current: current)
        let currentStands = (0..<n).map { slot in
            SynthStandAttributes.second(previous: previousStands[slot], from: landscape.kinds[slot].recorded(in: previous),
                                   to: changes.kinds[slot].recorded(in: current), event: changes.event[slot],
                                   seed: seed, layout: layout, slot: slot)
        }
        let chunks = max(1, min(64, n / 5_000))
        let hectares = try SynthParallel.map(chunks) { chunk in
            let calculator = try AreaCalculator(method: .ellipsoidal, spatialReference: try SpatialReference(epsg: epsg),
                                                layerLabel: "synth")
            return try (n * chunk / chunks..<n * (chunk + 1) / chunks).map { slot in
                let square = try calculator.squareMetres([PolygonRings(rings: [layout.ring(slot)])])
                return SynthStandAttributes.round(AreaUnit.hectares(square), 10_000)
            }
        }.flatMap { $0 }
        return SynthDistrict(options: options, layout: layout, previousTable: previous, currentTable: current,
                             previousKinds: landscape.kinds, currentKinds: changes.kinds, events: changes.event,
                             previousStands: previousStands, currentStands: currentStands, hectares: hectares)
    }

    /// The centre in the layer CRS, rounded to whole metres (so a PROJ update cannot shift every coordinate).
    static func centre(in srs: SpatialReference) throws -> Point {
        let transform = try CoordinateTransform(from: try SpatialReference(epsg: 4490), to: srs)
        var xs = [centreLongitude], ys = [centreLatitude]
        try transform.transform(xs: &xs, ys: &ys)
        return Point(xs[0].rounded(), ys[0].rounded())
    }

    /// The DI_LEI of a sub-compartment in the previous (`current == false`) or current year.
    func code(_ slot: Int, current: Bool) -> String {
        let table = current ? currentTable : previousTable
        let kind = (current ? currentKinds : previousKinds)[slot].recorded(in: table)
        return kind.code(in: table) ?? ""
    }

    /// Q_DI_LEI for a changed sub-compartment: the previous code translated to the current system where the class
    /// has a code there, else the previous code.
    func previousCodeInCurrentSystem(_ slot: Int) -> String {
        let kind = previousKinds[slot].recorded(in: previousTable)
        if currentTable.code(for: kind.landClass) != nil, let translated = kind.code(in: currentTable) { return translated }
        return code(slot, current: false)
    }

    /// The 9-digit township code of a sub-compartment.
    func townshipCode(_ slot: Int) -> String { HuaxiTownships.all[Int(layout.township[slot])].divisionCode }
}

extension DistrictLayout {
    /// The polygon shell of a sub-compartment.
    func ring(_ slot: Int) -> [Point] {
        let c = Int(cell[slot])
        return grid.ring(grid.column(ofCell: c), grid.row(ofCell: c))
    }
}

/// A planted change between the two years, as truth.csv names it.
enum SynthEvent: UInt8, CaseIterable, Sendable {
    case none, afforestation, harvest, construction, reclassification

    var name: String {
        switch self {
        case .none: "none"
        case .afforestation: "afforestation"
        case .harvest: "harvest"
        case .construction: "construction"
        case .reclassification: "reclassification"
        }
    }

    /// BHYY, the change reason (DOMAIN §5); a reclassification is no change on the ground and has none.
    var reasonCode: String? {
        switch self {
        case .afforestation: "10"
        case .harvest: "20"
        case .construction: "41"
        case .none, .reclassification: nil
        }
    }
}

/// The second year on the ground (geometry unchanged): about 1.5% of forest-land cells' worth of arbor forest
/// harvested, 1% of forest land built on, 1.5% afforested (from suitable, unestablished or other treeless land),
/// and every cell whose class the new code system files elsewhere (017x, 0180, 163x in old4 → new6) reclassified.
struct SynthYearChanges {
    /// Per sub-compartment, in key order.
    let event: [SynthEvent]
    /// The ground kind in the second year.
    let kinds: [SynthLandKind]

    static let harvestRate = 0.015
    static let constructionRate = 0.01
    static let afforestationRate = 0.015

    static func plan(landscape: SynthLandscape, stands: [SynthStand], layout: DistrictLayout, seed: UInt64,
                     previous: LandClassTable, current: LandClassTable) -> SynthYearChanges {
        let first = landscape.kinds
        let n = first.count
        let recordedFirst = first.map { $0.recorded(in: previous) }
        let forestLand = recordedFirst.filter { $0.landClass.isForestLand }.count
        var event = [SynthEvent](repeating: .none, count: n)
        var kinds = first

        /// Picks `rate` × forest land of the candidates, preferring high weights: the smallest u / weight.
        func choose(_ rate: Double, _ stream: SynthStream, weight: (Int) -> Double?) -> [Int] {
            var keyed: [(Double, Int)] = []
            for slot in 0..<n where event[slot] == .none {
                guard let w = weight(slot), w > 0 else { continue }
                keyed.append((SynthHash.unit(seed, stream, Int(layout.cell[slot])) / w, slot))
            }
            keyed.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
            let count = min(keyed.count, max(1, Int((rate * Double(forestLand)).rounded())))
            return keyed.prefix(count).map(\.1)
        }
        func existsInCurrent(_ kind: SynthLandKind) -> Bool { current.code(for: kind.landClass) != nil }

        // Harvest: arbor forest, mostly planted commercial forest; a few in natural or public-welfare forest,
        // which the inspection must then find.
        for slot in choose(harvestRate, .harvest, weight: { slot in
            guard first[slot] == .arbor, recordedFirst[slot] == .arbor else { return nil }
            let commercial = stands[slot].senLinLB?.hasPrefix("02") ?? false
            let planted = stands[slot].qiYuan?.hasPrefix("2") ?? false
            return commercial ? (planted ? 1 : 0.1) : 0.02
        }) {
            event[slot] = .harvest
            kinds[slot] = .harvested
        }

        // Construction on forest land, mostly near town.
        for slot in choose(constructionRate, .construction, weight: { slot in
            let kind = first[slot]
            guard kind.landClass.isForestLand, recordedFirst[slot] == kind, existsInCurrent(kind) else { return nil }
            return 0.25 + 3 * landscape.urbanCloseness[slot]
        }) {
            event[slot] = .construction
            kinds[slot] = SynthLandscape.constructionKind(landscape.urbanCloseness[slot], seed, Int(layout.cell[slot]),
                                                     stream: .constructionKind)
        }

        // Afforestation: unestablished land first, then suitable land, then other treeless land.
        for slot in choose(afforestationRate, .afforestation, weight: { slot in
            guard recordedFirst[slot] == first[slot] else { return nil }
            switch first[slot].landClass.group {
            case .unestablished: return 3
            case .suitableForForest: return 1.5
            case .otherTreeless: return 1
            default: return nil
            }
        }) {
            event[slot] = .afforestation
            kinds[slot] = .arbor
        }

        // Reclassification: nothing happened on the ground, but the new code system files the land in another
        // class, forest land on at least one side (017x, 0180, 163x → GB/T 21010 grass, bare land, rural road).
        for slot in 0..<n where event[slot] == .none {
            let from = recordedFirst[slot].landClass, to = first[slot].recorded(in: current).landClass
            if from != to, from.isForestLand || to.isForestLand { event[slot] = .reclassification }
        }
        return SynthYearChanges(event: event, kinds: kinds)
    }
}

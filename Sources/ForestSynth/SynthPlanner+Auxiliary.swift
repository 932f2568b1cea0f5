import Geo

/// Afforestation tasks and under-forest economy projects: records about the land that change nothing on it.
extension SynthPlanner {
    /// 营造林任务: a completed afforestation task over every afforestation site on suitable or harvested land
    /// (afforestation on farmland and survey corrections have none); afforestation tasks not done yet; tending
    /// (抚育) of young planted stands, mostly done; replanting of returned farmland (退耕还林补植), partly done.
    mutating func tasks(second: SynthSecondYear) throws -> [SynthTask] {
        var tasks: [SynthTask] = []
        func hectares(_ refs: [SynthRef]) -> Double {
            Self.round4(refs.reduce(0) { $0 + ($1.slot.map { second.hectares[$0] } ?? second.pieceHectares[$1.piece!]) })
        }
        func add(_ kind: String, _ slots: [Int], target: Double, done: Double) throws {
            let number = next("task")
            tasks.append(SynthTask(number: "ZL\(year)\(number.zeroPadded(4))", kind: kind, township: townshipCode(slots[0]),
                                   targetHectares: target, doneHectares: done,
                                   polygons: SynthWKB.orientedRings(try cellsGeometry(slots).wkb.polygons())))
        }
        for event in events where event.kind == .afforestationSuitable || event.kind == .afforestationHarvested {
            let area = hectares(event.to)
            try add("造林", event.from, target: area, done: area)
        }
        let afforested = tasks.count
        let extra: [(String, [SynthLandKind], Int)] = [
            ("造林", [.suitableBarren, .suitableOther], max(1, afforested / 4)),
            ("抚育", [.unestablishedPlanted, .arbor], max(2, afforested / 2)),
            ("退耕还林补植", [.unestablishedPlanted, .unestablishedEnclosed, .arbor], max(1, afforested / 4)),
        ]
        for (k, (kind, from, count)) in extra.enumerated() {
            let found: [[Int]]
            do {
                let kinds = previousKinds, stands = previousStands
                found = sites.sites(count: count, size: 1, seed: seed, index: 100 + k, seedTest: { slot in
                    from.contains(kinds[slot]) && (kinds[slot] != .arbor || stands[slot].qiYuan == "21")
                }, memberTest: { _, _ in false })
            }
            for site in found {
                let area = Self.round4(second.hectares[site[0]])
                // Afforestation not done yet; tending done in 80% of the tasks; replanting 80% done.
                let done = k == 0 ? 0 : k == 1 ? (unit(.tasks, site[0], 1) < 0.8 ? area : 0) : Self.round4(0.8 * area)
                try add(kind, site, target: area, done: done)
            }
        }
        return tasks
    }

    /// 林下经济: 18 projects, 2 in each of the 9 townships with most forest (docs/domain.md §4), on arbor forest.
    mutating func economyProjects() -> [SynthEconomyProject] {
        let townships = ["101", "102", "104", "105", "201", "205", "207", "208", "209"]
        let kinds = ["林下种植", "林下养殖", "林下采集加工", "森林康养"]
        let names = ["林下中药材种植", "林下食用菌种植", "林下生态鸡养殖", "林下蜂蜜养殖", "林下竹笋采集加工", "森林康养基地"]
        var projects: [SynthEconomyProject] = []
        for code in townships {
            guard let t = layout.county.townships.firstIndex(where: { $0.code == code }) else { continue }
            // Free arbor forest first, then any arbor forest, then any land of the township.
            var picked: [Int] = []
            for pass in 0..<3 {
                for slot in SynthSitePlanner.scrambled(layout.count, seed: seed, stream: .economy, t) where picked.count < 2 {
                    guard Int(layout.township[slot]) == t, pass == 2 || previousKinds[slot] == .arbor, pass > 0 || sites.isFree(slot),
                          !picked.contains(slot) else { continue }
                    picked.append(slot)
                }
            }
            for slot in picked {
                if sites.isFree(slot) { sites.take([slot]) }
                let number = next("economy")
                let k = Int(unit(.economy, slot) * Double(names.count))
                let kind = k < 2 ? kinds[0] : k < 4 ? kinds[1] : k == 4 ? kinds[2] : kinds[3]
                let c = cell(slot), grid = layout.grid
                projects.append(SynthEconomyProject(
                    number: "LX\(year)\(number.zeroPadded(3))", name: layout.county.townships[t].name + names[k],
                    township: layout.county.townships[t].divisionCode, townshipName: layout.county.townships[t].name, kind: kind,
                    scaleMu: Double(50 + 50 * Int(unit(.economy, slot, 1) * 10)),
                    point: grid.centre(grid.column(ofCell: c), grid.row(ofCell: c))))
            }
        }
        return projects
    }
}

import Geo
import ForestMapCore

/// The end of planning: the second year's records, the rows for land nothing happened to, keys, order, areas.
extension SynthPlanner {
    mutating func finish() throws -> SynthSecondYear {
        let n = layout.count
        var kinds = previousKinds
        var stands = [SynthStand]()
        stands.reserveCapacity(n)
        for slot in 0..<n {
            if let kind = toKind[slot] { kinds[slot] = kind }
            if let stand = toStand[slot] {
                stands.append(stand)
            } else if !kinds[slot].recorded(in: currentTable).landClass.isForestLand {
                // Land the new code system files outside forest land keeps no forest record.
                stands.append(SynthStand())
            } else {
                stands.append(SynthStandAttributes.grown(previousStands[slot], kind: kinds[slot], seed: seed, cell: cell(slot)))
            }
        }
        func read(_ kind: SynthLandKind, _ table: LandClassTable) -> LandClass {
            let recorded = kind.recorded(in: table)
            return recorded.code(in: table).flatMap(table.classify) ?? recorded.landClass
        }

        // Reclassification: nothing happened on the ground but the new code system files the land in another
        // class (017x, 0180, 163x → GB/T 21010 grass, bare land, rural road; orchards the old system files as
        // farmland).
        var inEvent = [Bool](repeating: false, count: n)
        for event in events { for s in event.from { inEvent[s] = true } }
        var reclassified = [Bool](repeating: false, count: n)
        for slot in 0..<n where !inEvent[slot] && !replaced[slot] {
            let from = read(previousKinds[slot], previousTable), to = read(kinds[slot], currentTable)
            if from != to {
                reclassified[slot] = true
                recordChanged[slot] = true
            }
        }
        // One row per edge-connected group of one township and one pair of classes: what a change detection
        // merges into one patch.
        var group = [Int32](repeating: -1, count: n)
        for slot in 0..<n where reclassified[slot] && group[slot] < 0 {
            var members = [slot], k = 0
            group[slot] = Int32(slot)
            let key = (layout.township[slot], read(previousKinds[slot], previousTable), read(kinds[slot], currentTable))
            while k < members.count {
                for q in neighbourhood.neighbours(members[k]) where reclassified[q] && group[q] < 0 {
                    guard layout.township[q] == key.0, read(previousKinds[q], previousTable) == key.1,
                          read(kinds[q], currentTable) == key.2 else { continue }
                    group[q] = Int32(slot)
                    members.append(q)
                }
                k += 1
            }
            members.sort()
            var record = SynthEventRecord(kind: .reclassification, from: members, to: members.map(SynthRef.cell))
            record.inBelt = members.contains { membership[$0] == .inside }
            if members.contains(where: { geometryChanged[$0] }) { record.note = "boundary re-digitised too" }
            events.append(record)
        }
        // Boundaries re-digitised, nothing else.
        for slot in 0..<n where geometryChanged[slot] && !inEvent[slot] && !reclassified[slot] && !replaced[slot] {
            var record = SynthEventRecord(kind: .redigitised, from: [slot], to: [.cell(slot)],
                                          note: currentRings.isResurveyed(neighbourhood.column(slot), neighbourhood.row(slot))
                                              ? "village re-surveyed" : "edge shared with a re-surveyed village")
            record.inBelt = membership[slot] == .inside
            events.append(record)
        }
        let rank = Dictionary(uniqueKeysWithValues: SynthEventKind.allCases.enumerated().map { ($1, $0) })
        events.sort { a, b in
            a.kind != b.kind ? rank[a.kind]! < rank[b.kind]! : a.from.lexicographicallyPrecedes(b.from)
        }

        // New XIAO_BANs after the last of each LIN_BAN, in planting order.
        func linBanKey(_ t: UInt8, _ v: UInt8, _ lb: UInt16) -> UInt64 { UInt64(t) << 40 | UInt64(v) << 24 | UInt64(lb) }
        var last: [UInt64: UInt16] = [:]
        for slot in 0..<n {
            let key = linBanKey(layout.township[slot], layout.village[slot], layout.linBan[slot])
            last[key] = max(last[key] ?? 0, layout.xiaoBan[slot])
        }
        for k in pieces.indices {
            let key = linBanKey(pieces[k].township, pieces[k].village, pieces[k].linBan)
            let number = (last[key] ?? 0) + 1
            last[key] = number
            pieces[k].xiaoBan = number
        }
        precondition(last.values.allSatisfy { $0 <= 9999 }, "more than 9999 XIAO_BAN in a LIN_BAN")

        // Key order.
        func sortKey(_ t: UInt8, _ v: UInt8, _ lb: UInt16, _ xb: UInt16) -> UInt64 {
            UInt64(t) << 48 | UInt64(v) << 32 | UInt64(lb) << 16 | UInt64(xb)
        }
        var keyed: [(UInt64, SynthRef)] = []
        keyed.reserveCapacity(n + pieces.count)
        for slot in 0..<n where !replaced[slot] {
            keyed.append((sortKey(layout.township[slot], layout.village[slot], layout.linBan[slot], layout.xiaoBan[slot]), .cell(slot)))
        }
        for (k, p) in pieces.enumerated() { keyed.append((sortKey(p.township, p.village, p.linBan, p.xiaoBan), .piece(k))) }
        keyed.sort { $0.0 < $1.0 }

        // Areas of what changed shape.
        let rings = currentRings, layout = self.layout, changed = geometryChanged, pieceShells = pieces.map(\.shell)
        let recompute = (0..<n).filter { changed[$0] && !replaced[$0] }
        let jobs = recompute.count + pieceShells.count
        let chunks = max(1, min(64, jobs / 2_000))
        let areas = try ParallelJobs.map(jobs: chunks, threads: nil, state: {}) { _, chunk -> [Double] in
            let calculator = try AreaCalculator(method: .ellipsoidal, spatialReference: try SpatialReference(epsg: SynthDistrict.epsg),
                                                layerLabel: "synth")
            return try (jobs * chunk / chunks..<jobs * (chunk + 1) / chunks).map { job in
                let shell = job < recompute.count ? rings.ring(cell: Int(layout.cell[recompute[job]])) : pieceShells[job - recompute.count]
                return SynthStandAttributes.round(AreaUnit.hectares(try calculator.squareMetres([PolygonRings(rings: [shell])])), 10_000)
            }
        }.flatMap { $0 }
        var hectares = previousHectares
        for (k, slot) in recompute.enumerated() { hectares[slot] = areas[k] }
        let pieceHectares = Array(areas[recompute.count...])

        var reasonsOut = reasons
        for slot in 0..<n where toKind[slot] == nil { reasonsOut[slot] = nil }
        return SynthSecondYear(kinds: kinds, stands: stands, reasons: reasonsOut, changed: recordChanged, replaced: replaced,
                               pieces: pieces, rings: currentRings, order: keyed.map(\.1), hectares: hectares,
                               pieceHectares: pieceHectares)
    }
}

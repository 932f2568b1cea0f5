import Foundation
import Geo
import ForestMapCore
import PlanarKernel

/// 一张图年度更新: last year's sub-compartment map plus this year's verified change patches gives this year's map.
///
/// 1. **Conflicts.** Where two patches overlap, the overlap goes to the later one (BHND), then to the smaller one
///    (the more specific), then to the later feature in the patch layer; each overlap above the noise area is
///    reported (`PatchConflict`). Two record updates of one sub-compartment: the later feature wins.
/// 2. **Cut.** Every sub-compartment a patch covers is intersected with it (OverlayNG, full precision): the part
///    inside takes the patch's record, the rest keeps the sub-compartment's. Parts become single polygons.
/// 3. **Slivers.** A piece below the map unit (`[area] map_unit_mu`), or a strip narrower on average than
///    `[check] thin_width_m` (a patch drawn a few metres over a boundary), is merged into the neighbour with the longest
///    shared edge — a piece of the same patch first, so a patch stays whole — and the ledger counts the area whose
///    class the merge changed under reason 97 (边界细碎图斑合并). The largest piece of a patch is never a sliver: a verified change smaller than
///    the map unit stays as drawn. Pieces of at most `minimumSquareMetres` (numerical dust) are dropped.
/// 4. **Keys.** The largest piece of a cut sub-compartment keeps its key; each other piece gets the next free
///    XIAO_BAN of its LIN_BAN (zero-padded like its parent's), in the order of the parent's key and then by area;
///    Q_KEY holds the parent's key on every piece of a cut or changed sub-compartment.
/// 5. **Records.** Q_DI_LEI, Q_SEN_LB and Q_LIN_ZHONG get the previous values where any of the three changed (and
///    are empty elsewhere); BHYY, BHND and BH_YJ come from the patch; MIAN_JI is the new area of every piece.
///    When the patches use another land-class code system than the map (the switch to the land-survey codes),
///    every code the patches do not set is carried into the patches' system by its class.
///
/// Cutting and sliver search run in parallel chunks, each with its own GEOS context; results are joined in map
/// order, so the output does not depend on the number of threads.
public struct MapUpdate: Sendable {
    /// Q_KEY: the key of the previous year's sub-compartment a piece comes from.
    public static let parentKeyField = "Q_KEY"
    /// BH_YJ: the basis of a change (permit or approval number).
    public static let basisField = "BH_YJ"
    /// BHYY of a piece merged into a neighbour by the reason-97 merge (边界细碎图斑合并).
    public static let reason97Merge = "97"

    public struct Options: Sendable {
        public var fields = SubCompartmentFields()
        public var areaMethod = AreaMethod.ellipsoidal
        public var mapUnitSquareMetres = 666.667
        /// Pieces this small are numerical dust and dropped.
        public var minimumSquareMetres = 0.01
        /// Pieces narrower than this on average (2 × area / perimeter, metres) are boundary strips, merged like
        /// slivers (`[check] thin_width_m`).
        public var thinWidthMetres = 5.0
        /// BHND where a patch has none, and of merged slivers.
        public var year = ""
        public var threads: Int?
        public init() {}
    }

    /// One sub-compartment of the new map, before it is written.
    public struct Output: Sendable {
        /// Index of the previous year's sub-compartment it comes from.
        public var parent: Int
        public var values: [FieldValue]
        public var geometry: WKB
        public var key: String
        /// Cut, merged or renumbered: its geometry or key differs from the parent's.
        public var touched: Bool
    }

    /// A piece of the map that changed land class, for the ledger.
    public struct ClassChange: Sendable {
        public var townshipCode: String
        public var reason: String
        public var from: LandClass?
        public var to: LandClass?
        public var squareMetres: Double
    }

    /// A changed sub-compartment, before and after.
    public struct ChangedRow: Sendable {
        public var key: String
        public var parentKey: String
        /// `changed` (a patch applied, key kept), `new_number` (a new piece), `kept` (the rest of a cut
        /// sub-compartment), `updated` (record update only), `sliver_merged` (only absorbed slivers),
        /// `merged_away` (every piece merged into neighbours).
        public var status: String
        public var townshipCode: String
        public var patchFIDs: [Int64]
        public var before: [String: String]
        public var after: [String: String]
        public var mianJiBefore: Double?
        public var mianJiAfter: Double?
        public var slivers: Int
    }

    public var fieldDefinitions: [FieldDefinition]
    public var outputs: [Output]
    public var classChanges: [ClassChange]
    public var changed: [ChangedRow]
    public var problems: [PatchProblem]
    public var conflicts: [PatchConflict]
    /// Keys whose class has no code in the patches' system and that no patch set: kept with the map's code.
    public var untranslated: [String]
    public var mapTable: LandClassTable
    public var patchTable: LandClassTable
    public var appliedPatches: Int
    public var recordUpdates: Int
    public var slivers: Int
    public var keptSlivers: Int

    static func township(_ code: String) -> String { code.isEmpty ? "unknown" : code }
}

// MARK: - Computing

extension MapUpdate {
    /// Before and after fields of the changed list, by map field name setting.
    private static func compared(_ f: SubCompartmentFields) -> [(label: String, field: String)] {
        [("di_lei", f.diLei), ("sen_lin_lb", f.senLinLB), ("lin_zhong", f.linZhong), ("qi_yuan", f.qiYuan),
         ("huo_lmgqxj", f.huoLMGQXJ), ("bhyy", f.bhyy)]
    }

    static func compute(map: SubCompartmentLayer, mapFields: [FieldDefinition], patches read: UpdatePatchReader.Read,
                               options: Options) throws -> MapUpdate {
        var problems = read.problems
        var conflicts: [PatchConflict] = []
        let patches = read.patches
        let roles = patchRoles(patches, subs: map.subCompartments, mapLabel: map.label, problems: &problems, conflicts: &conflicts)
        let resolved = try resolveConflicts(patches, geometryPatches: roles.geometryPatches, options: options,
                                            problems: &problems, conflicts: &conflicts)
        let cutMap = try cut(map, patches: patches, geometryPatches: roles.geometryPatches, resolved: resolved, options: options,
                             problems: &problems)
        let mergeResult = try reason97Merge(cutMap, subs: map.subCompartments, effective: resolved.effective, options: options)
        let written = try records(map: map, mapFields: mapFields, patches: read, recordPatch: roles.recordPatch, cut: cutMap,
                                  merged: mergeResult, options: options)
        problems.sort { $0.fid != $1.fid ? $0.fid < $1.fid : $0.reason < $1.reason }
        conflicts.sort { ($0.loser, $0.winner) < ($1.loser, $1.winner) }
        return MapUpdate(fieldDefinitions: written.fieldDefinitions, outputs: written.outputs, classChanges: written.classChanges,
                         changed: written.changed, problems: problems, conflicts: conflicts, untranslated: written.untranslated,
                         mapTable: map.landClassTable, patchTable: read.table, appliedPatches: cutMap.applied,
                         recordUpdates: written.recordUpdates, slivers: mergeResult.merged.count, keptSlivers: mergeResult.keptSlivers)
    }

    /// The map's records after the update: every sub-compartment no patch touched as it was (a record update
    /// applied), every piece of a cut one with its patch's record, the previous values in the Q_ fields, its
    /// number (the largest piece keeps the parent's, the others get the next free ones), MIAN_JI recomputed; and
    /// the ledgers: the class changes by reason, the changed sub-compartments, the codes left untranslated.
    struct Records {
        var fieldDefinitions: [FieldDefinition]
        var outputs: [Output]
        var classChanges: [ClassChange]
        var changed: [ChangedRow]
        var untranslated: [String]
        var recordUpdates: Int
    }

    /// Step 4, the records and keys.
    static func records(map: SubCompartmentLayer, mapFields: [FieldDefinition], patches read: UpdatePatchReader.Read, recordPatch: [Int: Int],
                        cut cutMap: CutMap, merged mergeResult: MergedPieces, options: Options) throws -> Records {
        let f = options.fields
        let subs = map.subCompartments
        let names = mapFields.map(\.name)
        func index(_ name: String) -> Int? {
            names.firstIndex(of: name) ?? names.firstIndex { $0.caseInsensitiveCompare(name) == .orderedSame }
        }
        // The output schema: the map's fields, DI_LEI wide enough for 6-digit codes, then what it lacks.
        var defs = mapFields
        if let d = index(f.diLei), defs[d].type == .string { defs[d].width = max(defs[d].width, 6) }
        for (name, width) in [(f.qDiLei, 6), ("Q_SEN_LB", 3), ("Q_LIN_ZHONG", 3), (f.bhyy, 2), (f.bhnd, 4), (basisField, 60),
                              (parentKeyField, 60)] where index(name) == nil {
            defs.append(FieldDefinition(name, .string, width: width))
        }
        let outNames = defs.map(\.name)
        func out(_ name: String) -> Int? {
            outNames.firstIndex(of: name) ?? outNames.firstIndex { $0.caseInsensitiveCompare(name) == .orderedSame }
        }
        let diLei = out(f.diLei)!, qDiLei = out(f.qDiLei)!, qSen = out("Q_SEN_LB")!, qLin = out("Q_LIN_ZHONG")!
        let bhyy = out(f.bhyy)!, bhnd = out(f.bhnd)!, basis = out(basisField)!, parentKey = out(parentKeyField)!
        let sen = index(f.senLinLB), lin = index(f.linZhong), mianJi = index(f.mianJi)
        let extra = defs.count - mapFields.count

        let patchTable = read.table, mapTable = map.landClassTable
        let translate = patchTable.system != mapTable.system
        let patches = read.patches
        let pieces = mergeResult.pieces, touched = mergeResult.touched, absorbed = mergeResult.absorbed, merged = mergeResult.merged
        let mergedGeometry = mergeResult.geometry
        let finalMeasure = try LayerAreaMeasure(cutMap.area)

        let keyFields = f.keyFields { index($0) != nil }
        let keyIdx = keyFields.map { index($0) }
        let renumberField: Int? = {
            if f.id != nil { return keyIdx.first ?? nil }
            if keyIdx.contains(where: { $0 == nil }) { return nil }
            return index(f.xiaoBan).flatMap { keyIdx.contains($0) ? $0 : nil } ?? keyIdx.last ?? nil
        }()
        func code(_ value: FieldValue) -> String { LandClassTable.normalizedCode(value.text ?? "") }
        /// The class of a code in the new map: the patches' system, or the map's for a code left untranslated.
        func newClass(_ code: String) -> LandClass? { patchTable.classify(code) ?? mapTable.classify(code) }
        var untranslated: [String] = []
        /// The parent's record in the output schema, with DI_LEI carried into the patches' system.
        func baseRecord(_ s: Int) -> (values: [FieldValue], translatedCode: String) {
            var v = subs[s].attributes
            v.reserveCapacity(v.count + extra)
            v.append(contentsOf: repeatElement(FieldValue.null, count: extra))
            let original = subs[s].landClassCode
            var carried = original
            if translate, let c = subs[s].landClass {
                if let t = patchTable.code(for: c) { carried = t }
            }
            v[diLei] = .string(carried)
            v[qDiLei] = .null; v[qSen] = .null; v[qLin] = .null; v[parentKey] = .null
            return (v, carried)
        }
        func apply(_ patch: UpdatePatch, to v: inout [FieldValue]) {
            for (m, value) in patch.values { v[m] = convert(value, to: defs[m].type) }
            v[diLei] = .string(patch.landClassCode)
            v[bhyy] = patch.reason.isEmpty ? .null : .string(patch.reason)
            v[bhnd] = patch.reason.isEmpty && patch.year.isEmpty ? .null : .string(patch.year.isEmpty ? options.year : patch.year)
            v[basis] = patch.basis.isEmpty ? .null : .string(patch.basis)
        }
        func text(_ v: FieldValue) -> String { v.text ?? "" }
        /// The previous values where DI_LEI, SEN_LIN_LB or LIN_ZHONG changed.
        func recordPrevious(_ v: inout [FieldValue], parent s: Int, carried: String) {
            let p = subs[s].attributes
            let changed = code(v[diLei]) != carried || sen.map { text(v[$0]) != text(p[$0]) } ?? false
                || lin.map { text(v[$0]) != text(p[$0]) } ?? false
            guard changed else { return }
            v[qDiLei] = .string(carried)
            v[qSen] = sen.map { p[$0] } ?? .null
            v[qLin] = lin.map { p[$0] } ?? .null
        }
        var classChanges: [ClassChange] = []
        var changedRows: [ChangedRow] = []
        let fieldsCompared = compared(f).map { ($0.label, index($0.field).map { $0 } ) }
        func snapshot(_ v: [FieldValue]) -> [String: String] {
            var r: [String: String] = [:]
            for (label, i) in fieldsCompared { if let i { r[label] = text(v[i]) } }
            r["di_lei"] = text(v[diLei])
            r["bhyy"] = text(v[bhyy])
            return r
        }

        // Next free number per LIN_BAN (the key without its last part).
        var nextNumber: [String: Int] = [:]
        var width: [String: Int] = [:]
        if let r = renumberField {
            let groupFields = subs.isEmpty ? [] : keyIdx.filter { $0 != r }.map { $0! }
            for s in subs {
                var group = ""
                for (k, g) in groupFields.enumerated() {
                    if k > 0 { group += "|" }
                    group += text(s.attributes[g])
                }
                let t = text(s.attributes[r])
                if let n = Int(t) { nextNumber[group] = max(nextNumber[group] ?? 0, n) }
                width[group] = max(width[group] ?? 0, t.count)
            }
        }

        var piecesOf: [Int: [Int]] = [:]
        for (i, piece) in pieces.enumerated() where !merged.contains(i) { piecesOf[piece.parent, default: []].append(i) }
        var outputs: [Output] = []
        outputs.reserveCapacity(subs.count + pieces.count)
        var recordUpdates = 0
        let patchOrder = { (p: Int?) in p.map { patches[$0].fid } }
        for s in subs.indices {
            var (record, carried) = baseRecord(s)
            let before = touched.contains(s) || recordPatch[s] != nil ? snapshot(subs[s].attributes + Array(repeating: FieldValue.null, count: extra)) : [:]
            if let rp = recordPatch[s] {
                apply(patches[rp], to: &record)
                recordUpdates += 1
            } else if translate, subs[s].landClass.flatMap({ patchTable.code(for: $0) }) == nil {
                if !touched.contains(s) || (piecesOf[s] ?? []).contains(where: { pieces[$0].patch == nil }) { untranslated.append(subs[s].key) }
            }
            let fromClass = subs[s].landClass
            let township = Self.township(subs[s].townshipCode)
            guard touched.contains(s) else {
                // Only a record update changes what the Q_ fields compare (translation alone keeps the class).
                if recordPatch[s] != nil { recordPrevious(&record, parent: s, carried: carried) }
                outputs.append(Output(parent: s, values: record, geometry: subs[s].geometry, key: subs[s].key, touched: false))
                if let rp = recordPatch[s] {
                    let to = newClass(patches[rp].landClassCode)
                    if to != fromClass {
                        classChanges.append(ClassChange(townshipCode: township, reason: patches[rp].reason, from: fromClass, to: to,
                                                        squareMetres: try finalMeasure.squareMetres(try subs[s].geometry.polygons())))
                    }
                    let after = snapshot(record)
                    changedRows.append(ChangedRow(key: subs[s].key, parentKey: subs[s].key, status: "updated", townshipCode: township,
                                                  patchFIDs: [patches[rp].fid], before: before, after: after,
                                                  mianJiBefore: mianJi.flatMap { subs[s].attributes[$0].number },
                                                  mianJiAfter: mianJi.flatMap { record[$0].number }, slivers: 0))
                }
                continue
            }
            let own = (piecesOf[s] ?? []).sorted { a, b in
                pieces[a].squareMetres != pieces[b].squareMetres ? pieces[a].squareMetres > pieces[b].squareMetres : a < b
            }
            if own.isEmpty {
                changedRows.append(ChangedRow(key: subs[s].key, parentKey: subs[s].key, status: "merged_away", townshipCode: township,
                                              patchFIDs: [], before: before, after: [:], mianJiBefore: mianJi.flatMap { subs[s].attributes[$0].number },
                                              mianJiAfter: nil, slivers: 0))
            }
            for (n, i) in own.enumerated() {
                let piece = pieces[i]
                var v = record
                if let p = piece.patch { apply(patches[p], to: &v) }
                let slivers = absorbed[i] ?? []
                if !slivers.isEmpty, v[bhyy] == .null {
                    v[bhyy] = .string(reason97Merge)
                    v[bhnd] = .string(options.year)
                }
                recordPrevious(&v, parent: s, carried: carried)
                if let m = mianJi { v[m] = .real((AreaUnit.hectares(piece.squareMetres) * 10_000).rounded() / 10_000) }
                v[parentKey] = .string(subs[s].key)
                var key = subs[s].key
                if n > 0, let r = renumberField {
                    let group = keyIdx.filter { $0 != r }.map { text(subs[s].attributes[$0!]) }.joined(separator: "|")
                    if let last = nextNumber[group] {
                        nextNumber[group] = last + 1
                        let digits = String(last + 1)
                        v[r] = convert(.string(String(repeating: "0", count: max(0, (width[group] ?? 0) - digits.count)) + digits), to: defs[r].type)
                    } else {
                        v[r] = .string(text(subs[s].attributes[r]) + "-\(n)")
                    }
                    key = keyIdx.map { text(v[$0!]) }.joined(separator: "|")
                }
                let to = newClass(code(v[diLei]))
                // Ledger: the piece itself, then every sliver it absorbed.
                if to != fromClass {
                    let reason = piece.patch.map { patches[$0].reason } ?? recordPatch[s].map { patches[$0].reason } ?? reason97Merge
                    classChanges.append(ClassChange(townshipCode: township, reason: reason, from: fromClass, to: to,
                                                    squareMetres: mergeResult.ownSquareMetres[i]))
                }
                for k in slivers {
                    let sliver = pieces[k]
                    let sliverFrom = subs[sliver.parent].landClass
                    guard to != sliverFrom else { continue }
                    classChanges.append(ClassChange(townshipCode: Self.township(subs[sliver.parent].townshipCode), reason: reason97Merge,
                                                    from: sliverFrom, to: to, squareMetres: sliver.squareMetres))
                }
                let status = n > 0 ? "new_number" : piece.patch != nil ? "changed" : recordPatch[s] != nil ? "updated"
                    : slivers.isEmpty ? "kept" : "sliver_merged"
                let fids = ([piece.patch] + slivers.map { pieces[$0].patch }).compactMap(patchOrder)
                changedRows.append(ChangedRow(key: key, parentKey: subs[s].key, status: status, townshipCode: township,
                                              patchFIDs: Array(Set(fids)).sorted(), before: before, after: snapshot(v),
                                              mianJiBefore: mianJi.flatMap { subs[s].attributes[$0].number },
                                              mianJiAfter: mianJi.flatMap { v[$0].number }, slivers: slivers.count))
                outputs.append(Output(parent: s, values: v, geometry: mergedGeometry[i] ?? WKB(polygons: [piece.polygon]), key: key, touched: true))
            }
        }
        return Records(fieldDefinitions: defs, outputs: outputs, classChanges: classChanges, changed: changedRows,
                       untranslated: untranslated, recordUpdates: recordUpdates)
    }

    /// A patch value in the type of the map's field.
    static func convert(_ value: FieldValue, to type: FieldType) -> FieldValue {
        switch (value, type) {
        case (.null, _): return .null
        case (.string(let s), .real): return Double(s.trimmingCharacters(in: .whitespaces)).map(FieldValue.real) ?? .null
        case (.string(let s), .integer), (.string(let s), .integer64):
            return Int64(s.trimmingCharacters(in: .whitespaces)).map(FieldValue.integer) ?? .null
        case (.integer(let i), .real): return .real(Double(i))
        case (.real(let d), .integer), (.real(let d), .integer64): return d.isFinite ? .integer(Int64(clamping: d)) : .null
        case (.integer, .string), (.real, .string): return .string(value.text ?? "")
        default: return value
        }
    }
}

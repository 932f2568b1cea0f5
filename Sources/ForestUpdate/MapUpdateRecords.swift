import Foundation
import Geo
import ForestMapCore

// MARK: - Step 4, the records and keys

extension MapUpdate {
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
        let schema = UpdateSchema(mapFields: mapFields, fields: options.fields)
        let writer = RecordWriter(schema: schema, subs: map.subCompartments, patches: read.patches, patchTable: read.table,
                                  mapTable: map.landClassTable, year: options.year)
        var numbering = Numbering(schema: schema, subs: map.subCompartments)
        var records = Records(fieldDefinitions: schema.definitions, outputs: [], classChanges: [], changed: [], untranslated: [],
                              recordUpdates: 0)
        let subs = map.subCompartments, pieces = mergeResult.pieces
        records.outputs.reserveCapacity(subs.count + pieces.count)
        let finalMeasure = try LayerAreaMeasure(cutMap.area)
        var piecesOf: [Int: [Int]] = [:]
        for (i, piece) in pieces.enumerated() where !mergeResult.merged.contains(i) { piecesOf[piece.parent, default: []].append(i) }
        for s in subs.indices {
            let touched = mergeResult.touched.contains(s)
            var (record, carried) = writer.baseRecord(s)
            let before = touched || recordPatch[s] != nil
                ? writer.snapshot(subs[s].attributes + Array(repeating: FieldValue.null, count: schema.extra)) : [:]
            if let rp = recordPatch[s] {
                writer.apply(read.patches[rp], to: &record)
                records.recordUpdates += 1
            } else if writer.translate, subs[s].landClass.flatMap({ read.table.code(for: $0) }) == nil {
                if !touched || (piecesOf[s] ?? []).contains(where: { pieces[$0].patch == nil }) { records.untranslated.append(subs[s].key) }
            }
            if touched {
                writePieces(of: s, record: record, carried: carried, before: before, own: piecesOf[s] ?? [], recordPatch: recordPatch[s],
                            merged: mergeResult, writer: writer, numbering: &numbering, options: options, into: &records)
            } else {
                try writeUntouched(s, record: &record, carried: carried, before: before, recordPatch: recordPatch[s], writer: writer,
                                   measure: finalMeasure, into: &records)
            }
        }
        return records
    }

    /// A sub-compartment no patch cut: as it was, with its record update (if any) applied and in the ledgers.
    private static func writeUntouched(_ s: Int, record: inout [FieldValue], carried: String, before: [String: String], recordPatch: Int?,
                                       writer: RecordWriter, measure: LayerAreaMeasure, into records: inout Records) throws {
        let sub = writer.subs[s], schema = writer.schema
        // Only a record update changes what the Q_ fields compare (translation alone keeps the class).
        if recordPatch != nil { writer.recordPrevious(&record, parent: s, carried: carried) }
        records.outputs.append(Output(parent: s, values: record, geometry: sub.geometry, key: sub.key, touched: false))
        guard let rp = recordPatch else { return }
        let patch = writer.patches[rp]
        let township = Self.township(sub.townshipCode)
        let to = writer.newClass(patch.landClassCode)
        if to != sub.landClass {
            records.classChanges.append(ClassChange(townshipCode: township, reason: patch.reason, from: sub.landClass, to: to,
                                                    squareMetres: try measure.squareMetres(try sub.geometry.polygons())))
        }
        let after = writer.snapshot(record)
        records.changed.append(ChangedRow(key: sub.key, parentKey: sub.key, status: "updated", townshipCode: township,
                                          patchFIDs: [patch.fid], before: before, after: after,
                                          mianJiBefore: schema.mianJi.flatMap { sub.attributes[$0].number },
                                          mianJiAfter: schema.mianJi.flatMap { record[$0].number }, slivers: 0))
    }

    /// A cut sub-compartment's pieces (largest first: it keeps the number), each with its patch's record, the
    /// slivers it absorbed, and the ledgers: the piece's class change, then every absorbed sliver's.
    private static func writePieces(of s: Int, record: [FieldValue], carried: String, before: [String: String], own unsorted: [Int],
                                    recordPatch: Int?, merged mergeResult: MergedPieces, writer: RecordWriter, numbering: inout Numbering,
                                    options: Options, into records: inout Records) {
        let sub = writer.subs[s], schema = writer.schema, subs = writer.subs, patches = writer.patches
        let pieces = mergeResult.pieces
        let fromClass = sub.landClass
        let township = Self.township(sub.townshipCode)
        let own = unsorted.sorted { a, b in
            pieces[a].squareMetres != pieces[b].squareMetres ? pieces[a].squareMetres > pieces[b].squareMetres : a < b
        }
        if own.isEmpty {
            records.changed.append(ChangedRow(key: sub.key, parentKey: sub.key, status: "merged_away", townshipCode: township,
                                              patchFIDs: [], before: before, after: [:], mianJiBefore: schema.mianJi.flatMap { sub.attributes[$0].number },
                                              mianJiAfter: nil, slivers: 0))
        }
        for (n, i) in own.enumerated() {
            let piece = pieces[i]
            var v = record
            if let p = piece.patch { writer.apply(patches[p], to: &v) }
            let slivers = mergeResult.absorbed[i] ?? []
            if !slivers.isEmpty, v[schema.bhyy] == .null {
                v[schema.bhyy] = .string(reason97Merge)
                v[schema.bhnd] = .string(options.year)
            }
            writer.recordPrevious(&v, parent: s, carried: carried)
            if let m = schema.mianJi { v[m] = .real((AreaUnit.hectares(piece.squareMetres) * 10_000).rounded() / 10_000) }
            v[schema.parentKey] = .string(sub.key)
            let key = n > 0 ? numbering.renumber(&v, parent: sub, piece: n) ?? sub.key : sub.key
            let to = writer.newClass(RecordWriter.code(v[schema.diLei]))
            // Ledger: the piece itself, then every sliver it absorbed.
            if to != fromClass {
                let reason = piece.patch.map { patches[$0].reason } ?? recordPatch.map { patches[$0].reason } ?? reason97Merge
                records.classChanges.append(ClassChange(townshipCode: township, reason: reason, from: fromClass, to: to,
                                                        squareMetres: mergeResult.ownSquareMetres[i]))
            }
            for k in slivers {
                let sliver = pieces[k]
                let sliverFrom = subs[sliver.parent].landClass
                guard to != sliverFrom else { continue }
                records.classChanges.append(ClassChange(townshipCode: Self.township(subs[sliver.parent].townshipCode), reason: reason97Merge,
                                                        from: sliverFrom, to: to, squareMetres: sliver.squareMetres))
            }
            let status = n > 0 ? "new_number" : piece.patch != nil ? "changed" : recordPatch != nil ? "updated"
                : slivers.isEmpty ? "kept" : "sliver_merged"
            let fids = ([piece.patch] + slivers.map { pieces[$0].patch }).compactMap { (p: Int?) in p.map { patches[$0].fid } }
            records.changed.append(ChangedRow(key: key, parentKey: sub.key, status: status, townshipCode: township,
                                              patchFIDs: Array(Set(fids)).sorted(), before: before, after: writer.snapshot(v),
                                              mianJiBefore: schema.mianJi.flatMap { sub.attributes[$0].number },
                                              mianJiAfter: schema.mianJi.flatMap { v[$0].number }, slivers: slivers.count))
            records.outputs.append(Output(parent: s, values: v, geometry: mergeResult.geometry[i] ?? WKB(polygons: [piece.polygon]), key: key,
                                          touched: true))
        }
    }
}

/// The new map's schema: the map's fields, DI_LEI wide enough for 6-digit codes, then what it lacks (the Q_
/// fields, BHYY, BHND, BH_YJ, Q_KEY); and where the update reads and writes in it.
struct UpdateSchema {
    var definitions: [FieldDefinition]
    /// The fields added after the map's.
    let extra: Int
    /// In the new map's fields.
    let diLei: Int, qDiLei: Int, qSen: Int, qLin: Int, bhyy: Int, bhnd: Int, basis: Int, parentKey: Int
    /// In the map's fields.
    let sen: Int?, lin: Int?, mianJi: Int?
    /// The key's fields in the map (nil: a key field the map lacks).
    let keyFields: [Int?]
    /// The key field a piece's new number goes in; nil: pieces are not renumbered.
    let renumberField: Int?
    /// Before and after fields of the changed list (by map field name setting), where the map has them.
    let compared: [(label: String, field: Int?)]

    init(mapFields: [FieldDefinition], fields f: SubCompartmentFields) {
        let names = mapFields.map(\.name)
        func index(_ name: String) -> Int? { Self.index(of: name, in: names) }
        var defs = mapFields
        if let d = index(f.diLei), defs[d].type == .string { defs[d].width = max(defs[d].width, 6) }
        for (name, width) in [(f.qDiLei, 6), ("Q_SEN_LB", 3), ("Q_LIN_ZHONG", 3), (f.bhyy, 2), (f.bhnd, 4), (MapUpdate.basisField, 60),
                              (MapUpdate.parentKeyField, 60)] where index(name) == nil {
            defs.append(FieldDefinition(name, .string, width: width))
        }
        let outNames = defs.map(\.name)
        func out(_ name: String) -> Int? { Self.index(of: name, in: outNames) }
        definitions = defs
        extra = defs.count - mapFields.count
        diLei = out(f.diLei)!; qDiLei = out(f.qDiLei)!; qSen = out("Q_SEN_LB")!; qLin = out("Q_LIN_ZHONG")!
        bhyy = out(f.bhyy)!; bhnd = out(f.bhnd)!; basis = out(MapUpdate.basisField)!; parentKey = out(MapUpdate.parentKeyField)!
        sen = index(f.senLinLB); lin = index(f.linZhong); mianJi = index(f.mianJi)
        let keyIdx = f.keyFields { index($0) != nil }.map { index($0) }
        keyFields = keyIdx
        renumberField = {
            if f.id != nil { return keyIdx.first ?? nil }
            if keyIdx.contains(where: { $0 == nil }) { return nil }
            return index(f.xiaoBan).flatMap { keyIdx.contains($0) ? $0 : nil } ?? keyIdx.last ?? nil
        }()
        compared = [("di_lei", f.diLei), ("sen_lin_lb", f.senLinLB), ("lin_zhong", f.linZhong), ("qi_yuan", f.qiYuan),
                    ("huo_lmgqxj", f.huoLMGQXJ), ("bhyy", f.bhyy)].map { ($0.0, index($0.1)) }
    }

    /// A field by name, exactly or else ignoring case.
    private static func index(of name: String, in names: [String]) -> Int? {
        names.firstIndex(of: name) ?? names.firstIndex { $0.caseInsensitiveCompare(name) == .orderedSame }
    }
}

/// Makes the new map's records: a sub-compartment's record in the new schema, a patch's record applied, the
/// previous values kept, the values the changed list compares.
struct RecordWriter {
    let schema: UpdateSchema
    let subs: [SubCompartment]
    let patches: [UpdatePatch]
    let patchTable: LandClassTable
    let mapTable: LandClassTable
    /// Whether the map's codes are carried into the patches' code system.
    let translate: Bool
    let year: String

    init(schema: UpdateSchema, subs: [SubCompartment], patches: [UpdatePatch], patchTable: LandClassTable, mapTable: LandClassTable, year: String) {
        self.schema = schema
        self.subs = subs
        self.patches = patches
        self.patchTable = patchTable
        self.mapTable = mapTable
        translate = patchTable.system != mapTable.system
        self.year = year
    }

    static func code(_ value: FieldValue) -> String { LandClassTable.normalizedCode(value.text ?? "") }
    private static func text(_ v: FieldValue) -> String { v.text ?? "" }

    /// The class of a code in the new map: the patches' system, or the map's for a code left untranslated.
    func newClass(_ code: String) -> LandClass? { patchTable.classify(code) ?? mapTable.classify(code) }

    /// The parent's record in the output schema, with DI_LEI carried into the patches' system.
    func baseRecord(_ s: Int) -> (values: [FieldValue], translatedCode: String) {
        var v = subs[s].attributes
        v.reserveCapacity(v.count + schema.extra)
        v.append(contentsOf: repeatElement(FieldValue.null, count: schema.extra))
        let original = subs[s].landClassCode
        var carried = original
        if translate, let c = subs[s].landClass {
            if let t = patchTable.code(for: c) { carried = t }
        }
        v[schema.diLei] = .string(carried)
        v[schema.qDiLei] = .null; v[schema.qSen] = .null; v[schema.qLin] = .null; v[schema.parentKey] = .null
        return (v, carried)
    }

    func apply(_ patch: UpdatePatch, to v: inout [FieldValue]) {
        for (m, value) in patch.values { v[m] = MapUpdate.convert(value, to: schema.definitions[m].type) }
        v[schema.diLei] = .string(patch.landClassCode)
        v[schema.bhyy] = patch.reason.isEmpty ? .null : .string(patch.reason)
        v[schema.bhnd] = patch.reason.isEmpty && patch.year.isEmpty ? .null : .string(patch.year.isEmpty ? year : patch.year)
        v[schema.basis] = patch.basis.isEmpty ? .null : .string(patch.basis)
    }

    /// The previous values where DI_LEI, SEN_LIN_LB or LIN_ZHONG changed.
    func recordPrevious(_ v: inout [FieldValue], parent s: Int, carried: String) {
        let p = subs[s].attributes
        let changed = Self.code(v[schema.diLei]) != carried || schema.sen.map { Self.text(v[$0]) != Self.text(p[$0]) } ?? false
            || schema.lin.map { Self.text(v[$0]) != Self.text(p[$0]) } ?? false
        guard changed else { return }
        v[schema.qDiLei] = .string(carried)
        v[schema.qSen] = schema.sen.map { p[$0] } ?? .null
        v[schema.qLin] = schema.lin.map { p[$0] } ?? .null
    }

    func snapshot(_ v: [FieldValue]) -> [String: String] {
        var r: [String: String] = [:]
        for (label, i) in schema.compared { if let i { r[label] = Self.text(v[i]) } }
        r["di_lei"] = Self.text(v[schema.diLei])
        r["bhyy"] = Self.text(v[schema.bhyy])
        return r
    }
}

/// New numbers for the pieces of a cut sub-compartment other than its largest: the next free number in its
/// LIN_BAN (the key without its last part), as wide as that LIN_BAN's widest; with no number to count on, the
/// parent's with "-n".
struct Numbering {
    private let schema: UpdateSchema
    private var nextNumber: [String: Int] = [:]
    private var width: [String: Int] = [:]

    init(schema: UpdateSchema, subs: [SubCompartment]) {
        self.schema = schema
        guard let r = schema.renumberField else { return }
        let groupFields = subs.isEmpty ? [] : schema.keyFields.filter { $0 != r }.map { $0! }
        for s in subs {
            var group = ""
            for (k, g) in groupFields.enumerated() {
                if k > 0 { group += "|" }
                group += s.attributes[g].text ?? ""
            }
            let t = s.attributes[r].text ?? ""
            if let n = Int(t) { nextNumber[group] = max(nextNumber[group] ?? 0, n) }
            width[group] = max(width[group] ?? 0, t.count)
        }
    }

    /// Numbers piece `n` (> 0) of `parent` in `v`: its new key, or nil when pieces are not renumbered.
    mutating func renumber(_ v: inout [FieldValue], parent: SubCompartment, piece n: Int) -> String? {
        guard let r = schema.renumberField else { return nil }
        let keyIdx = schema.keyFields
        let group = keyIdx.filter { $0 != r }.map { parent.attributes[$0!].text ?? "" }.joined(separator: "|")
        if let last = nextNumber[group] {
            nextNumber[group] = last + 1
            let digits = String(last + 1)
            v[r] = MapUpdate.convert(.string(String(repeating: "0", count: max(0, (width[group] ?? 0) - digits.count)) + digits),
                                     to: schema.definitions[r].type)
        } else {
            v[r] = .string((parent.attributes[r].text ?? "") + "-\(n)")
        }
        return keyIdx.map { v[$0!].text ?? "" }.joined(separator: "|")
    }
}

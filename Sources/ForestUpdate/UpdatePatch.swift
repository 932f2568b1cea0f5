import Foundation
import Geo
import ForestMapCore

/// A verified change patch (变化图斑) to cut into last year's map: a polygon with the new record, or a record update
/// (档案更新) naming one sub-compartment by its key and carrying no polygon.
///
/// A patch carries the whole new record in the fields it has: every field of the patch layer that the map also has
/// replaces the map's value, an empty field included; fields the patch layer lacks keep the map's values. The key
/// fields, MIAN_JI and the Q_ fields are the update's own and are never taken from a patch.
public struct UpdatePatch: Sendable {
    /// The feature id in the patch layer.
    public var fid: Int64
    /// The polygon(s) in the map's CRS; nil for a record update.
    public var geometry: WKB?
    /// For a record update: the key of the sub-compartment it updates.
    public var key: String?
    /// New values by map field index (the map's fields the patch layer also has).
    public var values: [Int: FieldValue]
    /// DI_LEI as normalised.
    public var landClassCode: String
    /// BHYY 变化原因, BHND 变化年度, BH_YJ 变化依据 (permit or approval number).
    public var reason: String
    public var year: String
    public var basis: String
    /// Planar area of the polygon (m², 0 for a record update): the smaller of two overlapping patches is the more
    /// specific.
    public var planarArea: Double
    public var envelope: Envelope?
}

/// A patch that was not applied, or applied only in part, and why.
public struct PatchProblem: Sendable, Hashable {
    public enum Outcome: String, Sendable { case rejected, trimmed }
    public var fid: Int64
    public var outcome: Outcome
    /// `no_polygon_or_key`, `key_not_in_map`, `not_a_polygon`, `invalid`, `empty`, `no_land_class`, `unknown_code`,
    /// `no_reason`, `outside_map`, `partly_outside`, `overridden`.
    public var reason: String
    public var detail: String
}

/// Two patches that overlap, and which one the rule gave the overlap to.
public struct PatchConflict: Sendable, Hashable {
    public var winner: Int64
    public var loser: Int64
    public var squareMetres: Double
    /// `later_year`, `more_specific` (the smaller patch), `later_feature` (same year and area: the later feature in
    /// the layer), `same_key` (two record updates of one sub-compartment).
    public var rule: String
}

/// Reads and checks a patch layer against the map it updates.
struct UpdatePatchReader {
    /// Map fields the update writes itself: never copied from a patch.
    static func ownFields(_ fields: SubCompartmentFields, keyFields: [String]) -> Set<String> {
        Set((keyFields + [fields.mianJi, fields.qDiLei, "Q_SEN_LB", "Q_LIN_ZHONG", MapUpdate.parentKeyField]).map { $0.uppercased() })
    }

    struct Read {
        var patches: [UpdatePatch]
        var problems: [PatchProblem]
        var table: LandClassTable
        var label: String
        var fieldNames: [String]
    }

    /// Reads the patch layer. `mapFields` are the map's field names; `keyFields` the map's key fields (a record
    /// update needs them). Every feature ends as a patch or as a problem.
    static func read(_ source: SourceReference, mapFields: [String], keyFields: [String]?, fields f: SubCompartmentFields,
                     basisField: String, mapCRS: SpatialReference, options: LayerLoadOptions) throws -> Read {
        let dataset = try VectorDataset(reading: source, encoding: options.shapefileEncoding)
        let layer = try dataset.layer(named: source.layerName)
        let label = layer.label
        guard let diLei = layer.fieldIndex(f.diLei) else {
            throw ForestMapError.input("\(label): no land-class field \(f.diLei) (地类) in the patches; fields: \(layer.fields.map(\.name).joined(separator: ", ")); every patch carries its new DI_LEI")
        }
        if let srs = layer.spatialReference, !srs.isSame(as: mapCRS) {
            throw ForestMapError.input("\(label) is in \(srs.label) but the map is in \(mapCRS.label); reproject the patches into the map's CRS first")
        }
        let bhyy = layer.fieldIndex(f.bhyy), bhnd = layer.fieldIndex(f.bhnd), basis = layer.fieldIndex(basisField)
        let own = ownFields(f, keyFields: keyFields ?? [])
        // Map field index → patch field index, for the fields a patch sets.
        var copied: [(map: Int, patch: Int)] = []
        for (m, name) in mapFields.enumerated() where !own.contains(name.uppercased()) {
            if let p = layer.fieldIndex(name) { copied.append((m, p)) }
        }
        let keyIndices = keyFields.map { $0.map { layer.fieldIndex($0) } }
        let features = try layer.readAll()
        try layer.checkText()
        let codes = features.map { LandClassTable.normalizedCode($0.values[diLei].text ?? "") }
        let table: LandClassTable
        if let system = options.landClassSystem, system == .user, let user = options.userTable {
            table = try LandClassTable.user(csv: user.csv, source: user.path)
        } else if let detection = LandClassSystem.detect(codes: codes) {
            table = LandClassTable.builtIn(detection.system, settings: options.ambiguousCodes)
        } else if features.isEmpty || codes.allSatisfy(\.isEmpty) {
            table = options.landClassSystem.map { LandClassTable.builtIn($0, settings: options.ambiguousCodes) } ?? LandClassTable.builtIn(.new6)
        } else {
            let sample = Array(Set(codes)).sorted().prefix(8).joined(separator: ", ")
            throw ForestMapError.input("\(label): cannot tell the land-class code system of the patches from their codes (\(sample)); check DI_LEI")
        }

        let context = GEOSContext()
        let range = CoordinateRange(geographic: mapCRS.isGeographic), toGeographic = try CoordinateRange.toGeographic(mapCRS)
        var patches: [UpdatePatch] = [], problems: [PatchProblem] = []
        for (n, feature) in features.enumerated() {
            func reject(_ reason: String, _ detail: String) {
                problems.append(PatchProblem(fid: feature.fid, outcome: .rejected, reason: reason, detail: detail))
            }
            let code = codes[n]
            guard !code.isEmpty else { reject("no_land_class", "\(f.diLei) is empty: a patch carries its new land class"); continue }
            guard table.classify(code) != nil else {
                reject("unknown_code", "\(f.diLei) \(code) is not in the \(table.system.rawValue) code table"); continue
            }
            var values: [Int: FieldValue] = [:]
            for (m, p) in copied { values[m] = feature.values[p] }
            let reason = bhyy.flatMap { feature.values[$0].text }?.trimmingCharacters(in: .whitespaces) ?? ""
            let year = bhnd.flatMap { feature.values[$0].text }?.trimmingCharacters(in: .whitespaces) ?? ""
            let basisText = basis.flatMap { feature.values[$0].text }?.trimmingCharacters(in: .whitespaces) ?? ""
            var patch = UpdatePatch(fid: feature.fid, geometry: nil, key: nil, values: values, landClassCode: code, reason: reason,
                                    year: year, basis: basisText, planarArea: 0, envelope: nil)
            guard let wkb = feature.geometry, !wkb.bytes.isEmpty else {
                // A record update: the key names the sub-compartment.
                guard let keyIndices, keyIndices.allSatisfy({ $0 != nil }) else {
                    reject("no_polygon_or_key", "no polygon, and the patch layer lacks the key fields \((keyFields ?? []).joined(separator: ", ")) to name a sub-compartment"); continue
                }
                let parts = keyIndices.map { feature.values[$0!].text ?? "" }
                guard parts.contains(where: { !$0.isEmpty }) else {
                    reject("no_polygon_or_key", "no polygon and no key: draw the patch or give the key of the sub-compartment it updates"); continue
                }
                patch.key = parts.joined(separator: "|")
                patches.append(patch)
                continue
            }
            guard let polygons = try? wkb.polygons() else { reject("not_a_polygon", "the geometry is not a polygon"); continue }
            if let problem = range.problem(polygons, toGeographic: toGeographic) { reject("out_of_range", "\(problem): fix the polygon"); continue }
            if let open = PolygonValidity.firstOpenRing(polygons) { reject("invalid", "\(PolygonValidity.describe(open)): fix the polygon"); continue }
            let geometry: Geometry
            do { geometry = try Geometry(wkb: wkb, context: context) } catch {
                reject("invalid", "\((error as? GeoError)?.message ?? "unreadable geometry"): fix the polygon"); continue
            }
            if geometry.isEmpty { reject("empty", "the polygon is empty"); continue }
            if let invalid = geometry.invalidity {
                reject("invalid", String(format: "%@ at (%.3f, %.3f): fix the polygon", invalid.reason, invalid.x, invalid.y)); continue
            }
            if geometry.area <= 0 { reject("empty", "the polygon has no area"); continue }
            guard !reason.isEmpty else { reject("no_reason", "\(f.bhyy) is empty: a change patch carries its reason"); continue }
            patch.geometry = wkb
            patch.planarArea = geometry.area
            patch.envelope = geometry.envelope
            patches.append(patch)
        }
        return Read(patches: patches, problems: problems, table: table, label: label, fieldNames: layer.fields.map(\.name))
    }
}

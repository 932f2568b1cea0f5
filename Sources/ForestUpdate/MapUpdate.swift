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

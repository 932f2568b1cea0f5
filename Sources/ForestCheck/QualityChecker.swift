import Foundation
import Geo
import ForestMapCore

/// What `forestmap check` found in a layer.
public struct CheckResult: Sendable {
    /// "xiaoban.gpkg|layername=xiaoban_2021".
    public var layerLabel: String
    public var townshipsLabel: String?
    /// The layer's CRS (WKT): check.gpkg is written in it, and x/y are in it.
    public var crsWKT: String
    public var geographic: Bool
    public var featureCount: Int
    /// Every problem, in a fixed order (`CheckProblem.ordered`).
    public var problems: [CheckProblem]
    /// The checks that could not run on this layer, with the reason (a missing field, no township layer).
    public var notRun: [QualityCheck: String]
    /// Township names by 9-digit code, for the summary.
    public var townshipNames: [String: String]

    public var errorCount: Int { problems.filter { $0.severity == .error }.count }
    public var warningCount: Int { problems.filter { $0.severity == .warning }.count }
    public func count(_ check: QualityCheck) -> Int { problems.filter { $0.check == check }.count }
}

/// Runs every quality check (质检, docs/domain.md §8) of one sub-compartment layer.
///
/// First a pass over the features in parallel chunks, one GEOS context and area calculator per thread: each
/// feature's geometry, attributes and place among the townships. Then the checks across features, also in
/// parallel: overlaps, gaps and duplicate keys. Problems are sorted at the end, so the result does not depend on
/// the number of threads.
enum QualityChecker {
    /// `boundaryStretches` false leaves `boundary_mismatch` as the pieces found, one per sub-compartment and
    /// uncovered band (for tests of the stretches).
    static func check(_ layer: SubCompartmentLayer, townships: CheckTownships?, config: ForestMapConfig,
                      threads: Int?, boundaryStretches: Bool = true) throws -> CheckResult {
        let geographic = try layer.spatialReference().isGeographic
        let inputs = try CheckInputs(layer: layer, townships: townships, config: config, geographic: geographic,
                                     extent: try Self.extent(layer, threads: threads))
        let subs = layer.subCompartments
        let ranges = ParallelJobs.ranges(count: subs.count, size: 500)
        let facts = try ParallelJobs.map(jobs: ranges.count, threads: threads, state: { FeatureChecks(worker: CheckWorker(inputs)) }) { checks, job in
            try ranges[job].map { try checks.check(subs[$0]) }
        }.flatMap { $0 }
        let across = LayerChecks(inputs: inputs, facts: facts, threads: threads)
        var problems = facts.flatMap(\.problems)
        // MIAN_JI and volume values that are not numbers (errors: the statistics read them) or carry separators.
        for odd in layer.oddNumbers {
            let s = subs[odd.index]
            problems.append(CheckProblem(check: .badNumber, featureIDs: [s.fid], keys: [s.key],
                                         townshipCode: s.townshipCode.isEmpty ? (facts[odd.index].spatialTownship ?? "") : s.townshipCode,
                                         detail: odd.value.isBad ? "\(s.key): \(odd.field) \(odd.value.why ?? ""): counted as missing"
                                             : "\(s.key): \(odd.field) '\(FieldNumber.rawText(odd.value))' is written with thousands separators: read as \(odd.value.number ?? 0)",
                                         geometry: nil, point: nil, squareMetres: nil,
                                         severityOverride: odd.value.isBad ? nil : .warning))
        }
        // Another code system's codes among the layer's: one problem for the layer, with the counts.
        if let mixed = layer.mixedCodeSystems {
            problems.append(CheckProblem(check: .mixedCodeSystem, featureIDs: [], keys: [], townshipCode: "", detail: mixed.text,
                                         geometry: nil, point: nil, squareMetres: nil))
        }
        // XIANG values that are no township code.
        for bad in layer.badTownshipCodes {
            let s = subs[bad.index]
            problems.append(CheckProblem(check: .badTownshipCode, featureIDs: [s.fid], keys: [s.key], townshipCode: facts[bad.index].spatialTownship ?? "",
                                         detail: "\(s.key): \(config.fields.xiang) \(TownshipCode.problem(bad.value) ?? bad.value)",
                                         geometry: nil, point: nil, squareMetres: nil))
        }
        // Degenerate parts the loader dropped: the feature was checked without them.
        let context = GEOSContext()
        for r in layer.repairs where r.kind == .degenerateParts {
            let s = subs[r.index]
            problems.append(CheckProblem(check: .repairedGeometry, featureIDs: [s.fid], keys: [s.key],
                                         townshipCode: s.townshipCode.isEmpty ? (facts[r.index].spatialTownship ?? "") : s.townshipCode,
                                         detail: "\(s.key): \(r.reason); area moved \(String(format: "%.6f", r.squareMetresMoved)) m²",
                                         geometry: s.geometry.bytes.isEmpty ? nil : s.geometry,
                                         point: s.geometry.bytes.isEmpty ? nil : try? Geometry(wkb: s.geometry, context: context).pointOnSurface(),
                                         squareMetres: nil))
        }
        let overlaps = try across.overlaps()
        problems += overlaps.problems
        problems += try across.gaps(unclean: overlaps.unclean)
        problems += across.duplicateKeys()
        problems += TownshipOverlapCheck.problems(inputs)
        // The boundary mismatch pieces as stretches of township boundary, one problem each.
        if boundaryStretches { problems = try BoundaryStretches(inputs: inputs, threads: threads).grouped(problems) }
        problems.sort(by: CheckProblem.ordered)
        var names: [String: String] = [:]
        for t in Township.huaxi { names[t.code] = t.name }
        for (code, name) in townships?.names ?? [:] where !name.isEmpty { names[code] = name }
        return CheckResult(layerLabel: layer.label, townshipsLabel: townships?.label, crsWKT: layer.crsWKT,
                           geographic: geographic, featureCount: subs.count, problems: problems,
                           notRun: notRun(inputs, config: config), townshipNames: names)
    }

    /// The box of every vertex of the layer (a unit box when it has none).
    static func extent(_ layer: SubCompartmentLayer, threads: Int?) throws -> Envelope {
        let subs = layer.subCompartments
        let ranges = ParallelJobs.ranges(count: subs.count, size: 5_000)
        let boxes = try ParallelJobs.map(jobs: ranges.count, threads: threads, state: {}) { _, job -> Envelope? in
            var box: Envelope?
            for i in ranges[job] {
                // As `Envelope(polygons)` of the feature's polygons, read in place.
                var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
                guard (try? subs[i].geometry.forEachRing { _, ring in
                    for pt in ring {
                        minX = Swift.min(minX, pt.x); maxX = Swift.max(maxX, pt.x); minY = Swift.min(minY, pt.y); maxY = Swift.max(maxY, pt.y)
                    }
                }) != nil, minX <= maxX else { continue }
                let b = Envelope(minX: minX, minY: minY, maxX: maxX, maxY: maxY)
                box = box.map { $0.union(b) } ?? b
            }
            return box
        }
        var extent: Envelope?
        for b in boxes.compactMap({ $0 }) { extent = extent.map { $0.union(b) } ?? b }
        return extent ?? Envelope(minX: 0, minY: 0, maxX: 1, maxY: 1)
    }

    /// The checks this layer cannot have, and why.
    private static func notRun(_ inputs: CheckInputs, config: ForestMapConfig) -> [QualityCheck: String] {
        var reasons: [QualityCheck: String] = [:]
        let f = inputs.fields, names = config.fields
        if inputs.townships == nil {
            for check in [QualityCheck.crossesTownship, .boundaryMismatch, .townshipOverlap, .townshipMismatch] {
                reasons[check] = "no township layer (give --townships or [inputs] townships)"
            }
        } else if f.xiang == nil {
            reasons[.townshipMismatch] = "the layer has no \(names.xiang) field ([fields] xiang)"
        }
        if inputs.subCompartments.first?.key.hasPrefix("fid:") ?? false {
            reasons[.duplicateKey] = "the layer has no key fields: it is keyed by feature id ([fields] id or key)"
        }
        if f.mianJi == nil { reasons[.areaMismatch] = "the layer has no \(names.mianJi) field ([fields] mian_ji)" }
        if f.yuBiDu == nil { reasons[.canopyOutOfRange] = "the layer has no \(names.yuBiDu) field ([fields] yu_bi_du)" }
        if f.youShiSZ == nil { reasons[.arborWithoutSpecies] = "the layer has no \(names.youShiSZ) field ([fields] you_shi_sz)" }
        if f.qiYuan == nil && f.yuBiDu == nil && f.volume == nil {
            reasons[.harvestedWithStand] = "the layer has none of \(names.qiYuan), \(names.yuBiDu), \(names.huoLMGQXJ)"
        }
        return reasons
    }
}

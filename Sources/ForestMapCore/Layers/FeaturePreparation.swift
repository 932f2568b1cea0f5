import Foundation
import Geo
import PlanarKernel

/// What `SubCompartmentLayer.load` makes of each feature before the code table is known, done in batches on
/// another core while GDAL reads on: the sub-compartment (key, township code, normalised land-class code, kept
/// attributes, geometry) with its class left to set, the geometry checked (a polygon, its coordinates in range), and
/// (when `requireValidGeometry` and not `validityDeferred`) the first polygon found invalid.
struct FeaturePreparation: Sendable {
    static let batchSize = 4_096
    static let batchesInFlight = 4

    struct Batch: Sendable {
        var start: Int
        /// The batch's sub-compartments, their land class not yet set (the code table is chosen from every code).
        var subCompartments: [SubCompartment]
        /// The distinct land-class codes in the batch.
        var codes: Set<String> = []
        /// The batch's first feature without geometry or not a polygon, as its one-line message.
        var problem: String?
        /// The batch's first invalid polygon (layer index and the reason), when it has no `problem`.
        var firstInvalid: (Int, Invalidity)?
        /// The polygons used other than as stored: degenerate parts dropped, invalid ones repaired (their
        /// `index` is the place in the layer).
        var repairs: [GeometryRepair] = []
        /// Values of MIAN_JI and the volume that are not numbers, or carry thousands separators.
        var oddNumbers: [OddNumber] = []
        /// XIANG values that are not township codes (layer index and the value).
        var badTownshipCodes: [BadTownshipCode] = []
        /// The polygons with a coordinate out of range (layer index and why), in order.
        var outOfRange: [(Int, String)] = []
        /// The box of the batch's polygons whose coordinates are in range.
        var box: Envelope?
    }

    let label: String
    let options: LayerLoadOptions
    let range: CoordinateRange
    let diLei: Int
    let keyIndices: [Int]?
    let xian: Int?
    let xiang: Int?
    let mianJi: Int?
    let volume: Int?
    /// The attribute fields kept with each sub-compartment (indices); nil keeps every field.
    let kept: [Int]?
    /// m² per square unit of the layer's CRS (for the tolerances in `options.geometry`).
    let squareMetresPerUnit: Double
    /// The layer's field names, for the notes on odd numbers.
    let fieldNames: [String]

    func prepare(_ features: [Feature], start: Int) -> Batch {
        var batch = Batch(start: start, subCompartments: [])
        batch.subCompartments.reserveCapacity(features.count)
        var rows = SharedRows(sharing: kept != nil)
        var lastCode: String?
        for feature in features {
            let index = start + batch.subCompartments.count
            let key = keyIndices.map { Self.key(feature, $0) } ?? "fid:\(feature.fid)"
            let geometry = checkedGeometry(feature, key: key, index: index, into: &batch)
            if let xiang, let raw = feature.values[xiang].text, TownshipCode.problem(raw) != nil {
                batch.badTownshipCodes.append(BadTownshipCode(index: index, value: raw))
            }
            let code = LandClassTable.normalizedCode(feature.values[diLei].text ?? "")
            if code != lastCode { batch.codes.insert(code) }
            lastCode = code
            let townshipCode = TownshipCode.full(xiang: xiang.flatMap { feature.values[$0].text },
                                                 xian: xian.flatMap { feature.values[$0].text } ?? options.districtCode) ?? ""
            let storedArea = number(mianJi, feature, index: index, into: &batch)
            let volumePerHectare = number(volume, feature, index: index, into: &batch)
            batch.subCompartments.append(SubCompartment(
                fid: feature.fid, key: key, townshipCode: townshipCode, landClassCode: code, landClass: nil,
                storedAreaHectares: storedArea, volumePerHectare: volumePerHectare,
                attributes: rows.shared(kept.map { $0.map { feature.values[$0] } } ?? feature.values),
                geometry: geometry))
        }
        if options.requireValidGeometry, !options.validityDeferred, batch.problem == nil, batch.outOfRange.isEmpty {
            repairInvalid(&batch)
        }
        return batch
    }

    /// With only a few fields kept, neighbours often have the same attribute row: they share one copy. The
    /// previous feature's row is tried first (two in three in a typical layer) before any hashing.
    private struct SharedRows {
        /// false (every field kept): each row stays its own.
        let sharing: Bool
        private var rows: [[FieldValue]: [FieldValue]] = [:]
        private var last: [FieldValue]?

        init(sharing: Bool) { self.sharing = sharing }

        mutating func shared(_ row: [FieldValue]) -> [FieldValue] {
            guard sharing else { return row }
            if let last, last == row { return last }
            if let known = rows[row] {
                last = known
                return known
            }
            rows[row] = row
            last = row
            return row
        }
    }

    /// A numeric field's value by `FieldNumber`, the odd ones noted.
    private func number(_ field: Int?, _ feature: Feature, index: Int, into batch: inout Batch) -> Double? {
        guard let field else { return nil }
        let value = FieldNumber(feature.values[field])
        switch value {
        case .value(let v): return v
        case .empty: return nil
        case .separated, .bad:
            batch.oddNumbers.append(OddNumber(index: index, field: fieldNames[field], value: value))
            return value.number
        }
    }

    /// The feature's geometry as the sub-compartment keeps it: degenerate parts dropped (noted as a repair), the
    /// coordinates' range and box noted, and (when `requireValidGeometry`) the batch's first feature without a
    /// polygon its problem. `check` (requireValidGeometry off) takes every feature as it is and reports these
    /// itself; a missing geometry, an empty one (POLYGON EMPTY) and one whose every part is degenerate then read as
    /// empty WKB.
    private func checkedGeometry(_ feature: Feature, key: String, index: Int, into batch: inout Batch) -> WKB {
        func name() -> String { "feature \(feature.fid) (key \(key))" }
        // The bytes are copied here, on the core preparing the batch, into memory of its own: the reader's copy goes
        // with the rest of the read values, and the reader's memory is used again for the next batches instead of
        // staying behind as holes between the polygons kept (a fifth of a gigabyte for two years of a million).
        var geometry = feature.geometry?.copied() ?? WKB([])
        var everyPartDegenerate = false
        // One pass for the coordinates' range and box (nil: not a polygon); no vertex at all is POLYGON EMPTY.
        let scanned = geometry.bytes.isEmpty ? nil : try? range.scan(geometry)
        if let scanned {
            let degenerate = scanned.problem == nil && scanned.box == nil ? nil : try? geometry.droppingDegenerateParts(minimumArea: degenerateArea)
            if scanned.problem == nil && scanned.box == nil {
                geometry = WKB([])
            } else if let (kept, _) = degenerate {
                everyPartDegenerate = kept.isEmpty
                geometry = kept.isEmpty ? WKB([]) : WKB(polygons: kept)
            }
            if !everyPartDegenerate, let dropped = degenerate?.dropped {
                batch.repairs.append(degeneratePartsRepair(dropped, feature: feature, key: key, index: index))
            }
        }
        if options.requireValidGeometry, batch.problem == nil {
            if everyPartDegenerate {
                batch.problem = "\(label): \(name()) has no geometry: every part has fewer than 3 distinct points or no area; delete it or draw its polygon"
            } else if geometry.bytes.isEmpty {
                batch.problem = "\(label): \(name()) has no geometry\(feature.geometry == nil ? "" : " (an empty polygon)"); delete it or draw its polygon"
            }
        }
        if !geometry.bytes.isEmpty {
            if let scanned {
                if let problem = scanned.problem { batch.outOfRange.append((index, problem)) }
                if let box = scanned.box { batch.box = batch.box.map { $0.union(box) } ?? box }
            } else if options.requireValidGeometry, batch.problem == nil {
                batch.problem = "\(label): \(name()) is not a polygon; sub-compartments must be polygons"
            }
        }
        return geometry
    }

    private func degeneratePartsRepair(_ dropped: DroppedParts, feature: Feature, key: String, index: Int) -> GeometryRepair {
        let parts = [dropped.polygons > 0 ? "\(dropped.polygons) degenerate part\(dropped.polygons == 1 ? "" : "s")" : nil,
                     dropped.holes > 0 ? "\(dropped.holes) degenerate hole\(dropped.holes == 1 ? "" : "s")" : nil].compactMap { $0 }
        return GeometryRepair(
            index: index, fid: feature.fid, key: key, kind: .degenerateParts,
            reason: "\(parts.joined(separator: " and ")) dropped (fewer than 3 distinct points or under \(options.geometry.degenerateSquareMetres) m²)",
            squareMetresMoved: dropped.area * squareMetresPerUnit, point: nil)
    }

    /// The batch's polygons checked for validity: those invalid by a hair (or any, with `--repair`) repaired in
    /// place and listed, the first material invalidity kept for `load` to refuse.
    private func repairInvalid(_ batch: inout Batch) {
        let found = Self.repairInvalid(batch.subCompartments.indices, of: batch.subCompartments, settings: options.geometry,
                                       squareMetresPerUnit: squareMetresPerUnit)
        batch.firstInvalid = found.material.map { (batch.start + $0.0, $0.1) }
        for (k, repair, geometry) in found.repaired {
            batch.subCompartments[k].geometry = geometry
            var r = repair
            r.index = batch.start + k
            batch.repairs.append(r)
        }
    }

    /// The square of the XY tolerance in the layer's units.
    private var degenerateArea: Double { options.geometry.degenerateSquareMetres / squareMetresPerUnit }

    /// The polygons among `indices` that are invalid, repaired where the repair is a hair's (or `repairMaterial`
    /// asks for any): each with its repair (`index` is its place in `subCompartments`) and new geometry; and the
    /// first (in `indices`' order) invalidity not repaired, with its reason and where, at which the search stops: a
    /// ring not closed (`PolygonValidity`), a polygon GEOS cannot read (its reason, no place), or a material one. A
    /// polygon of one ring that `Planar.ringIsSimple` finds certainly simple (most sub-compartments) is valid for
    /// GEOS too and skips it.
    static func repairInvalid(_ indices: some Sequence<Int>, of subCompartments: [SubCompartment], settings: GeometrySettings,
                              squareMetresPerUnit: Double) -> (repaired: [(Int, GeometryRepair, WKB)], material: (Int, Invalidity)?) {
        let context = GEOSContext()
        var repaired: [(Int, GeometryRepair, WKB)] = []
        for k in indices where !certainlySimple(subCompartments[k].geometry) {
            let s = subCompartments[k]
            if let open = PolygonValidity.firstOpenRing(s.geometry) { return (repaired, (k, open)) }
            let invalid: Invalidity
            do {
                guard let found = try Geometry(wkb: s.geometry, context: context).invalidity else { continue }
                invalid = found
            } catch {
                return (repaired, (k, Invalidity(reason: (error as? GeoError)?.message ?? "\(error)", x: .nan, y: .nan)))
            }
            guard let repair = try? PolygonRepair(s.geometry, context: context, squareMetresPerUnit: squareMetresPerUnit, settings: settings),
                  !repair.material || (settings.repairMaterial && !repair.repaired.bytes.isEmpty) else { return (repaired, (k, invalid)) }
            let at = invalid.x.isFinite && invalid.y.isFinite ? Point(invalid.x, invalid.y) : nil
            repaired.append((k, GeometryRepair(index: k, fid: s.fid, key: s.key, kind: repair.material ? .repairedOnRequest : .repaired,
                                               reason: invalid.reason, squareMetresMoved: repair.squareMetresMoved, point: at), repair.repaired))
        }
        return (repaired, nil)
    }

    /// A polygon of one ring that `Planar.ringIsSimple` finds certainly simple (read in place from the WKB).
    private static func certainlySimple(_ wkb: WKB) -> Bool {
        var rings = 0, simple = false
        do {
            try wkb.forEachRing { _, ring in
                rings += 1
                if rings == 1 { simple = Planar.ringIsSimple(ring) == true }
            }
        } catch { return false }
        return rings == 1 && simple
    }

    /// XIAN|XIANG|CUN|LIN_BAN|XIAO_BAN(|XI_BAN): the key fields' text joined by "|" (empty for null).
    private static func key(_ feature: Feature, _ indices: [Int]) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 256) { buffer in
            var count = 0
            for (n, i) in indices.enumerated() {
                if n > 0 {
                    if count < buffer.count { buffer[count] = UInt8(ascii: "|") }
                    count += 1
                }
                guard var text = feature.values[i].text else { continue }
                text.withUTF8 { bytes in
                    if count + bytes.count <= buffer.count, let base = bytes.baseAddress {
                        (buffer.baseAddress! + count).update(from: base, count: bytes.count)
                    }
                    count += bytes.count
                }
            }
            guard count <= buffer.count else {
                return indices.map { feature.values[$0].text ?? "" }.joined(separator: "|")
            }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[..<count]), as: UTF8.self)
        }
    }
}

/// The prepared batches as they come back from the other cores.
final class PreparedBatches: @unchecked Sendable {
    private var batches: [FeaturePreparation.Batch] = []
    private let lock = NSLock()

    func add(_ batch: FeaturePreparation.Batch) {
        lock.lock()
        batches.append(batch)
        lock.unlock()
    }

    /// Every batch, in layer order (call after they are all in).
    func inOrder() -> [FeaturePreparation.Batch] {
        lock.lock()
        defer { lock.unlock() }
        return batches.sorted { $0.start < $1.start }
    }
}

import Foundation
import Geo

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

    func prepare(_ features: [Feature], start: Int) -> Batch {
        var batch = Batch(start: start, subCompartments: [])
        batch.subCompartments.reserveCapacity(features.count)
        // With only a few fields kept, neighbours often have the same attribute row: they share one copy. The
        // previous feature's row is tried first (two in three in a typical layer) before any hashing.
        var rows: [[FieldValue]: [FieldValue]] = [:]
        var last: [FieldValue]?
        func shared(_ row: [FieldValue]) -> [FieldValue] {
            guard kept != nil else { return row }
            if let last, last == row { return last }
            if let known = rows[row] {
                last = known
                return known
            }
            rows[row] = row
            last = row
            return row
        }
        var lastCode: String?
        for feature in features {
            let key = keyIndices.map { Self.key(feature, $0) } ?? "fid:\(feature.fid)"
            func name() -> String { "feature \(feature.fid) (key \(key))" }
            // `check` (requireValidGeometry off) takes every feature as it is and reports these itself; a missing
            // geometry then reads as empty WKB.
            let geometry = feature.geometry ?? WKB([])
            if options.requireValidGeometry, batch.problem == nil, feature.geometry == nil {
                batch.problem = "\(label): \(name()) has no geometry; delete it or draw its polygon"
            }
            do {
                let (problem, box) = try range.scan(geometry)
                if let problem { batch.outOfRange.append((start + batch.subCompartments.count, problem)) }
                if let box { batch.box = batch.box.map { $0.union(box) } ?? box }
            } catch {
                if options.requireValidGeometry, batch.problem == nil {
                    batch.problem = "\(label): \(name()) is not a polygon; sub-compartments must be polygons"
                }
            }
            let code = LandClassTable.normalizedCode(feature.values[diLei].text ?? "")
            if code != lastCode { batch.codes.insert(code) }
            lastCode = code
            batch.subCompartments.append(SubCompartment(
                fid: feature.fid, key: key,
                townshipCode: TownshipCode.full(xiang: xiang.flatMap { feature.values[$0].text },
                                                xian: xian.flatMap { feature.values[$0].text } ?? options.districtCode) ?? "",
                landClassCode: code, landClass: nil,
                storedAreaHectares: mianJi.flatMap { feature.values[$0].number },
                volumePerHectare: volume.flatMap { feature.values[$0].number },
                attributes: shared(kept.map { $0.map { feature.values[$0] } } ?? feature.values),
                geometry: geometry))
        }
        if options.requireValidGeometry, !options.validityDeferred, batch.problem == nil, batch.outOfRange.isEmpty {
            batch.firstInvalid = Self.firstInvalid(batch.subCompartments.indices, of: batch.subCompartments).map { (start + $0.0, $0.1) }
        }
        return batch
    }

    /// The first of `indices` (in their order) whose polygon is invalid, with its reason and where: a ring not
    /// closed (`PolygonValidity`), a polygon GEOS cannot read (its reason, no place), or one GEOS finds invalid. A
    /// polygon of one ring that `Planar.ringIsSimple` finds certainly simple (most sub-compartments) is valid for
    /// GEOS too and skips it.
    static func firstInvalid(_ indices: some Sequence<Int>, of subCompartments: [SubCompartment]) -> (Int, Invalidity)? {
        let context = GEOSContext()
        for k in indices where !certainlySimple(subCompartments[k].geometry) {
            let wkb = subCompartments[k].geometry
            if let open = PolygonValidity.firstOpenRing(wkb) { return (k, open) }
            do {
                if let invalid = try Geometry(wkb: wkb, context: context).invalidity { return (k, invalid) }
            } catch {
                return (k, Invalidity(reason: (error as? GeoError)?.message ?? "\(error)", x: .nan, y: .nan))
            }
        }
        return nil
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

import Foundation
import Geo

/// What `SubCompartmentLayer.load` reads from each feature before the code table is known, done in batches on
/// another core while GDAL reads on: the key, the township code, the normalised land-class code, the geometry
/// checked, and (when `requireValidGeometry`) the first polygon GEOS finds invalid.
struct FeaturePreparation: Sendable {
    static let batchSize = 4_096

    struct Item: Sendable {
        var key: String
        var township: String
        var code: String
        var storedAreaHectares: Double?
        var volumePerHectare: Double?
        var geometry: WKB
    }

    struct Batch: Sendable {
        var start: Int
        var items: [Item]
        /// The batch's first feature without geometry or not a polygon, as its one-line message.
        var problem: String?
        /// The batch's first invalid polygon (layer index and GEOS's reason), when it has no `problem`.
        var firstInvalid: (Int, Invalidity)?
        /// A polygon GEOS could not read at all (before any invalid one in the batch): raised as GEOS's error.
        var unreadable: GeoError?
    }

    let label: String
    let options: LayerLoadOptions
    let diLei: Int
    let keyIndices: [Int]?
    let xian: Int?
    let xiang: Int?
    let mianJi: Int?
    let volume: Int?

    func prepare(_ features: [Feature], start: Int) -> Batch {
        var batch = Batch(start: start, items: [])
        batch.items.reserveCapacity(features.count)
        for feature in features {
            let key = keyIndices.map { indices in indices.map { feature.values[$0].text ?? "" }.joined(separator: "|") } ?? "fid:\(feature.fid)"
            func name() -> String { "feature \(feature.fid) (key \(key))" }
            // `check` (requireValidGeometry off) takes every feature as it is and reports these itself; a missing
            // geometry then reads as empty WKB.
            let geometry = feature.geometry ?? WKB([])
            if options.requireValidGeometry, batch.problem == nil {
                if feature.geometry == nil {
                    batch.problem = "\(label): \(name()) has no geometry; delete it or draw its polygon"
                } else {
                    do { try geometry.forEachRing { _, _ in } } catch {
                        batch.problem = "\(label): \(name()) is not a polygon; sub-compartments must be polygons"
                    }
                }
            }
            batch.items.append(Item(
                key: key,
                township: TownshipCode.full(xiang: xiang.flatMap { feature.values[$0].text },
                                            xian: xian.flatMap { feature.values[$0].text } ?? options.districtCode) ?? "",
                code: LandClassTable.normalizedCode(feature.values[diLei].text ?? ""),
                storedAreaHectares: mianJi.flatMap { feature.values[$0].number },
                volumePerHectare: volume.flatMap { feature.values[$0].number },
                geometry: geometry))
        }
        if options.requireValidGeometry, batch.problem == nil {
            do { batch.firstInvalid = try firstInvalid(batch.items, start: start) } catch {
                batch.unreadable = error as? GeoError ?? GeoError(.badGeometry, "\(error)")
            }
        }
        return batch
    }

    /// The first polygon GEOS finds invalid (its reason and where), in batch order. A polygon of one ring that
    /// `Planar.ringIsSimple` finds certainly simple (most sub-compartments) is valid for GEOS too and skips it.
    private func firstInvalid(_ items: [Item], start: Int) throws -> (Int, Invalidity)? {
        let context = GEOSContext()
        for (k, item) in items.enumerated() where !Self.certainlySimple(item.geometry) {
            if let invalid = try Geometry(wkb: item.geometry, context: context).invalidity { return (start + k, invalid) }
        }
        return nil
    }

    private static func certainlySimple(_ wkb: WKB) -> Bool {
        guard let polygons = try? wkb.polygons(), polygons.count == 1, polygons[0].rings.count == 1 else { return false }
        return Planar.ringIsSimple(polygons[0].rings[0]) == true
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

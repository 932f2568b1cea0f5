import Foundation
import Geo

/// Area of one land class in one year.
public struct LandClassArea: Sendable, Hashable {
    /// The normalised class key (e.g. "arbor"), or "unknown:CODE" for a code not in the table.
    public var key: String
    public var chineseName: String
    public var group: LandClassGroup?
    public var isForestLand: Bool
    public var countsTowardCoverage: Bool
    public var count: Int
    public var squareMetres: Double
}

/// A year's area by land class (the first report of the annual run): every sub-compartment's area, computed
/// by the configured method, summed by normalised class so two years in different code systems line up.
public struct LandClassAreaSummary: Sendable {
    public var layerLabel: String
    public var method: AreaMethod
    public var rows: [LandClassArea]

    public var totalSquareMetres: Double { rows.reduce(0) { $0 + $1.squareMetres } }
    public var forestLandSquareMetres: Double { rows.filter(\.isForestLand).reduce(0) { $0 + $1.squareMetres } }
    public var coverageForestSquareMetres: Double { rows.filter(\.countsTowardCoverage).reduce(0) { $0 + $1.squareMetres } }

    /// Sums areas by class; the sub-compartments' areas are computed in parallel, one calculator per task.
    public static func compute(_ layer: SubCompartmentLayer, method: AreaMethod) throws -> LandClassAreaSummary {
        let areas = try SubCompartmentAreas.compute(layer, method: method)
        var byKey: [String: LandClassArea] = [:]
        for (s, area) in zip(layer.subCompartments, areas) {
            let key = s.landClass?.key ?? "unknown:\(s.landClassCode)"
            var row = byKey[key] ?? LandClassArea(
                key: key, chineseName: s.landClass?.chineseName ?? "未知地类 \(s.landClassCode)",
                group: s.landClass?.group, isForestLand: s.landClass?.isForestLand ?? false,
                countsTowardCoverage: s.landClass?.countsTowardCoverage ?? false, count: 0, squareMetres: 0)
            row.count += 1
            row.squareMetres += area
            byKey[key] = row
        }
        return LandClassAreaSummary(layerLabel: layer.label, method: method, rows: byKey.values.sorted(by: Self.order))
    }

    /// Forest land first, in the order of the code tables (LandClass.all), then the rest, unknown codes last.
    package static func order(_ a: LandClassArea, _ b: LandClassArea) -> Bool {
        func rank(_ r: LandClassArea) -> Int {
            LandClass.all.firstIndex { $0.key == r.key }.map { (r.isForestLand ? 0 : 1000) + $0 } ?? 10_000
        }
        let ra = rank(a), rb = rank(b)
        return ra != rb ? ra < rb : a.key < b.key
    }
}

/// Areas of every sub-compartment of a layer, in square metres, in layer order.
public enum SubCompartmentAreas {
    public static func compute(_ layer: SubCompartmentLayer, method: AreaMethod) throws -> [Double] {
        let items = layer.subCompartments
        return try ParallelChunks.map(count: items.count, threads: nil) { range in
            let calculator = try AreaCalculator(method: method, spatialReference: layer.spatialReference(), layerLabel: layer.label)
            return try items[range].map { try calculator.squareMetres($0.geometry) }
        }
    }
}

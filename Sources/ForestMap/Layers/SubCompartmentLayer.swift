import Foundation
import Geo

/// A year's sub-compartment (小班) layer, read and checked: every feature a polygon, fields found, CRS usable,
/// land-class codes understood.
public struct SubCompartmentLayer: Sendable {
    /// "file.gpkg|layername=xiaoban_2021", for messages.
    public let label: String
    /// The CRS as WKT (a `SpatialReference` is not `Sendable`; rebuild one per task with `spatialReference()`).
    public let crsWKT: String
    public let crsLabel: String
    public let fieldNames: [String]
    public let landClassTable: LandClassTable
    /// How the code system was chosen: nil when the config named it.
    public let detection: LandClassSystem.Detection?
    public let subCompartments: [SubCompartment]

    public func spatialReference() throws -> SpatialReference {
        try SpatialReference(definition: crsWKT)
    }

    /// Codes not in the code table, with how many sub-compartments carry each.
    public var unknownCodes: [String: Int] {
        subCompartments.filter { $0.landClass == nil }.reduce(into: [:]) { $0[$1.landClassCode, default: 0] += 1 }
    }

    /// Reads a layer. Every problem fails early with one line naming the file, layer, field or feature.
    public static func load(_ source: SourceReference, options: LayerLoadOptions) throws -> SubCompartmentLayer {
        let dataset = try VectorDataset(reading: source, openOptions: options.shapefileEncoding.map { ["ENCODING": $0] } ?? [:])
        let layer = try dataset.layer(named: source.layerName)
        let label = layer.label
        let names = layer.fields.map(\.name)
        let f = options.fields

        func index(_ field: String) -> Int? { layer.fieldIndex(field) }
        guard let diLei = index(f.diLei) else {
            throw ForestMapError.input("\(label): no land-class field \(f.diLei) (地类); fields: \(names.joined(separator: ", ")); name it with [fields] di_lei = \"NAME\"")
        }
        let keyIndices = try keyFieldIndices(layer: layer, fields: f, label: label)
        if layer.geometryKind != .polygon && layer.geometryKind != .unknown {
            throw ForestMapError.input("\(label): the layer holds \(layer.geometryKind.rawValue) geometries; sub-compartments must be polygons")
        }
        let srs = try CRSCheck.usable(layer.spatialReference, extent: layer.extent, label: label, towgs84: options.towgs84)

        let features = try layer.readAll()
        guard !features.isEmpty else {
            throw ForestMapError.input("\(label): the layer is empty; check that the right layer was named")
        }
        let codes = features.map { LandClassTable.normalizedCode($0.values[diLei].text ?? "") }
        let (table, detection) = try codeTable(codes: codes, options: options, label: label)

        let xian = index(f.xian), xiang = index(f.xiang), mianJi = index(f.mianJi), volume = index(f.huoLMGQXJ)
        var result: [SubCompartment] = []
        result.reserveCapacity(features.count)
        for (n, feature) in features.enumerated() {
            let key = keyIndices.map { indices in indices.map { feature.values[$0].text ?? "" }.joined(separator: "|") } ?? "fid:\(feature.fid)"
            func name() -> String { "feature \(feature.fid) (key \(key))" }
            // `check` (requireValidGeometry off) takes every feature as it is and reports these itself; a missing
            // geometry then reads as empty WKB.
            guard let geometry = feature.geometry ?? (options.requireValidGeometry ? nil : WKB([])) else {
                throw ForestMapError.input("\(label): \(name()) has no geometry; delete it or draw its polygon")
            }
            if options.requireValidGeometry {
                do { try geometry.forEachRing { _, _ in } } catch {
                    throw ForestMapError.input("\(label): \(name()) is not a polygon; sub-compartments must be polygons")
                }
            }
            let township = TownshipCode.full(xiang: xiang.flatMap { feature.values[$0].text },
                                             xian: xian.flatMap { feature.values[$0].text } ?? options.districtCode) ?? ""
            result.append(SubCompartment(
                // A user table's codes stay as the table writes them (CORINE 323, not 0323).
                fid: feature.fid, key: key, townshipCode: township,
                landClassCode: table.system == .user ? table.writtenCode(codes[n]) ?? codes[n] : codes[n],
                landClass: table.classify(codes[n]),
                storedAreaHectares: mianJi.flatMap { feature.values[$0].number },
                volumePerHectare: volume.flatMap { feature.values[$0].number },
                attributes: feature.values, geometry: geometry))
        }
        if options.requireValidGeometry { try requireValidPolygons(result, label: label) }
        return SubCompartmentLayer(label: label, crsWKT: srs.wkt, crsLabel: srs.label, fieldNames: names,
                                   landClassTable: table, detection: detection, subCompartments: result)
    }

    /// Refuses the first invalid polygon in layer order (GEOS validity, checked in parallel chunks with a GEOS
    /// context each), naming the feature, GEOS's reason and where. A polygon of one ring that `Planar.ringIsSimple`
    /// finds certainly simple (most sub-compartments) is valid for GEOS too and skips it.
    private static func requireValidPolygons(_ items: [SubCompartment], label: String) throws {
        let firstInvalid = try ParallelChunks.map(count: items.count, threads: nil) { range -> [(Int, Invalidity)] in
            let context = GEOSContext()
            for i in range where !certainlySimple(items[i].geometry) {
                if let invalid = try Geometry(wkb: items[i].geometry, context: context).invalidity { return [(i, invalid)] }
            }
            return []
        }.first
        if let (i, invalid) = firstInvalid {
            throw ForestMapError.input("\(label): feature \(items[i].fid) (key \(items[i].key)) is not a valid polygon: \(invalid.reason) at (\(format(invalid.x)), \(format(invalid.y))); fix it (run `forestmap check` for a full list)")
        }
    }

    private static func certainlySimple(_ wkb: WKB) -> Bool {
        guard let polygons = try? wkb.polygons(), polygons.count == 1, polygons[0].rings.count == 1 else { return false }
        return Planar.ringIsSimple(polygons[0].rings[0]) == true
    }

    /// The key's field indices; nil when the layer has none of the default key fields (foreign data: the
    /// feature id becomes the key). A configured id or key must exist.
    private static func keyFieldIndices(layer: VectorLayer, fields f: SubCompartmentFields, label: String) throws -> [Int]? {
        let wanted = f.keyFields { layer.fieldIndex($0) != nil }
        let found = wanted.map { layer.fieldIndex($0) }
        if found.allSatisfy({ $0 != nil }) { return found.compactMap { $0 } }
        let missing = zip(wanted, found).filter { $0.1 == nil }.map(\.0)
        let configured = f.id != nil || f.key != nil
        if !configured, found.allSatisfy({ $0 == nil }) { return nil }
        throw ForestMapError.input("\(label): key field\(missing.count > 1 ? "s" : "") \(missing.joined(separator: ", ")) missing; fields: \(layer.fields.map(\.name).joined(separator: ", ")); set [fields] id = \"NAME\" or key = [...]")
    }

    private static func codeTable(codes: [String], options: LayerLoadOptions, label: String) throws -> (LandClassTable, LandClassSystem.Detection?) {
        if let user = options.userTable, options.landClassSystem == nil || options.landClassSystem == .user {
            do { return (try LandClassTable.user(csv: user.csv, source: user.path), nil) } catch {
                throw ForestMapError.input("\(user.path): \(error.localizedDescription)")
            }
        }
        if let system = options.landClassSystem, system != .user {
            return (LandClassTable.builtIn(system, settings: options.ambiguousCodes), nil)
        }
        guard let detection = LandClassSystem.detect(codes: codes) else {
            let sample = Array(Set(codes)).sorted().prefix(8).joined(separator: ", ")
            throw ForestMapError.input("\(label): cannot tell the land-class code system from its codes (\(sample)); set [land_class] system = \"old4\", \"new6\", \"gbt21010\" or \"user\" with user_table")
        }
        return (LandClassTable.builtIn(detection.system, settings: options.ambiguousCodes), detection)
    }

    private static func format(_ v: Double) -> String { v.isFinite ? String(format: "%.3f", v) : "?" }
}

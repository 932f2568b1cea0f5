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
    public package(set) var subCompartments: [SubCompartment]
    /// Every field of the source, kept or not (`fieldNames` holds the kept ones); empty for a layer built in code.
    public var sourceFieldNames: [String] = []
    /// The polygons used other than as stored (degenerate parts dropped, invalid ones repaired), in layer order.
    public package(set) var repairs: [GeometryRepair] = []
    /// MIAN_JI and volume values that are not numbers (counted as missing) or carry thousands separators.
    public package(set) var oddNumbers: [OddNumber] = []
    /// XIANG values that are not township codes.
    public package(set) var badTownshipCodes: [BadTownshipCode] = []
    /// Warnings about how the layer's text was read (GBK where UTF-8 was declared).
    public package(set) var readingNotes: [String] = []
    /// The settings the layer was read with, for the validity check a caller deferred.
    var geometrySettings = GeometrySettings()
    /// m² per square unit of the CRS (1 when projected).
    package var squareMetresPerUnit = 1.0
    /// Why a feature's geometry was set aside (a coordinate out of range), by FID: only when the load options do
    /// not require valid geometry (`check`, which reports them); those features' geometry is empty.
    public var unusableGeometry: [Int64: String] = [:]

    /// Whether the source has the field (any case), kept or not.
    public func sourceHasField(_ name: String) -> Bool {
        (sourceFieldNames.isEmpty ? fieldNames : sourceFieldNames).contains { $0.caseInsensitiveCompare(name) == .orderedSame }
    }

    public func spatialReference() throws -> SpatialReference {
        try SpatialReference(definition: crsWKT)
    }

    /// Codes not in the code table, with how many sub-compartments carry each.
    public var unknownCodes: [String: Int] {
        var found: [String: Int] = [:]
        for s in subCompartments where s.landClassNumber == 0 { found[s.landClassCode, default: 0] += 1 }
        return found
    }

    /// Reads a layer. Every problem fails early with one line naming the file, layer, field or feature.
    public static func load(_ source: SourceReference, options: LayerLoadOptions) throws -> SubCompartmentLayer {
        let dataset = try VectorDataset(reading: source, encoding: options.shapefileEncoding)
        let layer = try dataset.layer(named: source.layerName)
        let label = layer.label
        let fields = try ReadFields(layer, source: source, options: options)
        if layer.geometryKind != .polygon && layer.geometryKind != .unknown {
            throw ForestMapError.input("\(label): the layer holds \(layer.geometryKind.rawValue) geometries; sub-compartments must be polygons")
        }
        let extent = layer.extent
        let srs = try CRSCheck.usable(layer.spatialReference, extent: extent, label: label, towgs84: options.towgs84)
        let unitArea = PolygonRepair.squareMetresPerUnit(geographic: srs.isGeographic, extent: extent)
        let preparation = FeaturePreparation(label: label, options: options, range: CoordinateRange(geographic: srs.isGeographic),
                                             diLei: fields.diLei, keyIndices: fields.keyIndices,
                                             xian: fields.xian, xiang: fields.xiang, mianJi: fields.mianJi, volume: fields.volume, kept: fields.kept,
                                             squareMetresPerUnit: unitArea, fieldNames: fields.names)
        let (batches, count) = try readBatches(layer, fields: fields.reading, preparation: preparation)
        let textWarning = try layer.checkedText()
        guard count > 0 else {
            throw ForestMapError.input("\(label): the layer is empty; check that the right layer was named")
        }
        var prepared = batches.inOrder()
        var result = gather(&prepared, count: count)
        let (table, detection) = try codeTable(codes: prepared.reduce(into: Set<String>()) { $0.formUnion($1.codes) }, options: options, label: label)
        if let problem = prepared.lazy.compactMap(\.problem).first { throw ForestMapError.input(problem) }
        classify(&result, table: table)
        let unusable = try setAsideOutOfRange(&result, prepared, srs: srs, options: options, label: label)
        if let (i, invalid) = prepared.lazy.compactMap(\.firstInvalid).first {
            throw invalidPolygon(result[i], invalid, label: label)
        }
        var loaded = SubCompartmentLayer(label: label, crsWKT: srs.wkt, crsLabel: srs.label,
                                         fieldNames: fields.kept.map { $0.map { fields.names[$0] } } ?? fields.names,
                                         landClassTable: table, detection: detection, subCompartments: result, sourceFieldNames: fields.names,
                                         repairs: prepared.flatMap(\.repairs), unusableGeometry: unusable)
        loaded.geometrySettings = options.geometry
        loaded.oddNumbers = prepared.flatMap(\.oddNumbers)
        loaded.badTownshipCodes = prepared.flatMap(\.badTownshipCodes)
        if let textWarning {
            loaded.readingNotes = ["warning: \(textWarning)"]
        }
        loaded.squareMetresPerUnit = unitArea
        return loaded
    }

    /// The fields `load` finds and reads: the land class (required), the key, the district, township, area and
    /// volume fields, and the kept ones. Only these are read at all (every field when every field is kept).
    private struct ReadFields {
        var names: [String]
        var diLei: Int
        /// nil: the feature id is the key.
        var keyIndices: [Int]?
        var xian: Int?, xiang: Int?, mianJi: Int?, volume: Int?
        /// nil: every field is kept.
        var kept: [Int]?
        /// nil: every field is read.
        var reading: Set<Int>?

        init(_ layer: VectorLayer, source: SourceReference, options: LayerLoadOptions) throws {
            let label = layer.label
            names = layer.fields.map(\.name)
            let f = options.fields
            func index(_ field: String) -> Int? { layer.fieldIndex(field) }
            if names.isEmpty {
                let shapefile = source.path.lowercased().hasSuffix(".shp")
                throw ForestMapError.input("\(label): the layer has no attribute fields\(shapefile ? " (a Shapefile without its .dbf? copy the .dbf, .shx and .prj beside the .shp)" : ""); sub-compartments need at least \(f.diLei)")
            }
            guard let diLei = index(f.diLei) else {
                throw ForestMapError.input("\(label): no land-class field \(f.diLei) (地类); fields: \(names.joined(separator: ", ")); name it with [fields] di_lei = \"NAME\"")
            }
            self.diLei = diLei
            keyIndices = try keyFieldIndices(layer: layer, fields: f, label: label)
            let names = names
            let wanted = options.keptFields.map { Set($0.map { $0.uppercased() }) }
            kept = wanted.map { w in names.indices.filter { w.contains(names[$0].uppercased()) } }
            xian = index(f.xian)
            xiang = index(f.xiang)
            mianJi = index(f.mianJi)
            volume = index(f.huoLMGQXJ)
            let used = [diLei] + (keyIndices ?? []) + [xian, xiang, mianJi, volume].compactMap { $0 }
            reading = kept.map { Set($0 + used) }
        }
    }

    /// Reads the features: GDAL reads on this thread; each batch of features is prepared (key, township, code,
    /// kept attributes, geometry checked, validity) on another core meanwhile, and let go: the layer is never held
    /// twice. The batches and the number of features read.
    private static func readBatches(_ layer: VectorLayer, fields reading: Set<Int>?,
                                    preparation: FeaturePreparation) throws -> (batches: PreparedBatches, count: Int) {
        let batches = PreparedBatches()
        var count = 0
        let group = DispatchGroup()
        defer { group.wait() }
        // A few batches in flight at most: when preparing is slower than reading, reading waits rather than
        // the whole layer piling up as raw features.
        let inFlight = DispatchSemaphore(value: FeaturePreparation.batchesInFlight)
        var pending: [Feature] = []
        pending.reserveCapacity(FeaturePreparation.batchSize)
        func submit() {
            let batch = pending, start = count
            count += batch.count
            pending = []
            pending.reserveCapacity(FeaturePreparation.batchSize)
            guard ThreadLimit.available > 1 else { return batches.add(preparation.prepare(batch, start: start)) }
            inFlight.wait()
            DispatchQueue.global().async(group: group) {
                batches.add(preparation.prepare(batch, start: start))
                inFlight.signal()
            }
        }
        try layer.forEachFeature(reading: reading) { feature in
            pending.append(feature)
            if pending.count == FeaturePreparation.batchSize { submit() }
        }
        if !pending.isEmpty { submit() }
        return (batches, count)
    }

    /// The batches' sub-compartments in layer order; each batch is let go as soon as it is in the layer.
    private static func gather(_ prepared: inout [FeaturePreparation.Batch], count: Int) -> [SubCompartment] {
        var result: [SubCompartment] = []
        result.reserveCapacity(count)
        for b in prepared.indices {
            result.append(contentsOf: prepared[b].subCompartments)
            prepared[b].subCompartments = []
        }
        return result
    }

    /// The class of each distinct code, looked up once. A user table's codes stay as the table writes them
    /// (CORINE 323, not 0323).
    private static func classify(_ result: inout [SubCompartment], table: LandClassTable) {
        var classes: [String: (code: String, landClass: LandClass?)] = [:]
        for i in result.indices {
            let code = result[i].landClassCode
            let known = classes[code] ?? {
                let found = (table.system == .user ? table.writtenCode(code) ?? code : code, table.classify(code))
                classes[code] = found
                return found
            }()
            result[i].landClassCode = known.code
            result[i].landClass = known.landClass
        }
    }

    /// The features with a coordinate out of range: refused, or (when valid geometry is not required) kept
    /// without geometry and returned with the reason by feature id.
    private static func setAsideOutOfRange(_ result: inout [SubCompartment], _ prepared: [FeaturePreparation.Batch], srs: SpatialReference,
                                           options: LayerLoadOptions, label: String) throws -> [Int64: String] {
        var unusable: [Int64: String] = [:]
        for (i, reason) in try outOfRange(prepared, result, srs: srs) {
            guard !options.requireValidGeometry else {
                throw ForestMapError.input("\(label): feature \(result[i].fid) (key \(result[i].key)): \(reason); fix or delete the feature (run `forestmap check` for a full list)")
            }
            unusable[result[i].fid] = reason
            result[i].geometry = WKB([])
        }
        return unusable
    }

    /// The features (layer index and why, in layer order) with a coordinate out of range: those the batches found,
    /// and, when the box of the others cannot be taken to the CRS's geographic CRS, those of them whose own box
    /// cannot (this last search only then).
    private static func outOfRange(_ batches: [FeaturePreparation.Batch], _ items: [SubCompartment], srs: SpatialReference) throws -> [(Int, String)] {
        var found = batches.flatMap(\.outOfRange)
        let boxes = batches.compactMap(\.box)
        guard let transform = try CoordinateRange.toGeographic(srs), let first = boxes.first else { return found }
        guard CoordinateRange.untransformable(boxes.dropFirst().reduce(first) { $0.union($1) }, transform) != nil else { return found }
        let known = Set(found.map(\.0))
        for i in items.indices where !known.contains(i) {
            guard let box = try? items[i].geometry.envelope(), let reason = CoordinateRange.untransformable(box, transform) else { continue }
            found.append((i, reason))
        }
        return found.sorted { $0.0 < $1.0 }
    }

    /// Checks the validity of these sub-compartments' polygons as `load` does when its check is not deferred
    /// (``LayerLoadOptions/validityDeferred``), in parallel chunks: those invalid by a hair (or any, with
    /// `--repair`) are repaired in place and listed in `repairs`; the first (in layer order) material invalidity is
    /// refused with the loader's message.
    package mutating func repairInvalid(_ indices: [Int], threads: Int?) throws {
        let items = subCompartments, settings = geometrySettings, unit = squareMetresPerUnit
        let found = try ParallelChunks.map(count: indices.count, threads: threads, minimumChunk: 2_000) { range in
            [FeaturePreparation.repairInvalid(range.lazy.map { indices[$0] }, of: items, settings: settings, squareMetresPerUnit: unit)]
        }
        if let (i, invalid) = found.lazy.compactMap(\.material).first { throw Self.invalidPolygon(items[i], invalid, label: label) }
        var added: [GeometryRepair] = []
        for (k, repair, geometry) in found.flatMap(\.repaired) {
            subCompartments[k].geometry = geometry
            added.append(repair)
        }
        guard !added.isEmpty else { return }
        repairs = (repairs + added).sorted { ($0.index, $0.kind.rawValue) < ($1.index, $1.kind.rawValue) }
    }

    /// Makes each sub-compartment whose polygon is byte for byte that of its match in `other` (`matches`: for each
    /// sub-compartment here, its match's place there, or nil) hold `other`'s copy of the bytes, so that the two
    /// years keep one copy of every unchanged polygon.
    package mutating func shareGeometry(with other: SubCompartmentLayer, matches: [Int?]) {
        precondition(matches.count == subCompartments.count)
        let theirs = other.subCompartments
        for (i, match) in matches.enumerated() {
            guard let j = match, subCompartments[i].geometry == theirs[j].geometry else { continue }
            subCompartments[i].geometry = theirs[j].geometry
        }
    }

    private static func invalidPolygon(_ s: SubCompartment, _ invalid: Invalidity, label: String) -> ForestMapError {
        ForestMapError.input("\(label): feature \(s.fid) (key \(s.key)) is not a valid polygon: \(PolygonValidity.describe(invalid)); fix it (run `forestmap check` for a full list), or pass --repair to use GEOS's repair")
    }

    /// The CRS `load` will give the layer (its WKT), read without reading the features: for reading other layers
    /// into it meanwhile.
    package static func crsWKT(of source: SourceReference, options: LayerLoadOptions) throws -> String {
        let dataset = try VectorDataset(reading: source, encoding: options.shapefileEncoding)
        let layer = try dataset.layer(named: source.layerName)
        return try CRSCheck.usable(layer.spatialReference, extent: layer.extent, label: layer.label, towgs84: options.towgs84).wkt
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

    private static func codeTable(codes: Set<String>, options: LayerLoadOptions, label: String) throws -> (LandClassTable, LandClassSystem.Detection?) {
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

    static func format(_ v: Double) -> String { v.isFinite ? String(format: "%.3f", v) : "?" }
}

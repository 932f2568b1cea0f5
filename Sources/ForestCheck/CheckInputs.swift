import Foundation
import Geo
import ForestMapCore
import PlanarKernel

/// Everything the checks read, resolved once: the layer, the townships, the thresholds in the layer's units, and
/// the indices of the fields the attribute checks use. `Sendable`: shared by every task.
struct CheckInputs: Sendable {
    let layer: SubCompartmentLayer
    let townships: CheckTownships?
    let settings: CheckSettings
    let fieldNames: SubCompartmentFields
    let fields: CheckFields
    let areaMethod: AreaMethod
    /// Areas by `areaMethod`.
    let area: AreaScale
    /// Stored MIAN_JI may differ from the computed area by this share.
    let areaTolerance: Double
    let minimumMapUnitSquareMetres: Double
    let crossingSquareMetres: Double
    let geographic: Bool
    /// A millimetre in layer units (about 1.1 mm, 1e-8°, in a geographic CRS): how close counts as touching.
    let millimetre: Double
    /// The boundary tolerance in layer units (degrees are taken as 111,320 m).
    let tolerance: Double
    /// `[geometry]`: what counts as invalid by a hair.
    let geometrySettings: GeometrySettings
    /// m² per square unit of the layer's CRS, for the repair tolerance.
    let squareMetresPerUnit: Double

    init(layer: SubCompartmentLayer, townships: CheckTownships?, config: ForestMapConfig, geographic: Bool, extent: Envelope) throws {
        self.layer = layer
        self.townships = townships
        settings = config.check
        fieldNames = config.fields
        fields = CheckFields(layer: layer, fields: config.fields, settings: config.check)
        areaMethod = config.areaMethod
        area = try AreaScale(extent: extent, method: config.areaMethod, crsWKT: layer.crsWKT, label: layer.label)
        areaTolerance = config.areaTolerance
        minimumMapUnitSquareMetres = config.check.minimumMapUnitSquareMetres ?? config.mapUnitSquareMetres
        crossingSquareMetres = config.check.crossingSquareMetres ?? config.mapUnitSquareMetres
        self.geographic = geographic
        millimetre = geographic ? 1e-8 : 0.001
        tolerance = Self.layerUnits(metres: config.check.boundaryToleranceMetres, geographic: geographic)
        geometrySettings = config.geometry
        squareMetresPerUnit = layer.squareMetresPerUnit
    }

    static func layerUnits(metres: Double, geographic: Bool) -> Double {
        geographic ? metres / PieceWidth.metresPerDegree : metres
    }

    var subCompartments: [SubCompartment] { layer.subCompartments }

    /// Whether a piece (overlap, gap, part over a boundary) of `squareMetres` is numerical noise: no larger than the
    /// minimum problem area, or narrower on average than the XY tolerance.
    func isNoise(_ polygons: [PolygonRings], squareMetres: Double) -> Bool {
        guard squareMetres > settings.minimumProblemSquareMetres else { return true }
        let perimeter = PieceWidth.perimeterMetres(polygons, geographic: geographic)
        return perimeter > 0 && 2 * squareMetres / perimeter < settings.xyToleranceMetres
    }

    /// "520111101 青岩镇" (the name when the township layer gives one, or Huaxi's own list).
    func townshipLabel(_ code: String) -> String {
        guard !code.isEmpty else { return "(none)" }
        let name = townships?.names[code].flatMap { $0.isEmpty ? nil : $0 } ?? Township.huaxi.first { $0.code == code }?.name
        return name.map { "\(code) \($0)" } ?? code
    }

    func townshipName(_ code: String) -> String {
        townships?.names[code].flatMap { $0.isEmpty ? nil : $0 } ?? Township.huaxi.first { $0.code == code }?.name ?? ""
    }
}

/// The indices of the fields the attribute checks read; nil when the layer lacks the field (that check is skipped).
struct CheckFields: Sendable {
    struct Coded: Sendable {
        var name: String
        var index: Int
        var allowed: Set<String>
        var listed: String
    }

    var xiang: Int?
    var mianJi: Int?
    var qiYuan: Int?
    var yuBiDu: Int?
    var youShiSZ: Int?
    var volume: Int?
    var coded: [Coded]

    init(layer: SubCompartmentLayer, fields f: SubCompartmentFields, settings: CheckSettings) {
        let names = layer.fieldNames
        func index(_ name: String) -> Int? {
            names.firstIndex(of: name) ?? names.firstIndex { $0.caseInsensitiveCompare(name) == .orderedSame }
        }
        xiang = index(f.xiang)
        mianJi = index(f.mianJi)
        qiYuan = index(f.qiYuan)
        yuBiDu = index(f.yuBiDu)
        youShiSZ = index(f.youShiSZ)
        volume = index(f.huoLMGQXJ)
        coded = CheckSettings.codedFieldKeys.compactMap { key in
            let name = CheckSettings.fieldName(key, in: f)
            guard let i = index(name), let list = settings.codeTables[key], !list.isEmpty else { return nil }
            return Coded(name: names[i], index: i, allowed: Set(list), listed: list.joined(separator: ", "))
        }
    }
}

/// The GEOS objects of one thread: its context and the township polygons it has used.
final class CheckWorker {
    struct TownshipGeometry {
        var geometry: Geometry
        var prepared: PreparedGeometry
    }

    let inputs: CheckInputs
    let context = GEOSContext()
    private var townshipCache: [Int: TownshipGeometry] = [:]
    private var ringCache: [Int: [[Point]]] = [:]
    private var tileCache: [Int: [Int: Geometry]] = [:]
    private var grownTileCache: [Int: [Int: Geometry]] = [:]
    private var tileRingCache: [Int: [Int: OrientedRings]] = [:]

    init(_ inputs: CheckInputs) { self.inputs = inputs }

    func geometry(_ wkb: WKB) throws -> Geometry { try Geometry(wkb: wkb, context: context) }

    func geometry(_ polygons: [PolygonRings]) throws -> Geometry { try Geometry(wkb: WKB(polygons: polygons), context: context) }

    /// The area of the polygonal parts of a GEOS geometry, m², by the configured method.
    func squareMetres(_ g: Geometry) -> Double {
        inputs.area.squareMetres(g.polygonRings())
    }

    /// Township part `i` as GEOS geometries, made the first time this thread needs it.
    func township(_ i: Int) throws -> TownshipGeometry {
        if let t = townshipCache[i] { return t }
        let g = try geometry(inputs.townships!.parts[i].wkb)
        let t = TownshipGeometry(geometry: g, prepared: try PreparedGeometry(g))
        townshipCache[i] = t
        return t
    }

    /// The rings of township part `i`, read the first time this thread needs them.
    func townshipRings(_ i: Int) -> [[Point]] {
        if let r = ringCache[i] { return r }
        let r = ((try? inputs.townships!.parts[i].wkb.polygons()) ?? []).flatMap(\.rings)
        ringCache[i] = r
        return r
    }

    /// A township tile (block, part) as a GEOS geometry, made the first time this thread needs it.
    func tile(block: Int, part: Int, _ wkb: WKB) throws -> Geometry {
        if let g = tileCache[block]?[part] { return g }
        let g = try geometry(wkb)
        tileCache[block, default: [:]][part] = g
        return g
    }

    /// A township tile (block, part) grown by the boundary tolerance (GEOS buffer), made the first time this thread
    /// needs it (after `tile` made the tile).
    func grownTile(block: Int, part: Int) throws -> Geometry {
        if let g = grownTileCache[block]?[part] { return g }
        let g = try tileCache[block]![part]!.buffer(inputs.tolerance)
        grownTileCache[block, default: [:]][part] = g
        return g
    }

    /// A township tile (block, part) as oriented rings, made the first time this thread needs it.
    func tileRings(block: Int, part: Int, _ wkb: WKB) -> OrientedRings? {
        if let r = tileRingCache[block]?[part] { return r }
        guard let r = (try? wkb.polygons()).flatMap(OrientedRings.init) else { return nil }
        tileRingCache[block, default: [:]][part] = r
        return r
    }

    /// A rectangle as a GEOS polygon.
    func rectangle(_ b: Envelope) throws -> Geometry {
        try geometry([PolygonRings(rings: [[Point(b.minX, b.minY), Point(b.maxX, b.minY), Point(b.maxX, b.maxY), Point(b.minX, b.maxY), Point(b.minX, b.minY)]])])
    }

    /// The township whose polygon holds the point (nil without townships or outside them).
    func townshipCode(at p: Point) throws -> String? {
        guard let townships = inputs.townships else { return nil }
        let point = try self.point(p)
        for c in townships.index.query(Envelope(minX: p.x, minY: p.y, maxX: p.x, maxY: p.y)).sorted() {
            if try township(c).prepared.intersects(point) { return townships.parts[c].code }
        }
        return nil
    }

    /// A point GEOS geometry (for "which township is this point in").
    func point(_ p: Point) throws -> Geometry {
        var bytes: [UInt8] = [1, 1, 0, 0, 0]
        withUnsafeBytes(of: p.x.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        withUnsafeBytes(of: p.y.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        return try geometry(WKB(bytes))
    }
}

import Foundation
import Geo
import ForestMapCore
import PlanarKernel

/// What the per-feature pass learns about one sub-compartment.
struct FeatureFacts: Sendable {
    /// Its polygon with interiors on the left (the repaired one when the original is invalid); nil when it has no
    /// area to take part in the overlap and gap checks.
    var rings: OrientedRings?
    /// The repaired polygon (GEOS make-valid) used for overlays when the original is invalid.
    var repaired: WKB?
    /// The computed area, m² (nil without a usable polygon).
    var squareMetres: Double?
    /// The township it mostly lies in by the township polygons (with --townships).
    var spatialTownship: String?
    var problems: [CheckProblem]

    var envelope: Envelope? { rings?.box }
}

/// The checks of one sub-compartment on its own: geometry (validity, parts, area, slivers, thin shapes), its
/// place among the townships (crossing, boundary mismatch, XIANG), and its attributes (codes, stored area, logic).
///
/// Clean features never reach GEOS: a single-ring polygon is proved simple in Swift, its area is planar area times
/// the local scale, and the township raster places it. GEOS checks the rest (holes, several parts, rings it cannot
/// prove simple), repairs invalid polygons, and overlays the features near a township boundary.
struct FeatureChecks {
    let worker: CheckWorker
    var inputs: CheckInputs { worker.inputs }

    func check(_ s: SubCompartment) throws -> FeatureFacts {
        let found = Found(s, worker)
        if let polygons = try geometryChecks(s, found) {
            if inputs.townships != nil { try townshipChecks(s, polygons, found) }
        }
        attributeChecks(s, found)
        var facts = found.facts
        let township = s.townshipCode.isEmpty ? (facts.spatialTownship ?? "") : s.townshipCode
        if !facts.problems.isEmpty {
            let here = found.pointOnSurface()
            for i in facts.problems.indices {
                facts.problems[i].townshipCode = township
                if facts.problems[i].point == nil { facts.problems[i].point = here }
            }
        }
        return facts
    }

    /// The facts and problems of one feature as they are found.
    private final class Found {
        let s: SubCompartment
        let worker: CheckWorker
        var facts = FeatureFacts(problems: [])
        /// The GEOS geometry of the (repaired) polygon, once made.
        var geometry: Geometry?

        init(_ s: SubCompartment, _ worker: CheckWorker) {
            self.s = s
            self.worker = worker
        }

        /// The (repaired) polygon in GEOS, made when first needed.
        func geos() throws -> Geometry {
            if let geometry { return geometry }
            let g = try worker.geometry(facts.repaired ?? s.geometry)
            geometry = g
            return g
        }

        func pointOnSurface() -> Point? {
            guard facts.rings != nil || facts.repaired != nil else { return nil }
            return try? geos().pointOnSurface()
        }

        /// A problem of this feature; `geometry` nil writes none, and the point defaults to one on the polygon.
        func add(_ check: QualityCheck, _ detail: String, geometry: WKB?, point: Point? = nil, area: Double? = nil) {
            facts.problems.append(CheckProblem(
                check: check, featureIDs: [s.fid], keys: [s.key], townshipCode: "", detail: "\(s.key): \(detail)",
                geometry: geometry.flatMap { $0.bytes.isEmpty ? nil : $0 }, point: point, squareMetres: area))
        }

        /// A problem shown with the feature's own geometry.
        func add(_ check: QualityCheck, _ detail: String) { add(check, detail, geometry: s.geometry) }
    }

    // MARK: - Geometry

    /// Checks the geometry; returns the (repaired) polygons for the township checks, nil when there are none.
    private func geometryChecks(_ s: SubCompartment, _ found: Found) throws -> [PolygonRings]? {
        guard !s.geometry.bytes.isEmpty else {
            found.add(.invalidGeometry, inputs.layer.unusableGeometry[s.fid] ?? "no geometry", geometry: nil)
            return nil
        }
        guard var polygons = try? s.geometry.polygons() else {
            guard let g = try? worker.geometry(s.geometry) else {
                found.add(.invalidGeometry, "unreadable geometry", geometry: nil)
                return nil
            }
            found.add(.invalidGeometry, "not a polygon but a \(Self.typeName(s.geometry)); sub-compartments must be polygons",
                      geometry: s.geometry, point: try? g.pointOnSurface())
            return nil
        }
        guard polygons.contains(where: { !$0.rings.isEmpty && !$0.rings[0].isEmpty }) else {
            found.add(.invalidGeometry, "empty geometry", geometry: nil)
            return nil
        }
        if let open = PolygonValidity.firstOpenRing(polygons) {
            // GEOS cannot read it: reported, then closed for the other checks.
            let at = Point(open.x, open.y)
            polygons = PolygonValidity.closingRings(polygons)
            found.facts.repaired = WKB(polygons: polygons)
            found.add(.invalidGeometry, "\(open.reason) at (\(MessageFormat.coordinate(at.x, geographic: inputs.geographic)), \(MessageFormat.coordinate(at.y, geographic: inputs.geographic))); the other checks take it closed",
                      geometry: found.facts.repaired, point: at)
        }
        var rings = polygons
        let simple = polygons.count == 1 && polygons[0].rings.count == 1 ? Planar.ringIsSimple(polygons[0].rings[0]) : nil
        if simple != true {
            let original: Geometry
            do { original = try found.geos() } catch {
                found.add(.invalidGeometry, (error as? GeoError)?.message ?? "unreadable geometry: \(error)", geometry: nil)
                found.facts.repaired = nil
                return nil
            }
            if let invalid = original.invalidity {
                let at = invalid.x.isFinite && invalid.y.isFinite ? Point(invalid.x, invalid.y) : nil
                let place = at.map { " at (\(MessageFormat.coordinate($0.x, geographic: inputs.geographic)), \(MessageFormat.coordinate($0.y, geographic: inputs.geographic)))" } ?? ""
                let repair = try? PolygonRepair(found.facts.repaired ?? s.geometry, context: worker.context, squareMetresPerUnit: inputs.squareMetresPerUnit,
                                                settings: inputs.geometrySettings)
                if let repair, !repair.material {
                    found.add(.repairedGeometry, "\(invalid.reason)\(place); repaired, area moved \(String(format: "%.6f", repair.squareMetresMoved)) m² (at most \(inputs.geometrySettings.repairToleranceSquareMetres) m²): the other commands use the repaired polygon",
                              geometry: found.facts.repaired ?? s.geometry, point: at)
                } else {
                    found.add(.invalidGeometry, "\(invalid.reason)\(place)", geometry: found.facts.repaired ?? s.geometry, point: at)
                }
                let repaired = repair.flatMap { $0.repaired.bytes.isEmpty ? nil : try? $0.repaired.polygons() } ?? []
                found.geometry = nil
                guard !repaired.isEmpty else {
                    found.facts.squareMetres = 0
                    found.add(.zeroArea, "area 0 m² (the polygon encloses nothing)")
                    return nil
                }
                found.facts.repaired = WKB(polygons: repaired)
                rings = repaired
            }
        }
        if polygons.count > 1 {
            found.add(.multipart, "\(polygons.count) parts where one polygon is expected")
        }
        let planar = PlanarArea.of(rings)
        let m2 = inputs.area.squareMetres(rings)
        found.facts.squareMetres = m2
        if planar > 0 { found.facts.rings = OrientedRings(rings) }
        let settings = inputs.settings
        if m2 <= settings.zeroAreaSquareMetres {
            found.add(.zeroArea, "area \(String(format: "%.4f", m2)) m² (zero or near zero: at most \(settings.zeroAreaSquareMetres) m²)")
            return found.facts.rings == nil ? nil : rings
        }
        if m2 < inputs.minimumMapUnitSquareMetres {
            found.add(.sliver, "area \(MessageFormat.area(m2)), \(String(format: "%.2f", AreaUnit.mu(hectares: AreaUnit.hectares(m2)))) mu, below the minimum unit of \(String(format: "%.2f", inputs.minimumMapUnitSquareMetres)) m²")
        }
        let perimeter = PieceWidth.perimeterMetres(rings, geographic: inputs.geographic)
        if perimeter > 0 {
            let compactness = 4 * Double.pi * m2 / (perimeter * perimeter)
            let width = 2 * m2 / perimeter
            if compactness < settings.thinRatio && width < settings.thinWidthMetres {
                found.add(.thinShape, "mean width \(String(format: "%.2f", width)) m (2 × area / perimeter, below \(settings.thinWidthMetres) m), compactness \(String(format: "%.3f", compactness)) (below \(settings.thinRatio)); perimeter \(String(format: "%.1f", perimeter)) m")
            }
        }
        return rings
    }

    /// The geometry type named in WKB ("line"), for messages.
    static func typeName(_ wkb: WKB) -> String {
        let b = wkb.bytes
        guard b.count >= 5 else { return "geometry" }
        var type: UInt32 = 0
        for i in 0..<4 { type |= UInt32(b[1 + i]) << (8 * i) }
        if b[0] == 0 { type = type.byteSwapped }
        let names = [1: "point", 2: "line", 3: "polygon", 4: "multipoint", 5: "multiline", 6: "multipolygon", 7: "geometry collection"]
        return names[Int((type & 0x0FFF_FFFF) % 1000)] ?? "geometry of type \(type)"
    }

    // MARK: - Townships

    /// Where the polygon lies among the townships: the township it mostly lies in, whether it reaches over that
    /// township's boundary (beyond the tolerance: crossing; within it: boundary mismatch), and whether XIANG agrees.
    ///
    /// Most sub-compartments lie in raster cells of one township only. The others are overlaid with the townships
    /// near them: the pieces cut from them for the raster block that holds the sub-compartment's box grown by the
    /// tolerance (all of a township that can be within the tolerance of it), or, across blocks, the whole townships
    /// clipped to that box. Every overlay stays small.
    private func townshipChecks(_ s: SubCompartment, _ polygons: [PolygonRings], _ found: Found) throws {
        guard let townships = inputs.townships, let box = Envelope(polygons) else { return }
        if let main = townships.raster.township(covering: box) {
            found.facts.spatialTownship = main
            if inputs.fields.xiang != nil, s.townshipCode != main {
                found.add(.townshipMismatch, "\(xiangText(s)) but the polygon lies in \(inputs.townshipLabel(main))")
            }
            return
        }
        let margin = inputs.tolerance + 1e-6 * max(box.maxX - box.minX, box.maxY - box.minY, 1)
        let window = Envelope(minX: box.minX - margin, minY: box.minY - margin, maxX: box.maxX + margin, maxY: box.maxY + margin)
        let block = townships.raster.block(covering: window)
        // Inside one township's piece of the block by its edges (it shares that township's boundary exactly).
        if let block, let rings = found.facts.rings {
            search: for tile in townships.tiles[block] ?? [] {
                guard let t = worker.tileRings(block: block, part: tile.part, tile.wkb) else { break }
                switch ContainmentTest.test(rings, in: t) {
                case .inside:
                    let main = townships.parts[tile.part].code
                    found.facts.spatialTownship = main
                    if inputs.fields.xiang != nil, s.townshipCode != main {
                        found.add(.townshipMismatch, "\(xiangText(s)) but the polygon lies in \(inputs.townshipLabel(main))")
                    }
                    return
                case .notInside: continue
                case .uncertain: break search
                }
            }
        }
        let g = try found.geos()
        let m2 = found.facts.squareMetres ?? 0
        // The townships near it: their tiles when the window lies in one raster block, else the whole parts clipped.
        // A tile's grown copy is made once per thread (`CheckWorker.grownTile`); a clipped part's, here.
        var near: [(code: String, local: Geometry, tile: (block: Int, part: Int)?)] = []
        if let block {
            for tile in townships.tiles[block] ?? [] {
                near.append((townships.parts[tile.part].code, try worker.tile(block: block, part: tile.part, tile.wkb), (block, tile.part)))
            }
        } else {
            let rectangle = try worker.rectangle(window)
            for c in townships.index.query(window).sorted() {
                let t = try worker.township(c)
                guard t.prepared.intersects(rectangle) else { continue }
                let local = try t.geometry.intersection(rectangle)
                if !local.isEmpty { near.append((townships.parts[c].code, local, nil)) }
            }
        }
        var shares: [String: Double] = [:]
        for n in near {
            let inside = worker.squareMetres(try g.intersection(n.local))
            if inside > 0 { shares[n.code, default: 0] += inside }
        }
        let main = shares.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key
        found.facts.spatialTownship = main
        // The polygon outside its township.
        var outside = g
        if main != nil {
            for n in near where n.code == main { outside = try outside.difference(n.local) }
        }
        let outsidePieces = outside.polygonRings()
        let outsideM2 = inputs.area.squareMetres(outsidePieces)
        let minimum = inputs.settings.minimumProblemSquareMetres
        if !inputs.isNoise(outsidePieces, squareMetres: outsideM2) {
            // The part of that beyond the tolerance: outside the township grown by it (any township when in none).
            var beyond = outside
            for n in near where main == nil || n.code == main {
                let grown = try n.tile.map { try worker.grownTile(block: $0.block, part: $0.part) } ?? n.local.buffer(inputs.tolerance)
                beyond = try beyond.difference(grown)
            }
            let piece = WKB(polygons: outsidePieces)
            let beyondM2 = worker.squareMetres(beyond)
            let of = main.map { "outside \(inputs.townshipLabel($0))" } ?? "outside every township"
            let tolerance = inputs.settings.boundaryToleranceMetres
            if beyondM2 > minimum, beyondM2 >= inputs.crossingSquareMetres {
                var whereabouts = shares.filter { $0.key != main }.sorted { $0.key < $1.key }
                    .map { "\(MessageFormat.hectares($0.value)) in \(inputs.townshipLabel($0.key))" }
                let nowhere = m2 - shares.values.reduce(0, +)
                if nowhere > minimum { whereabouts.append("\(MessageFormat.hectares(nowhere)) in no township") }
                let pointBeyond = try? worker.geometry(beyond.polygonRings()).pointOnSurface()
                found.add(.crossesTownship, "\(MessageFormat.percent(outsideM2, of: m2)) (\(MessageFormat.hectares(outsideM2))) \(of)\(whereabouts.isEmpty ? "" : ": " + whereabouts.joined(separator: ", ")); \(MessageFormat.area(beyondM2)) lies more than \(tolerance) m beyond the boundary",
                          geometry: piece, point: pointBeyond, area: outsideM2)
            } else {
                let point = try? worker.geometry(piece).pointOnSurface()
                let within = beyondM2 > minimum
                    ? "\(MessageFormat.area(beyondM2)) of it more than \(tolerance) m beyond the boundary, less than the \(String(format: "%.2f", inputs.crossingSquareMetres)) m² of a crossing"
                    : "all within \(tolerance) m of the boundary"
                found.add(.boundaryMismatch, "\(MessageFormat.area(outsideM2)) (\(MessageFormat.percent(outsideM2, of: m2))) \(of), \(within): the township boundary and the sub-compartments differ there",
                          geometry: piece, point: point, area: outsideM2)
            }
        }
        if let main, m2 > 0, inputs.fields.xiang != nil, s.townshipCode != main {
            let share = shares[main] ?? 0
            let how = share >= 0.9995 * m2 ? "the polygon" : "\(MessageFormat.percent(share, of: m2)) of the polygon"
            found.add(.townshipMismatch, "\(xiangText(s)) but \(how) lies in \(inputs.townshipLabel(main))")
        }
    }

    private func xiangText(_ s: SubCompartment) -> String {
        let raw = inputs.fields.xiang.flatMap { s.attributes[$0].text } ?? ""
        let name = inputs.fieldNames.xiang
        return raw.isEmpty ? "\(name) is empty" : "\(name) \(raw) is \(inputs.townshipLabel(s.townshipCode))"
    }

    // MARK: - Attributes

    private func attributeChecks(_ s: SubCompartment, _ found: Found) {
        let f = inputs.fields
        let table = inputs.layer.landClassTable
        func text(_ index: Int?) -> String? {
            index.flatMap { s.attributes[$0].text?.checkTrimmed }.flatMap { $0.isEmpty ? nil : $0 }
        }
        // Codes.
        let diLei = inputs.fieldNames.diLei
        if s.landClassCode.isEmpty {
            found.add(.unknownCode, "\(diLei) (land class) is empty")
        } else if s.landClass == nil {
            found.add(.unknownCode, "\(diLei) \(s.landClassCode) is not in the \(table.system.rawValue) land-class code table")
        }
        for coded in f.coded {
            guard var value = text(coded.index) else { continue }
            if value.hasSuffix(".0"), Double(value) != nil { value.removeLast(2) }   // "11.0" from a text field of numbers
            guard !coded.allowed.contains(value) else { continue }
            found.add(.unknownCode, "\(coded.name) \(value) is not in its code table (\(coded.listed))")
        }
        // Stored area.
        if let index = f.mianJi, let m2 = found.facts.squareMetres, m2 > inputs.settings.zeroAreaSquareMetres {
            let computed = AreaUnit.hectares(m2)
            let name = inputs.layer.fieldNames[index]
            let value = FieldNumber(s.attributes[index])
            if value.isBad {
                // Reported as bad_number from the load (`QualityChecker`).
            } else if let stored = value.number {
                let difference = stored - computed
                if abs(difference) > max(inputs.areaTolerance * computed, 0.0001) {
                    found.add(.areaMismatch, "\(name) \(String(format: "%.4f", stored)) ha, computed \(String(format: "%.4f", computed)) ha (\(difference >= 0 ? "+" : "")\(String(format: "%.2f", difference / computed * 100))%, tolerance \(String(format: "%g", inputs.areaTolerance * 100))%; \(inputs.areaMethod.rawValue) area)")
                }
            } else {
                found.add(.areaMismatch, "\(name) is empty, computed \(String(format: "%.4f", computed)) ha (\(inputs.areaMethod.rawValue) area)")
            }
        }
        // Logic.
        let canopy = f.yuBiDu.map { s.attributes[$0] }
        if let canopy, let raw = canopy.text, !raw.checkTrimmed.isEmpty {
            let value = FieldNumber(canopy)
            if value.isBad {
                found.add(.badNumber, "\(inputs.layer.fieldNames[f.yuBiDu!]) \(value.why ?? raw): counted as missing")
            } else if let v = value.number {
                if v < 0 || v > 1 { found.add(.canopyOutOfRange, "\(inputs.layer.fieldNames[f.yuBiDu!]) \(raw) is outside 0..1") }
            } else {
                found.add(.canopyOutOfRange, "\(inputs.layer.fieldNames[f.yuBiDu!]) '\(raw)' is not a number between 0 and 1")
            }
        }
        if let group = s.landClass?.group, group == .harvested || group == .burned {
            var stand: [String] = []
            if let origin = text(f.qiYuan) { stand.append("\(inputs.layer.fieldNames[f.qiYuan!]) \(origin)") }
            if let c = canopy.flatMap({ FieldNumber($0).number }), c > 0 { stand.append("\(inputs.layer.fieldNames[f.yuBiDu!]) \(canopy!.text!)") }
            if let index = f.volume, let v = FieldNumber(s.attributes[index]).number, v > 0 { stand.append("\(inputs.layer.fieldNames[index]) \(s.attributes[index].text!)") }
            if !stand.isEmpty {
                found.add(.harvestedWithStand, "\(s.landClass!.chineseName) (\(s.landClassCode)) has stand attributes: \(stand.joined(separator: ", "))")
            }
        }
        if s.landClass?.group == .arbor, let index = f.youShiSZ, text(index) == nil {
            found.add(.arborWithoutSpecies, "\(s.landClass!.chineseName) (\(s.landClassCode)) with no dominant species (\(inputs.layer.fieldNames[index]) empty)")
        }
    }
}

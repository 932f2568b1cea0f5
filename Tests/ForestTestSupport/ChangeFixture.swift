import Foundation
import Geo
@testable import ForestAssessment
@testable import ForestChange
@testable import ForestCheck
@testable import ForestMapCore
@testable import ForestStats
@testable import ForestSynth

/// Two years for the change tests. The previous year is a synth district's 2020 layer (old4 codes); the current
/// year is built here from it, so its geometry changes in known ways whatever synth does:
/// - the code system switches to new6 (017x, 0180 and 163x land becomes 0401 grass: a reclassification);
/// - some sub-compartments change class; some are split in two with different classes; some pairs of neighbours
///   merge; some shared boundaries move by a 15 m band; some polygons are re-digitised (a vertex added, same
///   land); some unchanged ones get a new key.
/// Made once per test run; the folder is removed at exit.
final class ChangeFixture: @unchecked Sendable {
    let folder: URL
    let previous: SubCompartmentLayer
    let current: SubCompartmentLayer
    let townships: TownshipBoundaries
    /// How many of each edit were made, for asserting that the fixture exercises them.
    var splits = 0, merges = 0, moved = 0, redigitised = 0, rekeyed = 0, classChanges = 0

    static let shared: Result<ChangeFixture, any Error> = Result { try ChangeFixture(subcompartments: 1_000, seed: 20_211_129) }

    static func get() throws -> ChangeFixture { try shared.get() }

    init(subcompartments: Int, seed: UInt64) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("forestmap-change-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let options = SynthOptions(subcompartments: subcompartments, seed: seed)
        _ = try DistrictSynthesizer.write(options, into: folder)
        let source = SourceReference(path: folder.appendingPathComponent("xiaoban_\(options.previousYear).gpkg").path,
                                     layerName: "xiaoban_\(options.previousYear)")
        previous = try SubCompartmentLayer.load(source, options: LayerLoadOptions())
        townships = try TownshipBoundaries.load(SourceReference(path: folder.appendingPathComponent("townships.gpkg").path, layerName: "townships"),
                                                fields: TownshipFields(), districtCode: "520111", into: previous.crsWKT, towgs84: nil, encoding: nil)
        Fixtures.removeAtExit(folder)

        let new6 = LandClassTable.builtIn(.new6)
        let context = GEOSContext()
        func geometry(_ wkb: WKB) throws -> Geometry { try Geometry(wkb: wkb, context: context) }
        func recode(_ s: SubCompartment, _ code: String) -> SubCompartment {
            var s = s
            s.landClassCode = code
            s.landClass = new6.classify(code)
            return s
        }
        // Every sub-compartment in the new system first.
        var items: [SubCompartment?] = previous.subCompartments.map { s in
            recode(s, s.landClass.flatMap(new6.code(for:)) ?? "0401")
        }
        let n = items.count
        var used = Set<Int>()
        func neighbour(of i: Int) throws -> Int? {
            let gi = try geometry(items[i]!.geometry)
            for j in (i + 1)..<n where !used.contains(j) && items[j]!.townshipCode == items[i]!.townshipCode {
                let gj = try geometry(items[j]!.geometry)
                if gi.intersects(gj), try gi.contactLength(with: gj) > 50 { return j }
            }
            return nil
        }
        for i in 0..<n where !used.contains(i) {
            let s = items[i]!
            switch i % 23 {
            case 1, 12:   // a change of class
                let forest = s.landClass?.isForestLand ?? false
                items[i] = recode(s, forest ? "030405" : "030100")
                classChanges += 1
                used.insert(i)
            case 3:       // split at the box's centre line; the east half becomes construction land
                let g = try geometry(s.geometry)
                guard let box = g.envelope else { continue }
                let mid = box.centreX
                let west = try g.intersection(geometry(Self.rectangle(box.minX - 1, box.minY - 1, mid, box.maxY + 1))).polygonRings()
                let east = try g.intersection(geometry(Self.rectangle(mid, box.minY - 1, box.maxX + 1, box.maxY + 1))).polygonRings()
                guard !west.isEmpty, !east.isEmpty else { continue }
                var w = s, e = recode(s, "0601")
                w.geometry = WKB(polygons: west)
                e.geometry = WKB(polygons: east)
                e.key += "|2"
                items[i] = w
                items.append(e)
                splits += 1
                used.insert(i)
            case 5:       // merge with a neighbour: the merged one keeps this one's key and class
                guard let j = try neighbour(of: i) else { continue }
                let union = try geometry(s.geometry).union(geometry(items[j]!.geometry)).polygonRings()
                guard union.count == 1 else { continue }
                var m = s
                m.geometry = WKB(polygons: union)
                items[i] = m
                items[j] = nil
                merges += 1
                used.formUnion([i, j])
            case 8:       // a shared boundary moves: the neighbour takes a 15 m band of this one
                guard let j = try neighbour(of: i) else { continue }
                let gi = try geometry(s.geometry), gj = try geometry(items[j]!.geometry)
                let band = try gj.buffer(15)
                let rest = try gi.difference(band).polygonRings()
                let taken = try gi.intersection(band)
                let grown = try gj.union(taken).polygonRings()
                guard rest.count == 1, grown.count == 1 else { continue }
                items[i]!.geometry = WKB(polygons: rest)
                items[j]!.geometry = WKB(polygons: grown)
                moved += 1
                used.formUnion([i, j])
            case 10:      // re-digitised: a vertex added in the middle of the first edge, the same land
                var polygons = try s.geometry.polygons()
                let a = polygons[0].rings[0][0], b = polygons[0].rings[0][1]
                polygons[0].rings[0].insert(Point((a.x + b.x) / 2, (a.y + b.y) / 2), at: 1)
                items[i]!.geometry = WKB(polygons: polygons)
                redigitised += 1
                used.insert(i)
            case 15:      // a new key, the same polygon and class
                items[i]!.key = "renumbered|\(i)"
                rekeyed += 1
                used.insert(i)
            default:
                break
            }
        }
        current = SubCompartmentLayer(label: "current (built in code)", crsWKT: previous.crsWKT, crsLabel: previous.crsLabel,
                                      fieldNames: previous.fieldNames, landClassTable: new6, detection: nil,
                                      subCompartments: items.compactMap { $0 })
    }

    static func rectangle(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> WKB {
        WKB(polygons: [PolygonRings(rings: [[Point(x0, y0), Point(x1, y0), Point(x1, y1), Point(x0, y1), Point(x0, y0)]])])
    }

    /// The exact overlay done the slow way: every previous sub-compartment intersected with every current one (no
    /// index, no shortcut, no skipping of pairs), each piece measured and split by township polygon when given,
    /// summed by township, from and to class; same-class rows dropped.
    func bruteForce(townships: TownshipBoundaries? = nil) throws -> [String: Double] {
        let context = GEOSContext()
        let measure = try LayerAreaMeasure(LayerAreaMethod(method: .ellipsoidal, layer: current, planarCRS: nil))
        let news = try current.subCompartments.map { try Geometry(wkb: $0.geometry, context: context) }
        let zones = try townships?.parts.map { (code: townships!.townships[$0.township].code, geometry: try Geometry(wkb: $0.wkb, context: context)) }
        var sums: [String: Double] = [:]
        for p in previous.subCompartments {
            let g = try Geometry(wkb: p.geometry, context: context)
            for (j, c) in current.subCompartments.enumerated() {
                let piece = try g.intersection(news[j])
                let rings = piece.polygonRings()
                guard !rings.isEmpty, let kind = TransitionAccounting.kind(p, previous.landClassTable, c, current.landClassTable) else { continue }
                let classes = "\(TransitionAccounting.fromClass(p, previous.landClassTable, current.landClassTable).code)>\(TransitionAccounting.toClass(c, current.landClassTable).code)>\(kind.rawValue)"
                guard let zones else {
                    sums["\(c.townshipCode)>\(classes)", default: 0] += try measure.squareMetres(rings)
                    continue
                }
                var rest = try Geometry(wkb: WKB(polygons: rings), context: context)
                for z in zones {
                    let inside = try rest.intersection(z.geometry).polygonRings()
                    if !inside.isEmpty { sums["\(z.code)>\(classes)", default: 0] += try measure.squareMetres(inside) }
                    let left = try rest.difference(z.geometry).polygonRings()
                    rest = try Geometry(wkb: WKB(polygons: left), context: context)
                }
                let outside = rest.polygonRings()
                if !outside.isEmpty { sums["outside>\(classes)", default: 0] += try measure.squareMetres(outside) }
            }
        }
        return sums
    }
}

extension TransitionAccounting {
    /// The rows keyed as `ChangeFixture.bruteForce` keys them.
    var keyed: [String: Double] {
        Dictionary(transitions.map { ("\($0.townshipCode)>\($0.fromClass)>\($0.toClass)>\($0.kind.rawValue)", $0.squareMetres) }, uniquingKeysWith: +)
    }
}


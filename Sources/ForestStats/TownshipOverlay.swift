import Foundation
import Geo
import ForestMapCore
import PlanarKernel

/// A share of a sub-compartment's area that falls in one township, or outside every township.
package struct TownshipShare: Sendable, Hashable {
    /// Index into `TownshipBoundaries.townships`; `TownshipShare.outside` for area outside every township.
    package var township: Int
    package var squareMetres: Double

    package static let outside = -1
}

/// One sub-compartment split at the township boundaries (叠加分割): its whole area and the shares of it, which add
/// up to the whole.
package struct SubCompartmentSplit: Sendable {
    /// The sub-compartment's area (m²), measured on its own polygon.
    var squareMetres: Double
    package var shares: [TownshipShare]
    /// The part outside every township, for the map; nil when there is none.
    var outside: [PolygonRings]?
    /// Whether the sub-compartment was cut (it crosses a township boundary or the edge of all of them).
    var wasCut: Bool
}

/// The exact overlay of a sub-compartment layer with township boundaries (按乡镇界线叠加分割).
///
/// For each sub-compartment, the townships whose boxes meet its box are the candidates. When a candidate's
/// prepared polygon contains it, the whole sub-compartment goes there uncut: the common case, and exact.
/// Otherwise it is cut with OverlayNG: the piece inside each candidate (intersection). When the pieces add up to
/// the sub-compartment's area (within `closure`) that is all. When they fall short, what no candidate covers
/// (the sub-compartment less each candidate: difference) lies outside every township. When they add up to more,
/// township polygons overlap: it is cut in turn, each candidate taking the piece of what the ones before it left,
/// so nothing is counted twice, the first in layer order taking the overlap. An overlap of two townships above
/// noise never gets here (`TownshipBoundaries.withoutOverlaps` gave it to one of them by the sub-compartments, or
/// refused it, beforehand): what is left is numerical dust along shared boundaries, or two features of one
/// township that overlap. The pieces' areas are
/// scaled by (sub-compartment area / sum of pieces), a factor within about 1e-12 of 1, so that they add up to
/// the sub-compartment's own area exactly.
///
/// Overlays run at full precision (OverlayNG with its robust fallbacks: floating noding, then snapping, then
/// snap-rounding), so pieces keep the sub-compartment's own vertices. A fixed grid (say 1 mm) would be as robust
/// but moves every vertex, and GEOS 3.11's snap-rounding seeds a random generator from the system on every call,
/// which cost more than the overlays themselves.
///
/// Township polygons have thousands of vertices: testing a sub-compartment that shares an edge with one falls
/// back to a full relate over the whole township in GEOS 3.11, and every overlay walks all its vertices. So the
/// candidates are tiles (`TownshipTiling`): each township cut exactly (at full precision, its own vertices kept)
/// into square cells, built by each task when first needed. A sub-compartment whose box lies inside one cell is
/// tested and cut against that cell's tiles, which within the cell are the townships themselves; the rare one
/// too large for a cell uses the whole township polygons. Most cells lie wholly inside one township: their
/// sub-compartments go there without being read into GEOS at all.
package enum TownshipOverlay {
    /// How closely the pieces must add up to the sub-compartment's area for the quick path: 1e-9 (0.01 mm² a
    /// hectare), far above floating-point noise and far below anything mapped.
    package static let closure = 1e-9

    /// Splits every sub-compartment, in layer order, in parallel chunks (each with its own GEOS context, area
    /// measure, prepared townships and tiles, built from WKB). The result does not depend on `threads`: each
    /// sub-compartment's split depends on it, the townships and the tiling alone.
    static func split(_ layer: SubCompartmentLayer, by boundaries: TownshipBoundaries, area: LayerAreaMethod,
                      threads: Int?, xyToleranceMetres: Double = 0) throws -> [SubCompartmentSplit] {
        let noiseWidth = layer.layerUnits(metres: xyToleranceMetres)
        let items = layer.subCompartments
        let tiling = TownshipTiling(boundaries: boundaries, subCompartmentCount: items.count)
        let tiles = try sharedTiles(items, boundaries: boundaries, tiling: tiling, threads: threads)
        return try ParallelChunks.map(count: items.count, threads: threads) { range in
            let worker = try Worker(boundaries: boundaries, tiling: tiling, area: area, tiles: tiles, noiseWidth: noiseWidth)
            return try range.map { try worker.split(items[$0].geometry) }
        }
    }

    /// A tile as bytes, built once and shared by every task (each reads it into its own GEOS context).
    package struct Tile: Sendable {
        var township: Int
        var wkb: WKB
        var envelope: Envelope
        var isWholeCell: Bool
    }

    /// The tiles of every cell some sub-compartment falls in, each cell cut once (in parallel), not once per task.
    package static func sharedTiles(_ items: [SubCompartment], boundaries: TownshipBoundaries, tiling: TownshipTiling,
                            threads: Int?) throws -> [TownshipTiling.Cell: [Tile]] {
        let found = try ParallelChunks.map(count: items.count, threads: threads, minimumChunk: 5_000) { range -> [Set<TownshipTiling.Cell>] in
            var cells = Set<TownshipTiling.Cell>()
            for i in range { if let box = try? items[i].geometry.envelope(), let cell = tiling.cell(containing: box) { cells.insert(cell) } }
            return [cells]
        }
        let cells = Array(found.reduce(into: Set<TownshipTiling.Cell>()) { $0.formUnion($1) })
        let ranges = ParallelJobs.ranges(count: cells.count, size: 16)
        // One GEOS context and one set of prepared townships per thread, kept for every job it takes.
        let built = try ParallelJobs.map(jobs: ranges.count, threads: threads, state: { () throws -> (GEOSContext, [Candidate]) in
            let context = GEOSContext()
            return (context, try Worker.prepare(boundaries, context: context))
        }) { state, job in
            let (context, parts) = state
            return try ranges[job].map { k in
                try Worker.clip(tiling.rectangle(cells[k]), parts: parts, boundaries: boundaries, context: context).map {
                    try Tile(township: $0.township, wkb: $0.geometry.wkb, envelope: $0.envelope, isWholeCell: $0.isWholeCell)
                }
            }
        }.flatMap { $0 }
        return Dictionary(uniqueKeysWithValues: zip(cells, built))
    }

    /// Each township's land area (土地总面积): the sum of its boundary parts' areas, by the same method (geodesic
    /// when ellipsoidal: township parts are too large for the local scale).
    static func landAreas(_ boundaries: TownshipBoundaries, area: LayerAreaMethod) throws -> [Double] {
        let measure = try LayerAreaMeasure(area.exact)
        var areas = [Double](repeating: 0, count: boundaries.townships.count)
        for part in boundaries.parts { areas[part.township] += try measure.squareMetres(part.polygons) }
        return areas
    }

    /// A polygon a sub-compartment is tested and cut against: a whole township part or a tile of one.
    fileprivate struct Candidate {
        var township: Int
        var geometry: Geometry
        var prepared: PreparedGeometry
        var envelope: Envelope
        /// The whole cell of a tiling, inside one township: it contains every polygon `TownshipTiling.cell`
        /// put in that cell, no test needed.
        var isWholeCell = false
        /// For tiles: the rings and edge boxes that settle most containment tests without GEOS.
        var outline: TileOutline?
    }

    /// The GEOS and PROJ objects of one task; `forestmap change` uses one per task to split its pieces too.
    package final class Worker {
        let context = GEOSContext()
        let measure: LayerAreaMeasure
        let boundaries: TownshipBoundaries
        let tiling: TownshipTiling
        private let parts: [Candidate]
        private var tiles: [TownshipTiling.Cell: [Candidate]] = [:]
        /// Tiles cut beforehand (`sharedTiles`); cells missing here are cut by this worker when first needed.
        private let shared: [TownshipTiling.Cell: [Tile]]
        /// What lies outside every township but is narrower than this on average (`PieceWidth`, layer units) is
        /// the noise of two grids along the district's edge, not land outside it.
        private let noiseWidth: Double

        package init(boundaries: TownshipBoundaries, tiling: TownshipTiling, area: LayerAreaMethod,
             tiles shared: [TownshipTiling.Cell: [Tile]] = [:], noiseWidth: Double = 0) throws {
            self.noiseWidth = noiseWidth
            self.boundaries = boundaries
            self.tiling = tiling
            self.shared = shared
            measure = try LayerAreaMeasure(area)
            parts = try Self.prepare(boundaries, context: context)
        }

        /// The township parts as prepared GEOS geometries in a context.
        fileprivate static func prepare(_ boundaries: TownshipBoundaries, context: GEOSContext) throws -> [Candidate] {
            try boundaries.parts.map { part in
                let g = try Geometry(wkb: part.wkb, context: context)
                return Candidate(township: part.township, geometry: g, prepared: try PreparedGeometry(g), envelope: part.envelope)
            }
        }

        /// Splits one polygon (a sub-compartment, or a piece of one) at the township boundaries.
        package func split(_ geometry: WKB) throws -> SubCompartmentSplit {
            let whole = try measure.squareMetres(geometry)
            guard let box = try geometry.envelope() else {
                return SubCompartmentSplit(squareMetres: whole, shares: [TownshipShare(township: TownshipShare.outside, squareMetres: whole)], outside: nil, wasCut: false)
            }
            let candidates: [Candidate]
            if let cell = tiling.cell(containing: box) {
                candidates = try tiles(cell).filter { $0.envelope.intersects(box) }
            } else {
                candidates = boundaries.index.query(box).sorted().map { parts[$0] }
            }
            guard !candidates.isEmpty else {
                return SubCompartmentSplit(squareMetres: whole, shares: [TownshipShare(township: TownshipShare.outside, squareMetres: whole)], outside: try geometry.polygons(), wasCut: false)
            }
            if candidates[0].isWholeCell {
                return SubCompartmentSplit(squareMetres: whole, shares: [TownshipShare(township: candidates[0].township, squareMetres: whole)], outside: nil, wasCut: false)
            }
            // The first candidate that contains it: settled by the tiles' outlines while they can, then by GEOS.
            var asked = 0
            while asked < candidates.count, let inside = candidates[asked].outline?.contains(geometry, box: box, envelope: candidates[asked].envelope) {
                if inside {
                    return SubCompartmentSplit(squareMetres: whole, shares: [TownshipShare(township: candidates[asked].township, squareMetres: whole)], outside: nil, wasCut: false)
                }
                asked += 1
            }
            let g = try Geometry(wkb: geometry, context: context)
            if let c = candidates[asked...].first(where: { $0.prepared.contains(g) }) {
                return SubCompartmentSplit(squareMetres: whole, shares: [TownshipShare(township: c.township, squareMetres: whole)], outside: nil, wasCut: false)
            }
            return try cut(g, box: box, whole: whole, candidates: candidates)
        }

        /// The tiles of a cell, in township-part order: each part meeting the cell, cut to it exactly.
        private func tiles(_ cell: TownshipTiling.Cell) throws -> [Candidate] {
            if let cached = tiles[cell] { return cached }
            let made: [Candidate]
            if let ready = shared[cell] {
                var whole: Candidate?
                made = try ready.map { t in
                    if t.isWholeCell, let w = whole { return Candidate(township: t.township, geometry: w.geometry, prepared: w.prepared, envelope: t.envelope, isWholeCell: true) }
                    let g = try Geometry(wkb: t.wkb, context: context)
                    let c = Candidate(township: t.township, geometry: g, prepared: try PreparedGeometry(g), envelope: t.envelope, isWholeCell: t.isWholeCell)
                    if t.isWholeCell { whole = c }
                    return c
                }
            } else {
                made = try Self.clip(tiling.rectangle(cell), parts: parts, boundaries: boundaries, context: context)
            }
            let outlined = made.map { c in
                var c = c
                if !c.isWholeCell { c.outline = TileOutline(c.geometry.polygonRings()) }
                return c
            }
            tiles[cell] = outlined
            return outlined
        }

        /// The township parts meeting a cell's rectangle, cut to it exactly, in part order.
        fileprivate static func clip(_ rect: Envelope, parts: [Candidate], boundaries: TownshipBoundaries, context: GEOSContext) throws -> [Candidate] {
            let rectGeometry = try Geometry(wkb: WKB(polygons: [PolygonRings(rings: [[
                Point(rect.minX, rect.minY), Point(rect.maxX, rect.minY), Point(rect.maxX, rect.maxY),
                Point(rect.minX, rect.maxY), Point(rect.minX, rect.minY),
            ]])]), context: context)
            var whole: PreparedGeometry?
            var made: [Candidate] = []
            for k in boundaries.index.query(rect).sorted() {
                let part = parts[k]
                if rect.contains(part.envelope) { made.append(part); continue }
                guard part.prepared.intersects(rectGeometry) else { continue }
                if part.prepared.contains(rectGeometry) {
                    // The cell lies inside the township: the tile is the cell itself.
                    if whole == nil { whole = try PreparedGeometry(rectGeometry) }
                    made.append(Candidate(township: part.township, geometry: rectGeometry, prepared: whole!, envelope: rect, isWholeCell: true))
                    continue
                }
                // At full precision: the township's own vertices stay exactly where they are.
                let clipped = try part.geometry.overlay(within: rect) { try $0.intersection(rectGeometry) }.polygonRings()
                guard !clipped.isEmpty, let envelope = Envelope(clipped) else { continue }
                let g = try Geometry(wkb: WKB(polygons: clipped), context: context)
                made.append(Candidate(township: part.township, geometry: g, prepared: try PreparedGeometry(g), envelope: envelope))
            }
            return made
        }

        /// Cuts a sub-compartment that no single candidate contains.
        private func cut(_ g: Geometry, box: Envelope, whole: Double, candidates: [Candidate]) throws -> SubCompartmentSplit {
            // Usually the candidates cover the sub-compartment without overlapping: the pieces alone then add up
            // to its area (within `closure`), and no difference is needed.
            let meeting = candidates.filter { $0.prepared.intersects(g) }
            var pieces: [TownshipShare] = []
            for c in meeting {
                let a = try measure.squareMetres(c.geometry.overlay(within: box) { try g.intersection($0) }.polygonRings())
                if a > 0 { pieces.append(TownshipShare(township: c.township, squareMetres: a)) }
            }
            let covered = pieces.reduce(0) { $0 + $1.squareMetres }
            if covered > 0, abs(covered - whole) <= whole * TownshipOverlay.closure {
                return Self.scaled(pieces, to: whole, outside: nil)
            }
            if covered < whole {
                // A gap and no overlap: the pieces stand, and what no candidate covers lies outside.
                var rest: Geometry? = g
                for c in meeting {
                    guard let current = rest else { break }
                    let remaining = try current.difference(c.geometry).polygonRings()
                    rest = remaining.isEmpty ? nil : try Geometry(wkb: WKB(polygons: remaining), context: context)
                }
                return try Self.scaled(pieces, plusOutside: rest, measure: measure, to: whole, noiseWidth: noiseWidth)
            }
            // Townships that overlap (by numerical dust, or features of one township: see above): cut in turn, each
            // candidate taking what the ones before it left.
            var rest: Geometry? = g
            var raw: [TownshipShare] = []
            for c in meeting {
                guard let current = rest else { break }
                if current !== g, c.prepared.contains(current) {
                    raw.append(TownshipShare(township: c.township, squareMetres: try measure.squareMetres(current.polygonRings())))
                    rest = nil
                    break
                }
                guard c.prepared.intersects(current) else { continue }
                let a = try measure.squareMetres(current.intersection(c.geometry).polygonRings())
                if a > 0 { raw.append(TownshipShare(township: c.township, squareMetres: a)) }
                let remaining = try current.difference(c.geometry).polygonRings()
                rest = remaining.isEmpty ? nil : try Geometry(wkb: WKB(polygons: remaining), context: context)
            }
            return try Self.scaled(raw, plusOutside: rest, measure: measure, to: whole, noiseWidth: noiseWidth)
        }

        /// The shares with the outside rest (when it has area and is not noise), scaled to the sub-compartment's
        /// area.
        private static func scaled(_ raw: [TownshipShare], plusOutside rest: Geometry?, measure: LayerAreaMeasure, to whole: Double,
                                   noiseWidth: Double) throws -> SubCompartmentSplit {
            guard let rest else { return scaled(raw, to: whole, outside: nil) }
            let polygons = rest.polygonRings()
            guard !PieceWidth.isNoise(polygons, narrowerThan: noiseWidth) else { return scaled(raw, to: whole, outside: nil) }
            let a = try measure.squareMetres(polygons)
            guard a > 0 else { return scaled(raw, to: whole, outside: nil) }
            return scaled(raw + [TownshipShare(township: TownshipShare.outside, squareMetres: a)], to: whole, outside: polygons)
        }

        /// The shares scaled to add up to the sub-compartment's own area; cut when there are several.
        private static func scaled(_ raw: [TownshipShare], to whole: Double, outside: [PolygonRings]?) -> SubCompartmentSplit {
            let sum = raw.reduce(0) { $0 + $1.squareMetres }
            guard sum > 0 else {
                return SubCompartmentSplit(squareMetres: whole, shares: [TownshipShare(township: TownshipShare.outside, squareMetres: whole)], outside: nil, wasCut: false)
            }
            let scale = whole / sum
            return SubCompartmentSplit(squareMetres: whole, shares: raw.map { TownshipShare(township: $0.township, squareMetres: $0.squareMetres * scale) },
                                       outside: outside, wasCut: raw.count > 1)
        }
    }
}

/// Square cells over the township boundaries (分块), for cutting the townships into small tiles.
///
/// Four grids, offset by half a cell in x, in y and in both, so that any box smaller than half a cell (less a
/// margin) lies inside a cell of one of them. The cell side is 16 times the mean sub-compartment's side
/// (√(extent area / count)), so nearly every sub-compartment fits one cell.
package struct TownshipTiling: Sendable {
    package struct Cell: Hashable, Sendable {
        var grid: Int
        var column: Int
        var row: Int
    }

    let originX: Double
    let originY: Double
    let size: Double
    /// How far inside its cell a box must stay: tiles' edges along the cell sides carry computed crossings.
    let margin: Double

    package init(boundaries: TownshipBoundaries, subCompartmentCount: Int) {
        let extent = boundaries.parts.dropFirst().reduce(boundaries.parts.first?.envelope ?? Envelope(minX: 0, minY: 0, maxX: 1, maxY: 1)) { $0.union($1.envelope) }
        let width = max(extent.maxX - extent.minX, extent.maxY - extent.minY, .leastNormalMagnitude)
        let mean = ((extent.maxX - extent.minX) * (extent.maxY - extent.minY) / Double(max(1, subCompartmentCount))).squareRoot()
        size = min(width, max(mean * 16, width / 256))
        originX = extent.minX
        originY = extent.minY
        margin = size * 1e-4
    }

    private func offset(_ grid: Int) -> (Double, Double) {
        ((grid & 1) == 0 ? 0 : size / 2, (grid & 2) == 0 ? 0 : size / 2)
    }

    /// The first cell (grids in order) whose inside holds the box with the margin; nil when the box is too big.
    func cell(containing box: Envelope) -> Cell? {
        guard box.maxX - box.minX < size / 2 - 2 * margin, box.maxY - box.minY < size / 2 - 2 * margin else { return nil }
        for grid in 0..<4 {
            let (ox, oy) = offset(grid)
            let column = ((box.minX - originX - ox - margin) / size).rounded(.down)
            let row = ((box.minY - originY - oy - margin) / size).rounded(.down)
            let fitsX = box.maxX + margin < originX + ox + (column + 1) * size
            let fitsY = box.maxY + margin < originY + oy + (row + 1) * size
            if fitsX, fitsY, let c = Int(exactly: column), let r = Int(exactly: row) { return Cell(grid: grid, column: c, row: r) }
        }
        return nil
    }

    func rectangle(_ cell: Cell) -> Envelope {
        let (ox, oy) = offset(cell.grid)
        let x = originX + ox + Double(cell.column) * size, y = originY + oy + Double(cell.row) * size
        return Envelope(minX: x, minY: y, maxX: x + size, maxY: y + size)
    }
}

extension Envelope {
    /// Whether `other` lies inside this box (edges included).
    func contains(_ other: Envelope) -> Bool {
        minX <= other.minX && other.maxX <= maxX && minY <= other.minY && other.maxY <= maxY
    }
}


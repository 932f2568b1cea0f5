import Geo
import ForestMapCore

/// 两期坐标对齐: the current year's coordinates put back on the previous year's where they agree within the XY
/// tolerance, as ArcGIS's Integrate does, before the years are compared.
///
/// A year that went through a File Geodatabase (whose grid moves every coordinate by a fraction of a millimetre), or
/// was reprojected and back, shares no coordinate with the other year although its lines are the same lines on the
/// ground. Compared as they are, every boundary becomes a sliver a tenth of a millimetre wide and every unchanged
/// polygon goes through the overlay. Here each current polygon whose vertices all agree with a previous one's
/// (``UnchangedGeometry``'s near match) takes that polygon's coordinates, and each changed one has every vertex
/// within the tolerance of a previous vertex moved onto it. Runs only when some polygon matched within the tolerance
/// and none byte for byte would have: layers that share their coordinates are left exactly as read.
enum GridAlignment {
    /// Aligns `current` to `previous`; returns whether any coordinate moved. `tolerance` is in the layers' units.
    static func align(_ current: inout SubCompartmentLayer, to previous: SubCompartmentLayer, unchanged: inout UnchangedGeometry,
                      tolerance: Double, threads: Int?) throws -> Bool {
        guard !unchanged.nearPairs.isEmpty, tolerance > 0 else { return false }
        let olds = previous.subCompartments
        for (i, j) in unchanged.nearPairs {
            current.subCompartments[j].geometry = olds[i].geometry
            unchanged.matchedExactly[j] = true
        }
        let changed = unchanged.changedCurrent
        guard !changed.isEmpty else { return true }
        let boxes = try ParallelChunks.map(count: olds.count, threads: threads, minimumChunk: 5_000) { range in
            range.map { (try? olds[$0].geometry.envelope()) ?? Envelope(minX: .nan, minY: .nan, maxX: .nan, maxY: .nan) }
        }
        let index = SpatialIndex(boxes: boxes)
        let news = current.subCompartments
        let moved = try ParallelChunks.map(count: changed.count, threads: threads, minimumChunk: 500) { range in
            range.map { k -> WKB? in
                let j = changed[k]
                guard let polygons = try? news[j].geometry.polygons(), let box = Envelope(polygons) else { return nil }
                let grown = Envelope(minX: box.minX - tolerance, minY: box.minY - tolerance, maxX: box.maxX + tolerance, maxY: box.maxY + tolerance)
                var grid = VertexGrid(cell: 2 * tolerance)
                for i in index.query(grown) {
                    try? olds[i].geometry.forEachRing { _, ring in for p in ring where grown.contains(p) { grid.insert(p) } }
                }
                var any = false
                let aligned = polygons.map { p in
                    PolygonRings(rings: p.rings.map { ring in
                        ring.map { point in
                            guard let near = grid.nearest(to: point, within: tolerance), near != point else { return point }
                            any = true
                            return near
                        }
                    })
                }
                return any ? WKB(polygons: aligned) : nil
            }
        }
        for (k, wkb) in moved.enumerated() { if let wkb { current.subCompartments[changed[k]].geometry = wkb } }
        return true
    }
}

/// Points by grid cell, for finding the nearest within a distance of half a cell.
private struct VertexGrid {
    let cell: Double
    private var cells: [SIMD2<Int64>: [Point]] = [:]

    init(cell: Double) { self.cell = cell }

    private func key(_ p: Point) -> SIMD2<Int64> { SIMD2(Int64((p.x / cell).rounded(.down)), Int64((p.y / cell).rounded(.down))) }

    mutating func insert(_ p: Point) { cells[key(p), default: []].append(p) }

    /// The nearest point within `distance` (at most half a cell), or nil.
    func nearest(to p: Point, within distance: Double) -> Point? {
        guard p.x.isFinite, p.y.isFinite else { return nil }
        let k = key(p)
        var best: Point?, bestSquared = distance * distance
        for dx in Int64(-1)...1 {
            for dy in Int64(-1)...1 {
                for q in cells[k &+ SIMD2(dx, dy)] ?? [] {
                    let ex = q.x - p.x, ey = q.y - p.y, d = ex * ex + ey * ey
                    if d <= bestSquared { best = q; bestSquared = d }
                }
            }
        }
        return best
    }
}

import Geo

/// A grid edge by its two vertex ids, lower first: the canonical direction every shared point is computed in.
struct SynthEdge: Hashable, Sendable {
    let a: Int32
    let b: Int32

    init(_ u: Int, _ v: Int) {
        (a, b) = u < v ? (Int32(u), Int32(v)) : (Int32(v), Int32(u))
    }
}

/// The polygon shells of grid cells in one year's layer. Every point on an edge is a function of the edge alone,
/// computed in the edge's canonical direction, so the two cells sharing an edge hold bit-identical points and each
/// year is a clean coverage:
/// - the first year's edges are `JitteredGrid.edgePoints`;
/// - in the second year, edges next to a re-surveyed cell are re-digitised: three points at 1/3, 1/2 and 2/3 of
///   the chord instead of two, each pushed sideways off the old line by 0.5–5 m (at most 1% of the cell size, so
///   edges still never cross: see `JitteredGrid`); corners stay put, and so do the district's edge and township
///   boundaries (a village survey does not move them);
/// - an edge may carry points inserted where a strip (the road, a thin defect) crosses it.
struct SynthRings: Sendable {
    let grid: JitteredGrid
    /// Per grid cell index: 0 outside the district, 1 inside, 2 inside and re-surveyed (second year only).
    let cellState: [UInt8]
    /// Per grid cell index: the township, or 255 (outside the district, or unknown: no edge is a township boundary).
    var township: [UInt8] = []
    /// The full list of intermediate points of an edge, canonical order, where a strip crosses it.
    var insertions: [SynthEdge: [Point]] = [:]

    /// The largest sideways move of a re-digitised point: 5 m, at most 1% of the cell size.
    var maximumShift: Double { min(5, 0.01 * grid.cellSize) }
    var minimumShift: Double { min(0.5, 0.01 * grid.cellSize) }

    func inDistrict(_ i: Int, _ j: Int) -> Bool { grid.contains(i, j) && cellState[grid.cellIndex(i, j)] != 0 }
    func isResurveyed(_ i: Int, _ j: Int) -> Bool { grid.contains(i, j) && cellState[grid.cellIndex(i, j)] == 2 }

    /// Whether the edge between cell (i, j) and its neighbour (ni, nj) is re-digitised.
    func isRedigitised(_ i: Int, _ j: Int, _ ni: Int, _ nj: Int) -> Bool {
        guard inDistrict(i, j), inDistrict(ni, nj), isResurveyed(i, j) || isResurveyed(ni, nj) else { return false }
        return township.isEmpty || township[grid.cellIndex(i, j)] == township[grid.cellIndex(ni, nj)]
    }

    /// The edge's intermediate points in canonical order (vertex `a` to vertex `b`, a < b) in this year.
    func intermediatePoints(_ a: Int, _ pa: Point, _ b: Int, _ pb: Point, redigitised: Bool) -> [Point] {
        precondition(a < b)
        if let inserted = insertions[SynthEdge(a, b)] { return inserted }
        if redigitised { return redigitisedPoints(a, pa, b, pb) }
        let (p1, p2) = grid.edgePoints(a, pa, b, pb)
        return [p1, p2]
    }

    /// Three points along the first year's edge line (1/3, 1/2, 2/3, with the first year's sideways wiggle
    /// interpolated), each moved sideways by a hashed 0.5–5 m either way.
    func redigitisedPoints(_ a: Int, _ pa: Point, _ b: Int, _ pb: Point) -> [Point] {
        let dx = pb.x - pa.x, dy = pb.y - pa.y
        let length = (dx * dx + dy * dy).squareRoot()
        let scale = JitteredGrid.wiggle * min(grid.cellSize / length, 1)
        let u1 = SynthHash.signed(grid.seed, .edgeWiggle, a, b, 1) * scale
        let u2 = SynthHash.signed(grid.seed, .edgeWiggle, a, b, 2) * scale
        let low = minimumShift, high = maximumShift
        func point(_ t: Double, _ u: Double, _ k: Int) -> Point {
            let h = SynthHash.unit(grid.seed, .redigitise, a, b, k)
            let shift = (low + (high - low) * SynthHash.unit(grid.seed, .redigitise, a, b, k + 10)) * (h < 0.5 ? -1 : 1)
            let v = u + shift / length
            return Point(pa.x + dx * t - dy * v, pa.y + dy * t + dx * v)
        }
        return [point(1.0 / 3, u1, 1), point(0.5, (u1 + u2) / 2, 2), point(2.0 / 3, u2, 3)]
    }

    /// The closed, counter-clockwise shell of cell (i, j) in this year.
    func ring(_ i: Int, _ j: Int) -> [Point] {
        let ids = [grid.vertexID(i, j), grid.vertexID(i + 1, j), grid.vertexID(i + 1, j + 1), grid.vertexID(i, j + 1)]
        let corners = [grid.vertex(i, j), grid.vertex(i + 1, j), grid.vertex(i + 1, j + 1), grid.vertex(i, j + 1)]
        let across = [(i, j - 1), (i + 1, j), (i, j + 1), (i - 1, j)]
        var ring: [Point] = []
        ring.reserveCapacity(16)
        for k in 0..<4 {
            let next = (k + 1) % 4
            let redigitised = isRedigitised(i, j, across[k].0, across[k].1)
            ring.append(corners[k])
            if ids[k] < ids[next] {
                ring += intermediatePoints(ids[k], corners[k], ids[next], corners[next], redigitised: redigitised)
            } else {
                ring += intermediatePoints(ids[next], corners[next], ids[k], corners[k], redigitised: redigitised).reversed()
            }
        }
        ring.append(corners[0])
        return ring
    }

    func ring(cell c: Int) -> [Point] { ring(grid.column(ofCell: c), grid.row(ofCell: c)) }

    /// Whether the shell of cell (i, j) differs between the first year and this one.
    func differsFromFirstYear(_ i: Int, _ j: Int) -> Bool {
        if isResurveyed(i, j) { return true }
        for (ni, nj) in [(i, j - 1), (i + 1, j), (i, j + 1), (i - 1, j)] where isRedigitised(i, j, ni, nj) { return true }
        guard !insertions.isEmpty else { return false }
        let ids = [grid.vertexID(i, j), grid.vertexID(i + 1, j), grid.vertexID(i + 1, j + 1), grid.vertexID(i, j + 1)]
        for k in 0..<4 where insertions[SynthEdge(ids[k], ids[(k + 1) % 4])] != nil { return true }
        return false
    }
}

/// A strip of constant width (the 6 m road; a thin defect) cut north through a column of cells: it crosses each
/// horizontal edge between them at two points inserted into the edge, so the cells on both sides keep
/// bit-identical boundaries.
enum SynthStrip {
    /// Where the strip crosses the horizontal edge from grid vertex (i, j) to (i + 1, j): the edge's
    /// intermediate points with the two crossings (west, east) inserted, in canonical (west to east) order; nil
    /// when the crossing would come within 15% of the edge's length of a corner.
    static func crossing(_ grid: JitteredGrid, base: [Point], _ i: Int, _ j: Int, width: Double)
        -> (points: [Point], west: Point, east: Point)?
    {
        let pa = grid.vertex(i, j), pb = grid.vertex(i + 1, j)
        let line = [pa] + base + [pb]
        var lengths: [Double] = []
        for k in 0..<(line.count - 1) {
            let dx = line[k + 1].x - line[k].x, dy = line[k + 1].y - line[k].y
            lengths.append((dx * dx + dy * dy).squareRoot())
        }
        let total = lengths.reduce(0, +)
        let middle = total / 2
        // The segment holding the middle sets the crossing's angle to the strip, which runs north (0, 1).
        var run = 0.0, segment = 0
        while segment < lengths.count - 1, run + lengths[segment] < middle { run += lengths[segment]; segment += 1 }
        let sine = abs(line[segment + 1].x - line[segment].x) / lengths[segment]
        guard sine > 0.5 else { return nil }
        let half = width / 2 / sine
        guard middle - half > 0.15 * total, middle + half < 0.85 * total else { return nil }
        func at(_ s: Double) -> (Point, Int) {
            var run = 0.0
            for k in 0..<lengths.count {
                if s <= run + lengths[k] || k == lengths.count - 1 {
                    let t = (s - run) / lengths[k]
                    let p = line[k], q = line[k + 1]
                    return (Point(p.x + (q.x - p.x) * t, p.y + (q.y - p.y) * t), k)
                }
                run += lengths[k]
            }
            fatalError("unreachable")
        }
        let (west, kw) = at(middle - half), (east, ke) = at(middle + half)
        // Intermediate points: base points before the west crossing, west, those between, east, the rest.
        var points: [Point] = []
        for k in 0..<base.count where k + 1 <= kw { points.append(base[k]) }
        points.append(west)
        for k in 0..<base.count where k + 1 > kw && k + 1 <= ke { points.append(base[k]) }
        points.append(east)
        for k in 0..<base.count where k + 1 > ke { points.append(base[k]) }
        return (points, west, east)
    }

    /// Cuts the shell of a cell crossed by the strip (south edge crossings `southWest`, `southEast`, north edge
    /// crossings `northWest`, `northEast`, all present in `ring`) into the part west of the strip, the strip
    /// and the part east of it, each a closed counter-clockwise ring.
    static func cut(_ ring: [Point], southWest: Point, southEast: Point, northWest: Point, northEast: Point)
        -> (west: [Point], strip: [Point], east: [Point])?
    {
        let open = Array(ring.dropLast())
        guard let sw = open.firstIndex(of: southWest), let se = open.firstIndex(of: southEast),
              let ne = open.firstIndex(of: northEast), let nw = open.firstIndex(of: northWest) else { return nil }
        func walk(_ from: Int, _ to: Int) -> [Point] {
            var out: [Point] = [], k = from
            while true {
                out.append(open[k])
                if k == to { break }
                k = (k + 1) % open.count
            }
            return out
        }
        let strip = walk(sw, se) + walk(ne, nw)
        let east = walk(se, ne)
        let west = walk(nw, sw)
        return (west + [west[0]], strip + [strip[0]], east + [east[0]])
    }
}

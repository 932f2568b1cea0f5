import Geo
import PlanarKernel

/// The jittered grid the sub-compartments are cut from: a clean coverage by construction.
///
/// Grid vertex (i, j) sits at origin + (i·s, j·s) plus a jitter uniform in a disk of radius 0.3·s (so at most ±0.3·s
/// on each axis). Each grid edge gets two intermediate points at 1/3 and 2/3, pushed sideways by up to 0.08·s
/// (scaled down on edges shorter than s). They are computed from the edge's two vertex ids in canonical order
/// (lower id first) and reversed when a cell walks the edge the other way, so both neighbours hold bit-identical
/// coordinates. The disk jitter keeps every angle between grid edges at a vertex above about 40°, and the sideways
/// push turns an edge's first segment by at most atan(0.24) ≈ 13.5°, so edges never cross: no overlaps, no gaps.
struct JitteredGrid {
    /// Cells per row and per column.
    let size: Int
    /// Cell size s in metres.
    let cellSize: Double
    /// Position of grid vertex (0, 0) before jitter, in metres of the layer's CRS.
    let originX: Double
    let originY: Double
    let seed: UInt64

    static let jitter = 0.3
    static let wiggle = 0.08

    /// Cell index of cell (i, j) (row-major, j = row from the south).
    func cellIndex(_ i: Int, _ j: Int) -> Int { j * size + i }
    func column(ofCell index: Int) -> Int { index % size }
    func row(ofCell index: Int) -> Int { index / size }
    func contains(_ i: Int, _ j: Int) -> Bool { i >= 0 && j >= 0 && i < size && j < size }

    /// Vertex id of grid vertex (i, j); vertices run 0...size on each axis.
    func vertexID(_ i: Int, _ j: Int) -> Int { j * (size + 1) + i }

    /// The jittered position of grid vertex (i, j).
    func vertex(_ i: Int, _ j: Int) -> Point {
        let d = SynthHash.inUnitDisk(seed, .vertexJitter, i, j)
        let amplitude = Self.jitter * cellSize
        return Point(originX + Double(i) * cellSize + amplitude * d.x, originY + Double(j) * cellSize + amplitude * d.y)
    }

    /// The unjittered centre of cell (i, j): where the cell's land, township and noise are sampled.
    func centre(_ i: Int, _ j: Int) -> Point {
        Point(originX + (Double(i) + 0.5) * cellSize, originY + (Double(j) + 0.5) * cellSize)
    }

    /// The two intermediate points of the edge from vertex `a` (at `pa`) to vertex `b` (at `pb`), in walking order.
    func edgePoints(_ a: Int, _ pa: Point, _ b: Int, _ pb: Point) -> (Point, Point) {
        if a > b {
            let (first, second) = edgePoints(b, pb, a, pa)
            return (second, first)
        }
        let dx = pb.x - pa.x, dy = pb.y - pa.y
        let length = (dx * dx + dy * dy).squareRoot()
        // Sideways offset δ = wiggle · min(s, L) · u along the unit normal (-dy, dx) / L.
        let scale = Self.wiggle * min(cellSize / length, 1)
        let u1 = SynthHash.signed(seed, .edgeWiggle, a, b, 1) * scale
        let u2 = SynthHash.signed(seed, .edgeWiggle, a, b, 2) * scale
        let p1 = Point(pa.x + dx / 3 - dy * u1, pa.y + dy / 3 + dx * u1)
        let p2 = Point(pa.x + 2 * dx / 3 - dy * u2, pa.y + 2 * dy / 3 + dx * u2)
        return (p1, p2)
    }

    /// The closed, counter-clockwise shell of cell (i, j): 4 corners, 8 edge points and the closing corner.
    func ring(_ i: Int, _ j: Int) -> [Point] {
        let ids = [vertexID(i, j), vertexID(i + 1, j), vertexID(i + 1, j + 1), vertexID(i, j + 1)]
        let corners = [vertex(i, j), vertex(i + 1, j), vertex(i + 1, j + 1), vertex(i, j + 1)]
        var ring: [Point] = []
        ring.reserveCapacity(13)
        for k in 0..<4 {
            let next = (k + 1) % 4
            let (p1, p2) = edgePoints(ids[k], corners[k], ids[next], corners[next])
            ring.append(corners[k])
            ring.append(p1)
            ring.append(p2)
        }
        ring.append(corners[0])
        return ring
    }
}

/// Little-endian ISO WKB for the MultiPolygon layers (GeoPackage wants MultiPolygons in a MultiPolygon layer).
enum SynthWKB {
    /// A MultiPolygon of polygons, each a list of rings (shell first).
    static func multiPolygon(_ polygons: [[[Point]]]) -> WKB {
        var count = 9
        for polygon in polygons { count += 9 + polygon.reduce(0) { $0 + 4 + 16 * $1.count } }
        var out: [UInt8] = []
        out.reserveCapacity(count)
        func u32(_ v: Int) { withUnsafeBytes(of: UInt32(v).littleEndian) { out.append(contentsOf: $0) } }
        func f64(_ v: Double) { withUnsafeBytes(of: v.bitPattern.littleEndian) { out.append(contentsOf: $0) } }
        out.append(1); u32(6); u32(polygons.count)
        for polygon in polygons {
            out.append(1); u32(3); u32(polygon.count)
            for ring in polygon {
                u32(ring.count)
                for p in ring { f64(p.x); f64(p.y) }
            }
        }
        return WKB(out)
    }

    /// Shells counter-clockwise, holes clockwise, as the sub-compartments are.
    static func oriented(_ polygons: [PolygonRings]) -> [[[Point]]] {
        polygons.map { polygon in
            polygon.rings.enumerated().map { k, ring in
                let counterClockwise = Planar.signedArea2(ring) > 0
                return (k == 0) == counterClockwise ? ring : ring.reversed()
            }
        }
    }
}

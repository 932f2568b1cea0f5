/// What `WKB.droppingDegenerateParts(minimumArea:)` took out of a polygon.
public struct DroppedParts: Sendable, Hashable {
    /// Polygons (parts) dropped: a shell with fewer than three distinct points or (almost) no area.
    public var polygons = 0
    /// Holes dropped for the same reason.
    public var holes = 0
    /// Their area together, in square CRS units (a hole's counts as it is, not taken away).
    public var area = 0.0

    public init() {}
}

extension WKB {
    /// The polygons without their degenerate rings, when there are any: a part whose shell has fewer than four
    /// points (three distinct ones and the closing one) or encloses at most `minimumArea` (square CRS units) however
    /// its edges run (the triangles of a fan from its first point, each counted unsigned: a bow-tie, whose signed
    /// areas cancel, is not degenerate) is dropped with its holes, and so is such a hole. A spike left by another department's editing, or a sliver
    /// that collapses when a layer is reprojected, has no area to count and makes GEOS call the polygon invalid.
    /// nil when every ring is sound (the WKB is used as it is); `kept` is empty when every part was degenerate.
    /// Throws what `forEachRing` throws.
    public func droppingDegenerateParts(minimumArea: Double) throws -> (kept: [PolygonRings], dropped: DroppedParts)? {
        var any = false
        try forEachRing { _, ring in
            if !any, Self.isDegenerate(ring, minimumArea: minimumArea) { any = true }
        }
        guard any else { return nil }
        var kept: [PolygonRings] = []
        var dropped = DroppedParts()
        for polygon in try polygons() {
            guard let shell = polygon.rings.first, !Self.isDegenerate(shell, minimumArea: minimumArea) else {
                dropped.polygons += 1
                dropped.area += polygon.rings.first.map { abs(PlanarArea.ringArea($0)) } ?? 0
                continue
            }
            var rings = [shell]
            for hole in polygon.rings.dropFirst() {
                if Self.isDegenerate(hole, minimumArea: minimumArea) {
                    dropped.holes += 1
                    dropped.area += abs(PlanarArea.ringArea(hole))
                } else {
                    rings.append(hole)
                }
            }
            kept.append(PolygonRings(rings: rings))
        }
        return (kept, dropped)
    }

    /// Whether WKB that reads as polygons has none with a ring (POLYGON EMPTY, MULTIPOLYGON EMPTY): no geometry.
    public var isEmptyPolygonal: Bool {
        var rings = 0
        do { try forEachRing { _, ring in if !ring.isEmpty { rings += 1 } } } catch { return false }
        return rings == 0
    }

    private static func isDegenerate<R: RandomAccessCollection>(_ ring: R, minimumArea: Double) -> Bool where R.Element == Point, R.Index == Int {
        ring.count < 4 || enclosedArea(ring) <= minimumArea
    }

    /// What a ring encloses however its edges run: the triangles of a fan from its first point, each unsigned
    /// (unlike the shoelace of `PlanarArea`, a bow-tie's lobes do not cancel).
    private static func enclosedArea<R: RandomAccessCollection>(_ ring: R) -> Double where R.Element == Point, R.Index == Int {
        guard let o = ring.first else { return 0 }
        var twice = 0.0
        var px = 0.0, py = 0.0
        for p in ring.dropFirst() {
            let x = p.x - o.x, y = p.y - o.y
            twice += abs(px * y - x * py)
            px = x
            py = y
        }
        return abs(twice) / 2
    }
}

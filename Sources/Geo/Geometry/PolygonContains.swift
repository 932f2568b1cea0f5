extension PolygonRings {
    /// Whether a point lies inside the polygon (inside the shell and outside every hole), by the even-odd rule over
    /// all rings; a point exactly on an edge may go either way.
    public func contains(_ p: Point) -> Bool {
        var inside = false
        for ring in rings where ring.count > 2 {
            var j = ring.count - 1
            for i in 0..<ring.count {
                let a = ring[i], b = ring[j]
                if (a.y > p.y) != (b.y > p.y), p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x { inside.toggle() }
                j = i
            }
        }
        return inside
    }
}

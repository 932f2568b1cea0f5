extension Geometry {
    /// An exact overlay with this large polygon (a township part, a tile) where only what lies in `box` matters.
    /// The polygon is first cut down by fast rectangle clipping to the box grown by a tenth on each side: inside
    /// that larger rectangle it is the polygon itself, so an overlay within `box` meets the same edges and gives
    /// the same pieces, at a fraction of the cost. Should the cut-down polygon upset the overlay, the whole polygon
    /// is used.
    public func overlay(within box: Envelope, _ overlay: (Geometry) throws -> Geometry) throws -> Geometry {
        let grow = max(box.maxX - box.minX, box.maxY - box.minY) / 10
        let larger = Envelope(minX: box.minX - grow, minY: box.minY - grow, maxX: box.maxX + grow, maxY: box.maxY + grow)
        if grow > 0, let near = try? clipped(to: larger), let result = try? overlay(near) { return result }
        return try overlay(self)
    }
}

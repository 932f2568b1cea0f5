/// A static spatial index of bounding boxes (a sort-tile-recursive packed R-tree in plain Swift), answering "which
/// items' boxes intersect this box". Immutable after building, so it is `Sendable` and shared by parallel tasks
/// (GEOS's STRtree is not: it belongs to one context).
public struct SpatialIndex: Sendable {
    private struct Node: Sendable {
        var box: Envelope
        /// Children are nodes[start..<end] for inner nodes, item ids for leaves.
        var start: Int
        var end: Int
    }

    private let nodeCapacity = 16
    /// Every node, leaves first, the root last. A leaf's children are items[start..<end]; an inner node's are
    /// nodes[start..<end].
    private var nodes: [Node] = []
    private var leafCount = 0
    private var items: [Int] = []       // item ids in leaf order
    private var boxes: [Envelope] = []  // by item id
    public let count: Int

    /// Builds the index over the boxes; item ids are the boxes' positions.
    public init(boxes: [Envelope]) {
        count = boxes.count
        self.boxes = boxes
        guard !boxes.isEmpty else { return }
        // Sort-tile-recursive packing: sort by x into vertical slices, each slice by y.
        let leaves = (boxes.count + nodeCapacity - 1) / nodeCapacity
        let sliceCount = Int(Double(leaves).squareRoot().rounded(.up))
        // Sorted as (key, position) pairs, ties by position: the order a stable sort by key gives.
        let byX = boxes.indices.map { (boxes[$0].centreX, $0) }.sorted { $0 < $1 }.map(\.1)
        let sliceSize = sliceCount * nodeCapacity
        var ordered: [Int] = []
        ordered.reserveCapacity(boxes.count)
        var i = 0
        while i < byX.count {
            let slice = (i..<min(i + sliceSize, byX.count)).map { (boxes[byX[$0]].centreY, $0) }.sorted { $0 < $1 }
            ordered.append(contentsOf: slice.lazy.map { byX[$0.1] })
            i += sliceSize
        }
        items = ordered
        nodes = stride(from: 0, to: ordered.count, by: nodeCapacity).map { start in
            let end = min(start + nodeCapacity, ordered.count)
            return Node(box: ordered[start..<end].map { boxes[$0] }.reduce(boxes[ordered[start]]) { $0.union($1) }, start: start, end: end)
        }
        leafCount = nodes.count
        var level = 0..<nodes.count
        while level.count > 1 {
            let above = stride(from: level.lowerBound, to: level.upperBound, by: nodeCapacity).map { start in
                let end = min(start + nodeCapacity, level.upperBound)
                return Node(box: nodes[start..<end].map(\.box).reduce(nodes[start].box) { $0.union($1) }, start: start, end: end)
            }
            level = nodes.count..<(nodes.count + above.count)
            nodes.append(contentsOf: above)
        }
    }

    /// Calls `body` with the id of every item whose box intersects `box`, without allocating: depth first, the
    /// last child first, items of a leaf in order.
    public func forEach(intersecting box: Envelope, _ body: (Int) -> Void) {
        guard !nodes.isEmpty else { return }
        nodes.withUnsafeBufferPointer { nodes in
            items.withUnsafeBufferPointer { items in
                boxes.withUnsafeBufferPointer { boxes in
                    func visit(_ n: Int) {
                        let node = nodes[n]
                        guard node.box.intersects(box) else { return }
                        if n < leafCount {
                            for k in node.start..<node.end where boxes[items[k]].intersects(box) { body(items[k]) }
                        } else {
                            var child = node.end
                            while child > node.start {
                                child -= 1
                                visit(child)
                            }
                        }
                    }
                    visit(nodes.count - 1)
                }
            }
        }
    }

    /// Ids of the items whose boxes intersect `box` (in no particular order).
    public func query(_ box: Envelope) -> [Int] {
        var found: [Int] = []
        forEach(intersecting: box) { found.append($0) }
        return found
    }
}

extension Envelope {
    public var centreX: Double { (minX + maxX) / 2 }
    public var centreY: Double { (minY + maxY) / 2 }

    public func union(_ o: Envelope) -> Envelope {
        Envelope(minX: Swift.min(minX, o.minX), minY: Swift.min(minY, o.minY), maxX: Swift.max(maxX, o.maxX), maxY: Swift.max(maxY, o.maxY))
    }

    public func intersects(_ o: Envelope) -> Bool { minX <= o.maxX && o.minX <= maxX && minY <= o.maxY && o.minY <= maxY }

    /// The box of polygons' coordinates; nil when there are none.
    public init?(_ polygons: [PolygonRings]) {
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for p in polygons { for r in p.rings { for pt in r {
            minX = Swift.min(minX, pt.x); maxX = Swift.max(maxX, pt.x); minY = Swift.min(minY, pt.y); maxY = Swift.max(maxY, pt.y)
        } } }
        guard minX <= maxX else { return nil }
        self.init(minX: minX, minY: minY, maxX: maxX, maxY: maxY)
    }
}

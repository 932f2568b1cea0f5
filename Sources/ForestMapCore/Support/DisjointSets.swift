/// Union-find over 0..<count: which items are joined, directly or through others.
package struct DisjointSets {
    private var parent: [Int]

    package init(count: Int) { parent = Array(0..<count) }

    package mutating func find(_ i: Int) -> Int {
        var root = i
        while parent[root] != root { root = parent[root] }
        var k = i
        while parent[k] != root { (parent[k], k) = (root, parent[k]) }
        return root
    }

    /// Joins the sets of `i` and `j` (the lower root stays the root).
    package mutating func join(_ i: Int, _ j: Int) {
        let a = find(i), b = find(j)
        if a != b { parent[max(a, b)] = min(a, b) }
    }

    /// The sets, each ascending, ordered by their first item.
    package mutating func sets() -> [[Int]] {
        var byRoot: [Int: [Int]] = [:]
        for i in parent.indices { byRoot[find(i), default: []].append(i) }
        return byRoot.keys.sorted().map { byRoot[$0]! }
    }
}

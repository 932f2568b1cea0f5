/// A binary min-heap of (key, index, owner), ordered by key, then index, then owner: ties never depend on
/// insertion order, so region growing is deterministic.
struct SynthHeap {
    struct Entry {
        var key: Double
        var index: Int32
        var owner: Int32

        @inline(__always) static func < (a: Entry, b: Entry) -> Bool {
            if a.key != b.key { return a.key < b.key }
            if a.index != b.index { return a.index < b.index }
            return a.owner < b.owner
        }
    }

    private var items: [Entry] = []

    init(capacity: Int = 0) { items.reserveCapacity(capacity) }

    var isEmpty: Bool { items.isEmpty }

    mutating func push(_ key: Double, _ index: Int, owner: Int = 0) {
        items.append(Entry(key: key, index: Int32(index), owner: Int32(owner)))
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[child] < items[parent] else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> Entry? {
        guard let first = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var parent = 0
            let count = items.count
            while true {
                let left = 2 * parent + 1, right = left + 1
                var smallest = parent
                if left < count, items[left] < items[smallest] { smallest = left }
                if right < count, items[right] < items[smallest] { smallest = right }
                if smallest == parent { break }
                items.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return first
    }
}

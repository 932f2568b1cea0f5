import Geo

/// Sub-compartments whose polygon did not change between the years (图形未变化小班): the same polygon, byte for
/// byte, in both layers, whether under the same key or a new one (a re-keyed sub-compartment). Their land is the
/// same land, so they need no overlay: comparing their attributes gives their transition.
///
/// A polygon held by more than one sub-compartment of either year is not matched: such pairs go through the
/// overlay. Polygons are found by a 64-bit FNV-1a fingerprint of their WKB, then compared byte for byte; should two
/// different polygons share a fingerprint, neither is matched (the overlay then counts them, exactly).
struct UnchangedGeometry {
    /// For each previous sub-compartment, the current one with the identical polygon, or nil.
    var currentOf: [Int?]
    /// Whether each current sub-compartment was matched.
    var matched: [Bool]

    init(previous: [SubCompartment], current: [SubCompartment], threads: Int? = nil) throws {
        // Fingerprints on every core; then each print's one sub-compartment, or `shared` when several have it
        // (the same polygon twice, or, far rarer, two polygons with one print: both go through the overlay).
        let shared = -1
        func prints(_ items: [SubCompartment]) throws -> [UInt64] {
            try ParallelChunks.map(count: items.count, threads: threads, minimumChunk: 5_000) { range in range.map { Self.fingerprint(items[$0].geometry) } }
        }
        let currentPrints = try prints(current), previousPrints = try prints(previous)
        var currentByPrint: [UInt64: Int] = [:], previousByPrint: [UInt64: Int] = [:]
        currentByPrint.reserveCapacity(current.count)
        previousByPrint.reserveCapacity(previous.count)
        for (j, p) in currentPrints.enumerated() { currentByPrint[p] = currentByPrint[p] == nil ? j : shared }
        for (i, p) in previousPrints.enumerated() { previousByPrint[p] = previousByPrint[p] == nil ? i : shared }
        var matched = [Bool](repeating: false, count: current.count)
        currentOf = previous.indices.map { i in
            guard previousByPrint[previousPrints[i]] == i, let j = currentByPrint[previousPrints[i]], j != shared,
                  current[j].geometry == previous[i].geometry else { return nil }
            matched[j] = true
            return j
        }
        self.matched = matched
    }

    /// No sub-compartment matched: every pair goes through the overlay (for checking the shortcut).
    init(none previous: Int, current: Int) {
        currentOf = Array(repeating: nil, count: previous)
        matched = Array(repeating: false, count: current)
    }

    var count: Int { currentOf.reduce(0) { $0 + ($1 == nil ? 0 : 1) } }

    static func fingerprint(_ wkb: WKB) -> UInt64 {
        wkb.bytes.withUnsafeBufferPointer { bytes in
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            return h
        }
    }
}

import Geo

/// Sub-compartments whose polygon did not change between the years (图形未变化小班): the same polygon, byte for
/// byte, in both layers, whether under the same key or a new one (a re-keyed sub-compartment). Their land is the
/// same land, so they need no overlay: comparing their attributes gives their transition.
///
/// A polygon held by more than one sub-compartment of either year is not matched: such pairs go through the
/// overlay. Polygons are found by a 64-bit FNV-1a fingerprint of their WKB, then compared byte for byte.
struct UnchangedGeometry {
    /// For each previous sub-compartment, the current one with the identical polygon, or nil.
    var currentOf: [Int?]
    /// Whether each current sub-compartment was matched.
    var matched: [Bool]

    init(previous: [SubCompartment], current: [SubCompartment]) {
        var currentByPrint: [UInt64: [Int]] = [:]
        var previousByPrint: [UInt64: [Int]] = [:]
        for (i, c) in current.enumerated() { currentByPrint[Self.fingerprint(c.geometry), default: []].append(i) }
        let prints = previous.map { Self.fingerprint($0.geometry) }
        for (i, p) in prints.enumerated() { previousByPrint[p, default: []].append(i) }
        var matched = [Bool](repeating: false, count: current.count)
        currentOf = previous.indices.map { i in
            let wkb = previous[i].geometry
            let same = (currentByPrint[prints[i]] ?? []).filter { current[$0].geometry == wkb }
            guard same.count == 1, previousByPrint[prints[i]]!.filter({ previous[$0].geometry == wkb }).count == 1 else { return nil }
            matched[same[0]] = true
            return same[0]
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

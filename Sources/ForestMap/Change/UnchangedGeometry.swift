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
        // Fingerprints on every core; then, for each year, each print's one sub-compartment, or none when several
        // have it (the same polygon twice, or, far rarer, two polygons with one print: both go through the overlay).
        func prints(_ items: [SubCompartment]) throws -> [UInt64] {
            try ParallelChunks.map(count: items.count, threads: threads, minimumChunk: 5_000) { range in range.map { Self.fingerprint(items[$0].geometry) } }
        }
        let currentPrints = try prints(current), previousPrints = try prints(previous)
        let tables = try ParallelChunks.map(count: 2, threads: threads, minimumChunk: 1) { range in
            range.map { $0 == 0 ? PrintTable(currentPrints) : PrintTable(previousPrints) }
        }
        let currentByPrint = tables[0], previousByPrint = tables[1]
        // Each match confirmed byte for byte, on every core.
        currentOf = try ParallelChunks.map(count: previous.count, threads: threads, minimumChunk: 5_000) { range in
            range.map { i -> Int? in
                guard previousByPrint.only(previousPrints[i]) == i, let j = currentByPrint.only(previousPrints[i]),
                      current[j].geometry == previous[i].geometry else { return nil }
                return j
            }
        }
        var matched = [Bool](repeating: false, count: current.count)
        for case let j? in currentOf { matched[j] = true }
        self.matched = matched
    }

    /// The unchanged polygons of two layers, or none when the shortcut is off (`ChangeOptions.skipUnchangedGeometry`).
    init(_ previous: SubCompartmentLayer, _ current: SubCompartmentLayer, options: ChangeOptions) throws {
        if options.skipUnchangedGeometry {
            try self.init(previous: previous.subCompartments, current: current.subCompartments, threads: options.threads)
        } else {
            self.init(none: previous.subCompartments.count, current: current.subCompartments.count)
        }
    }

    /// No sub-compartment matched: every pair goes through the overlay (for checking the shortcut).
    init(none previous: Int, current: Int) {
        currentOf = Array(repeating: nil, count: previous)
        matched = Array(repeating: false, count: current)
    }

    var count: Int { currentOf.reduce(0) { $0 + ($1 == nil ? 0 : 1) } }

    /// The current sub-compartments whose polygon changed (matched by none of the previous year), in layer order.
    var changedCurrent: [Int] { matched.indices.filter { !matched[$0] } }

    /// A 64-bit fingerprint of the bytes, eight at a time (FNV-1a over words, then a final mix).
    static func fingerprint(_ wkb: WKB) -> UInt64 {
        wkb.bytes.withUnsafeBytes { bytes in
            var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(bytes.count)
            var k = 0
            while k + 8 <= bytes.count {
                h = (h ^ bytes.loadUnaligned(fromByteOffset: k, as: UInt64.self)) &* 0x100_0000_01b3
                h ^= h >> 29
                k += 8
            }
            while k < bytes.count {
                h = (h ^ UInt64(bytes[k])) &* 0x100_0000_01b3
                k += 1
            }
            h = (h ^ (h >> 31)) &* 0x94D0_49BB_1331_11EB
            return h ^ (h >> 29)
        }
    }
}

/// Which item holds each fingerprint: an open-addressing table (the prints are hashes already), where a print
/// held by two or more items holds none.
private struct PrintTable: Sendable {
    private var keys: [UInt64]
    /// The item + 1; 0: empty slot; -1: several items.
    private var values: [Int32]
    private let mask: Int

    init(_ prints: [UInt64]) {
        var size = 16
        while size < 2 * prints.count { size *= 2 }
        keys = [UInt64](repeating: 0, count: size)
        values = [Int32](repeating: 0, count: size)
        mask = size - 1
        for (item, p) in prints.enumerated() {
            var i = Int(truncatingIfNeeded: p) & mask
            while values[i] != 0 && keys[i] != p { i = (i + 1) & mask }
            if values[i] == 0 {
                keys[i] = p
                values[i] = Int32(item + 1)
            } else {
                values[i] = -1
            }
        }
    }

    /// The one item with the print; nil when none or several.
    func only(_ p: UInt64) -> Int? {
        var i = Int(truncatingIfNeeded: p) & mask
        while values[i] != 0 {
            if keys[i] == p { return values[i] > 0 ? Int(values[i]) - 1 : nil }
            i = (i + 1) & mask
        }
        return nil
    }
}

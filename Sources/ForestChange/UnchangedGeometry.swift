import Geo
import ForestMapCore

/// Sub-compartments whose polygon did not change between the years (图形未变化小班): the same polygon, byte for
/// byte, in both layers, whether under the same key or a new one (a re-keyed sub-compartment). Their land is the
/// same land, so they need no overlay: comparing their attributes gives their transition.
///
/// A polygon held by more than one sub-compartment of either year is not matched: such pairs go through the
/// overlay. Polygons are found by a 64-bit FNV-1a fingerprint of their WKB, then compared byte for byte; should two
/// different polygons share a fingerprint, neither is matched (the overlay then counts them, exactly).
///
/// With an XY tolerance, the polygons left are matched again where every vertex agrees within it (the same rings,
/// the same number of vertices, in the same order): one year from a File Geodatabase, whose grid moves every
/// coordinate by a fraction of a millimetre, and the other from a GeoPackage. Such a pair is the same land too.
struct UnchangedGeometry {
    /// For each previous sub-compartment, the current one with the identical polygon, or nil.
    var currentOf: [Int?]
    /// Whether each current sub-compartment was matched.
    var matched: [Bool]
    /// Whether each current sub-compartment was matched byte for byte (its validity is then the previous year's).
    var matchedExactly: [Bool]
    /// The pairs (previous, current) matched within the XY tolerance, not byte for byte.
    var nearPairs: [(Int, Int)] = []

    init(previous: [SubCompartment], current: [SubCompartment], threads: Int? = nil, tolerance: Double = 0) throws {
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
        matchedExactly = matched
        if tolerance > 0 {
            nearPairs = try Self.nearMatches(previous: previous, current: current, currentOf: currentOf, matched: matched,
                                             tolerance: tolerance, threads: threads)
            for (i, j) in nearPairs {
                currentOf[i] = j
                matched[j] = true
            }
        }
        self.matched = matched
    }

    /// The pairs (previous, current) among those not matched whose vertices all agree within `tolerance` (layer
    /// units), each current polygon matched to one previous one at most. Candidates are found by the lower-left
    /// corner of their box on a grid of twice the tolerance (the cell and its eight neighbours).
    private static func nearMatches(previous: [SubCompartment], current: [SubCompartment], currentOf: [Int?], matched: [Bool],
                                    tolerance: Double, threads: Int?) throws -> [(Int, Int)] {
        let cell = 2 * tolerance
        let key = { @Sendable (x: Double, y: Double) -> SIMD2<Int64>? in
            let cx = (x / cell).rounded(.down), cy = (y / cell).rounded(.down)
            guard cx.magnitude < 9e18, cy.magnitude < 9e18 else { return nil }
            return SIMD2(Int64(cx), Int64(cy))
        }
        let open = current.indices.filter { !matched[$0] }
        guard !open.isEmpty, currentOf.contains(where: { $0 == nil }) else { return [] }
        let corners = try ParallelChunks.map(count: open.count, threads: threads, minimumChunk: 5_000) { range in
            range.map { k -> SIMD2<Int64>? in
                guard let box = try? current[open[k]].geometry.envelope() else { return nil }
                return key(box.minX, box.minY)
            }
        }
        var corner: [SIMD2<Int64>: [Int]] = [:]
        for (k, c) in corners.enumerated() { if let c { corner[c, default: []].append(open[k]) } }
        let byCorner = corner
        let found = try ParallelChunks.map(count: previous.count, threads: threads, minimumChunk: 5_000) { range in
            range.compactMap { i -> (Int, Int)? in
                guard currentOf[i] == nil, let box = try? previous[i].geometry.envelope(), let c = key(box.minX, box.minY),
                      let mine = try? previous[i].geometry.polygons() else { return nil }
                var hit: Int?
                for dx in -1...1 {
                    for dy in -1...1 {
                        for j in byCorner[c &+ SIMD2(Int64(dx), Int64(dy))] ?? [] where Self.agree(mine, current[j].geometry, within: tolerance) {
                            guard hit == nil else { return nil }   // two candidates: leave it to the overlay
                            hit = j
                        }
                    }
                }
                return hit.map { (i, $0) }
            }
        }
        // A current polygon two previous ones agree with goes to neither.
        var claims: [Int: Int] = [:]
        for (_, j) in found { claims[j, default: 0] += 1 }
        return found.filter { claims[$0.1] == 1 }
    }

    /// Whether a polygon has the same rings and vertex counts as `polygons`, each vertex within `tolerance`, whichever
    /// vertex each ring starts at and whichever way it runs (a File Geodatabase stores shells clockwise).
    private static func agree(_ polygons: [PolygonRings], _ wkb: WKB, within tolerance: Double) -> Bool {
        guard let other = try? wkb.polygons(), other.count == polygons.count else { return false }
        for (a, b) in zip(polygons, other) {
            guard a.rings.count == b.rings.count else { return false }
            for (ra, rb) in zip(a.rings, b.rings) where !ringsAgree(ra, rb, within: tolerance) { return false }
        }
        return true
    }

    /// Two closed rings with the same vertices within `tolerance`, as cycles in either direction.
    private static func ringsAgree(_ a: [Point], _ b: [Point], within tolerance: Double) -> Bool {
        guard a.count == b.count, a.count >= 2 else { return a == b }
        let n = a.count - 1   // the closing vertex repeats the first
        func near(_ p: Point, _ q: Point) -> Bool { abs(p.x - q.x) <= tolerance && abs(p.y - q.y) <= tolerance }
        for start in 0..<n where near(a[0], b[start]) {
            if (1..<n).allSatisfy({ near(a[$0], b[(start + $0) % n]) }) { return true }
            if (1..<n).allSatisfy({ near(a[$0], b[(start - $0 + n) % n]) }) { return true }
        }
        return false
    }

    /// The unchanged polygons of two layers, or none when the shortcut is off (`ChangeOptions.skipUnchangedGeometry`).
    init(_ previous: SubCompartmentLayer, _ current: SubCompartmentLayer, options: ChangeOptions) throws {
        if options.skipUnchangedGeometry {
            // The XY tolerance in the layer's units (degrees: at the layer's latitude).
            let tolerance = current.layerUnits(metres: options.xyToleranceMetres)
            try self.init(previous: previous.subCompartments, current: current.subCompartments, threads: options.threads, tolerance: tolerance)
        } else {
            self.init(none: previous.subCompartments.count, current: current.subCompartments.count)
        }
    }

    /// No sub-compartment matched: every pair goes through the overlay (for checking the shortcut).
    init(none previous: Int, current: Int) {
        currentOf = Array(repeating: nil, count: previous)
        matched = Array(repeating: false, count: current)
        matchedExactly = matched
    }

    var count: Int { currentOf.reduce(0) { $0 + ($1 == nil ? 0 : 1) } }

    /// The current sub-compartments whose polygon changed (matched by none of the previous year), in layer order.
    var changedCurrent: [Int] { matched.indices.filter { !matched[$0] } }

    /// The current sub-compartments not byte for byte a polygon of the previous year (whose load checked it): those
    /// whose validity is still to check.
    var uncheckedCurrent: [Int] { matchedExactly.indices.filter { !matchedExactly[$0] } }

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

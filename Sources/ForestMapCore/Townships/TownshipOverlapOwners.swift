import Foundation
import Geo

extension TownshipBoundaries {
    /// The boundaries as area is counted by them (`stats`, `change`): every narrow overlap of two townships
    /// (`TownshipOverlap`) given to one of them, so that no area counts twice; a wide one refused.
    ///
    /// Each piece of a narrow overlap goes with the sub-compartment it lies in: to the township whose polygon
    /// holds more of that sub-compartment (on a tie, the township of the feature first in the layer's order).
    /// What no sub-compartment covers goes to the township of the feature first in the layer's order. The other
    /// township's polygon loses the piece, so each township's land area and the overlay agree: the district's
    /// land area is the area of the townships' union. Without overlaps the boundaries are returned as they are;
    /// boundaries settled once (`run` counts both years by those `change` settled by the current one) are not
    /// looked at again.
    ///
    /// Throws (exit 2) for an overlap wider than `[check] boundary_tolerance_m`, naming the township layer, both
    /// codes and features and the overlap's area.
    package func withoutOverlaps(for layer: SubCompartmentLayer, tolerances: TownshipOverlap.Tolerances, area: LayerAreaMethod) throws -> TownshipBoundaries {
        guard !overlapsSettled else { return self }
        var settled = self
        settled.overlapsSettled = true
        let overlaps = try TownshipOverlap.find(self, tolerances: tolerances, geographic: try layer.spatialReference().isGeographic)
        guard !overlaps.isEmpty else { return settled }
        let measure = try LayerAreaMeasure(area.exact)
        if let wide = overlaps.first(where: \.isWide) {
            let m2 = try measure.squareMetres(wide.polygons)
            let more = overlaps.filter(\.isWide).count - 1
            throw ForestMapError.input("\(label): townships \(wide.townships(in: self)) overlap by \(MessageFormat.hectares(m2)), wider than [check] boundary_tolerance_m = \(tolerances.widthMetres) m in places\(more > 0 ? " (and \(more) more such overlap\(more == 1 ? "" : "s"))" : ""); correct the boundaries so that townships do not overlap (`forestmap check` lists every overlap as township_overlap)")
        }
        let context = GEOSContext()
        var geometries = try parts.map { try Geometry(wkb: $0.wkb, context: context) }
        var changed = Set<Int>()
        let subs = layer.subCompartments
        let boxes = subs.map { (try? $0.geometry.envelope()) ?? nil }
        let usable = boxes.indices.filter { boxes[$0] != nil }
        let index = SpatialIndex(boxes: usable.map { boxes[$0]! })
        for overlap in overlaps {
            let first = geometries[overlap.first], second = geometries[overlap.second]
            let whole = try Geometry(wkb: WKB(polygons: overlap.polygons), context: context)
            let prepared = try PreparedGeometry(whole)
            // The pieces the second township takes: those of sub-compartments it holds more of.
            var toSecond: [Geometry] = []
            let near = Set(overlap.polygons.compactMap { Envelope([$0]) }.flatMap { index.query($0).map { usable[$0] } })
            for i in near.sorted() {
                let s = try Geometry(wkb: subs[i].geometry, context: context)
                guard prepared.intersects(s) else { continue }
                let piece = try s.intersection(whole)
                guard piece.area > 0 else { continue }
                let box = boxes[i]!
                let inFirst = try first.overlay(within: box) { try s.intersection($0) }.area
                let inSecond = try second.overlay(within: box) { try s.intersection($0) }.area
                if inSecond > inFirst { toSecond.append(piece) }
            }
            if toSecond.isEmpty {
                geometries[overlap.second] = try second.difference(whole)
            } else {
                let taken = try Geometry.union(toSecond, context: context)
                geometries[overlap.first] = try first.difference(taken)
                geometries[overlap.second] = try second.difference(try whole.difference(taken))
            }
            changed.formUnion([overlap.first, overlap.second])
        }
        let resolved = parts.indices.compactMap { k -> Part? in
            guard changed.contains(k) else { return parts[k] }
            let polygons = geometries[k].polygonRings()
            guard let box = Envelope(polygons) else { return nil }
            var part = parts[k]
            part.polygons = polygons
            part.wkb = WKB(polygons: polygons)
            part.envelope = box
            return part
        }
        let m2 = try overlaps.reduce(0) { $0 + (try measure.squareMetres($1.polygons)) }
        return TownshipBoundaries(label: label, townships: townships, parts: resolved, index: SpatialIndex(boxes: resolved.map(\.envelope)),
                                  reprojectedFrom: reprojectedFrom, hasNames: hasNames, overlapsSettled: true, settledOverlaps: (overlaps.count, m2))
    }
}

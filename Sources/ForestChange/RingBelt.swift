import Geo
import ForestMapCore

/// The ring-city forest belt (环城林带, docs/domain.md §6): an input polygon layer. A patch is inside the belt when at
/// least half of it, or at least the inspection unit of it, lies in the belt.
package struct RingBelt: Sendable {
    var label: String
    package var polygons: [PolygonRings]

    static func load(_ source: SourceReference, config: ForestMapConfig, into subCompartmentCRS: String) throws -> RingBelt {
        let layer = try AuxiliaryPolygons.read(source, config: config, into: subCompartmentCRS, what: "the ring belt's polygons")
        return RingBelt(label: layer.label, polygons: layer.features.flatMap(\.polygons))
    }

    /// One task's prepared belt.
    final class Prepared {
        let geometry: Geometry
        let prepared: PreparedGeometry
        let envelope: Envelope?

        init(_ belt: RingBelt, context: GEOSContext) throws {
            geometry = try Geometry(wkb: WKB(polygons: belt.polygons), context: context)
            prepared = try PreparedGeometry(geometry)
            envelope = Envelope(belt.polygons)
        }

        /// Whether a patch of `squareMetres` lies in the belt (half of it, or the inspection unit).
        func holds(_ patch: Geometry, box: Envelope, squareMetres: Double, inspectionUnit: Double, measure: LayerAreaMeasure) throws -> Bool {
            guard envelope?.intersects(box) ?? false, prepared.intersects(patch) else { return false }
            if prepared.contains(patch) { return true }
            let inside = try measure.squareMetres(patch.intersection(geometry).polygonRings())
            return inside >= min(squareMetres / 2, inspectionUnit)
        }
    }
}

internal import CGDAL

/// Reprojects coordinates between two CRSs (`OCTNewCoordinateTransformation`), both in traditional GIS order.
public final class CoordinateTransform {
    let handle: UnsafeMutableRawPointer
    public let source: SpatialReference
    public let target: SpatialReference

    public init(from source: SpatialReference, to target: SpatialReference) throws {
        CPLErrorReset()   // the reason read on failure must be this call's
        guard let h = OCTNewCoordinateTransformation(source.handle, target.handle) else {
            throw GeoError(.badCRS, "cannot transform from \(source.label) to \(target.label)\(GDALLibrary.reasonSuffix())")
        }
        self.handle = h
        self.source = source
        self.target = target
    }

    deinit { OCTDestroyCoordinateTransformation(handle) }

    /// Transforms x and y arrays in place; throws when any point fails (outside the CRS's area of use).
    public func transform(xs: inout [Double], ys: inout [Double]) throws {
        precondition(xs.count == ys.count)
        let n = Int32(xs.count)
        var ok = [Int32](repeating: 0, count: xs.count)
        CPLErrorReset()
        let all = xs.withUnsafeMutableBufferPointer { x in
            ys.withUnsafeMutableBufferPointer { y in
                OCTTransformEx(handle, n, x.baseAddress, y.baseAddress, nil, &ok)
            }
        }
        if all == 0 || ok.contains(0) {
            throw GeoError(.badCRS, "coordinates cannot be transformed from \(source.label) to \(target.label)\(GDALLibrary.reasonSuffix())")
        }
    }

    /// Transforms every ring of the polygons.
    public func transform(_ polygons: [PolygonRings]) throws -> [PolygonRings] {
        var xs: [Double] = [], ys: [Double] = []
        for p in polygons { for r in p.rings { for pt in r { xs.append(pt.x); ys.append(pt.y) } } }
        try transform(xs: &xs, ys: &ys)
        var i = 0
        return polygons.map { p in
            PolygonRings(rings: p.rings.map { r in
                r.map { _ in defer { i += 1 }; return Point(xs[i], ys[i]) }
            })
        }
    }
}

@available(*, unavailable)
extension CoordinateTransform: Sendable {}

import Foundation
import Geo

/// Where a map's coordinates land in its SVG (图幅): the layers' extent scaled into a drawing `width` pixels wide
/// (viewBox units), north up, with a margin. Pixels are whole numbers: every coordinate is rounded to one.
struct MapFrame {
    /// The drawing's size in viewBox units, margins included.
    let width: Int
    let height: Int
    let margin = 14
    private let minX: Double
    private let maxY: Double
    /// Pixels per CRS unit northwards; eastwards it is `scale × xStretch`.
    let scale: Double
    /// cos(latitude) for geographic coordinates, so that a degree of longitude is as long as on the ground; 1 when
    /// projected.
    private let xStretch: Double
    private let geographic: Bool

    /// nil when the extent is empty or degenerate (a point): nothing to draw.
    init?(extent: Envelope, width: Int, geographic: Bool) {
        let stretch = geographic ? max(0.01, cos((extent.minY + extent.maxY) / 2 * .pi / 180)) : 1
        let dx = (extent.maxX - extent.minX) * stretch, dy = extent.maxY - extent.minY
        guard dx.isFinite, dy.isFinite, dx > 0 || dy > 0 else { return nil }
        let inner = Double(width - 2 * margin)
        // A map taller than 1.6 times its width is drawn narrower, so it still fits a screen.
        let s = min(inner / max(dx, .leastNonzeroMagnitude), 1.6 * inner / max(dy, .leastNonzeroMagnitude))
        self.width = width
        height = Int((dy * s).rounded(.up)) + 2 * margin
        minX = extent.minX - (inner / s - dx) / 2 / stretch
        maxY = extent.maxY
        scale = s
        xStretch = stretch
        self.geographic = geographic
    }

    /// The pixel of a point in the layers' CRS.
    func pixel(_ x: Double, _ y: Double) -> (x: Int, y: Int) {
        (Int((Double(margin) + (x - minX) * xStretch * scale).rounded()), Int((Double(margin) + (maxY - y) * scale).rounded()))
    }

    /// Half a pixel in CRS units: the simplification tolerance, so that no drawn vertex is more than half a pixel
    /// off its place.
    var halfPixel: Double { 0.5 / scale }

    /// Ground metres per pixel (north-south; equal east-west after the stretch).
    var metresPerPixel: Double { geographic ? 111_320 / scale : 1 / scale }
}

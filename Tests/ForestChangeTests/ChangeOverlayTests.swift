import Foundation
import Geo
import XCTest
@testable import ForestChange
@testable import ForestCheck
@testable import ForestMapCore
@testable import ForestSynth
@testable import ForestTestSupport

/// The overlay's shortcut for a polygon inside the other (a merge, a split along existing vertices): its piece is
/// that polygon, as GEOS's intersection would give it.
final class ChangeOverlayTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws { folder = try Fixtures.temporaryFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private let x = 400_000.0, y = 2_900_000.0

    private func rect(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> PolygonRings {
        PolygonRings(rings: [[Point(x + x0, y + y0), Point(x + x1, y + y0), Point(x + x1, y + y1), Point(x + x0, y + y1), Point(x + x0, y + y0)]])
    }

    /// Two stands merged into one construction site: each previous polygon lies inside the new one, so its piece is
    /// that polygon, without an overlay; one patch of their whole area.
    func testMergedStandsArePiecesWithoutOverlay() throws {
        func wkb(_ p: PolygonRings) -> WKB { WKB(polygons: [p]) }
        let from = try Fixtures.gpkg(folder, name: "y2020", features: [Fixtures.row("101", "0001", "030100", wkb(rect(0, 0, 100, 100))),
                                                                      Fixtures.row("101", "0002", "030100", wkb(rect(100, 0, 200, 100)))])
        let merged = PolygonRings(rings: [[Point(x, y), Point(x + 100, y), Point(x + 200, y), Point(x + 200, y + 100), Point(x + 100, y + 100),
                                           Point(x, y + 100), Point(x, y)]])
        let to = try Fixtures.gpkg(folder, name: "y2021", features: [Fixtures.row("101", "0003", "1006", wkb(merged))])
        let config = ForestMapConfig()
        var options = ChangeOptions(config: config)
        options.areaMethod = .planar
        let previous = try SubCompartmentLayer.load(from, options: config.layerLoadOptions(year: .previous))
        let current = try SubCompartmentLayer.load(to, options: config.layerLoadOptions(year: .current))
        let overlay = try ChangeOverlay.compute(previous: previous, current: current, options: options)
        XCTAssertEqual(overlay.pieces.count, 2)
        for (k, piece) in overlay.pieces.enumerated() {
            XCTAssertEqual(piece.previous, k)
            XCTAssertEqual(piece.polygons, try previous.subCompartments[k].geometry.polygons(), "the previous polygon as it is")
        }
        let sources = ChangeRun.Sources(from: from, to: to, townships: nil, permits: nil, ringBelt: nil, period: nil)
        let patches = try ChangeRun.compute(sources, config: config, options: options).patches
        XCTAssertEqual(patches.map(\.changeType), [.construction])
        XCTAssertEqual(patches[0].squareMetres, 20_000, accuracy: 1e-6)
    }
}

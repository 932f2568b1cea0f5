import Foundation
import Geo
import XCTest
@testable import PlanarKernel

/// `FarthestReach`: the greatest distance of a polygon's outline from a line, between vertices too.
final class FarthestReachTests: XCTestCase {
    private func ring(_ points: [(Double, Double)]) -> [Point] { (points + [points[0]]).map { Point($0.0, $0.1) } }

    func testASliverBesideAStraightLineIsAsWideAsItsMiddle() {
        // A boundary along y = 0 and a triangle over it whose farthest point is its apex, 3 m off.
        let line = [FarthestReach.Segment(Point(-10, 0), Point(110, 0))]
        XCTAssertEqual(FarthestReach.distance(of: [ring([(0, 0), (100, 0), (50, 3)])], from: line, precision: 0.001), 3, accuracy: 1e-9)
        // A boundary bent at (50, -2) and a sub-compartment edge along y = 1 with vertices only at its ends: the
        // farthest point is no vertex but the edge's middle, nearly 3 m from either leg.
        let bent = [FarthestReach.Segment(Point(0, 1), Point(50, -2)), FarthestReach.Segment(Point(50, -2), Point(100, 1))]
        let reach = FarthestReach.distance(of: [ring([(0, 1), (50, -2), (100, 1)])], from: bent, precision: 0.001)
        XCTAssertEqual(reach, 3 * 50 / hypot(50, 3), accuracy: 0.001, "the middle of the edge y = 1, from the nearer leg")
        XCTAssertEqual(FarthestReach.distance(of: [ring([(0, 0), (1, 0), (1, 1)])], from: [], precision: 0.001), 0)
    }

    func testSegmentsWithinABox() {
        let rings = [ring([(0, 0), (10, 0), (10, 10), (0, 10)])]
        let near = FarthestReach.segments(of: rings, within: Envelope(minX: 9, minY: 4, maxX: 12, maxY: 6))
        XCTAssertEqual(near.count, 1)
        XCTAssertEqual(near.first?.a, Point(10, 0))
    }
}

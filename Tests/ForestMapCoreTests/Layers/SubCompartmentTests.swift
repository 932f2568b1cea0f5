import Geo
import XCTest
@testable import ForestAssessment
@testable import ForestChange
@testable import ForestCheck
@testable import ForestMapCore
@testable import ForestSynth

/// The sub-compartment record stores its class as a number: every class and "no class" come back as set.
final class SubCompartmentTests: XCTestCase {
    func testEveryLandClassComesBackAsSet() {
        var s = SubCompartment(fid: 1, key: "k", townshipCode: "", landClassCode: "0111", landClass: nil,
                               storedAreaHectares: nil, volumePerHectare: nil, attributes: [], geometry: WKB([]))
        XCTAssertNil(s.landClass)
        for c in LandClass.all {
            s.landClass = c
            XCTAssertEqual(s.landClass, c)
            XCTAssertEqual(SubCompartment(fid: 1, key: "k", townshipCode: "", landClassCode: "", landClass: c,
                                          storedAreaHectares: nil, volumePerHectare: nil, attributes: [], geometry: WKB([])).landClass, c)
        }
        s.landClass = nil
        XCTAssertNil(s.landClass)
        XCTAssertEqual(Set(LandClass.all.map { LandClass.number(of: $0) }).count, LandClass.all.count)
    }
}

import Foundation
import Geo
import XCTest
@testable import ForestMapCore

/// Without `[district]`, the district comes from the data — its XIAN codes, else the layer's name — never a
/// built-in one; a config's `[district]` always wins.
final class DistrictFromDataTests: XCTestCase {
    private func layer(_ label: String, townshipCodes: [String]) -> SubCompartmentLayer {
        let square = WKB(polygons: [PolygonRings(rings: [[Point(0, 0), Point(1, 0), Point(1, 1), Point(0, 1), Point(0, 0)]])])
        let rows = townshipCodes.enumerated().map { k, code in
            SubCompartment(fid: Int64(k + 1), key: "fid:\(k + 1)", townshipCode: code, landClassCode: "0111", landClass: nil,
                           storedAreaHectares: nil, volumePerHectare: nil, attributes: [], geometry: square)
        }
        return SubCompartmentLayer(label: label, crsWKT: "", crsLabel: "", fieldNames: [], landClassTable: LandClassTable.builtIn(.old4),
                                   detection: nil, subCompartments: rows)
    }

    func testTheDataNamesTheDistrictWhereTheConfigDoesNot() throws {
        XCTAssertEqual(ForestMapConfig().districtName, "", "no built-in district")
        XCTAssertEqual(ForestMapConfig().reportingUnit, "")
        let county = ForestMapConfig().withDistrict(from: layer("x.gpkg|layername=xiaoban", townshipCodes: ["520112001", "520112002", "520111004", ""]))
        XCTAssertEqual(county.districtCode, "520112", "the county most sub-compartments carry")
        XCTAssertEqual(county.districtName, "520112")
        let foreign = ForestMapConfig().withDistrict(from: layer("/data/clc2024_mt.gpkg|layername=clc18_mt", townshipCodes: ["", ""]))
        XCTAssertEqual(foreign.districtCode, "")
        XCTAssertEqual(foreign.districtName, "clc18_mt", "a layer without township codes is labelled by its own name")
        XCTAssertEqual(ForestMapConfig().withDistrict(from: layer("/data/stands.shp", townshipCodes: [""])).districtName, "stands")

        let named = try ForestMapConfig.parse("[district]\nname = \"花溪区\"\ncode = \"520111\"", file: "c.toml", folder: URL(fileURLWithPath: "/tmp"))
            .withDistrict(from: layer("x.gpkg|layername=xiaoban", townshipCodes: ["520112001"]))
        XCTAssertEqual([named.districtName, named.districtCode], ["花溪区", "520111"])
    }
}

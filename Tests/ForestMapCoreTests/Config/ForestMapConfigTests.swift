import Foundation
import XCTest
@testable import ForestAssessment
@testable import ForestChange
@testable import ForestCheck
@testable import ForestMapCore
@testable import ForestReport

final class ForestMapConfigTests: XCTestCase {
    private let folder = URL(fileURLWithPath: "/data/huaxi")

    func testDefaultsWhenEmpty() throws {
        let c = try ForestMapConfig.parse("", file: "c.toml", folder: folder)
        XCTAssertEqual(c.areaMethod, .ellipsoidal)
        XCTAssertEqual(c.mapUnitSquareMetres, 666.667, accuracy: 1e-9)
        XCTAssertEqual(c.inspectionUnitSquareMetres, 400)
        XCTAssertEqual(c.fields.diLei, "DI_LEI")
        XCTAssertEqual(c.townshipFields.code, "XZQDM")
        XCTAssertEqual(c.permitFields.number, "PZWH")
        XCTAssertNil(c.landClassSystem)
        XCTAssertEqual(c.ambiguousCodes.shrub0305, .specialShrub)
    }

    func testReadsEverySectionAndResolvesPaths() throws {
        let text = """
        [district]
        name = "花溪区"
        include_gui_an = false
        [inputs]
        previous = "a/xb_2020.gpkg|layername=xb"
        current = "PG:dbname=forest host=/tmp|layername=xb_2021"
        [fields]
        di_lei = "DLBM"
        id = "OBJECTID"
        [land_class]
        system = "gbt21010"
        gbt_0305 = "other_shrub"
        [area]
        method = "planar"
        map_unit_mu = 2
        [period]
        year = 2021
        [crs]
        towgs84 = [1, 2, 3, 0, 0, 0, 0.5]
        """
        let c = try ForestMapConfig.parse(text, file: "c.toml", folder: folder)
        XCTAssertEqual(c.previous?.path, "/data/huaxi/a/xb_2020.gpkg")
        XCTAssertEqual(c.previous?.layerName, "xb")
        XCTAssertEqual(c.current?.path, "PG:dbname=forest host=/tmp")
        XCTAssertEqual(c.current?.layerName, "xb_2021")
        XCTAssertFalse(c.includeGuiAnTownships)
        XCTAssertEqual(c.fields.diLei, "DLBM")
        XCTAssertEqual(c.fields.id, "OBJECTID")
        XCTAssertEqual(c.landClassSystem, .gbt21010)
        XCTAssertEqual(c.ambiguousCodes.shrub0305, .otherShrub)
        XCTAssertEqual(c.areaMethod, .planar)
        XCTAssertEqual(c.mapUnitSquareMetres, 2 * 666.6666666, accuracy: 1e-3)
        XCTAssertEqual(c.year, 2021)
        XCTAssertEqual(c.towgs84, [1, 2, 3, 0, 0, 0, 0.5])
    }

    /// `[fields.previous]` / `[fields.current]` change only the names they give: the id and key of `[fields]` stay
    /// (Examples/corine_malta.toml names each year's class field and one `id` for both years).
    func testAYearsFieldsKeepTheIdAndKeyOfFields() throws {
        let text = """
        [fields]
        mian_ji = "area_ha"
        id = "id"
        [fields.previous]
        di_lei = "code_18"
        [fields.current]
        di_lei = "code_24"
        """
        let c = try ForestMapConfig.parse(text, file: "c.toml", folder: folder)
        for (year, diLei) in [(LayerYear.previous, "code_18"), (.current, "code_24")] {
            let f = c.fields(for: year)
            XCTAssertEqual(f.diLei, diLei)
            XCTAssertEqual(f.id, "id", "\(year)")
            XCTAssertEqual(f.mianJi, "area_ha")
        }
        let keyed = try ForestMapConfig.parse("[fields]\nkey = [\"LIN_BAN\", \"XIAO_BAN\"]\n[fields.current]\ndi_lei = \"DLBM\"\n",
                                              file: "c.toml", folder: folder)
        XCTAssertEqual(keyed.fields(for: .current).key, ["LIN_BAN", "XIAO_BAN"])
        XCTAssertEqual(keyed.fields(for: .previous).key, ["LIN_BAN", "XIAO_BAN"])
        let cleared = try ForestMapConfig.parse("[fields]\nid = \"OBJECTID\"\n[fields.current]\nid = \"\"\n", file: "c.toml", folder: folder)
        XCTAssertNil(cleared.fields(for: .current).id)
        XCTAssertEqual(cleared.fields(for: .previous).id, "OBJECTID")
    }

    func testAbsoluteAndRelativePaths() throws {
        let c = try ForestMapConfig.parse("[land_class]\nuser_table = \"/etc/classes.csv\"\n[output]\nfolder = \"out/2021\"\n", file: "c.toml", folder: folder)
        XCTAssertEqual(c.landClassTable, "/etc/classes.csv")
        XCTAssertEqual(c.outputFolder, "/data/huaxi/out/2021")
    }

    /// `[geometry]`; the XY tolerance's old home `[check]` is still read, with a warning, unless `[geometry]` sets it.
    func testGeometrySettingsAndTheOldXYToleranceKey() throws {
        let d = try ForestMapConfig.parse("", file: "c.toml", folder: folder)
        XCTAssertEqual(d.geometry.repairToleranceSquareMetres, 0.01)
        XCTAssertEqual(d.geometry.xyToleranceMetres, 0.001)
        XCTAssertTrue(d.warnings.isEmpty)
        let g = try ForestMapConfig.parse("[geometry]\nrepair_tolerance_m2 = 0.5\nxy_tolerance_m = 0.0001\n", file: "c.toml", folder: folder)
        XCTAssertEqual(g.geometry.repairToleranceSquareMetres, 0.5)
        XCTAssertEqual(g.geometry.xyToleranceMetres, 0.0001)
        XCTAssertEqual(g.check.xyToleranceMetres, 0.0001, "check's noise rule reads the same tolerance")
        let old = try ForestMapConfig.parse("[check]\nxy_tolerance_m = 0.002\n", file: "c.toml", folder: folder)
        XCTAssertEqual(old.geometry.xyToleranceMetres, 0.002)
        XCTAssertEqual(old.warnings.count, 1)
        XCTAssertTrue(old.warnings[0].contains("[geometry] xy_tolerance_m"), old.warnings[0])
        let both = try ForestMapConfig.parse("[check]\nxy_tolerance_m = 0.002\n[geometry]\nxy_tolerance_m = 0.003\n", file: "c.toml", folder: folder)
        XCTAssertEqual(both.geometry.xyToleranceMetres, 0.003)
        for bad in ["-1", "nan", "inf"] {
            XCTAssertThrowsError(try ForestMapConfig.parse("[geometry]\nrepair_tolerance_m2 = \(bad)\n", file: "c.toml", folder: folder)) { e in
                XCTAssertTrue((e as? ForestMapError)?.message.contains("geometry.repair_tolerance_m2") ?? false, "\(e)")
            }
        }
    }

    func testUnknownKeyIsNamed() {
        XCTAssertThrowsError(try ForestMapConfig.parse("[area]\nmetod = \"planar\"\n", file: "c.toml", folder: folder)) { e in
            let err = e as? ForestMapError
            XCTAssertEqual(err?.status, .badInput)
            XCTAssertEqual(err?.message, "c.toml: unknown setting area.metod; see the README's Settings section for the keys")
        }
        XCTAssertThrowsError(try ForestMapConfig.parse("colour = 1\n", file: "c.toml", folder: folder)) { e in
            XCTAssertTrue("\(e)".contains("unknown setting colour"))
        }
    }

    func testWrongTypeIsNamed() {
        XCTAssertThrowsError(try ForestMapConfig.parse("[period]\nyear = \"2021\"\n", file: "c.toml", folder: folder)) { e in
            XCTAssertEqual((e as? ForestMapError)?.message, "c.toml: setting period.year must be a whole number")
        }
        XCTAssertThrowsError(try ForestMapConfig.parse("[area]\nmethod = \"flat\"\n", file: "c.toml", folder: folder)) { e in
            XCTAssertTrue("\(e)".contains("area.method = \"flat\" is not one of: ellipsoidal, planar"), "\(e)")
        }
        XCTAssertThrowsError(try ForestMapConfig.parse("area = 3\n", file: "c.toml", folder: folder)) { e in
            XCTAssertTrue("\(e)".contains("setting area must be a table"), "\(e)")
        }
        XCTAssertThrowsError(try ForestMapConfig.parse("[crs]\ntowgs84 = [1, 2]\n", file: "c.toml", folder: folder)) { e in
            XCTAssertTrue("\(e)".contains("crs.towgs84 needs 7 numbers"), "\(e)")
        }
    }

    func testSyntaxErrorGivesLineAndColumn() {
        XCTAssertThrowsError(try ForestMapConfig.parse("[area\nmethod = 1", file: "c.toml", folder: folder)) { e in
            XCTAssertEqual((e as? ForestMapError)?.status, .badInput)
            XCTAssertEqual((e as? ForestMapError)?.message, "c.toml: line 1, column 6: the table name area is not closed with ]; found the end of the line")
        }
    }

    func testMissingFile() {
        XCTAssertThrowsError(try ForestMapConfig.load(path: "/nonexistent/forestmap.toml")) { e in
            XCTAssertEqual((e as? ForestMapError)?.status, .badInput)
            XCTAssertTrue("\(e)".contains("/nonexistent/forestmap.toml"))
        }
    }
}

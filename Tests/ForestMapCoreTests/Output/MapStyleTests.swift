import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
@testable import ForestMapCore
@testable import Geo

/// A layer style as QML and SLD: well-formed XML, the renderer its classes call for, labels as QGIS expressions.
final class MapStyleTests: XCTestCase {
    private let categorized = MapStyle(field: "change_type",
                                       classes: [.init(.value("afforestation"), label: "造林", colour: "#1a9641"),
                                                 .init(.value("harvest"), label: "采伐 <&>", colour: "#e0a100")],
                                       opacity: 0.5, label: [.field("patch_id")], labelScale: 50_000)
    private let graduated = MapStyle(field: "coverage_pct",
                                     classes: [.init(.range(40, 50), label: "40–50%", colour: "#edf8e9"),
                                               .init(.range(50, 60), label: "50–60%", colour: "#006d2c")],
                                     label: [.field("township_name"), .text("\n"), .number("coverage_pct", decimals: 2), .text("%")])

    private func assertWellFormed(_ xml: String, file: StaticString = #filePath, line: UInt = #line) {
        let parser = XMLParser(data: Data(xml.utf8))
        XCTAssertTrue(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")\n\(xml)", file: file, line: line)
    }

    func testCategorizedStyle() {
        let qml = categorized.qml()
        assertWellFormed(qml)
        XCTAssertTrue(qml.contains("<renderer-v2 type=\"categorizedSymbol\" attr=\"change_type\""))
        XCTAssertTrue(qml.contains("<category render=\"true\" symbol=\"1\" value=\"harvest\" label=\"采伐 &lt;&amp;&gt;\"/>"))
        XCTAssertTrue(qml.contains("<prop k=\"color\" v=\"26,150,65,128\"/>"), "the colour with its opacity")
        XCTAssertTrue(qml.contains("labelsEnabled=\"1\"") && qml.contains("fieldName=\"patch_id\" isExpression=\"0\""))
        XCTAssertTrue(qml.contains("scaleVisibility=\"1\" scaleMin=\"0\" scaleMax=\"50000\""), "labels from 1:50,000 in")
        let sld = categorized.sld(layer: "changes")
        assertWellFormed(sld)
        XCTAssertEqual(sld.components(separatedBy: "<ogc:PropertyIsEqualTo>").count - 1, 2)
        XCTAssertTrue(sld.contains("<se:MaxScaleDenominator>50000</se:MaxScaleDenominator>"))
    }

    func testGraduatedStyleAndExpressionLabel() {
        let qml = graduated.qml()
        assertWellFormed(qml)
        XCTAssertTrue(qml.contains("<renderer-v2 type=\"graduatedSymbol\" attr=\"coverage_pct\""))
        XCTAssertTrue(qml.contains("<range render=\"true\" symbol=\"0\" lower=\"40\" upper=\"50\" label=\"40–50%\"/>"))
        XCTAssertEqual(graduated.qgisLabelExpression.0, #"concat("township_name", '\n', format_number("coverage_pct", 2), '%')"#)
        let sld = graduated.sld(layer: "townships")
        assertWellFormed(sld)
        XCTAssertTrue(sld.contains("<ogc:PropertyIsLessThan><ogc:PropertyName>coverage_pct</ogc:PropertyName><ogc:Literal>50</ogc:Literal>"))
        XCTAssertTrue(sld.contains("<ogc:PropertyIsLessThanOrEqualTo><ogc:PropertyName>coverage_pct</ogc:PropertyName><ogc:Literal>60</ogc:Literal>"),
                      "the last class holds its upper bound")
    }

    func testSingleOutlineAndItsPlaceInAProject() throws {
        let outline = MapStyle(field: nil, classes: [.init(.value(""), label: "乡镇界线", colour: "#4d4d4d")], shape: .outline)
        XCTAssertTrue(outline.qml().contains("<renderer-v2 type=\"singleSymbol\""))
        XCTAssertTrue(outline.qml().contains("<prop k=\"style\" v=\"no\"/>"))
        let (inside, labels) = try XCTUnwrap(QGISProject.styleElements(ofQML: graduated.qml()))
        XCTAssertTrue(labels)
        XCTAssertTrue(inside.hasPrefix("  <renderer-v2") && !inside.contains("<qgis"))
        XCTAssertFalse(try XCTUnwrap(QGISProject.styleElements(ofQML: outline.qml())).1)
    }
}

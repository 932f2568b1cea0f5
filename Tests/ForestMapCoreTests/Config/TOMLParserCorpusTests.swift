import XCTest
@testable import ForestMapCore

/// The corpus (`TOMLCorpus`): every valid document parses to the table `tomllib` gave for it, every invalid one
/// fails where expected.
final class TOMLParserCorpusTests: XCTestCase {
    func testValidDocumentsGiveTheirTables() {
        XCTAssertGreaterThanOrEqual(TOMLCorpus.valid.count, 40)
        for document in TOMLCorpus.valid {
            XCTAssertEqual(try TOMLParser.parse(document.text), document.expected, document.name)
        }
    }

    func testInvalidDocumentsFailWhereExpected() {
        XCTAssertGreaterThanOrEqual(TOMLCorpus.invalid.count, 30)
        for document in TOMLCorpus.invalid {
            XCTAssertThrowsError(try TOMLParser.parse(document.text), document.name) { error in
                let error = error as? TOMLSyntaxError
                XCTAssertEqual(error?.line, document.line, document.name)
                XCTAssertEqual(error?.column, document.column, document.name)
            }
        }
    }
}

import Foundation
import XCTest
@testable import ForestMapCore
@testable import ForestTestSupport

final class CSVTableTests: XCTestCase {
    func testBOMQuotingAndChinese() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("t.csv")
        try CSVTable(header: ["township_code", "name"], rows: [["520111101", "青岩镇"], ["x", "a,\"b\""]]).write(to: url)
        let data = try Data(contentsOf: url)
        XCTAssertEqual(Array(data.prefix(3)), [0xEF, 0xBB, 0xBF])
        XCTAssertEqual(String(decoding: data.dropFirst(3), as: UTF8.self), "township_code,name\r\n520111101,青岩镇\r\nx,\"a,\"\"b\"\"\"\r\n")
    }
}

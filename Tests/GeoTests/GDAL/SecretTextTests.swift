import Foundation
import XCTest
@testable import Geo

/// No password leaves the tool: connection strings, PGPASSWORD and URIs are masked wherever text is printed or written.
final class SecretTextTests: XCTestCase {
    func testEveryFormIsMasked() {
        XCTAssertEqual(SecretText.masked("PG:dbname=forest host=db user=gis password=secret"), "PG:dbname=forest host=db user=gis password=***")
        XCTAssertEqual(SecretText.masked("PG:dbname=forest password='se cret' port=5432"), "PG:dbname=forest password=*** port=5432")
        XCTAssertEqual(SecretText.masked("current = \"PG:dbname=f PASSWORD = s3cr3t|layername=xb\""), "current = \"PG:dbname=f password=***|layername=xb\"")
        XCTAssertEqual(SecretText.masked("PGPASSWORD=secret forestmap run"), "PGPASSWORD=*** forestmap run")
        XCTAssertEqual(SecretText.masked("postgresql://gis:secret@db:5432/forest"), "postgresql://gis:***@db:5432/forest")
        XCTAssertEqual(SecretText.masked("no secrets here: xiaoban.gpkg"), "no secrets here: xiaoban.gpkg")
        XCTAssertEqual(SourceReference(path: "PG:dbname=f password=secret").displayPath, "PG:dbname=f password=***")
    }
}

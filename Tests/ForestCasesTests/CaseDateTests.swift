import XCTest
@testable import ForestCases

final class CaseDateTests: XCTestCase {
    func testReadsTheWaysPeopleWriteADay() {
        for text in ["2021-06-03", "2021/6/3", "2021/06/03", "2021.6.3", "2021年6月3日", "20210603", "2021/06/03 00:00:00", "44350"] {
            XCTAssertEqual(CaseDate(text: text)?.description, "2021-06-03", text)
        }
        for text in ["", "2021-13-01", "2021-02-29", "3/6/2021", "yesterday", "21-6-3", "2021-6"] {
            XCTAssertNil(CaseDate(text: text), text)
        }
        XCTAssertEqual(CaseDate(text: "2020-02-29")?.description, "2020-02-29")
    }

    func testDayArithmeticAgreesWithFoundation() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        for n in stride(from: -30_000, to: 60_000, by: 37) {
            let date = Date(timeIntervalSince1970: Double(n) * 86_400)
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            guard (1900...2100).contains(parts.year!) else { continue }
            let day = try XCTUnwrap(CaseDate(year: parts.year!, month: parts.month!, day: parts.day!))
            XCTAssertEqual(day.dayNumber, n)
            XCTAssertEqual(CaseDate(dayNumber: n), day)
        }
        XCTAssertEqual(CaseDate(text: "2021-01-01")!.days(to: CaseDate(text: "2022-01-01")!), 365)
    }
}

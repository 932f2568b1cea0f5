import Foundation
import ForestMapCore

/// A calendar day (yyyy-MM-dd), as the register keeps dates: the day of a verdict, of a detection, of a patrol.
public struct CaseDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int, month: Int, day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1900...2100).contains(year), (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year) else { return nil }
        (self.year, self.month, self.day) = (year, month, day)
    }

    /// Reads a date as people write it or Excel stores it: 2021-06-03, 2021/6/3, 2021.6.3, 2021年6月3日, 20210603, or
    /// an Excel date serial number (44350). nil for anything else.
    public init?(text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let serial = Int(t), (20_000...80_000).contains(serial) {
            // Excel's day 1 is 1900-01-01 and it counts a 29 February 1900 that never was: serials from 61 on are
            // one day ahead.
            self.init(dayNumber: Self.dayNumber(year: 1899, month: 12, day: 30) + serial)
            return
        }
        if t.count == 8, let all = Int(t) {
            self.init(year: all / 10_000, month: all / 100 % 100, day: all % 100)
            return
        }
        var body = t
        if body.hasSuffix("日") { body.removeLast() }
        // A time after the date (2021/06/03 00:00:00) is dropped.
        if let space = body.firstIndex(of: " ") { body = String(body[..<space]) }
        let parts = body.split(whereSeparator: { "-/.年月".contains($0) }).map(String.init)
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), parts[0].count == 4 else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Today in the local calendar.
    public static func today() -> CaseDate { CaseDate(text: FiledDate.today())! }

    public var description: String { String(format: "%04d-%02d-%02d", year, month, day) }

    /// Days since 1970-01-01.
    public var dayNumber: Int { Self.dayNumber(year: year, month: month, day: day) }

    public init(dayNumber n: Int) {
        // Howard Hinnant's civil-from-days.
        let z = n + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        (year, month, day) = (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// The number of days from `self` to `later` (negative when `later` is earlier).
    public func days(to later: CaseDate) -> Int { later.dayNumber - dayNumber }

    public func adding(days: Int) -> CaseDate { CaseDate(dayNumber: dayNumber + days) }

    public static func < (a: CaseDate, b: CaseDate) -> Bool { a.dayNumber < b.dayNumber }

    static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

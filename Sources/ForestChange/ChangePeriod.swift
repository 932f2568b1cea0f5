import ForestMapCore
import ForestStats
/// The period a change is checked in (核查期间): permits valid in it cover a change. Dates are ISO text
/// (YYYY-MM-DD), compared as text.
public struct ChangePeriod: Sendable, Hashable {
    public var start: String
    public var end: String

    public init(start: String, end: String) {
        self.start = start
        self.end = end
    }

    /// A whole calendar year.
    public init(year: Int) {
        self.init(start: "\(year)-01-01", end: "\(year)-12-31")
    }

    /// `2021-01-01/2021-12-31`; `what` names the option or setting in messages.
    public init(parsing text: String, what: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, let a = Self.isoDate(parts[0]), let b = Self.isoDate(parts[1]), a <= b else {
            throw ForestMapError.input("\(what) \"\(text)\" is not a period; write it as 2021-01-01/2021-12-31 (start/end, start first)")
        }
        self.init(start: a, end: b)
    }

    /// From the command line (`--year`, `--period`) or the config's `[period]`; nil when none is given (then
    /// permits are not checked for validity).
    package static func choose(year: Int?, period: String?, config: ForestMapConfig) throws -> ChangePeriod? {
        if let period { return try ChangePeriod(parsing: period, what: "--period") }
        if let year { return ChangePeriod(year: year) }
        if let a = config.periodStart, let b = config.periodEnd { return try ChangePeriod(parsing: "\(a)/\(b)", what: "setting period.from/period.to") }
        return config.year.map(ChangePeriod.init(year:))
    }

    /// Whether a date as a layer holds it lies in the period; a value that is not a date is not judged (true).
    package func contains(date raw: String?) -> Bool {
        guard let raw, let d = Self.isoDate(raw) else { return true }
        return start <= d && d <= end
    }

    /// A date as YYYY-MM-DD from the forms permit layers hold it in: 2021-03-05, 2021/3/5, 2021.03.05,
    /// 20210305, with an optional time after it; nil when it is not a date.
    static func isoDate(_ raw: String) -> String? {
        let text = SubCompartmentFactReader.trimmed(raw)
        let datePart = text.split(whereSeparator: { $0 == " " || $0 == "T" }).first.map(String.init) ?? ""
        let numbers: [Int]
        if datePart.count == 8, datePart.allSatisfy(\.isNumber) {
            numbers = [Int(datePart.prefix(4))!, Int(datePart.dropFirst(4).prefix(2))!, Int(datePart.suffix(2))!]
        } else {
            let parts = datePart.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." })
            guard parts.count == 3 else { return nil }
            numbers = parts.compactMap { Int($0) }
            guard numbers.count == 3 else { return nil }
        }
        let (y, m, d) = (numbers[0], numbers[1], numbers[2])
        guard (1900...2999).contains(y), (1...12).contains(m), (1...31).contains(d) else { return nil }
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(y)-\(two(m))-\(two(d))"
    }
}

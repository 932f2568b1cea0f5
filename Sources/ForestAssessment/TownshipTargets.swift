import Foundation
import Geo
import ForestMapCore

/// The forest-chief targets per township (附表1 目标任务分解): a CSV with one row per township (the district's own
/// code for the district) and indicator, columns `township_code, township_name, indicator, target, applicable`
/// (others, such as `indicator_name`, `unit`, `comparison`, are ignored). An empty target or `applicable = no`:
/// the indicator does not apply there.
public struct TownshipTargets: Sendable {
    public struct Target: Sendable, Hashable {
        /// nil: does not apply.
        public var value: Double?
    }

    /// Township (or district) code → indicator key → target. Keys not in `AssessmentIndicator` are kept too.
    public var targets: [String: [String: Target]]
    public var names: [String: String]
    public var path: String

    public init(targets: [String: [String: Target]] = [:], names: [String: String] = [:], path: String = "") {
        self.targets = targets
        self.names = names
        self.path = path
    }

    /// The target of an indicator; nil when it does not apply or is not given.
    public func value(_ code: String, _ indicator: String) -> Target? { targets[code]?[indicator] }

    /// `unitCodes`: the rows are units' codes as written (a region's counties), not townships' codes to complete.
    public static func load(path: String, districtCode: String, unitCodes: Bool = false) throws -> TownshipTargets {
        if let kind = FileKind.unreadableKind(path) {
            throw ForestMapError.input("\(path): the targets file is \(kind), not a file; give the CSV's path")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ForestMapError.input("\(path): targets file not found; set [inputs] targets to the CSV of targets per township (README \"forestmap run\")")
        }
        guard var text = String(data: data, encoding: .utf8) else {
            throw ForestMapError.input("\(path): the targets file is not UTF-8 text; save it as CSV UTF-8")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let lines = parseCSV(text)
        guard let header = lines.first else { throw ForestMapError.input("\(path): the targets file is empty") }
        func column(_ name: String) throws -> Int {
            guard let i = header.firstIndex(of: name) else {
                throw ForestMapError.input("\(path): no column \(name); the header must have township_code, township_name, indicator, target, applicable")
            }
            return i
        }
        let code = try column("township_code"), name = try column("township_name"), indicator = try column("indicator"), target = try column("target")
        let applicable = header.firstIndex(of: "applicable")
        var result = TownshipTargets(path: path)
        for (n, row) in lines.enumerated().dropFirst() where !(row.count == 1 && row[0].isEmpty) {
            func cell(_ i: Int) -> String { i < row.count ? row[i].trimmingCharacters(in: .whitespaces) : "" }
            guard let township = unitCodes ? (cell(code).isEmpty ? nil : cell(code)) : TownshipCode.full(xiang: cell(code), xian: districtCode) else {
                throw ForestMapError.input("\(path): line \(n + 1): township_code is empty; give the 9-digit code (or \(districtCode) for the district)")
            }
            let key = cell(indicator), raw = cell(target)
            let applies = applicable.map { !["no", "否", "n", "false"].contains(cell($0).lowercased()) } ?? true
            var value: Double?
            if applies && !raw.isEmpty {
                guard let v = Double(raw), v.isFinite else {
                    throw ForestMapError.input("\(path): line \(n + 1): target \"\(raw)\" of \(key) for \(township) is not a number")
                }
                value = v
            }
            let unit = cell(code) == districtCode ? districtCode : township
            result.targets[unit, default: [:]][key] = Target(value: value)
            if result.names[unit] == nil { result.names[unit] = cell(name) }
        }
        return result
    }

    /// RFC 4180 fields (quotes, doubled quotes, CRLF or LF).
    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var chars = Array(text).makeIterator()
        var pending: Character? = nil
        while let c = pending ?? chars.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = chars.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                    } else { quoted = false }
                } else { field.append(c) }
                continue
            }
            switch c {
            case "\"": quoted = true
            case ",": row.append(field); field = ""
            case "\r\n", "\n", "\r": row.append(field); rows.append(row); row = []; field = ""
            default: field.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}

import Foundation
import Geo
import ForestMapCore

/// One case of the register (一事一办): a change patch the hit list sent a team to, or a patrol's or the
/// public's report, from the day it was opened to its verdict and handling.
public struct RegisterCase: Sendable, Hashable {
    /// `township code-year-number`, e.g. `520111004-2021-0007`: stable for the case's life; the 核查编号 people
    /// write back.
    public var caseID: String
    public var source: CaseSource
    public var townshipCode: String
    public var townshipName: String
    /// The survey year the case belongs to (its change detection's year, or the year of the patrol's date).
    public var year: Int
    public var number: Int
    public var status: CaseStatus
    public var opened: CaseDate
    public var lastEvent: CaseDate
    /// The day of the verdict 属实, from which `[cases] rectification_days` run.
    public var confirmedOn: CaseDate?
    public var squareMetres: Double
    /// A point on the case, in CGCS2000 degrees and in the register's CRS.
    public var longitude: Double
    public var latitude: Double
    public var x: Double
    public var y: Double
    /// The `hit_id`s it was listed under, oldest first.
    public var hitIDs: [String]
    /// The latest hit's row of the hit list (column → value), or a patrol case's description and details.
    public var attributes: [String: String]
    public var description: String
    /// The patch (a polygon), or a point for a reported case; in the register's CRS.
    public var geometry: WKB?

    public var isClosed: Bool { status.isClosed }

    /// Days open, counted to `asOf`.
    public func age(asOf: CaseDate) -> Int { max(0, opened.days(to: asOf)) }

    /// A confirmed violation not yet closed whose rectification time has run out by `asOf`.
    public func isOverdue(asOf: CaseDate, rectificationDays: Int) -> Bool {
        guard !isClosed, status.isConfirmedViolation, let confirmedOn else { return false }
        return confirmedOn.days(to: asOf) > rectificationDays
    }

    /// Case numbers are four digits (a township has fewer than 10,000 cases a year).
    public static func identifier(township: String, year: Int, number: Int) -> String {
        "\(township)-\(year)-\(number.zeroPadded(4))"
    }
}

/// One line of a case's history (append-only): what happened, on which day, by whom, and the status after it.
public struct CaseEvent: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        /// Listed by the change detection for the first time (`run`), or added from a patrol or the public.
        case detected, added
        /// Found again by a later run.
        case redetected = "re-detected"
        /// 核查结论 written back.
        case verdict
        /// 处理情况 written back.
        case handling
        case closed, reopened
    }

    public var caseID: String
    /// The event's place in the register, in the order written.
    public var sequence: Int
    public var kind: Kind
    public var date: CaseDate
    public var status: CaseStatus
    public var who: String
    public var notes: String
    /// Where it came from: `run 2021`, `核查表.xlsx 贵筑街道 row 12`, `patrol.csv row 3`.
    public var origin: String
    /// What makes the event itself: the same key is never written twice (a re-import, a rerun of the same year).
    public var key: String
}

/// A sub-compartment of one year as it was when a case was detected (for the dossier 办案卷宗).
public struct CaseSnapshot: Sendable, Hashable {
    public var caseID: String
    /// `previous` or `current`, and the layer it came from.
    public var side: String
    public var layer: String
    public var subCompartmentKey: String
    public var landClass: String
    /// The attributes the run read, field → value.
    public var attributes: [String: String]
    public var geometry: WKB
}

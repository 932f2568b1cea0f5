import Foundation
import ForestMapCore

/// `assessment_figures.json`: the figures 附表1 is computed from (areas, volumes, tasks, fires, change, cases), for
/// the district's totals row and each township, as the run computed them. A region (`forestmap region`)
/// assembles its counties from these, so a county's row in the region's 附表1 is computed from exactly the figures
/// of the county's own totals row.
public struct AssessmentFigures: Codable, Sendable, Equatable {
    public struct Row: Codable, Sendable, Equatable {
        public var code: String
        public var name: String
        public var figures: TownshipAssessment.Figures
    }

    public static let fileName = "assessment_figures.json"
    /// The format's version: a region refuses a county whose figures it cannot read.
    public var version = 1
    public var district: Row
    public var townships: [Row]
    /// The totals row of 附表1 as written, additive column key → value (nil: empty): a region shows these as the
    /// county's row (a township an indicator does not apply to is left out of that indicator's total).
    public var totalsRow: [String: Double?]

    public init(_ a: Assessment) {
        district = Row(code: a.district.code, name: a.district.name, figures: a.district.figures)
        townships = a.townships.map { Row(code: $0.code, name: $0.name, figures: $0.figures) }
        totalsRow = AssessmentTables.writtenTotals(a)
    }

    public func write(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do { try encoder.encode(self).write(to: url) } catch {
            throw ForestMapError(.cannotWrite, "cannot write \(url.path): \(error.localizedDescription)")
        }
    }

    public static func read(_ url: URL) throws -> AssessmentFigures {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ForestMapError.input("\(url.path): missing; the county's run folder is incomplete (made by an older forestmap?): run the county again")
        }
        do { return try JSONDecoder().decode(AssessmentFigures.self, from: data) } catch {
            throw ForestMapError.input("\(url.path): not readable assessment figures (\(error.localizedDescription)); run the county again")
        }
    }
}

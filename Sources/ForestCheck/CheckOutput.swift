import Foundation
import Geo
import ForestMapCore

/// The files `forestmap check` writes: check.gpkg (a layer per check, each problem at its place), check.csv (one row
/// per problem) and check_summary.csv (counts per check and township), and the terminal summary.
enum CheckOutput {
    static let files = ["check.gpkg", "check.csv", "check_summary.csv"]

    /// The GeoPackage on one thread, the two CSV files on another.
    static func write(_ result: CheckResult, into folder: OutputFolder, threads: Int? = nil) throws {
        let gpkg = folder.file("check.gpkg").path, table = folder.file("check.csv"), counts = folder.file("check_summary.csv")
        _ = try ParallelJobs.map(jobs: 2, threads: threads, state: {}) { _, job in
            if job == 0 {
                try geoPackage(result, path: gpkg)
            } else {
                try csv(result).write(to: table)
                try summary(result).write(to: counts)
            }
        }
    }

    /// "17" or "17;40" (an overlap names both features); "" for a gap.
    static func featureID(_ p: CheckProblem) -> String { p.featureIDs.map(String.init).joined(separator: ";") }

    static func coordinates(_ p: CheckProblem, geographic: Bool) -> (String, String) {
        guard let point = p.point, point.x.isFinite, point.y.isFinite else { return ("", "") }
        return (MessageFormat.coordinate(point.x, geographic: geographic), MessageFormat.coordinate(point.y, geographic: geographic))
    }

    /// check.csv: `check, severity, feature_id, township_code, detail, x, y`; x/y in the layer's CRS.
    static func csv(_ result: CheckResult) -> CSVTable {
        CSVTable(header: ["check", "severity", "feature_id", "township_code", "detail", "x", "y"], rows: result.problems.map { p in
            let (x, y) = coordinates(p, geographic: result.geographic)
            return [p.check.rawValue, p.severity.rawValue, featureID(p), p.townshipCode, p.detail, x, y]
        })
    }

    /// check_summary.csv: per check, a row per township with problems and a total row; a check that could not run
    /// has only its total row, with the reason in `note`.
    static func summary(_ result: CheckResult) -> CSVTable {
        var rows: [[String]] = []
        let byCheck = Dictionary(grouping: result.problems, by: \.check)
        for check in QualityCheck.allCases {
            let head = [check.rawValue, check.chineseName, check.severity.rawValue]
            if let reason = result.notRun[check] {
                rows.append(head + ["total", "合计", "", "", "not run: \(reason)"])
                continue
            }
            let problems = byCheck[check] ?? []
            let hasArea = problems.contains { $0.squareMetres != nil }
            func area(_ ps: [CheckProblem]) -> String {
                hasArea ? CSVTable.number(AreaUnit.hectares(ps.reduce(0) { $0 + ($1.squareMetres ?? 0) }), decimals: 4) : ""
            }
            let byTownship = Dictionary(grouping: problems, by: \.townshipCode)
            for code in byTownship.keys.sorted() {
                let ps = byTownship[code]!
                rows.append(head + [code, code.isEmpty ? "(no township)" : result.townshipNames[code] ?? "", String(ps.count), area(ps), ""])
            }
            rows.append(head + ["total", "合计", String(problems.count), area(problems), ""])
        }
        return CSVTable(header: ["check", "check_name", "severity", "township_code", "township_name", "count", "area_ha", "note"], rows: rows)
    }

    static let gpkgFields = [
        FieldDefinition("check", .string), FieldDefinition("check_name", .string), FieldDefinition("severity", .string),
        FieldDefinition("feature_id", .string), FieldDefinition("key", .string), FieldDefinition("township_code", .string),
        FieldDefinition("detail", .string), FieldDefinition("area_ha", .real, width: 14, precision: 4),
        FieldDefinition("x", .real), FieldDefinition("y", .real),
    ]

    /// check.gpkg: one layer per check that ran, named by its key, in the layer's CRS. invalid_geometry holds the
    /// features as they are (any geometry type); the others hold polygons.
    static func geoPackage(_ result: CheckResult, path: String) throws {
        let writer = try VectorWriter(creating: path, format: .geoPackage)
        let srs = try SpatialReference(definition: result.crsWKT)
        let byCheck = Dictionary(grouping: result.problems, by: \.check)
        for check in QualityCheck.allCases where result.notRun[check] == nil {
            let layer = try writer.createLayer(named: check.rawValue, geometry: check == .invalidGeometry ? .unknown : .polygon,
                                               spatialReference: srs, fields: gpkgFields)
            try layer.write((byCheck[check] ?? []).map { p in
                Feature(values: [
                    .string(p.check.rawValue), .string(p.check.chineseName), .string(p.severity.rawValue), .string(featureID(p)),
                    .string(p.keys.joined(separator: ";")), .string(p.townshipCode), .string(p.detail),
                    p.squareMetres.map { .real((AreaUnit.hectares($0) * 10_000).rounded() / 10_000) } ?? .null,
                    p.point.map { .real($0.x) } ?? .null, p.point.map { .real($0.y) } ?? .null,
                ], geometry: p.geometry)
            })
        }
        try writer.writeLayerStyles(CheckStyles.styles(QualityCheck.allCases.filter { result.notRun[$0] == nil }))
        try writer.close()
    }

    /// The terminal summary: one line per check with its count, then the totals.
    static func text(_ result: CheckResult) -> String {
        var lines = ["forestmap check: \(result.layerLabel): \(result.featureCount) sub-compartments" +
                     (result.townshipsLabel.map { ", townships \($0)" } ?? "")]
        let width = QualityCheck.allCases.map { "\($0.rawValue) \($0.chineseName)".displayWidth }.max()! + 2
        lines.append("  " + "check".rightPadded(width) + "severity".rightPadded(10) + "problems")
        for check in QualityCheck.allCases {
            let count = result.notRun[check].map { "not run: \($0)" } ?? String(result.count(check))
            lines.append("  " + "\(check.rawValue) \(check.chineseName)".rightPadded(width) + check.severity.rawValue.rightPadded(10) + count)
        }
        lines.append("  \(result.errorCount) error\(result.errorCount == 1 ? "" : "s"), \(result.warningCount) warning\(result.warningCount == 1 ? "" : "s")")
        return lines.joined(separator: "\n")
    }
}

import Foundation
import Geo
import XCTest
@testable import ForestAssessment
@testable import ForestChange
@testable import ForestCheck
@testable import ForestMapCore
@testable import ForestSynth
@testable import PlanarKernel

/// `forestmap check` on a synthetic district made with `synth --defects`: every planted problem is found with the
/// right key and feature, nothing else is an error, and the clean layers give no errors.
final class CheckSynthTests: XCTestCase {
    /// One district (2,500 sub-compartments: three jobs of the layer checks) made once for these tests.
    private static let district: Result<URL, any Error> = Result {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("forestmap-check-synth-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        _ = try DistrictSynthesizer.write(SynthOptions(subcompartments: 2_500, seed: 7, defects: true), into: url)
        return url
    }

    override class func tearDown() {
        if let url = try? district.get() { try? FileManager.default.removeItem(at: url) }
        super.tearDown()
    }

    private func check(_ layer: String, townships: String? = "townships", threads: Int? = nil) throws -> CheckResult {
        let folder = try Self.district.get()
        let config = ForestMapConfig()
        var options = try config.layerLoadOptions()
        options.requireValidGeometry = false
        let loaded = try SubCompartmentLayer.load(SourceReference(path: folder.appendingPathComponent("\(layer).gpkg").path, layerName: layer), options: options)
        let towns = try townships.map {
            try CheckTownships.load(SourceReference(path: folder.appendingPathComponent("\($0).gpkg").path, layerName: $0),
                                    config: config, into: loaded.crsWKT, threads: threads)
        }
        return try QualityChecker.check(loaded, townships: towns, config: config, threads: threads)
    }

    /// defects_truth.csv as rows of fields by header (values without commas but the quoted detail, which is last
    /// but one and not needed here).
    private func truth() throws -> [[String: String]] {
        let text = String(decoding: try Data(contentsOf: try Self.district.get().appendingPathComponent("defects_truth.csv")), as: UTF8.self)
        let lines = text.replacingOccurrences(of: "\u{FEFF}", with: "").split(whereSeparator: \.isNewline).map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        return lines.dropFirst().map { line in
            let fields = line.split(separator: ",", maxSplits: 8, omittingEmptySubsequences: false).map(String.init)
            return Dictionary(uniqueKeysWithValues: zip(header.prefix(9), fields.prefix(9)))
        }
    }

    func testEveryPlantedProblemIsFoundWithTheRightKeyAndFeature() throws {
        let result = try check("xiaoban_2020_defects")
        let rows = try truth()
        // Every check of the sub-compartment layer synth plants: township_overlap is the township layer's own (its
        // tests plant it); repaired_geometry is the check's note that a polygon is used repaired (GeometryRepairTests
        // and RealWorldInputTests cover it).
        XCTAssertEqual(Set(rows.map { $0["check"]! }), Set(QualityCheck.allCases.filter { ![.townshipOverlap, .repairedGeometry, .badTownshipCode, .mixedCodeSystem].contains($0) }.map(\.rawValue)), "synth plants every check")
        var matched = Set<Int>()   // indices of the problems a planted one accounts for
        for row in rows {
            let check = try XCTUnwrap(QualityCheck(rawValue: row["check"]!))
            let fids = row["feature_ids"]!.split(separator: ";").map { Int64($0)! }
            let keys = row["keys"]!.split(separator: ";").map(String.init)
            let candidates = result.problems.indices.filter { result.problems[$0].check == check }
            if fids.isEmpty {
                // A gap or the other department's boundaries: found in that township, at the planted place.
                var hits = candidates.filter { result.problems[$0].townshipCode == row["township_code"] }
                if let x = Double(row["x"] ?? ""), let y = Double(row["y"] ?? "") {
                    hits = hits.filter { i in
                        guard let rings = (try? result.problems[i].geometry?.polygons()).flatMap({ $0.flatMap(\.rings) }) else { return false }
                        return Planar.locate(Point(x, y), in: rings) != .outside
                    }
                }
                XCTAssertFalse(hits.isEmpty, "\(check.rawValue) in \(row["township_code"]!) at \(row["x"]!), \(row["y"]!) not found")
                matched.formUnion(hits)
                if let area = Double(row["area_m2"] ?? ""), let i = hits.first, let found = result.problems[i].squareMetres {
                    XCTAssertEqual(found / area, 1, accuracy: 0.002, "\(check.rawValue) area")
                }
            } else {
                for (fid, key) in zip(fids, keys) {
                    let hits = candidates.filter { i in zip(result.problems[i].featureIDs, result.problems[i].keys).contains { $0 == fid && $1 == key } }
                    XCTAssertFalse(hits.isEmpty, "\(check.rawValue) of feature \(fid) (\(key)) not found")
                    matched.formUnion(hits)
                }
            }
        }
        // Nothing else, apart from the other department's boundaries (a warning along every township boundary).
        let unplanted = result.problems.indices.filter { !matched.contains($0) && result.problems[$0].check != .boundaryMismatch }
        XCTAssertEqual(unplanted.map { result.problems[$0].detail }, [])
    }

    func testTheCleanLayersGiveNoErrors() throws {
        for layer in ["xiaoban_2020", "xiaoban_2021"] {
            let result = try check(layer)
            XCTAssertEqual(result.errorCount, 0, "\(layer): \(result.problems.filter { $0.severity == .error }.map(\.detail))")
            XCTAssertEqual(Set(result.problems.map(\.check)), [.boundaryMismatch], layer)
        }
        // Against the townships' exact outlines the first year, from which they were drawn, has no problem at all.
        XCTAssertEqual(try check("xiaoban_2020", townships: "townships_dissolved").problems.map(\.detail), [])
    }

    func testTheResultDoesNotDependOnTheNumberOfThreads() throws {
        let one = try check("xiaoban_2020_defects", threads: 1)
        let two = try check("xiaoban_2020_defects", threads: 2)
        XCTAssertEqual(one.problems, two.problems)
        XCTAssertEqual(CheckOutput.csv(one).text, CheckOutput.csv(two).text)
    }
}

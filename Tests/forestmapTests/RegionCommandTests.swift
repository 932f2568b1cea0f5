import Foundation
import XCTest
import Geo

/// `forestmap region` on SampleData's small region (3 counties): the region's rows are the counties' own totals rows,
/// its totals add up, `--jobs 1` and `--jobs 2` (and a real one-node Slurm cluster) give the same tables, a failing
/// county is named and `--resume` finishes the rest.
final class RegionCommandTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("forestmap-region-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // A copy: the county configs keep their case registers beside the inputs' folder, and one test breaks a county.
        try FileManager.default.copyItem(at: SampleLayerCopy.sampleData.appendingPathComponent("region"), to: folder.appendingPathComponent("region"))
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private var regionConfig: String { folder.appendingPathComponent("region/region.toml").path }

    /// A CSV forestmap wrote: header and rows (no quoted commas in these tables' number columns).
    private func csv(_ url: URL) throws -> [[String]] {
        String(decoding: try Data(contentsOf: url).dropFirst(3), as: UTF8.self).split(separator: "\r\n")
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    private func counties() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("region").path)
            .filter { $0.count == 6 && Int($0) != nil }.sorted()
    }

    /// The region's tables, as text: what must not depend on the executor or the number of jobs.
    private func tables(_ out: URL) throws -> [String: String] {
        var result: [String: String] = [:]
        for name in ["appendix1_targets.csv", "appendix2_scores.csv", "scores_detail.csv", "findings.txt", "assessment_figures.json"] {
            result[name] = try String(contentsOf: out.appendingPathComponent("region/\(name)"), encoding: .utf8)
        }
        return result
    }

    func testLocalRegionRowsAreTheCountiesTotalsAndJobsDoNotMatter() throws {
        let one = folder.appendingPathComponent("one"), two = folder.appendingPathComponent("two")
        let a = try forestmap("region", regionConfig, "--out", one.path, "--executor", "local", "--jobs", "1")
        XCTAssertEqual(a.status, 0, a.stderr)
        let b = try forestmap("region", regionConfig, "--out", two.path, "--executor", "local", "--jobs", "2")
        XCTAssertEqual(b.status, 0, b.stderr)
        XCTAssertEqual(try tables(one), try tables(two), "--jobs 1 and --jobs 2")

        let codes = try counties()
        XCTAssertEqual(codes.count, 3)
        let region = try csv(one.appendingPathComponent("region/appendix1_targets.csv"))
        let header = region[0]
        XCTAssertEqual(region.dropFirst().map { $0[0] }, codes + ["520100"])
        // Figures (not targets, met flags or anything computed against targets) equal each county's own totals row.
        let figureColumns = header.indices.filter { c in
            c >= 2 && !header[c].hasSuffix("_target") && !header[c].hasSuffix("_met")
        }
        for (k, code) in codes.enumerated() {
            let own = try csv(one.appendingPathComponent("counties/\(code)/appendix1_targets.csv"))
            XCTAssertEqual(own[0], header, "the region's columns are a county's")
            let total = try XCTUnwrap(own.last)
            XCTAssertEqual(total[0], code)
            for c in figureColumns { XCTAssertEqual(region[k + 1][c], total[c], "\(code) \(header[c])") }
        }
        // Areas and counts add up exactly to the region's row.
        let totals = try XCTUnwrap(region.last)
        for column in ["land_ha", "forest_ha", "forest_ha_previous", "burned_forest_ha", "unapproved_patches_count", "unapproved_patches"] {
            let c = try XCTUnwrap(header.firstIndex(of: column), column)
            let decimals = totals[c].firstIndex(of: ".").map { totals[c].distance(from: $0, to: totals[c].endIndex) - 1 } ?? 0
            let scale = pow(10.0, Double(decimals))
            let sum = region.dropFirst().dropLast().map { (Double($0[c]) ?? 0) * scale }.map { $0.rounded() }.reduce(0, +)
            XCTAssertEqual(sum, ((Double(totals[c]) ?? 0) * scale).rounded(), column)
        }
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: one.appendingPathComponent("region/manifest.json"))) as? [String: Any]
        XCTAssertEqual((manifest?["counties"] as? [[String: Any]])?.compactMap { $0["manifestSHA256"] as? String }.count, 3)
        let report = try String(contentsOf: one.appendingPathComponent("region/report.html"), encoding: .utf8)
        for code in codes { XCTAssertTrue(report.contains(code), code) }
    }

    func testAFailingCountyIsNamedAndResumeFinishesTheRest() throws {
        let codes = try counties()
        let broken = codes[1]
        let config = folder.appendingPathComponent("region/\(broken)/forestmap.toml")
        let original = try String(contentsOf: config, encoding: .utf8)
        try original.replacingOccurrences(of: "current = \"", with: "current = \"missing_").write(to: config, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out")
        let failed = try forestmap("region", regionConfig, "--out", out.path, "--executor", "local", "--jobs", "2")
        XCTAssertEqual(failed.status, 2, failed.stderr)
        XCTAssertTrue(failed.stderr.contains("\(broken)") && failed.stderr.contains("exit 2") && failed.stderr.contains("missing_"), failed.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("region").path), "no region tables")
        for code in codes where code != broken {
            XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("counties/\(code)/manifest.json").path), code)
        }
        let kept = try codes.filter { $0 != broken }.map {
            try FileManager.default.attributesOfItem(atPath: out.appendingPathComponent("counties/\($0)/manifest.json").path)[.modificationDate] as? Date
        }
        XCTAssertEqual(try forestmap("region", regionConfig, "--out", out.path).status, 2, "an existing region folder needs --resume or --overwrite")

        try original.write(to: config, atomically: true, encoding: .utf8)
        let resumed = try forestmap("region", regionConfig, "--out", out.path, "--resume")
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertTrue(resumed.stdout.contains("1 counties"), resumed.stdout)
        let after = try codes.filter { $0 != broken }.map {
            try FileManager.default.attributesOfItem(atPath: out.appendingPathComponent("counties/\($0)/manifest.json").path)[.modificationDate] as? Date
        }
        XCTAssertEqual(after, kept, "the finished counties were not run again")
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("region/appendix1_targets.xlsx").path))

        // A county's input changed since its run: --resume runs it again.
        let targets = folder.appendingPathComponent("region/\(codes[0])/targets.csv")
        try (try String(contentsOf: targets, encoding: .utf8) + "\n").write(to: targets, atomically: true, encoding: .utf8)
        let again = try forestmap("region", regionConfig, "--out", out.path, "--resume")
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stdout.contains("1 counties") && again.stdout.contains("2 kept"), again.stdout)
    }

    /// The same region through a real one-node Slurm cluster (`Scripts/slurm-test-server`, started by `Scripts/test`).
    func testSlurmGivesTheSameTablesAsLocal() throws {
        let environment = ProcessInfo.processInfo.environment
        guard environment["FORESTMAP_TEST_SLURM"] != nil else {
            if environment["CI"] == "true" { XCTFail("FORESTMAP_TEST_SLURM not set: CI must run the tests through Scripts/test") }
            throw XCTSkip("FORESTMAP_TEST_SLURM not set: run Scripts/test")
        }
        let local = folder.appendingPathComponent("local"), slurm = folder.appendingPathComponent("slurm")
        let a = try forestmap("region", regionConfig, "--out", local.path, "--executor", "local", "--jobs", "2")
        XCTAssertEqual(a.status, 0, a.stderr)
        let b = try forestmap("region", regionConfig, "--out", slurm.path, "--executor", "slurm", "--jobs", "2")
        XCTAssertEqual(b.status, 0, b.stderr)
        XCTAssertTrue(b.stdout.contains("Slurm job"), b.stdout)
        XCTAssertEqual(try tables(local), try tables(slurm))

        // --no-wait, then collect.
        let later = folder.appendingPathComponent("later")
        let submitted = try forestmap("region", regionConfig, "--out", later.path, "--executor", "slurm", "--no-wait")
        XCTAssertEqual(submitted.status, 0, submitted.stderr)
        var collected = try forestmap("region", "collect", later.path)
        let deadline = Date().addingTimeInterval(600)
        while collected.status == 3 && Date() < deadline {
            Thread.sleep(forTimeInterval: 2)
            collected = try forestmap("region", "collect", later.path)
        }
        XCTAssertEqual(collected.status, 0, collected.stderr)
        XCTAssertEqual(try tables(local), try tables(later))
    }
}

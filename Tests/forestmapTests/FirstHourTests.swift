import Foundation
import XCTest

/// A newcomer's first hour, as the README's "Next steps" writes it: their two years as Shapefiles (SampleData's,
/// exported with GDAL's ogr2ogr as a GIS officer would), `forestmap layers`, Examples/your_district.toml copied
/// beside them, then `check` and `run` with the very commands the README gives.
final class FirstHourTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("forestmap-first-hour-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private var repository: URL { SampleLayerCopy.sampleData.deletingLastPathComponent() }

    /// The commands of the README's next steps, in order (the lines that start with a number).
    private func readmeSteps() throws -> [[String]] {
        let readme = try String(contentsOf: repository.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try XCTUnwrap(readme.components(separatedBy: "Next steps on your own data").dropFirst().first?.components(separatedBy: "\n\n(").first)
        return section.split(separator: "\n").filter { $0.first?.isNumber == true }.compactMap { line in
            line.split(separator: "`").dropFirst().first.map { $0.split(separator: " ").map(String.init) }
        }
    }

    func testFromTheReadmeToTheFirstCheckAndRunOnShapefiles() throws {
        for year in ["2020", "2021"] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/ogr2ogr")
            process.arguments = ["-f", "ESRI Shapefile", folder.appendingPathComponent("xiaoban_\(year).shp").path,
                                 SampleLayerCopy.sampleData.appendingPathComponent("xiaoban_\(year).gpkg").path, "xiaoban_\(year)"]
            try process.run()
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0, "ogr2ogr \(year)")
        }
        let steps = try readmeSteps()
        XCTAssertEqual(steps.map { $0.prefix(2).joined(separator: " ") },
                       ["forestmap layers", "cp Examples/your_district.toml", "forestmap check", "forestmap run"])
        // 1. What the file holds.
        let layers = try forestmap(Array(steps[0].dropFirst()), in: folder)
        XCTAssertEqual(layers.status, 0, layers.stderr)
        XCTAssertTrue(layers.stdout.contains("DI_LEI") && layers.stdout.contains("4545"), layers.stdout)
        // 2. The template, copied as the README says (its example values are SampleData's: nothing to edit here).
        XCTAssertEqual(steps[1].last, ".")
        try FileManager.default.copyItem(at: repository.appendingPathComponent(steps[1][1]),
                                         to: folder.appendingPathComponent(URL(fileURLWithPath: steps[1][1]).lastPathComponent))
        // 3. The check, exit 0 (warnings only) or 3 (errors), with its table.
        let check = try forestmap(Array(steps[2].dropFirst()), in: folder)
        XCTAssertTrue([0, 3].contains(check.status), check.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/check/check.csv").path))
        // 4. The annual job: the filed tables, the register beside the runs (never among the inputs).
        let run = try forestmap(Array(steps[3].dropFirst()), in: folder, configRegister: true)
        XCTAssertEqual(run.status, 0, run.stderr)
        let appendix1 = try String(contentsOf: folder.appendingPathComponent("out/annual/appendix1_targets.csv"), encoding: .utf8)
        XCTAssertTrue(appendix1.contains("520111,花溪区,96297.2735"), "the district's land area as SampleData's")
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/forestmap_cases.gpkg").path))
    }
}

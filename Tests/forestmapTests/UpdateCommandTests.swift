import Foundation
import XCTest

/// `forestmap update` as a GIS officer runs it.
final class UpdateCommandTests: XCTestCase {
    private var sampleData: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("SampleData")
    }

    func testUpdatingSampleDataWritesTheMapAndTheLedgers() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("forestmap-update-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let o = try forestmap("update", "--map", sampleData.appendingPathComponent("xiaoban_2020.gpkg").path,
                              "--patches", sampleData.appendingPathComponent("patches_2021.gpkg").path, "--out", out.path)
        XCTAssertEqual(o.status, 0, o.stderr)
        XCTAssertTrue(o.stdout.contains("0 rejected"), o.stdout)
        for file in ["xiaoban_2021.gpkg", "forest_land_ledger.csv", "changed_subcompartments.csv", "rejected_patches.csv", "patch_conflicts.csv", "update.xlsx"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path), file)
        }
        let ledger = try Data(contentsOf: out.appendingPathComponent("forest_land_ledger.csv"))
        XCTAssertEqual(Array(ledger.prefix(3)), [0xEF, 0xBB, 0xBF], "UTF-8 with BOM")
        let lines = String(decoding: ledger.dropFirst(3), as: UTF8.self).split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        XCTAssertEqual(lines.first, ["township_code", "township_name", "reason", "reason_name", "land_class", "land_class_name", "gain_ha", "loss_ha", "net_ha"])
        // Each township's forest-land total per reason equals its class rows' net (as written, to rounding).
        var classNet: [String: Double] = [:], totalNet: [String: Double] = [:]
        for row in lines.dropFirst() {
            let k = row[0] + "|" + row[2]
            if row[4] == "forest_land" { totalNet[k] = Double(row[8])! } else { classNet[k, default: 0] += Double(row[8])! }
        }
        for (k, net) in totalNet { XCTAssertEqual(classNet[k] ?? 0, net, accuracy: 0.0005, k) }
        let rejected = try String(contentsOf: out.appendingPathComponent("rejected_patches.csv"), encoding: .utf8)
        XCTAssertEqual(rejected.split(separator: "\r\n").count, 1, "header only")
    }

    /// Patches drawn as curves (MultiSurface of CurvePolygons, as ArcGIS and `ogr2ogr -nlt CURVEPOLYGON` store them)
    /// were refused as "not a polygon": they update the map exactly as the plain patches do.
    func testCurvePatchesUpdateAsPlainOnes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("forestmap-update-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let curves = try SampleLayerCopy.write(to: folder.appendingPathComponent("patches_2021.gpkg").path, layer: "patches_2021", kind: .unknown) {
            try SampleLayerCopy.multiSurface($1)
        }
        let map = sampleData.appendingPathComponent("xiaoban_2020.gpkg").path
        let plain = try forestmap("update", "--map", map, "--patches", sampleData.appendingPathComponent("patches_2021.gpkg").path, "--out", folder.path + "/plain")
        let curved = try forestmap("update", "--map", map, "--patches", curves, "--out", folder.path + "/curves")
        XCTAssertEqual(curved.status, 0, curved.stderr)
        XCTAssertTrue(curved.stdout.contains("0 rejected"), curved.stdout)
        for file in ["forest_land_ledger.csv", "changed_subcompartments.csv", "rejected_patches.csv"] {
            XCTAssertEqual(try SampleLayerCopy.csv(folder.appendingPathComponent("curves/\(file)")),
                           try SampleLayerCopy.csv(folder.appendingPathComponent("plain/\(file)")), file)
        }
        XCTAssertEqual(plain.status, 0, plain.stderr)
    }

    func testAMissingPatchFileIsOneLineAndNothingIsWritten() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("forestmap-update-\(UUID().uuidString)")
        let o = try forestmap("update", "--map", sampleData.appendingPathComponent("xiaoban_2020.gpkg").path,
                              "--patches", "/nonexistent/patches.gpkg", "--out", out.path)
        assertOneLineError(o, contains: ["/nonexistent/patches.gpkg"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
    }
}

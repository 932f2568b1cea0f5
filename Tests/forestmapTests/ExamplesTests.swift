import Foundation
import Geo
import XCTest

/// The README's examples on real data (`Examples/*.toml` on `Examples/data`), run as the README writes them, from
/// the repository root, with only `--out` moved to a temporary folder. Each test takes its command from README.md
/// (it fails when the README no longer writes it) and checks the outputs against what the README says and against
/// the producers' own data: their flags, their change layer, the classes of the two years.
final class ExamplesTests: XCTestCase {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    private var root: URL { Self.root }
    private var data: URL { root.appendingPathComponent("Examples/data") }
    private var out: URL!

    override func setUpWithError() throws {
        out = FileManager.default.temporaryDirectory.appendingPathComponent("forestmap-examples-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: out)
    }

    // MARK: - The README's commands

    /// The commands the tests below run: every `forestmap check|change` on a config in Examples/ the README writes.
    private static let commands = [
        "forestmap check --config Examples/corine_malta_2018.toml --out out/clc18",
        "forestmap check --config Examples/corine_malta.toml --out out/clc24",
        "forestmap check --config Examples/natura2000_cz.toml --out out/n2k2012",
        "forestmap check --config Examples/natura2000_cz.toml --layer 'Examples/data/n2k_cz_lclu_2006_2012.gpkg|layername=lclu_2006' --out out/n2k2006",
        "forestmap check --config Examples/rautjarvi_stands.toml --out out/stands2012",
        "forestmap check --config Examples/rautjarvi_stands.toml --layer 'Examples/data/qgis_rautjarvi_forest_stands_1994_2012.gpkg|layername=stands_1994' --out out/stands1994",
        "forestmap change --config Examples/corine_malta.toml --out out/malta",
        "forestmap change --config Examples/natura2000_cz.toml --out out/n2k",
        "forestmap change --config Examples/rautjarvi_stands.toml --out out/rautjarvi",
    ]

    /// The README's `forestmap …` code spans that name Examples/ (a span may wrap onto the next line).
    private func readmeCommands() throws -> [String] {
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
            .replacingOccurrences(of: #"\n *"#, with: " ", options: .regularExpression)
        let spans = try NSRegularExpression(pattern: "`(forestmap [a-z]+ [^`]*Examples/[^`]*)`")
        return spans.matches(in: readme, range: NSRange(readme.startIndex..., in: readme)).map { String(readme[Range($0.range(at: 1), in: readme)!]) }
    }

    func testTheseAreTheREADMEsRealDataExamples() throws {
        XCTAssertEqual(try readmeCommands(), Self.commands)
    }

    /// Runs a command the README writes, in the repository root, its `--out` folder inside this test's folder.
    /// Returns the outcome and the output folder.
    private func run(_ command: String) throws -> (Outcome, URL) {
        XCTAssertTrue(try readmeCommands().contains(command), "README.md does not write: \(command)")
        var arguments = Array(Self.words(command).dropFirst())
        let o = try XCTUnwrap(arguments.firstIndex(of: "--out"))
        let folder = out.appendingPathComponent(arguments[o + 1])
        arguments[o + 1] = folder.path
        let outcome = try forestmap(arguments, in: root)
        return (outcome, folder)
    }

    /// A command line split into words as a shell does for these commands (single quotes, no escapes).
    private static func words(_ line: String) -> [String] {
        var words: [String] = [], word = "", quoted = false, started = false
        for c in line {
            if c == "'" { quoted.toggle(); started = true } else if c == " " && !quoted {
                if started { words.append(word) }
                word = ""; started = false
            } else { word.append(c); started = true }
        }
        if started { words.append(word) }
        return words
    }

    // MARK: - check

    func testCorineMaltaChecksFindNothing() throws {
        for command in Self.commands.prefix(2) {
            let (o, folder) = try run(command)
            XCTAssertEqual(o.status, 0, o.stderr)
            XCTAssertTrue(o.stdout.contains("0 errors, 0 warnings"), o.stdout)
            XCTAssertEqual(try rows(folder.appendingPathComponent("check.csv")).count, 1, "only the header")
            // The checks CORINE's fields allow did run: codes against the table, duplicate ids, area_ha.
            for check in ["unknown_code", "duplicate_key", "area_mismatch", "overlap", "gap", "sliver"] {
                let line = try XCTUnwrap(o.stdout.split(separator: "\n").first { $0.hasPrefix("  \(check) ") }, check)
                XCTAssertTrue(line.hasSuffix(" 0"), "\(command): \(line)")
            }
        }
    }

    /// The 14 slivers are the polygons the producer flags as below its unit at the sites' edge, in both years.
    func testNatura2000ChecksFindTheProducersAreaSizeExceptions() throws {
        for (command, layer) in [(Self.commands[2], "lclu_2012"), (Self.commands[3], "lclu_2006")] {
            let (o, folder) = try run(command)
            XCTAssertEqual(o.status, 0, o.stderr)
            let problems = try rows(folder.appendingPathComponent("check.csv")).dropFirst()
            XCTAssertEqual(problems.count, 14)
            XCTAssertEqual(Set(problems.map { $0[0] }), ["sliver"])
            let flagged = try features(in: "n2k_cz_lclu_2006_2012.gpkg", layer: "lclu_2012", fields: ["UID", "comment"])
                .filter { $0[1].hasPrefix("Area size exception") }.map { $0[0] }
            XCTAssertEqual(flagged.count, 14)
            // detail: "UID: area … m², below the minimum unit of 5000.00 m²"
            XCTAssertEqual(Set(problems.map { String($0[4].prefix { $0 != ":" }) }), Set(flagged), layer)
            XCTAssertTrue(problems.allSatisfy { $0[4].hasSuffix("below the minimum unit of 5000.00 m²") })
        }
    }

    func testRautjarviChecksFindTheStandsWithoutClassAndTheGaps() throws {
        let (o, folder) = try run(Self.commands[4])
        XCTAssertEqual(o.status, 3, o.stderr)
        let problems = try rows(folder.appendingPathComponent("check.csv")).dropFirst()
        XCTAssertEqual(problems.count, 61)
        XCTAssertEqual(problems.filter { $0[1] != "error" }.count, 0)
        // unknown_code: exactly the stands the data leaves without land_class.
        let unclassified = try features(in: "qgis_rautjarvi_forest_stands_1994_2012.gpkg", layer: "stands_2012", fields: ["stand_id", "land_class"])
            .filter { $0[1].isEmpty }.map { $0[0] }
        XCTAssertEqual(unclassified.count, 26)
        let unknown = problems.filter { $0[0] == "unknown_code" }
        XCTAssertEqual(Set(unknown.map { String($0[4].prefix { $0 != ":" }) }), Set(unclassified), "\(unknown.map { $0[4] })")
        let overlaps = problems.filter { $0[0] == "overlap" }.map { try! squareMetres(#"overlap by ([\d.]+) m²"#, $0[4]) }
        XCTAssertEqual(overlaps.sorted(), [9.45, 12.67])
        let gaps = problems.filter { $0[0] == "gap" }.map { try! squareMetres(#"gap of ([\d.]+) m²"#, $0[4]) }.sorted()
        XCTAssertEqual(gaps.count, 33)
        XCTAssertEqual(gaps.last ?? 0, 62_674.48, accuracy: 0.01)   // the 6.27 ha gap no stand covers
        XCTAssertEqual(gaps.first ?? 0, 0.95, accuracy: 0.01)
        XCTAssertEqual(gaps.dropLast().last ?? 0, 77.06, accuracy: 0.01)

        let (o1994, folder1994) = try run(Self.commands[5])
        XCTAssertEqual(o1994.status, 3, o1994.stderr)
        let problems1994 = try rows(folder1994.appendingPathComponent("check.csv")).dropFirst()
        XCTAssertEqual(problems1994.map { $0[0] }, ["gap"])
        XCTAssertEqual(try squareMetres(#"gap of ([\d.]+) m²"#, problems1994.first?[4] ?? ""), 64_233.71, accuracy: 0.01)
    }

    // MARK: - change

    /// Malta: the two forest losses are the official change layer's two changes out of class 323, with its areas;
    /// the patches name the producer's ids.
    func testCorineMaltaChangeFindsTheOfficialLayersForestChanges() throws {
        let (o, folder) = try run(Self.commands[6])
        XCTAssertEqual(o.status, 0, o.stderr)
        let table = try rows(folder.appendingPathComponent("changes.csv"))
        let c = Dictionary(uniqueKeysWithValues: table[0].enumerated().map { ($1, $0) })
        let patches = table.dropFirst()
        XCTAssertEqual(patches.count, 2)
        let official = try features(in: "clc2024_mt.gpkg", layer: "cha1824_mt", fields: ["change", "chtype", "area_ha"])
        let codes2018 = Dictionary(uniqueKeysWithValues: try features(in: "clc2024_mt.gpkg", layer: "clc18_mt", fields: ["id", "code_18"]).map { ($0[0], $0[1]) })
        let codes2024 = Dictionary(uniqueKeysWithValues: try features(in: "clc2024_mt.gpkg", layer: "clc24_mt", fields: ["id", "code_24"]).map { ($0[0], $0[1]) })
        var found: [String] = []
        for p in patches {
            let from = p[c["from_class"]!], to = p[c["to_class"]!], area = try XCTUnwrap(Double(p[c["area_ha"]!]))
            XCTAssertEqual(p[c["change_type"]!], "construction")
            let match = try XCTUnwrap(official.first { $0[0] == "\(from)-\(to)" }, "\(from)-\(to) not in cha1824_mt")
            XCTAssertEqual(match[1], "R")
            XCTAssertEqual(area, Double(match[2]) ?? 0, accuracy: 0.01)   // the official layer rounds to 0.01 ha
            XCTAssertEqual(p[c["from_ids"]!].split(separator: ";").map { codes2018[String($0)] }, [from])
            XCTAssertEqual(p[c["to_ids"]!].split(separator: ";").map { codes2024[String($0)] }, [to])
            found.append("\(from)-\(to)")
        }
        XCTAssertEqual(found.sorted(), ["323-121", "323-132"])
        // Every change of the official layer out of forest land (323) is found.
        XCTAssertEqual(official.filter { $0[0].hasPrefix("323-") }.map { $0[0] }.sorted(), found.sorted())
        let transitions = try rows(folder.appendingPathComponent("transitions.csv")).dropFirst().map { "\($0[1])-\($0[2]) \($0[3])" }
        XCTAssertEqual(transitions, ["243-124 7.5216", "243-131 1.2709", "323-121 5.8789", "323-132 10.3636"])
    }

    /// Natura 2000: one polygon set in both years, so the transitions are exactly the polygons whose class (by the
    /// user table) differs between the years, with their areas, computed here from the layers themselves.
    func testNatura2000ChangeIsThePolygonsWhoseClassChanged() throws {
        let (o, folder) = try run(Self.commands[7])
        XCTAssertEqual(o.status, 0, o.stderr)
        let table = try String(contentsOf: root.appendingPathComponent("SampleData/classifications/maes_n2k.csv"), encoding: .utf8)
        let classOf = Dictionary(uniqueKeysWithValues: table.split(separator: "\n").dropFirst().map { l in
            let f = l.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return (f[0], f[1])
        })
        func layer(_ name: String) throws -> [String: (code: String, squareMetres: Double)] {
            let dataset = try VectorDataset(reading: SourceReference(path: data.appendingPathComponent("n2k_cz_lclu_2006_2012.gpkg").path, layerName: name))
            let l = try dataset.layer(named: name)
            let uid = try XCTUnwrap(l.fieldIndex("UID")), code = try XCTUnwrap(l.fieldIndex("land_class"))
            var result: [String: (String, Double)] = [:]
            for f in try l.readAll() {
                result[f.values[uid].text ?? ""] = (f.values[code].text ?? "", PlanarArea.of(try f.geometry?.polygons() ?? []))
            }
            return result
        }
        let y2006 = try layer("lclu_2006"), y2012 = try layer("lclu_2012")
        XCTAssertEqual(Set(y2006.keys), Set(y2012.keys))
        var expected: [String: Double] = [:], anyChange = 0.0
        for (uid, after) in y2012 {
            let before = try XCTUnwrap(y2006[uid])
            guard before.code != after.code else { continue }
            XCTAssertEqual(before.squareMetres, after.squareMetres, accuracy: 1e-6, uid)
            anyChange += after.squareMetres
            if classOf[before.code] != classOf[after.code] { expected["\(before.code)-\(after.code)", default: 0] += after.squareMetres }
        }
        // The producer's own change layer holds every change of class (90.7 ha), most within one of our classes.
        let producers = try VectorDataset(reading: SourceReference(path: data.appendingPathComponent("n2k_cz_lclu_2006_2012.gpkg").path,
                                                                   layerName: "lclu_change_2006_2012")).layer(named: "lclu_change_2006_2012")
        let producersArea = try producers.readAll().reduce(0) { $0 + PlanarArea.of(try $1.geometry?.polygons() ?? []) }
        XCTAssertEqual(anyChange / 1e4, producersArea / 1e4, accuracy: 0.05)
        XCTAssertEqual(producersArea / 1e4, 90.7, accuracy: 0.05)

        let transitions = try rows(folder.appendingPathComponent("transitions.csv")).dropFirst()
        XCTAssertEqual(transitions.count, 7)
        XCTAssertEqual(Set(transitions.map { "\($0[1])-\($0[2])" }), Set(expected.keys))
        for t in transitions {
            XCTAssertEqual(Double(t[3]) ?? 0, (expected["\(t[1])-\(t[2])"] ?? -1) / 1e4, accuracy: 0.0002, "\(t)")
        }
        // The README's 14.09 ha: the printed total (of unrounded areas) and the one computed here.
        XCTAssertTrue(o.stdout.contains("change 地类变化: 14.0922 ha"), o.stdout)
        XCTAssertEqual(expected.values.reduce(0, +) / 1e4, 14.0922, accuracy: 0.0001)

        let patches = try rows(folder.appendingPathComponent("changes.csv"))
        let c = Dictionary(uniqueKeysWithValues: patches[0].enumerated().map { ($1, $0) })
        XCTAssertEqual(patches.dropFirst().map { "\($0[c["change_type"]!]) \($0[c["from_class"]!])-\($0[c["to_class"]!]) \($0[c["area_ha"]!])" }.sorted(),
                       ["afforestation 1310-3410 0.8167", "afforestation 2110-3410 0.6951", "construction 3110-1120 2.9814"])
        XCTAssertTrue(o.stdout.contains("hit list 核查清单: 1 patches (priority 1/2/3: 0/1/0)"), o.stdout)
    }

    /// Rautjärvi: the figures the README gives, and the variant it describes (`sliver_width_m = 20` added under
    /// `[change]`): four of the small patches become slivers, the other seven stay as they were.
    func testRautjarviChangeAndItsSliverWidthVariant() throws {
        let (o, folder) = try run(Self.commands[8])
        XCTAssertEqual(o.status, 0, o.stderr)
        XCTAssertTrue(o.stdout.contains("change patches 变化图斑: 11 (afforestation 4, harvest 5, other_gain 2); dropped: 14 below the inspection unit, 0 boundary slivers; 33 pieces not classified"), o.stdout)
        let patches = try rows(folder.appendingPathComponent("changes.csv"))
        let c = Dictionary(uniqueKeysWithValues: patches[0].enumerated().map { ($1, $0) })
        func summary(_ rows: [[String]]) -> [String] { rows.map { "\($0[c["change_type"]!]) \($0[c["area_ha"]!])" } }
        XCTAssertEqual(patches.count - 1, 11)

        var config = try String(contentsOf: root.appendingPathComponent("Examples/rautjarvi_stands.toml"), encoding: .utf8)
        config = config.replacingOccurrences(of: "\"data/", with: "\"\(data.path)/")
            .replacingOccurrences(of: "\"../SampleData/", with: "\"\(root.path)/SampleData/") + "\n[change]\nsliver_width_m = 20\n"
        let configPath = out.appendingPathComponent("rautjarvi_sliver20.toml")
        try config.write(to: configPath, atomically: true, encoding: .utf8)
        let wide = try forestmap("change", "--config", configPath.path, "--out", out.appendingPathComponent("rautjarvi20").path)
        XCTAssertEqual(wide.status, 0, wide.stderr)
        XCTAssertTrue(wide.stdout.contains("change patches 变化图斑: 7 (afforestation 2, harvest 3, other_gain 2); dropped: 14 below the inspection unit, 4 boundary slivers"), wide.stdout)
        let kept = summary(Array(try rows(out.appendingPathComponent("rautjarvi20/changes.csv")).dropFirst()))
        let before = summary(Array(patches.dropFirst()))
        let gone = before.filter { !kept.contains($0) }
        XCTAssertEqual(kept.count, 7)
        XCTAssertTrue(kept.allSatisfy { before.contains($0) }, "\(kept) ⊄ \(before)")
        XCTAssertEqual(gone.count, 4)
        for g in gone {
            let area = Double(g.split(separator: " ")[1]) ?? 0
            XCTAssertTrue(g.hasPrefix("harvest") || g.hasPrefix("afforestation"), g)
            XCTAssertTrue((0.04...0.12).contains(area), g)
        }
    }

    // MARK: - Reading

    /// The rows of a CSV the commands write (UTF-8 with BOM, CRLF), with quoted fields.
    private func rows(_ file: URL) throws -> [[String]] {
        var text = try String(contentsOf: file, encoding: .utf8)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var characters = Array(text.unicodeScalars)[...]
        while let ch = characters.popFirst() {
            if quoted {
                if ch == "\"" {
                    if characters.first == "\"" { field.unicodeScalars.append("\""); characters.removeFirst() } else { quoted = false }
                } else { field.unicodeScalars.append(ch) }
            } else if ch == "\"" { quoted = true }
            else if ch == "," { row.append(field); field = "" }
            else if ch == "\r" { continue }
            else if ch == "\n" { row.append(field); rows.append(row); row = []; field = "" }
            else { field.unicodeScalars.append(ch) }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    /// The named fields of every feature of a layer in Examples/data, as text ("" for null).
    private func features(in file: String, layer name: String, fields: [String]) throws -> [[String]] {
        let layer = try VectorDataset(reading: SourceReference(path: data.appendingPathComponent(file).path, layerName: name)).layer(named: name)
        let indices = try fields.map { try XCTUnwrap(layer.fieldIndex($0), "\(file) \(name): no field \($0)") }
        return try layer.readAll().map { f in indices.map { f.values[$0].text ?? "" } }
    }

    private func squareMetres(_ pattern: String, _ text: String) throws -> Double {
        let r = try NSRegularExpression(pattern: pattern)
        let m = try XCTUnwrap(r.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)), "\(pattern) in \(text)")
        return Double(text[Range(m.range(at: 1), in: text)!]) ?? .nan
    }
}

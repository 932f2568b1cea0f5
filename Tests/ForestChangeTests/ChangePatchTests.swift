import Foundation
import Geo
import XCTest
@testable import ForestAssessment
@testable import ForestChange
@testable import ForestCheck
@testable import ForestMapCore
@testable import ForestStats
@testable import ForestSynth
@testable import ForestTestSupport

/// Change patches, permits and the hit list on the bundled sample district, against synth's truth file of
/// planted events (SampleData/truth.csv): each event's type, permit status, reason code, area, uncovered area and
/// context, and whether it belongs on the hit list. Events are matched to patches by the keys of the current
/// sub-compartments they changed.
final class ChangePatchTests: XCTestCase {
    struct TruthEvent {
        var fields: [String: String]
        subscript(_ key: String) -> String { fields[key] ?? "" }
        var toIDs: Set<String> { Set(self["to_ids"].split(separator: ";").map(String.init)) }
    }

    static let repository = Repository.root
    static let sample = repository.appendingPathComponent("SampleData")

    static func run(threads: Int?) throws -> ChangeRun.Result {
        let config = try ForestMapConfig.load(path: sample.appendingPathComponent("forestmap.toml").path)
        var options = ChangeOptions(config: config)
        options.threads = threads
        return try ChangeRun.compute(ChangeRun.Sources(config: config), config: config, options: options)
    }

    static let shared: Result<ChangeRun.Result, any Error> = Result { try run(threads: nil) }

    static func truth() throws -> [TruthEvent] {
        let text = try String(contentsOf: sample.appendingPathComponent("truth.csv"), encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        let header = lines.removeFirst().replacingOccurrences(of: "\u{FEFF}", with: "").split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        // No field of truth.csv holds a comma inside quotes except `note`, the last column.
        return lines.map { line in
            let parts = line.split(separator: ",", maxSplits: header.count - 1, omittingEmptySubsequences: false).map(String.init)
            return TruthEvent(fields: Dictionary(uniqueKeysWithValues: zip(header, parts)))
        }
    }

    private func patches(of event: TruthEvent, in result: ChangeRun.Result) -> [ChangePatch] {
        result.patches.filter { $0.changeType.rawValue == event["change_type"] && !event.toIDs.isDisjoint(with: $0.toIDs) }
    }

    func testEveryPlantedChangeHasItsPatch() throws {
        let result = try Self.shared.get()
        let events = try Self.truth().filter { $0["change_type"] != "no_change" }
        XCTAssertGreaterThan(events.count, 250)
        for e in events {
            let found = patches(of: e, in: result)
            let name = "\(e["event_id"]) \(e["event"])"
            guard !found.isEmpty else { XCTFail("\(name): no \(e["change_type"]) patch over \(e["to_ids"])"); continue }
            if !e["permit_status"].isEmpty {
                XCTAssertEqual(Set(found.map { $0.permitStatus?.rawValue ?? "" }), [e["permit_status"]], name)
            }
            if !e["bhyy_expected"].isEmpty { XCTAssertEqual(Set(found.map(\.bhyy)), [e["bhyy_expected"]], name) }
            if !e["bhyy_recorded"].isEmpty { XCTAssertEqual(Set(found.map { $0.bhyyRecorded ?? "" }), [e["bhyy_recorded"]], name) }
            guard e["change_type"] != "reclassification" else { continue }
            let hectares = found.reduce(0) { $0 + AreaUnit.hectares($1.squareMetres) }
            XCTAssertEqual(hectares, Double(e["area_ha"])!, accuracy: 0.01 * Double(e["area_ha"])!, "\(name): area")
            if let uncovered = Double(e["uncovered_ha"]) {
                XCTAssertEqual(found.reduce(0) { $0 + AreaUnit.hectares($1.uncoveredSquareMetres) }, uncovered, accuracy: 0.001, "\(name): uncovered")
            }
            XCTAssertEqual(Set(found.map(\.inRingBelt)), [e["in_ring_belt"] == "yes"], "\(name): ring belt")
            XCTAssertEqual(Set(found.map(\.naturalForest)), [e["natural_forest"] == "yes"], "\(name): natural forest")
            XCTAssertEqual(Set(found.map(\.onFarmland)), [e["on_farmland"] == "yes"], "\(name): afforestation on farmland")
            XCTAssertEqual(Set(found.map(\.isCorrection)), [e["bhyy_recorded"].hasPrefix("9")], "\(name): correction")
        }
    }

    /// No re-digitised boundary, split or merge produces a patch: every patch of a change on the ground is a
    /// planted event of the same type.
    func testEveryPatchIsAPlantedChange() throws {
        let result = try Self.shared.get()
        let events = try Self.truth().filter { $0["change_type"] != "no_change" }
        var byID: [String: [TruthEvent]] = [:]
        for e in events { for id in e.toIDs { byID[id, default: []].append(e) } }
        let onTheGround = result.patches.filter { $0.changeType != .reclassification }
        XCTAssertGreaterThan(onTheGround.count, 60)
        for p in onTheGround {
            let matching = p.toIDs.flatMap { byID[$0] ?? [] }.filter { $0["change_type"] == p.changeType.rawValue }
            XCTAssertFalse(matching.isEmpty, "\(p.patchID): \(p.changeType.rawValue) patch of \(AreaUnit.hectares(p.squareMetres)) ha over \(p.toIDs) is no planted change")
        }
        let redigitised = try Self.truth().filter { $0["event"] == "redigitised" }
        XCTAssertGreaterThan(redigitised.count, 100, "the sample re-digitises boundaries")
    }

    /// The 6 m rural road through forest is narrower than nothing a re-survey moves: it stays, whole.
    func testTheSixMetreRoadIsKept() throws {
        let result = try Self.shared.get()
        let road = try XCTUnwrap(try Self.truth().first { $0["event"] == "road" })
        let found = patches(of: road, in: result)
        XCTAssertFalse(found.isEmpty)
        XCTAssertEqual(found.reduce(0) { $0 + AreaUnit.hectares($1.squareMetres) }, Double(road["area_ha"])!, accuracy: 0.005)
        XCTAssertEqual(Set(found.map { $0.permitStatus }), [ChangePatch.PermitStatus.none])
    }

    func testTheHitListIsThePlantedViolations() throws {
        let result = try Self.shared.get()
        let events = try Self.truth().filter { $0["change_type"] != "no_change" }
        let hitPatches = Set(result.hits.map(\.patch.patchID))
        for e in events {
            let found = patches(of: e, in: result)
            let listed = found.contains { hitPatches.contains($0.patchID) }
            XCTAssertEqual(listed, e["hit"] == "yes", "\(e["event_id"]) \(e["event"]): on the hit list")
        }
        XCTAssertEqual(result.hits.count, events.filter { $0["hit"] == "yes" }.count, "no other patch on the hit list")
        XCTAssertEqual(result.hits.map(\.priority), result.hits.map(\.priority).sorted(), "most urgent first")
        XCTAssertTrue(result.hits.allSatisfy { !$0.reason.isEmpty && $0.hitID == "H" + $0.patch.patchID })
        for h in result.hits where h.patch.inRingBelt { XCTAssertEqual(h.priority, 1, h.hitID) }
        // CGCS2000 degrees in Guiyang.
        for h in result.hits {
            XCTAssertTrue((106.4...107.0).contains(h.longitude) && (26.2...26.6).contains(h.latitude), "\(h.hitID): \(h.longitude), \(h.latitude)")
        }
    }

    func testEveryPermittedChangeIsCovered() throws {
        let result = try Self.shared.get()
        let permitted = try Self.truth().filter { $0["permit_status"] == "covered" }
        XCTAssertGreaterThan(permitted.count, 15)
        for e in permitted {
            XCTAssertEqual(Set(patches(of: e, in: result).map(\.permitStatus)), [.covered], "\(e["event_id"]) \(e["event"])")
        }
    }

    /// The patches' area is the changed area of the exact accounting, less what was dropped: never more.
    func testPatchesAreWithinTheAccounting() throws {
        let result = try Self.shared.get()
        let changed = result.accounting.transitions.filter { $0.kind == .change && ($0.fromForestLand || $0.toForestLand) }.reduce(0) { $0 + $1.squareMetres }
        let patched = result.patches.filter { ![.reclassification, .attributeOnly].contains($0.changeType) }.reduce(0) { $0 + $1.squareMetres }
        XCTAssertLessThanOrEqual(patched, changed * (1 + 1e-9))
        XCTAssertGreaterThan(patched, changed * 0.9, "slivers and small pieces are a small share of the change")
        XCTAssertGreaterThan(result.slivers, 0)
        XCTAssertGreaterThan(result.belowInspectionUnit, 0)
        XCTAssertEqual(Set(result.patches.map(\.patchID)).count, result.patches.count, "patch ids are unique")
    }

    /// Cutting a patch that runs along a township boundary leaves floating-point dust (1e-9 m² pieces, "outside"
    /// every township): no patch is dust, every one holds land.
    func testNoPatchIsOverlayDust() throws {
        let result = try Self.shared.get()
        for p in result.patches {
            XCTAssertGreaterThan(p.squareMetres, 0.001, "\(p.patchID) \(p.changeType.rawValue) in \(p.townshipCode)")
        }
    }

    func testSameHitListAndPatchesWithOneAndTwoThreads() throws {
        let one = try Self.run(threads: 1), two = try Self.run(threads: 2)
        XCTAssertEqual(one.patches.map(\.patchID), two.patches.map(\.patchID))
        XCTAssertEqual(one.patches.map(\.geometry), two.patches.map(\.geometry))
        XCTAssertEqual(one.patches.map(\.squareMetres), two.patches.map(\.squareMetres))
        XCTAssertEqual(one.hits.map(\.hitID), two.hits.map(\.hitID))
        XCTAssertEqual(one.hits.map(\.priority), two.hits.map(\.priority))
        XCTAssertEqual(one.hits.map(\.patch.uncoveredSquareMetres), two.hits.map(\.patch.uncoveredSquareMetres))
    }
}

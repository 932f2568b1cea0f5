import Foundation
import XCTest
@testable import ForestAssessment
@testable import ForestCheck
@testable import ForestMapCore
@testable import ForestTestSupport

final class OutputFolderTests: XCTestCase {
    func testCommitMovesIntoPlaceAndRefusesToOverwrite() throws {
        let base = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: base) }
        let target = base.appendingPathComponent("out").path
        let folder = try OutputFolder(target, overwrite: false)
        try Data("a".utf8).write(to: folder.file("a.txt"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: target))
        try folder.commit()
        XCTAssertEqual(try String(contentsOfFile: target + "/a.txt", encoding: .utf8), "a")
        XCTAssertThrowsError(try OutputFolder(target, overwrite: false)) { e in
            XCTAssertEqual((e as? ForestMapError)?.status, .badInput)
            XCTAssertTrue("\(e)".contains("--overwrite"))
        }
    }

    func testFailedRunLeavesThePreviousResultAndNoPartialFolder() throws {
        let base = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: base) }
        let target = base.appendingPathComponent("out").path
        let first = try OutputFolder(target, overwrite: false)
        try Data("old".utf8).write(to: first.file("a.txt"))
        try first.commit()
        do {
            let second = try OutputFolder(target, overwrite: true)
            try Data("new".utf8).write(to: second.file("a.txt"))
            // the run fails before commit: `second` goes out of scope
        }
        XCTAssertEqual(try String(contentsOfFile: target + "/a.txt", encoding: .utf8), "old")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: base.path), ["out"])
        let third = try OutputFolder(target, overwrite: true)
        try Data("new".utf8).write(to: third.file("a.txt"))
        try third.commit()
        XCTAssertEqual(try String(contentsOfFile: target + "/a.txt", encoding: .utf8), "new")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: base.path), ["out"])
    }

    /// A sub-folder is written into the parent's staging folder and appears only with the parent's commit.
    func testSubfoldersAreCommittedWithTheirParent() throws {
        let base = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: base) }
        let target = base.appendingPathComponent("out").path
        do {
            let folder = try OutputFolder(target, overwrite: false)
            let check = try folder.subfolder("check")
            try Data("c".utf8).write(to: check.file("check.csv"))
            XCTAssertEqual(check.target.path, target + "/check")
            // the run fails before commit
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: base.path), [])
        let folder = try OutputFolder(target, overwrite: false)
        do {
            let check = try folder.subfolder("check")
            try Data("c".utf8).write(to: check.file("check.csv"))
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.staging.path + "/check/check.csv"), "a sub-folder going out of scope removes nothing")
        try folder.commit()
        XCTAssertEqual(try String(contentsOfFile: target + "/check/check.csv", encoding: .utf8), "c")
    }
}

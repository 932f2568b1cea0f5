import Foundation
import XCTest
@testable import ForestMapCore
@testable import ForestTestSupport

final class SHA256Tests: XCTestCase {
    /// FIPS 180-4 test vectors, and a file checked against coreutils' sha256sum.
    func testKnownDigestsAndAFileAgainstSha256sum() throws {
        XCTAssertEqual(SHA256.hex(Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex([]), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("data.bin")
        try Data((0..<300_001).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 7) }).write(to: url)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [url.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(SHA256.file(url.path), String(out.prefix(64)))
    }

    /// Bytes fed in pieces of every size across the 64-byte blocks give the digest of the whole.
    func testPiecesGiveTheDigestOfTheWhole() {
        let bytes = (0..<1_000).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }
        let whole = SHA256.hex(bytes)
        for size in [1, 3, 63, 64, 65, 127, 128, 200] {
            var s = SHA256()
            var start = 0
            while start < bytes.count {
                s.update(bytes[start..<min(start + size, bytes.count)])
                start += size
            }
            XCTAssertEqual(s.finish(), whole, "pieces of \(size)")
        }
        var lazy = SHA256()
        lazy.update(bytes.lazy.map { $0 })
        XCTAssertEqual(lazy.finish(), whole, "bytes without contiguous storage")
    }
}

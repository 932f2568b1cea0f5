import Foundation
import XCTest
@testable import ForestMapCore
@testable import ForestSynth
@testable import ForestTestSupport

/// Mutations of the corpus's valid documents and random bytes, seeded (the same cases every run): the parser and
/// the config reader return, or throw their own one-line error; nothing crashes (a hang would keep the suite from finishing: no timed assertion).
final class TOMLParserFuzzTests: XCTestCase {
    private var random = SplitMix64(seed: 20_261_206)

    /// What mutations insert: TOML's syntax characters, control characters, a byte order mark and UTF-8 pieces.
    private let pieces: [UInt8] = Array("[]{}=\"'.,#\\\n\r\t _-+0123456789exobuUintaf:".utf8) + [0x00, 0x07, 0x7F, 0xEF, 0xBB, 0xBF, 0xE4, 0xB8, 0xAD]

    func testMutatedAndRandomDocuments() {
        let documents = TOMLCorpus.valid.map { Array($0.text.utf8) }
        let folder = URL(fileURLWithPath: NSTemporaryDirectory())
        for round in 0..<4_000 {
            let bytes = round % 10 == 0 ? randomBytes(random.int(200)) : mutated(documents[random.int(documents.count)], from: documents)
            let text = String(decoding: bytes, as: UTF8.self)
            do {
                _ = try TOMLParser.parse(text)
            } catch {
                XCTAssertFalse(error.message.contains("\n"), error.message)
                XCTAssertGreaterThanOrEqual(error.line, 1)
                XCTAssertGreaterThanOrEqual(error.column, 1)
            }
            do {
                _ = try ForestMapConfig.parse(text, file: "fuzz.toml", folder: folder)
            } catch let e as ForestMapError {
                XCTAssertFalse(e.message.contains("\n"), e.message)
            } catch {
                XCTFail("not a ForestMapError: \(error)")
            }
        }
    }

    /// One to four edits: a piece inserted, a byte removed or replaced, a stretch repeated, a stretch of another
    /// document put in.
    private func mutated(_ document: [UInt8], from documents: [[UInt8]]) -> [UInt8] {
        var bytes = document
        for _ in 0..<(1 + random.int(4)) {
            let at = random.int(bytes.count + 1)
            let piece = pieces[random.int(pieces.count)]
            switch random.int(5) {
            case 0: bytes.insert(piece, at: at)
            case 1: if at < bytes.count { bytes.remove(at: at) }
            case 2: if at < bytes.count { bytes[at] = piece }
            case 3: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + random.int(20))], at: at)
            default:
                let other = documents[random.int(documents.count)]
                let from = random.int(other.count + 1)
                bytes.insert(contentsOf: other[from..<min(other.count, from + random.int(30))], at: at)
            }
        }
        return bytes
    }

    private func randomBytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) } }
}

import Foundation
import Geo

extension VectorLayer {
    /// After the layer was read: text that was neither UTF-8 nor GBK is refused, naming the first feature and
    /// field where it was; text that was GBK where UTF-8 was declared gives the warning returned (nil when all
    /// was UTF-8). Every layer forestmap reads goes through this, so no name is ever read as "�����".
    func checkedText() throws -> String? {
        if let bad = textReport.firstUndecodable {
            throw ForestMapError.input("\(label): feature \(bad.fid): field \(bad.field) holds text that is neither UTF-8 nor GBK; save the layer as UTF-8 (or name its encoding with [reading] encoding)")
        }
        let gbk = textReport.decodedAsGBK
        guard gbk > 0 else { return nil }
        return "\(label): \(gbk) text value\(gbk == 1 ? " was" : "s were") GBK, not UTF-8 as the layer declares: read as GBK (save the layer as UTF-8, or fix its .cpg)"
    }

    /// `checkedText` for a layer whose warning has no summary to go in: it is written on the terminal.
    package func checkText() throws {
        if let warning = try checkedText() { FileHandle.standardError.write(Data("forestmap: warning: \(warning)\n".utf8)) }
    }
}

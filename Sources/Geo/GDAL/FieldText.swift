import Foundation

/// The text of attribute values as their bytes are read. GDAL hands UTF-8 when the source declares its encoding
/// (a Shapefile's `.cpg`, GeoPackage's own), but the bytes are what a tool wrote: a GBK (GB18030) Shapefile whose
/// `.cpg` says UTF-8, or GBK text inside a GeoPackage, reach forestmap as bytes that are not UTF-8 — shown as
/// "�����" if decoded blindly. Here such a value is decoded as GB18030 when it is that, and counted; one that is
/// neither is kept as the first undecodable one (feature and field) for the caller to refuse.
public struct FieldTextReport: Sendable, Equatable {
    /// Values that were not UTF-8 but GB18030 (GBK), decoded as such.
    public var decodedAsGBK = 0
    /// The first value that was neither: its feature id and field.
    public var firstUndecodable: (fid: Int64, field: String)?

    public init() {}

    public static func == (a: Self, b: Self) -> Bool {
        a.decodedAsGBK == b.decodedAsGBK && a.firstUndecodable?.fid == b.firstUndecodable?.fid && a.firstUndecodable?.field == b.firstUndecodable?.field
    }
}

/// Decodes one field's bytes (NUL-terminated) as UTF-8, else GB18030, keeping the report.
struct FieldTextDecoder {
    var report = FieldTextReport()

    mutating func string(_ bytes: UnsafePointer<CChar>, fid: Int64, field: @autoclosure () -> String) -> String {
        if let text = String(validatingCString: bytes) { return text }
        if let text = Self.gb18030(bytes) {
            report.decodedAsGBK += 1
            return text
        }
        if report.firstUndecodable == nil { report.firstUndecodable = (fid, field()) }
        return String(cString: bytes)
    }

    /// GB18030 (a superset of GBK and GB2312) to UTF-8 through iconv; nil when the bytes are not GB18030 either.
    static func gb18030(_ bytes: UnsafePointer<CChar>) -> String? {
        let length = strlen(bytes)
        guard length > 0 else { return "" }
        let cd = iconv_open("UTF-8", "GB18030")
        guard cd != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(cd) }
        var output = [CChar](repeating: 0, count: length * 4 + 4)
        var inLeft = length, outLeft = output.count - 1
        let converted: Int = output.withUnsafeMutableBufferPointer { out in
            var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutablePointer(mutating: bytes)
            var outPointer: UnsafeMutablePointer<CChar>? = out.baseAddress
            return iconv(cd, &inPointer, &inLeft, &outPointer, &outLeft)
        }
        guard converted != -1, inLeft == 0 else { return nil }
        return output.withUnsafeBufferPointer { String(validatingCString: $0.baseAddress!) }
    }
}

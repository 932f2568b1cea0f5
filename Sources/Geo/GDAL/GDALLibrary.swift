import Foundation
internal import CGDAL

/// Process-wide GDAL set-up and error reading. GDAL keeps its last error per thread (`CPLGetLastErrorMsg`).
enum GDALLibrary {
    /// Registers every driver once and silences GDAL's default stderr printer: errors reach the user through
    /// `GeoError` messages instead (`CPLQuietErrorHandler` still records the last error).
    static let ready: Void = {
        GDALAllRegister()
        forestmap_silence_gdal_errors()
        // A Shapefile without its .shx index is an error to report, not something to rebuild silently.
        CPLSetConfigOption("SHAPE_RESTORE_SHX", "NO")
    }()

    /// Reads and clears the calling thread's last GDAL error message; nil when there is none.
    static func takeLastError() -> String? {
        defer { CPLErrorReset() }
        guard CPLGetLastErrorType() != CE_None, let text = CPLGetLastErrorMsg() else { return nil }
        // One line, and no password a driver echoed from its connection string.
        let message = SecretText.masked(String(cString: text)).split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
        return message.isEmpty ? nil : message
    }

    /// " (GDAL: ...)" or "" — appended to messages so the library's reason is kept.
    static func reasonSuffix() -> String {
        takeLastError().map { " (GDAL: \($0))" } ?? ""
    }

    /// Calls `body` with a NULL-terminated `char**` list of `KEY=VALUE` strings, as GDAL's option arguments want.
    static func withOptionList<R>(_ options: [String: String], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) throws -> R) rethrows -> R {
        try withStringList(options.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }) { list in
            try body(list.map { UnsafePointer(OpaquePointer($0)) })
        }
    }

    /// The same list typed as `char**`, as C headers declare `CSLConstList` when compiled as C.
    static func withMutableOptionList<R>(_ options: [String: String], _ body: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) throws -> R) rethrows -> R {
        try withStringList(options.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }, body)
    }

    /// Calls `body` with a NULL-terminated `char**` of copies of the strings, freed afterwards.
    static func withStringList<R>(_ strings: [String], _ body: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) throws -> R) rethrows -> R {
        if strings.isEmpty { return try body(nil) }
        var list: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) } + [nil]
        defer { list.forEach { free($0) } }
        return try list.withUnsafeMutableBufferPointer { try body($0.baseAddress) }
    }

    /// Sets a GDAL configuration option for the calling thread only, for the duration of `body`.
    static func withThreadConfig<R>(_ key: String, _ value: String?, _ body: () throws -> R) rethrows -> R {
        let previous = CPLGetThreadLocalConfigOption(key, nil).map { String(cString: $0) }
        CPLSetThreadLocalConfigOption(key, value)
        defer { CPLSetThreadLocalConfigOption(key, previous) }
        return try body()
    }
}

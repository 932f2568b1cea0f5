import Foundation
import Geo

/// The exit codes of every forestmap command (README "Exit codes").
public enum ExitStatus: Int32, Sendable {
    /// The command did its work.
    case success = 0
    /// Something went wrong inside forestmap or a library: a bug to report.
    case internalFailure = 1
    /// Unusable input: the message says which file, layer, field or feature, and what to do.
    case badInput = 2
    /// The work was done and problems were found (`check`: errors, not only warnings; `update`: patches not applied).
    case problemsFound = 3
    /// An output could not be written (disk full, no permission, the folder vanished): the message names the file;
    /// the previous output is intact.
    case cannotWrite = 4
    /// Bad usage: an unknown command or option, a missing or malformed argument (ArgumentParser's own code,
    /// EX_USAGE); nothing was read or written.
    case usage = 64
}

/// An error a user sees as one line, with the exit code it leads to.
public struct ForestMapError: Error, CustomStringConvertible, Sendable {
    public let status: ExitStatus
    public let message: String

    /// Line breaks in the message (a value quoted from the input) are written as `\n`: an error is one line.
    public init(_ status: ExitStatus, _ message: String) {
        self.status = status
        self.message = message.contains(where: \.isNewline)
            ? message.replacingOccurrences(of: "\r\n", with: "\\n").replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
            : message
    }

    /// Bad input: the file, layer, field or feature and what to do.
    public static func input(_ message: String) -> ForestMapError { ForestMapError(.badInput, message) }

    public var description: String { message }

    /// Maps any error to what the user sees: input problems are exit 2, the rest exit 1.
    public static func from(_ error: Error) -> ForestMapError {
        switch error {
        case let e as ForestMapError: return e
        case let e as GeoError:
            return ForestMapError(e.kind == .library ? .internalFailure : e.kind == .cannotWrite ? .cannotWrite : .badInput, e.message)
        case let e as XLSXError: return ForestMapError(e.isWriteFailure ? .cannotWrite : .badInput, e.message)
        case let e as CocoaError where (CocoaError.Code.fileWriteUnknown.rawValue...CocoaError.Code.fileWriteVolumeReadOnly.rawValue).contains(e.code.rawValue):
            let path = e.filePath ?? e.url?.path ?? "an output file"
            return ForestMapError(.cannotWrite, "cannot write \(path): \(e.localizedDescription)")
        default: return ForestMapError(.internalFailure, "internal error: \(error)")
        }
    }
}

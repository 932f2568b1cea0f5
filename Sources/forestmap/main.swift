import ArgumentParser
import Foundation
import ForestMap
import ForestMapCore

// Exit codes are forestmap's own (README "Exit codes"): bad usage is 64 (ArgumentParser's, EX_USAGE), apart
// from unusable input (2); every error is one line on stderr.
// An interrupted command removes what it was writing (README "Commands").
OutputCleanup.shared.installSignalHandlers()
do {
    var command = try ForestmapCommand.parseAsRoot()
    try command.run()
} catch let error as ForestMapError {
    FileHandle.standardError.write(Data("forestmap: \(error.message)\n".utf8))
    exit(error.status.rawValue)
} catch {
    let code = ForestmapCommand.exitCode(for: error)
    if code == .success {
        print(ForestmapCommand.fullMessage(for: error))
        exit(0)
    }
    if error is ValidationError || code == .validationFailure || error is CleanExit {
        FileHandle.standardError.write(Data("forestmap: \(ForestmapCommand.message(for: error))\n".utf8))
        FileHandle.standardError.write(Data("Usage: see `forestmap --help` or `forestmap help COMMAND`.\n".utf8))
        exit(ExitStatus.usage.rawValue)
    }
    let mapped = ForestMapError.from(error)
    FileHandle.standardError.write(Data("forestmap: \(mapped.message)\n".utf8))
    exit(mapped.status.rawValue)
}

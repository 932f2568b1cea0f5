import Foundation

/// How many threads a command may compute on (`--threads N`; every core by default). Set once, before the work
/// starts; the results never depend on it.
public enum ThreadLimit {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var limit: Int?

    /// Limits the work to `threads` threads (nil: every core).
    public static func set(_ threads: Int?) {
        lock.lock()
        limit = threads.map { max(1, $0) }
        lock.unlock()
    }

    /// The threads available: the limit given, else every core.
    static var available: Int {
        lock.lock()
        defer { lock.unlock() }
        return limit ?? ProcessInfo.processInfo.activeProcessorCount
    }
}

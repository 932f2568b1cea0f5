import Foundation

/// The annual run's steps on a terminal: "[2/6] 变化检测 change …" when a step starts and its time when it ends,
/// on stderr and only when stderr is a terminal (logs and pipes get the summary only). Every step's wall time is
/// kept for the manifest either way.
final class RunProgress {
    private let total: Int
    private var index = 0
    private let show: Bool
    private(set) var timings: [(step: String, seconds: Double)] = []

    init(steps: Int, show: Bool = isatty(STDERR_FILENO) != 0) {
        total = steps
        self.show = show
    }

    /// Runs one step, timing it.
    func step<T>(_ key: String, _ title: String, _ body: () throws -> T) rethrows -> T {
        index += 1
        let start = Date()
        if show { FileHandle.standardError.write(Data("[\(index)/\(total)] \(title) …".utf8)) }
        let result = try body()
        let seconds = Date().timeIntervalSince(start)
        timings.append((key, seconds))
        if show { FileHandle.standardError.write(Data(" \(String(format: "%.1f", seconds)) s\n".utf8)) }
        return result
    }
}

import Foundation

/// Runs numbered jobs on up to `threads` threads (nil: every core) and returns their results in job order.
///
/// Each thread makes one `State` (its GEOS context, area calculator, prepared townships) and keeps it for every job
/// it takes, so GEOS and PROJ objects never cross threads. A job's result depends on the job alone, never on which
/// thread ran it or in what order, so the results are the same whatever the number of threads.
enum CheckParallel {
    static func map<State, T>(jobs: Int, threads: Int?, state makeState: @Sendable () throws -> State,
                              _ body: @Sendable (State, Int) throws -> T) throws -> [T] {
        guard jobs > 0 else { return [] }
        let workers = max(1, min(jobs, threads ?? ProcessInfo.processInfo.activeProcessorCount))
        let results = ConcurrentResults<T>(count: jobs)
        let queue = JobQueue(count: jobs)
        @Sendable func work(_: Int) {
            let state: Result<State, Error> = Result { try makeState() }
            while let job = queue.next() {
                results.set(job) { try body(state.get(), job) }
            }
        }
        if workers == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: workers, execute: work) }
        return try results.values()
    }

    /// The ranges of `count` items cut into jobs of about `size` items (the last ones may be shorter).
    static func ranges(count: Int, size: Int) -> [Range<Int>] {
        stride(from: 0, to: count, by: max(1, size)).map { $0..<min($0 + max(1, size), count) }
    }

    /// Hands out job numbers 0..<count, each once.
    private final class JobQueue: @unchecked Sendable {
        private let count: Int
        private var taken = 0
        private let lock = NSLock()

        init(count: Int) { self.count = count }

        func next() -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard taken < count else { return nil }
            taken += 1
            return taken - 1
        }
    }
}

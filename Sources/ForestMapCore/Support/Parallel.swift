import Foundation

/// Runs work over consecutive chunks of items on every core (or on one thread), and joins the chunks' results in
/// item order. Each chunk builds its own GEOS and PROJ objects, so none crosses tasks; the results are the same
/// whatever the number of threads, because each item's result depends on the item alone.
package enum ParallelChunks {
    /// `body` maps one chunk's range to its results, in item order. `threads` 1 runs everything on the calling
    /// thread; nil uses every core; another number cuts the work into 4 chunks per thread (Dispatch decides how
    /// many run at once).
    package static func map<T: Sendable>(count: Int, threads: Int?, minimumChunk: Int = 500, _ body: @Sendable (Range<Int>) throws -> [T]) throws -> [T] {
        guard count > 0 else { return [] }
        let cores = max(1, threads ?? ThreadLimit.available)
        let chunks = cores == 1 ? 1 : max(1, min(cores * 4, count / minimumChunk))
        return try ParallelJobs.map(jobs: chunks, threads: chunks == 1 ? 1 : nil, state: {}) { _, chunk in
            try body((count * chunk / chunks)..<(count * (chunk + 1) / chunks))
        }.flatMap { $0 }
    }
}

/// Runs numbered jobs on up to `threads` threads (nil: every core) and returns their results in job order.
///
/// Each thread makes one `State` (its GEOS context, area calculator, prepared townships) and keeps it for every job
/// it takes, so GEOS and PROJ objects never cross threads. A job's result depends on the job alone, never on which
/// thread ran it or in what order, so the results are the same whatever the number of threads.
package enum ParallelJobs {
    package static func map<State, T: Sendable>(jobs: Int, threads: Int?, state makeState: @Sendable () throws -> State,
                              _ body: @Sendable (State, Int) throws -> T) throws -> [T] {
        guard jobs > 0 else { return [] }
        let workers = max(1, min(jobs, threads ?? ThreadLimit.available))
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
    package static func ranges(count: Int, size: Int) -> [Range<Int>] {
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

/// Collects one result (or error) per parallel task; the first error in task order is thrown.
final class ConcurrentResults<T: Sendable>: @unchecked Sendable {
    private var slots: [Result<T, Error>?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ body: () throws -> T) {
        let result = Result(catching: body)
        lock.lock()
        slots[index] = result
        lock.unlock()
    }

    func values() throws -> [T] {
        try slots.map { try $0!.get() }
    }
}

extension ParallelJobs {
    /// Runs `side` on another core while `main` runs on this thread, and returns both results (`threads` 1: `side`
    /// first, then `main`, both here). `main`'s error is thrown before `side`'s; either way both have finished.
    ///
    /// `side` gets a thread of its own, not one of Dispatch's workers: Dispatch keeps about one worker per core, and
    /// a side that waits on work it hands to them (a layer's reader waiting for its batches to be prepared) must
    /// not hold one of them.
    package static func alongside<Side: Sendable, Main>(threads: Int?, side: @escaping @Sendable () throws -> Side,
                                                main: () throws -> Main) throws -> (side: Side, main: Main) {
        let sideResult = ConcurrentResults<Side>(count: 1)
        let done = DispatchSemaphore(value: 0)
        if (threads ?? ThreadLimit.available) == 1 {
            sideResult.set(0, side)
            done.signal()
        } else {
            let thread = Thread {
                sideResult.set(0, side)
                done.signal()
            }
            thread.stackSize = 16 << 20
            thread.start()
        }
        let mainResult = Result(catching: main)
        done.wait()
        let mainValue = try mainResult.get()
        return (try sideResult.values()[0], mainValue)
    }

    /// `alongside` with two sides, each on a thread of its own, beside `main`; an error of `main` is thrown
    /// first, then the second side's, then the first's.
    package static func alongside<First: Sendable, Second: Sendable, Main>(
        threads: Int?, side first: @escaping @Sendable () throws -> First, side second: @escaping @Sendable () throws -> Second,
        main: () throws -> Main) throws -> (first: First, second: Second, main: Main) {
        let outer = try alongside(threads: threads, side: first) { try alongside(threads: threads, side: second, main: main) }
        return (outer.side, outer.main.side, outer.main.main)
    }
}

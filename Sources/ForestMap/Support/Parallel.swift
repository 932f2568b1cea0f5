import Foundation

/// Runs work over consecutive chunks of items on every core (or on one thread), and joins the chunks' results in
/// item order. Each chunk builds its own GEOS and PROJ objects, so none crosses tasks; the results are the same
/// whatever the number of threads, because each item's result depends on the item alone.
enum ParallelChunks {
    /// `body` maps one chunk's range to its results, in item order. `threads` 1 runs everything on the calling
    /// thread; nil uses every core; another number cuts the work into 4 chunks per thread (Dispatch decides how
    /// many run at once).
    static func map<T>(count: Int, threads: Int?, minimumChunk: Int = 500, _ body: @Sendable (Range<Int>) throws -> [T]) throws -> [T] {
        guard count > 0 else { return [] }
        let cores = max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount)
        let chunks = cores == 1 ? 1 : max(1, min(cores * 4, count / minimumChunk))
        let results = ConcurrentResults<[T]>(count: chunks)
        if chunks == 1 {
            results.set(0) { try body(0..<count) }
        } else {
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                results.set(chunk) { try body((count * chunk / chunks)..<(count * (chunk + 1) / chunks)) }
            }
        }
        return try results.values().flatMap { $0 }
    }
}

/// Collects one result (or error) per parallel task; the first error in task order is thrown.
final class ConcurrentResults<T>: @unchecked Sendable {
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

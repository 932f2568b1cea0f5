import Dispatch
import Foundation

/// Runs independent jobs on every core. Results come back in job order, so the output never depends on the
/// scheduling. Jobs that use GDAL, GEOS or PROJ make their own objects (contexts, CRSs): none is shared.
enum SynthParallel {
    /// `body(k)` for k in 0..<count; the first error in job order is thrown.
    static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) throws -> T) throws -> [T] {
        let slots = Slots<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { k in
            slots.set(k, Result { try body(k) })
        }
        return try slots.values()
    }

    private final class Slots<T: Sendable>: @unchecked Sendable {
        private var results: [Result<T, any Error>?]
        private let lock = NSLock()

        init(count: Int) { results = Array(repeating: nil, count: count) }

        func set(_ index: Int, _ result: Result<T, any Error>) {
            lock.lock()
            results[index] = result
            lock.unlock()
        }

        func values() throws -> [T] { try results.map { try $0!.get() } }
    }
}

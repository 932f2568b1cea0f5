import Foundation

/// Frees `value` on a thread of its own: two years of sub-compartments are millions of small allocations, and
/// freeing them takes a third of a second at a million per year that the caller (about to write its summary and
/// exit) need not wait for. Nothing else may be using the value's storage by then.
package func releaseInBackground<T: Sendable>(_ value: consuming T) {
    let held = Unmanaged.passRetained(Held(value))
    Thread.detachNewThread { held.release() }
}

private final class Held<T: Sendable>: @unchecked Sendable {
    let value: T
    init(_ value: consuming T) { self.value = value }
}

import Foundation
import XCTest

// The same file is in GeoTests and ForestMapTests, so that either runs the check when it runs alone.

/// LeakSanitizer under XCTest (Scripts/sanitize): the leak check runs when the last test has finished, instead of
/// at exit. Nothing happens without LeakSanitizer (Scripts/test, ThreadSanitizer).
///
/// At exit LeakSanitizer reports XCTest's own tree of suites, runs and test cases: they hold each other, and by
/// then `XCTMain` has returned; any XCTest bundle gets that report, one with a single empty test too. When the
/// bundle finishes the tree is still in use, so the check then finds what the tests and forestmap lost, and not
/// XCTest's ending. A check done by hand ends LeakSanitizer's work: there is no second one at exit.
///
/// Two objects that live for the whole run get weak references from XCTest and Foundation: XCTest's waiter manager
/// of the main thread (every test's setUp and tearDown wait through it, `awaitUsingExpectation`) and the main run
/// loop (`Process.run`). A weak-referenced Swift object keeps its side table behind a shifted pointer in its header,
/// which LeakSanitizer cannot read, so once the weak references are gone the table (32 bytes) looks leaked while its
/// object is alive. During the check this observer holds a weak reference to each: a plain pointer to the table.
/// It makes no other memory reachable: the two objects are reachable anyway (the thread dictionary, CF's run loops).
final class LeakCheck: NSObject, XCTestObservation, @unchecked Sendable {
    private static let installed: Void = XCTestObservationCenter.shared.addTestObserver(LeakCheck())

    /// Adds the observer, once.
    static func install() { installed }

    private weak var waiterManager: AnyObject?
    private weak var mainRunLoop: RunLoop?

    func testBundleDidFinish(_ testBundle: Bundle) {
        guard let check = dlsym(nil, "__lsan_do_leak_check") else { return }
        waiterManager = Thread.current.threadDictionary["org.swift.XCTest.WaiterManager"].map { $0 as AnyObject }
        mainRunLoop = RunLoop.main
        // Reports and ends the process (exit code 23) if anything leaked.
        unsafeBitCast(check, to: (@convention(c) () -> Void).self)()
    }
}

/// Installs `LeakCheck` in its class set-up, which runs when this class is in the run: Scripts/sanitize takes every
/// test of GeoTests and ForestMapTests; a `--filter` run by hand under AddressSanitizer takes `LeakCheckTests` too, or
/// LeakSanitizer reports XCTest's tree at exit.
final class LeakCheckTests: XCTestCase {
    override class func setUp() {
        super.setUp()
        LeakCheck.install()
    }

    /// Under AddressSanitizer, LeakSanitizer's check is there for the observer to call.
    func testTheCheckIsThereUnderAddressSanitizer() {
        if dlsym(nil, "__asan_init") != nil {
            XCTAssertNotNil(dlsym(nil, "__lsan_do_leak_check"))
        }
    }
}

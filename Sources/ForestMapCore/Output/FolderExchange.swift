import Foundation

/// Exchanges two paths in one step: Linux's `renameat2(…, RENAME_EXCHANGE)` (glibc 2.28 and later, looked up at run
/// time so the tool still starts where the C library lacks it).
enum FolderExchange {
    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    private static let renameat2: RenameAt2? = {
        guard let process = dlopen(nil, RTLD_NOW), let symbol = dlsym(process, "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: RenameAt2.self)
    }()
    private static let exchangeFlag: UInt32 = 2   // RENAME_EXCHANGE
    private static let currentFolder: Int32 = -100   // AT_FDCWD

    /// Whether the two paths were exchanged; false when the call is missing or the filesystem refuses it (nothing
    /// was changed then).
    static func exchange(_ a: URL, _ b: URL) -> Bool {
        guard let renameat2 else { return false }
        return renameat2(currentFolder, a.path, currentFolder, b.path, exchangeFlag) == 0
    }
}

import Foundation

/// Where the tests find the project's own files.
enum Repository {
    /// The checkout's root folder.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// The bundled sample district.
    static let sampleData = root.appendingPathComponent("SampleData")
}

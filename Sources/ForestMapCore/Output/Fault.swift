import Foundation

/// Fault points for the tests of the output code (`FORESTMAP_FAULT`, comma-separated; never set in normal use):
/// `full:NAME` — the output file NAME (a CSV, KML, XLSX or JSON file: a GeoPackage is never written over an
/// existing name, so its writers are failed by the tests through a file-size limit, `ulimit -f`) is a link to
/// `/dev/full`, so writing it fails as on a full disk;
/// `two-renames` — commit as where the filesystem cannot exchange folders; `kill:between-renames` — the process
/// kills itself (SIGKILL) between those two renames.
enum Fault {
    private static let points: Set<String> = Set((ProcessInfo.processInfo.environment["FORESTMAP_FAULT"] ?? "")
        .split(separator: ",").map { String($0) })

    static func active(_ point: String) -> Bool { points.contains(point) }

    /// With `full:NAME`, makes the staging file NAME a link to /dev/full.
    static func fillDisk(at url: URL) {
        guard !points.isEmpty, points.contains("full:\(url.lastPathComponent)") else { return }
        try? FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: "/dev/full")
    }

    /// With `kill:POINT`, the process ends here as by `kill -9`.
    static func kill(at point: String) {
        guard points.contains("kill:\(point)") else { return }
        Foundation.kill(getpid(), SIGKILL)
    }
}

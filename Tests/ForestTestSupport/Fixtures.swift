import Foundation
import Geo
@testable import ForestAssessment
@testable import ForestCheck
@testable import ForestMapCore
@testable import ForestSynth

/// Small layers built in code for the tests, in temporary folders removed afterwards.
enum Fixtures {
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("forestmap-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Removes a folder a shared fixture keeps for the whole test process, when the process exits (the system's
    /// temporary folder keeps nothing of a test run).
    static func removeAtExit(_ url: URL) {
        foldersLock.lock()
        defer { foldersLock.unlock() }
        if foldersToRemove.isEmpty { atexit { for f in foldersToRemove { try? FileManager.default.removeItem(at: f) } } }
        foldersToRemove.append(url)
    }

    /// A square polygon of side `size` metres with its lower-left corner at (x, y).
    static func square(_ x: Double, _ y: Double, _ size: Double) -> WKB {
        WKB(polygons: [PolygonRings(rings: [[Point(x, y), Point(x + size, y), Point(x + size, y + size), Point(x, y + size), Point(x, y)]])])
    }

    static let subCompartmentFields = ["XIAN", "XIANG", "CUN", "LIN_BAN", "XIAO_BAN", "DI_LEI", "MIAN_JI"].map {
        FieldDefinition($0, $0 == "MIAN_JI" ? .real : .string)
    }

    /// A sub-compartment row: key parts, land class code, stored area.
    static func row(_ xiang: String, _ xiaoBan: String, _ code: String, _ geometry: WKB, mianJi: Double = 1) -> Feature {
        Feature(values: [.string("520111"), .string(xiang), .string("001"), .string("0001"), .string(xiaoBan),
                         .string(code), .real(mianJi)], geometry: geometry)
    }

    /// Writes a GeoPackage layer and returns its source reference.
    @discardableResult
    static func gpkg(_ folder: URL, name: String = "xiaoban", epsg: Int? = 4545, fields: [FieldDefinition] = subCompartmentFields,
                     features: [Feature], geometry: GeometryKind = .polygon) throws -> SourceReference {
        let path = folder.appendingPathComponent("\(name).gpkg").path
        let writer = try VectorWriter(creating: path, format: .geoPackage)
        let srs = try epsg.map { try SpatialReference(epsg: $0) }
        try writer.createLayer(named: name, geometry: geometry, spatialReference: srs, fields: fields).write(features)
        try writer.close()
        return SourceReference(path: path, layerName: name)
    }
}

extension SplitMix64 {
    /// The next whole number in 0..<n, for the randomised tests (synth's own generator: the same cases every run).
    mutating func int(_ n: Int) -> Int { min(n - 1, Int(unit() * Double(n))) }
}

private let foldersLock = NSLock()
nonisolated(unsafe) private var foldersToRemove: [URL] = []

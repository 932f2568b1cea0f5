// swift-tools-version:6.0
import PackageDescription

/// forestmap: the annual forest-resource "one map" (森林资源管理"一张图") work of a district forestry bureau.
///
/// Layers (see README "Architecture"):
/// - `CGDAL`, `CGEOS`, `CPROJ`, `CXLSX`, `CSQLite`: module maps over Debian's -dev packages, nothing else.
/// - `Geo`: the only module that imports C; a safe Swift API over GDAL, GEOS, PROJ and libxlsxwriter.
/// - `ForestMap`: the domain (sub-compartments, land classes, areas, config, synth, outputs).
/// - `forestmap`: the command-line tool, argument parsing only.
let package = Package(
    name: "forestmap",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "forestmap", targets: ["forestmap"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(name: "CGDAL", pkgConfig: "gdal", providers: [.apt(["libgdal-dev"])]),
        .systemLibrary(name: "CGEOS", pkgConfig: "geos", providers: [.apt(["libgeos-dev"])]),
        .systemLibrary(name: "CPROJ", pkgConfig: "proj", providers: [.apt(["libproj-dev"])]),
        .systemLibrary(name: "CXLSX", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .target(name: "Geo", dependencies: ["CGDAL", "CGEOS", "CPROJ", "CXLSX", "CSQLite"]),
        .target(name: "ForestMap", dependencies: ["Geo"]),
        .executableTarget(name: "forestmap", dependencies: [
            "ForestMap",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "GeoTests", dependencies: ["Geo"]),
        .testTarget(name: "ForestMapTests", dependencies: ["ForestMap", "Geo"]),
        .testTarget(name: "forestmapTests", dependencies: ["forestmap", "Geo"]),
    ]
)

// swift-tools-version:6.0
import PackageDescription

/// forestmap: the annual forest-resource "one map" (森林资源管理"一张图") work of a district forestry bureau.
///
/// Layers, each a target that imports only those below it (README "Architecture"):
/// - `CGDAL`, `CGEOS`, `CPROJ`, `CXLSX`, `CSQLite`: module maps over Debian's -dev packages, nothing else.
/// - `Geo`: the only module that imports C; a safe Swift API over GDAL, GEOS, PROJ, SQLite and libxlsxwriter.
/// - `PlanarKernel`: planar geometry in pure Swift (point location, edge topology, coverage union, widths).
/// - `ForestMapCore`: what every task shares: config, layers, land classes, areas, townships, output folders.
/// - `ForestCheck`, `ForestStats`, `ForestChange`, `ForestUpdate`: the four tasks (质检, 统计, 变化, 更新);
///   change uses stats' township overlay.
/// - `ForestCases`: the case register (问题整改台账): hits matched to cases, verdicts imported, cases listed.
/// - `ForestAssessment` (林长制 tables, from stats, change and the cases), `ForestReport` (the HTML report).
/// - `ForestMap`: the annual run, every task in one command with its manifest.
/// - `ForestRegion`: a city's or province's counties: their runs on this machine or a Slurm cluster, assembled.
/// - `ForestSynth`: synthetic districts for the demo, tests and bench; it computes the change of what it wrote
///   (ForestChange) to fill a 核查表 for its hits.
/// - `forestmap`: the command-line tool, argument parsing only; `forestmap-bench`: the bench's read floor.
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
        .target(name: "PlanarKernel", dependencies: ["Geo"]),
        .target(name: "ForestMapCore", dependencies: ["Geo", "PlanarKernel"]),
        .target(name: "ForestCheck", dependencies: ["ForestMapCore", "PlanarKernel", "Geo"]),
        .target(name: "ForestStats", dependencies: ["ForestMapCore", "PlanarKernel", "Geo"]),
        .target(name: "ForestChange", dependencies: ["ForestStats", "ForestMapCore", "PlanarKernel", "Geo"]),
        .target(name: "ForestUpdate", dependencies: ["ForestMapCore", "PlanarKernel", "Geo"]),
        .target(name: "ForestCases", dependencies: ["ForestChange", "ForestMapCore", "Geo"]),
        .target(name: "ForestAssessment", dependencies: ["ForestCases", "ForestChange", "ForestStats", "ForestMapCore", "Geo"]),
        .target(name: "ForestReport", dependencies: ["ForestAssessment", "ForestCases", "ForestChange", "ForestStats", "ForestMapCore", "Geo"]),
        .target(name: "ForestMap", dependencies: ["ForestReport", "ForestAssessment", "ForestCases", "ForestUpdate", "ForestChange", "ForestStats",
                                                  "ForestCheck", "ForestMapCore", "Geo"]),
        .target(name: "ForestRegion", dependencies: ["ForestMap", "ForestReport", "ForestAssessment", "ForestChange", "ForestMapCore", "Geo"]),
        .target(name: "ForestSynth", dependencies: ["ForestChange", "ForestCheck", "ForestMapCore", "PlanarKernel", "Geo"]),
        .executableTarget(name: "forestmap", dependencies: [
            "ForestMap", "ForestRegion", "ForestSynth",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "forestmap-bench", dependencies: [
            "Geo",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "GeoTests", dependencies: ["Geo"]),
        // The domain's tests, one target per domain target; their fixtures (sample districts made once per run) are
        // shared through ForestTestSupport.
        .target(name: "ForestTestSupport", dependencies: ["ForestMap", "ForestSynth", "ForestReport", "ForestAssessment", "ForestCases", "ForestUpdate",
                                                          "ForestChange", "ForestStats", "ForestCheck", "ForestMapCore", "PlanarKernel", "Geo"],
                path: "Tests/ForestTestSupport"),
        .testTarget(name: "PlanarKernelTests", dependencies: ["PlanarKernel", "ForestTestSupport", "Geo"]),
        .testTarget(name: "ForestMapCoreTests", dependencies: ["ForestMapCore", "ForestSynth", "ForestTestSupport", "PlanarKernel", "Geo"]),
        .testTarget(name: "ForestCheckTests", dependencies: ["ForestCheck", "ForestSynth", "ForestTestSupport", "ForestMapCore", "PlanarKernel", "Geo"]),
        .testTarget(name: "ForestStatsTests", dependencies: ["ForestStats", "ForestSynth", "ForestTestSupport", "ForestMapCore", "PlanarKernel", "Geo"]),
        .testTarget(name: "ForestChangeTests", dependencies: ["ForestChange", "ForestStats", "ForestSynth", "ForestTestSupport", "ForestMapCore",
                                                             "PlanarKernel", "Geo"]),
        .testTarget(name: "ForestUpdateTests", dependencies: ["ForestUpdate", "ForestSynth", "ForestTestSupport", "ForestMapCore", "Geo"]),
        .testTarget(name: "ForestCasesTests", dependencies: ["ForestCases", "ForestMap", "ForestChange", "ForestSynth", "ForestTestSupport", "ForestMapCore",
                                                            "Geo"]),
        .testTarget(name: "ForestAssessmentTests", dependencies: ["ForestAssessment", "ForestChange", "ForestStats", "ForestSynth", "ForestTestSupport",
                                                                 "ForestMapCore", "Geo"]),
        .testTarget(name: "ForestReportTests", dependencies: ["ForestReport", "ForestAssessment", "ForestChange", "ForestStats", "ForestTestSupport",
                                                             "ForestMapCore", "Geo"]),
        .testTarget(name: "ForestMapTests", dependencies: ["ForestMap", "ForestCases", "ForestSynth", "ForestTestSupport", "ForestMapCore", "Geo"]),
        .testTarget(name: "ForestRegionTests", dependencies: ["ForestRegion", "ForestMapCore"]),
        .testTarget(name: "ForestSynthTests", dependencies: ["ForestSynth", "ForestCheck", "ForestTestSupport", "ForestMapCore", "PlanarKernel", "Geo"]),
        .testTarget(name: "forestmapTests", dependencies: ["forestmap", "forestmap-bench", "Geo"]),
    ]
)

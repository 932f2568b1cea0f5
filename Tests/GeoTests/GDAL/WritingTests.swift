import Foundation
import XCTest
@testable import Geo

/// Writes the sample layer with `VectorWriter` in each output format and reads it back with `VectorDataset`.
final class WritingTests: XCTestCase {
    func testGeoPackageRoundTrip() throws {
        let layer = try roundTrip(.geoPackage, "xiaoban.gpkg", driver: "GPKG")
        XCTAssertEqual(layer.fields.map(\.name), SampleLayer.fields.map(\.name))
        XCTAssertEqual(layer.fields.map(\.type), SampleLayer.fields.map(\.type))
        XCTAssertEqual(layer.fields.map(\.width), [20, 50, 50, 0, 0], "GeoPackage keeps TEXT(n) widths only")
        XCTAssertEqual(layer.geometryKind, .polygon)
        XCTAssertEqual(try layer.readAll().map(\.fid), [1, 2, 3])
    }

    func testFileGeodatabaseRoundTrip() throws {
        let directory = try makeTemporaryDirectory("gdb")
        // OpenFileGDB snaps projected coordinates to its default 0.0001 m resolution.
        let layer = try roundTrip(.fileGeodatabase, "xiaoban.gdb", driver: "OpenFileGDB", accuracy: 1e-4, in: directory)
        XCTAssertEqual(layer.geometryKind, .polygon)
        var isFolder: ObjCBool = false
        XCTAssertTrue(FileManager.default.fileExists(atPath: directory.appendingPathComponent("xiaoban.gdb").path, isDirectory: &isFolder))
        XCTAssertTrue(isFolder.boolValue, "a File Geodatabase is a folder")
    }

    func testShapefileRoundTripIsUTF8WithCPG() throws {
        let directory = try makeTemporaryDirectory("shp")
        let layer = try roundTrip(.shapefile, "xiaoban.shp", driver: "ESRI Shapefile", in: directory)
        XCTAssertEqual(layer.fields.map(\.type), [.string, .string, .string, .real, .integer])
        let cpg = try String(contentsOf: directory.appendingPathComponent("xiaoban.cpg"), encoding: .utf8)
        XCTAssertEqual(cpg.trimmingCharacters(in: .whitespacesAndNewlines).uppercased(), "UTF-8")
        let dbf = try Data(contentsOf: directory.appendingPathComponent("xiaoban.dbf"))
        let utf8Name = Data("黔陶布依族苗族乡".utf8)
        XCTAssertNotNil(dbf.range(of: utf8Name), "the .dbf holds UTF-8 bytes")
    }

    func testGeoJSONRoundTrip() throws {
        let layer = try roundTrip(.geoJSON, "xiaoban.geojson", driver: "GeoJSON")
        XCTAssertTrue([.polygon, .unknown].contains(layer.geometryKind))
    }

    func testFlatGeobufRoundTrip() throws {
        // GDAL's FlatGeobuf writer sorts features along a Hilbert curve for its spatial index (SPATIAL_INDEX=YES,
        // the default): the order is deterministic but not the order written.
        let layer = try roundTrip(.flatGeobuf, "xiaoban.fgb", driver: "FlatGeobuf", inWrittenOrder: false)
        XCTAssertEqual(layer.geometryKind, .polygon)
    }

    /// KML is always WGS84: GDAL reprojects the EPSG:4545 layer on writing. CGCS2000 and WGS84 differ by
    /// centimetres and PROJ treats them as the same datum, so the read-back lon/lat must match the inverse
    /// Gauss-Kruger projection of the input.
    func testKMLIsWrittenInWGS84() throws {
        let directory = try makeTemporaryDirectory("kml")
        let path = directory.appendingPathComponent("xiaoban.kml").path
        try SampleLayer.write(to: path, format: .kml)
        let layer = try VectorDataset(reading: SourceReference(path: path)).layer(named: nil)
        XCTAssertEqual(layer.spatialReference?.epsgCode, 4326)
        let features = try layer.readAll()
        XCTAssertEqual(features.count, 3)
        let toLonLat = try CoordinateTransform(from: SpatialReference(epsg: 4545), to: SpatialReference(epsg: 4490))
        for (feature, (row, polygons)) in zip(features, zip(SampleLayer.rows, SampleLayer.polygons)) {
            let values = try SampleLayer.fields.map { field in
                feature.values[try XCTUnwrap(layer.fieldIndex(field.name), "KML field \(field.name)")].text
            }
            XCTAssertEqual(values, row.map(\.text), "KML values by field name")
            let readBack = try XCTUnwrap(feature.geometry).polygons()
            assertSamePolygons(readBack, try toLonLat.transform(polygons), accuracy: 1e-8, "KML")
        }
        // (x0, y0) is (106.6E, 26.4N) to within its rounding to 0.1 mm.
        let shell = try XCTUnwrap(features.first?.geometry).polygons()[0].rings[0]
        XCTAssertTrue(shell.contains { abs($0.x - 106.6) < 1e-8 && abs($0.y - 26.4) < 1e-8 }, "\(shell)")
    }

    /// Same input and timestamp give the same bytes, so outputs can be compared and archived.
    func testGeoPackageIsDeterministic() throws {
        let directory = try makeTemporaryDirectory("det")
        let a = directory.appendingPathComponent("a.gpkg").path, b = directory.appendingPathComponent("b.gpkg").path
        try SampleLayer.write(to: a, format: .geoPackage, timestamp: "2024-12-31T00:00:00Z")
        try SampleLayer.write(to: b, format: .geoPackage, timestamp: "2024-12-31T00:00:00Z")
        let bytesA = try Data(contentsOf: URL(fileURLWithPath: a)), bytesB = try Data(contentsOf: URL(fileURLWithPath: b))
        XCTAssertGreaterThan(bytesA.count, 0)
        XCTAssertEqual(bytesA, bytesB)
        XCTAssertNotNil(bytesA.range(of: Data("2024-12-31T00:00:00".utf8)), "gpkg_contents.last_change is the given timestamp")
    }

    func testCreatingOverAnExistingFileIsRefused() throws {
        let directory = try makeTemporaryDirectory("exists")
        let path = directory.appendingPathComponent("xiaoban.gpkg").path
        try SampleLayer.write(to: path, format: .geoPackage)
        let error = assertGeoError(.cannotWrite) { try VectorWriter(creating: path, format: .geoPackage) }
        XCTAssertTrue(error?.message.contains(path) ?? false, error?.message ?? "")
    }

    func testAppendingALayerToAGeoPackage() throws {
        let directory = try makeTemporaryDirectory("append")
        let path = directory.appendingPathComponent("out.gpkg").path
        try SampleLayer.write(to: path, format: .geoPackage)
        let writer = try VectorWriter(appendingTo: SourceReference(path: path))
        let table = try writer.createLayer(named: "统计", geometry: .none, spatialReference: nil,
                                           fields: [FieldDefinition("地类", .string), FieldDefinition("面积", .real)])
        try table.write([Feature(values: [.string("乔木林地"), .real(12.5)], geometry: nil),
                         Feature(values: [.string("宜林地"), .null], geometry: nil)])
        try writer.close()

        let dataset = try VectorDataset(reading: SourceReference(path: path))
        XCTAssertEqual(Set(dataset.layerNames), ["xiaoban", "统计"])
        let layer = try dataset.layer(named: "统计")
        XCTAssertEqual(layer.geometryKind, .none)
        XCTAssertNil(layer.spatialReference)
        XCTAssertEqual(try layer.readAll().map(\.values), [[.string("乔木林地"), .real(12.5)], [.string("宜林地"), .null]])
    }

    /// The packed spatial index holds what GDAL's own holds: the same (id, box) rows and the same triggers and
    /// extension row, in a tree SQLite accepts (`rtreecheck`), deep enough to have interior levels.
    func testGeoPackageSpatialIndexIsGDALsIndexPacked() throws {
        let directory = try makeTemporaryDirectory("rtree")
        let packed = directory.appendingPathComponent("packed.gpkg").path, gdal = directory.appendingPathComponent("gdal.gpkg").path
        // 3 000 squares of varied size on a 60 × 50 grid, and one feature without geometry: 59 leaves, depth 2.
        let features = (0..<3_000).map { k -> Feature in
            let x = SampleLayer.x0 + Double(k % 60) * 37.3, y = SampleLayer.y0 + Double(k / 60) * 41.9
            let side = 5 + Double((k * 7) % 13) * 2.17
            return Feature(values: [.string(String(k))], geometry: WKB(polygons: [PolygonRings(rings: [SampleLayer.square(x, y, side, side * 0.7)])]))
        } + [Feature(values: [.string("none")], geometry: nil)]
        for (path, options) in [(packed, [String: String]()), (gdal, ["SPATIAL_INDEX": "YES"])] {
            let writer = try VectorWriter(creating: path, format: .geoPackage)
            try writer.createLayer(named: "xiaoban", geometry: .polygon, spatialReference: try SpatialReference(epsg: 4545),
                                   fields: [FieldDefinition("XBH", .string)], options: options).write(features)
            try writer.close()
        }
        func query(_ path: String, _ sql: String) throws -> String? {
            let writer = try VectorWriter(appendingTo: SourceReference(path: path))
            defer { try? writer.close() }
            return try writer.text(sql)
        }
        let rows = "SELECT group_concat(id || ':' || minx || ',' || maxx || ',' || miny || ',' || maxy, ';') FROM (SELECT * FROM rtree_xiaoban_geom ORDER BY id)"
        let triggers = "SELECT group_concat(sql, ';') FROM (SELECT sql FROM sqlite_master WHERE name LIKE 'rtree_xiaoban_geom%' ORDER BY name)"
        let extensions = "SELECT group_concat(table_name || column_name || extension_name || definition || scope) FROM gpkg_extensions"
        for sql in [rows, triggers, extensions] {
            let a = try query(packed, sql), b = try query(gdal, sql)
            XCTAssertNotNil(a, sql)
            XCTAssertEqual(a, b, sql)
        }
        XCTAssertEqual(try query(packed, "SELECT count(*) FROM rtree_xiaoban_geom"), "3000")
        XCTAssertEqual(try query(packed, "SELECT rtreecheck('rtree_xiaoban_geom')"), "ok")
        XCTAssertEqual(try query(packed, "SELECT substr(hex(data), 1, 4) FROM rtree_xiaoban_geom_node WHERE nodeno = 1"), "0002", "depth 2")
        // A window query through the tree finds what a scan of the geometries finds.
        for (x, y, w) in [(300.0, 200.0, 150.0), (1_000.0, 1_500.0, 400.0), (-50.0, -50.0, 60.0)] {
            let (minX, minY) = (SampleLayer.x0 + x, SampleLayer.y0 + y), (maxX, maxY) = (minX + w, minY + w)
            let viaTree = try query(packed, "SELECT count(*) FROM rtree_xiaoban_geom WHERE maxx >= \(minX) AND minx <= \(maxX) AND maxy >= \(minY) AND miny <= \(maxY)")
            let viaScan = try query(packed, "SELECT count(*) FROM xiaoban WHERE ST_MaxX(geom) >= \(minX) AND ST_MinX(geom) <= \(maxX) AND ST_MaxY(geom) >= \(minY) AND ST_MinY(geom) <= \(maxY)")
            XCTAssertEqual(viaTree, viaScan, "window at \(x), \(y)")
        }
        // The triggers keep the index: a feature appended later is found in it.
        let writer = try VectorWriter(appendingTo: SourceReference(path: packed))
        try writer.execute("INSERT INTO xiaoban (geom, XBH) SELECT geom, 'copy' FROM xiaoban WHERE fid = 5")
        XCTAssertEqual(try writer.text("SELECT count(*) FROM rtree_xiaoban_geom"), "3001")
        XCTAssertEqual(try writer.text("SELECT rtreecheck('rtree_xiaoban_geom')"), "ok")
        try writer.close()
    }

    /// A new layer's features given as an array go straight to SQLite (`GeoPackageInsert`); the file holds what
    /// GDAL's own insertion makes of the same features (given as a sequence, which goes through GDAL): the same
    /// rows and geometry blobs, layer extent, feature count and spatial index. Empty text stays text, a real that
    /// is not finite becomes NULL, and Polygons become MultiPolygons, as GDAL has them.
    func testDirectInsertWritesWhatGDALWrites() throws {
        let directory = try makeTemporaryDirectory("direct")
        let direct = directory.appendingPathComponent("direct.gpkg").path, gdal = directory.appendingPathComponent("gdal.gpkg").path
        let holed = PolygonRings(rings: [SampleLayer.square(SampleLayer.x0, SampleLayer.y0, 90, 90), Array(SampleLayer.square(SampleLayer.x0 + 30, SampleLayer.y0 + 30, 20, 20).reversed())])
        let features = (0..<700).map { k -> Feature in
            let x = SampleLayer.x0 + Double(k % 30) * 101.7, y = SampleLayer.y0 + Double(k / 30) * 98.3
            let polygons = k == 3 ? [holed] : k % 50 == 7
                ? [PolygonRings(rings: [SampleLayer.square(x, y, 20, 30)]), PolygonRings(rings: [SampleLayer.square(x + 40, y, 10, 10)])]
                : [PolygonRings(rings: [SampleLayer.square(x, y, 5 + Double(k % 13), 7 + Double(k % 11))])]
            return Feature(values: [.string(k % 9 == 0 ? "" : "乔木林地-\(k)"), k % 17 == 0 ? .null : .integer(Int64(k) * 1_000_003),
                                    .real(k % 31 == 0 ? .nan : Double(k) / 7), k % 5 == 0 ? .null : .string("\"quoted\", 'k' \(k)")],
                           geometry: WKB(polygons: polygons))
        }
        let fields = [FieldDefinition("XBH", .string, width: 20), FieldDefinition("N", .integer64), FieldDefinition("AREA", .real),
                      FieldDefinition("NOTE", .string)]
        for (path, asArray) in [(direct, true), (gdal, false)] {
            let writer = try VectorWriter(creating: path, format: .geoPackage, timestamp: "2024-12-31T00:00:00Z")
            let layer = try writer.createLayer(named: "xiaoban", geometry: .polygon, spatialReference: try SpatialReference(epsg: 4545), fields: fields)
            if asArray { try layer.write(features) } else { try layer.write(streaming: features) }
            XCTAssertEqual(layer.wroteDirectly, asArray)
            try writer.close()
        }
        func query(_ path: String, _ sql: String) throws -> String? {
            let writer = try VectorWriter(appendingTo: SourceReference(path: path))
            defer { try? writer.close() }
            return try writer.text(sql)
        }
        for sql in [
            "SELECT group_concat(fid || ':' || hex(geom) || ':' || quote(XBH) || quote(N) || quote(AREA) || quote(NOTE), ';') FROM (SELECT * FROM xiaoban ORDER BY fid)",
            "SELECT quote(min_x) || quote(min_y) || quote(max_x) || quote(max_y) || last_change || srs_id FROM gpkg_contents WHERE table_name = 'xiaoban'",
            "SELECT feature_count FROM gpkg_ogr_contents WHERE table_name = 'xiaoban'",
            "SELECT group_concat(id || ':' || minx || ',' || maxx || ',' || miny || ',' || maxy, ';') FROM (SELECT * FROM rtree_xiaoban_geom ORDER BY id)",
            "SELECT group_concat(name || ':' || type, ';') FROM (SELECT * FROM sqlite_master ORDER BY name)",
        ] {
            let a = try query(direct, sql), b = try query(gdal, sql)
            XCTAssertNotNil(a, sql)
            XCTAssertEqual(a, b, sql)
        }
        XCTAssertEqual(try query(direct, "SELECT count(*) FROM xiaoban WHERE XBH = ''"), "78")
        XCTAssertEqual(try query(direct, "SELECT count(*) FROM xiaoban WHERE AREA IS NULL"), "23")
        XCTAssertEqual(try query(direct, "SELECT rtreecheck('rtree_xiaoban_geom')"), "ok")
        let read = try VectorDataset(reading: SourceReference(path: direct)).layer(named: "xiaoban")
        XCTAssertEqual(read.featureCount, 700)
        XCTAssertEqual(try read.readAll().map(\.values), try VectorDataset(reading: SourceReference(path: gdal)).layer(named: "xiaoban").readAll().map(\.values))
    }

    /// A GeoPackage made without GDAL's feature-count table (`gpkg_ogr_contents`) takes a layer written straight to
    /// SQLite too: there is no count to set.
    func testDirectInsertWithoutFeatureCounts() throws {
        let path = try makeTemporaryDirectory("no-counts").appendingPathComponent("a.gpkg").path
        try SampleLayer.write(to: path, format: .geoPackage)
        let first = try VectorWriter(appendingTo: SourceReference(path: path))
        try first.execute("DROP TABLE gpkg_ogr_contents")
        try first.close()
        let writer = try VectorWriter(appendingTo: SourceReference(path: path))
        let layer = try writer.createLayer(named: "more", geometry: .polygon, spatialReference: try SpatialReference(epsg: 4545),
                                           fields: [FieldDefinition("XBH", .string)])
        try layer.write([Feature(values: [.string("a")], geometry: WKB(polygons: SampleLayer.polygons[0]))])
        XCTAssertTrue(layer.wroteDirectly)
        try writer.close()
        let read = try VectorDataset(reading: SourceReference(path: path)).layer(named: "more")
        XCTAssertEqual(read.featureCount, 1)
        XCTAssertEqual(try read.readAll().map(\.values), [[.string("a")]])
    }

    /// A feature that cannot be built stops the write with its number, whichever batch it is in, and nothing of
    /// the layer is kept (the transaction is rolled back while the inserting thread has features in hand).
    func testUnreadableGeometryStopsTheWriteAndRollsBack() throws {
        let path = try makeTemporaryDirectory("bad-wkb").appendingPathComponent("bad.gpkg").path
        let good = WKB(polygons: SampleLayer.polygons[0])
        let features = (0..<2_000).map { k in
            Feature(values: [.string(String(k))], geometry: k == 1_499 ? WKB([1, 3, 0, 0]) : good)
        }
        let writer = try VectorWriter(creating: path, format: .geoPackage)
        let layer = try writer.createLayer(named: "xiaoban", geometry: .polygon, spatialReference: try SpatialReference(epsg: 4545),
                                           fields: [FieldDefinition("XBH", .string)])
        let error = assertGeoError(.badGeometry) { try layer.write(features) }
        XCTAssertTrue(error?.message.contains("feature 1500 of layer 'xiaoban'") ?? false, error?.message ?? "")
        let kept = try writer.tableExists("xiaoban") ? try writer.integer("SELECT count(*) FROM xiaoban") : 0
        XCTAssertEqual(kept, 0)
        try writer.close()
    }

    /// A GeoPackage layer created and never written still gets its (empty) spatial index, as GDAL gives it.
    func testUnwrittenGeoPackageLayerHasAnEmptySpatialIndex() throws {
        let path = try makeTemporaryDirectory("rtree-empty").appendingPathComponent("empty.gpkg").path
        let writer = try VectorWriter(creating: path, format: .geoPackage)
        _ = try writer.createLayer(named: "xiaoban", geometry: .polygon, spatialReference: try SpatialReference(epsg: 4545),
                                   fields: [FieldDefinition("XBH", .string)])
        try writer.close()
        let reader = try VectorWriter(appendingTo: SourceReference(path: path))
        defer { try? reader.close() }
        XCTAssertEqual(try reader.text("SELECT count(*) FROM rtree_xiaoban_geom"), "0")
        XCTAssertEqual(try reader.text("SELECT rtreecheck('rtree_xiaoban_geom')"), "ok")
        XCTAssertEqual(try reader.text("SELECT count(*) FROM gpkg_extensions WHERE extension_name = 'gpkg_rtree_index'"), "1")
    }

    /// Packing: every entry in exactly one leaf, no node over capacity, every box inside its parent's cell.
    func testRTreePackingCoversEveryEntry() {
        let entries = (0..<1_000).map { (k: Int) -> GeoPackageRTree.Entry in
            let x: Double = Double(k % 37) * 3.1, y: Double = Double(k / 37) * 2.3
            return GeoPackageRTree.Entry(id: Int64(k + 1), minX: x, maxX: x + 2.5, minY: y, maxY: y + 1.9)
        }
        let tree = GeoPackageRTree(entries, capacity: 10)
        XCTAssertEqual(tree.depth, 2, "1 000 entries: 100 leaves, 10 nodes, the root")
        XCTAssertEqual(tree.nodes.map { $0.number }, Array(1...Int64(tree.nodes.count)))
        XCTAssertTrue(tree.nodes.allSatisfy { $0.cells.count <= 10 && !$0.cells.isEmpty })
        XCTAssertEqual(tree.leafOf.map { $0.id }.sorted(), entries.map { $0.id })
        XCTAssertEqual(tree.parentOf.count, tree.nodes.count - 1)
        let byNumber = [Int64: GeoPackageRTree.Node](uniqueKeysWithValues: tree.nodes.map { ($0.number, $0) })
        for (child, parent) in tree.parentOf {
            let cell = byNumber[parent]!.cells.first { $0.id == child }!
            for c in byNumber[child]!.cells {
                XCTAssertTrue(cell.minX <= c.minX && cell.maxX >= c.maxX && cell.minY <= c.minY && cell.maxY >= c.maxY)
            }
        }
        for (id, leaf) in tree.leafOf {
            XCTAssertEqual(byNumber[leaf]!.cells.first { $0.id == id }, entries[Int(id) - 1])
        }
    }

    /// Boxes are rounded outwards to 32-bit floats as SQLite rounds them, so the index never misses a feature.
    func testRTreeEntriesRoundOutwards() {
        for v in [362_665.53, -0.1, 2_905_111.26, 0.3, 7.0] {
            let e = GeoPackageRTree.Entry(id: 1, minX: v, maxX: v, minY: -v, maxY: -v)
            XCTAssertLessThanOrEqual(Double(e.minX), v)
            XCTAssertGreaterThanOrEqual(Double(e.maxX), v)
            XCTAssertLessThanOrEqual(Double(e.minY), -v)
            XCTAssertGreaterThanOrEqual(Double(e.maxY), -v)
            XCTAssertLessThanOrEqual(Double(e.maxX) - Double(e.minX), abs(v) * 3e-7, "at most a step or two of a float")
        }
        XCTAssertEqual(GeoPackageRTree.Entry(id: 1, minX: 7.0, maxX: 7.0, minY: 0, maxY: 0).minX, 7, "exact values stay")
    }

    // MARK: - helper

    /// Writes the sample layer as `format` and checks everything it can: driver, CRS, count, values, geometries.
    @discardableResult
    private func roundTrip(_ format: VectorFormat, _ fileName: String, driver: String, accuracy: Double = 1e-9,
                           in directory: URL? = nil, inWrittenOrder: Bool = true, file: StaticString = #filePath, line: UInt = #line) throws -> VectorLayer {
        let directory = try directory ?? makeTemporaryDirectory(format.rawValue)
        let path = directory.appendingPathComponent(fileName).path
        try SampleLayer.write(to: path, format: format)

        let dataset = try VectorDataset(reading: SourceReference(path: path))
        XCTAssertEqual(dataset.driverName, driver, file: file, line: line)
        let layer = try dataset.layer(named: nil)
        XCTAssertEqual(layer.featureCount, 3, file: file, line: line)
        XCTAssertEqual(layer.spatialReference?.epsgCode, SampleLayer.epsg, "\(format) CRS", file: file, line: line)
        XCTAssertEqual(layer.spatialReference?.centralMeridian, 108, file: file, line: line)

        var features = try layer.readAll()
        XCTAssertEqual(features.count, 3, file: file, line: line)
        if !inWrittenOrder, let key = layer.fieldIndex("XBH") {
            features.sort { ($0.values[key].text ?? "") < ($1.values[key].text ?? "") }
        }
        for (n, (feature, (row, polygons))) in zip(features, zip(SampleLayer.rows, SampleLayer.polygons)).enumerated() {
            for (i, field) in SampleLayer.fields.enumerated() {
                guard let index = layer.fieldIndex(field.name) else {
                    XCTFail("\(format): no field \(field.name) in \(layer.fields.map(\.name))", file: file, line: line)
                    continue
                }
                let value = feature.values[index]
                switch field.type {
                case .real, .integer:
                    XCTAssertEqual(try XCTUnwrap(value.number), try XCTUnwrap(row[i].number), accuracy: 1e-9,
                                   "\(format) feature \(n) \(field.name)", file: file, line: line)
                default:
                    XCTAssertEqual(value, row[i], "\(format) feature \(n) \(field.name)", file: file, line: line)
                }
            }
            let geometry = try XCTUnwrap(feature.geometry, "\(format) feature \(n) has no geometry", file: file, line: line)
            assertSamePolygons(try geometry.polygons(), polygons, accuracy: accuracy, "\(format) feature \(n)", file: file, line: line)
        }
        return layer
    }
}

/// A layer's handle belongs to its file: written after `close()`, it is an error, not a use of freed memory.
final class WriterLifetimeTests: XCTestCase {
    func testWritingAfterCloseIsAnError() throws {
        let folder = try makeTemporaryDirectory("lifetime")
        let path = folder.appendingPathComponent("x.gpkg").path
        let writer = try VectorWriter(creating: path, format: .geoPackage)
        let layer = try writer.createLayer(named: "x", geometry: .polygon, spatialReference: SpatialReference(epsg: 4545),
                                           fields: [FieldDefinition("A", .string)])
        try writer.close()
        let error = assertGeoError(.cannotWrite) { try layer.write([Feature(values: [.string("a")], geometry: nil)]) }
        XCTAssertTrue(error?.message.contains("after the file was closed") ?? false, error?.message ?? "")
    }
}

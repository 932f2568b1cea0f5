import Foundation
import Geo

/// One sub-compartment record as written: key parts, codes, the record and the geometry.
struct SynthRow {
    var xiang: String
    var cun: String
    var linBan: String
    var xiaoBan: String
    var code: String
    /// Q_DI_LEI, Q_SEN_LB, Q_LIN_ZHONG (second year, where the record changed).
    var previous: (code: String, category: String?, use: String?)?
    var stand: SynthStand
    var hectares: Double
    var reason: String?
    var geometry: WKB
}

/// Writes the GeoPackages, streaming features to GDAL.
enum SynthLayerFiles {
    /// The sub-compartment schema; Q_DI_LEI, Q_SEN_LB and Q_LIN_ZHONG only in the second year.
    static func xiaobanFields(current: Bool) -> [FieldDefinition] {
        var fields = [
            FieldDefinition("XIAN", .string, width: 6), FieldDefinition("XIANG", .string, width: 3),
            FieldDefinition("CUN", .string, width: 3), FieldDefinition("LIN_BAN", .string, width: 4),
            FieldDefinition("XIAO_BAN", .string, width: 4), FieldDefinition("DI_LEI", .string, width: 6),
        ]
        if current {
            fields += [FieldDefinition("Q_DI_LEI", .string, width: 6), FieldDefinition("Q_SEN_LB", .string, width: 3),
                       FieldDefinition("Q_LIN_ZHONG", .string, width: 3)]
        }
        fields += [
            FieldDefinition("QI_YUAN", .string, width: 2), FieldDefinition("SEN_LIN_LB", .string, width: 3),
            FieldDefinition("SHI_QUAN_D", .string, width: 2), FieldDefinition("GJGYL_BHDJ", .string, width: 1),
            FieldDefinition("LIN_ZHONG", .string, width: 3), FieldDefinition("YOU_SHI_SZ", .string, width: 6),
            FieldDefinition("YU_BI_DU", .real, width: 4, precision: 2), FieldDefinition("MIAN_JI", .real, width: 12, precision: 4),
            FieldDefinition("HUO_LMGQXJ", .real, width: 6, precision: 1),
            FieldDefinition("BHYY", .string, width: 2), FieldDefinition("BHND", .string, width: 4),
        ]
        return fields
    }

    static func timestamp(_ options: SynthOptions) -> String { "\(options.currentYear)-12-31T00:00:00Z" }

    /// Writes a sub-compartment layer of `rows` to `path`.
    static func writeXiaoban(_ rows: some Sequence<SynthRow>, layerName: String, current: Bool, changeYear: String,
                             options: SynthOptions, to path: String) throws {
        let writer = try VectorWriter(creating: path, format: .geoPackage, timestamp: timestamp(options))
        let layer = try writer.createLayer(named: layerName, geometry: .polygon,
                                           spatialReference: try SpatialReference(epsg: SynthDistrict.epsg),
                                           fields: xiaobanFields(current: current))
        func text(_ value: String?) -> FieldValue { value.map(FieldValue.string) ?? .null }
        func real(_ value: Double?) -> FieldValue { value.map(FieldValue.real) ?? .null }
        let features = rows.lazy.map { row -> Feature in
            let stand = row.stand
            var values: [FieldValue] = [.string(options.county.code), .string(row.xiang), .string(row.cun),
                                        .string(row.linBan), .string(row.xiaoBan), .string(row.code)]
            if current {
                values += [text(row.previous?.code), text(row.previous?.category), text(row.previous?.use)]
            }
            values += [
                text(stand.qiYuan), text(stand.senLinLB), text(stand.shiQuanD), text(stand.gjgylBhdj), text(stand.linZhong),
                text(stand.species), real(stand.canopy), .real(row.hectares), real(stand.volume),
                text(row.reason), row.reason == nil ? .null : .string(changeYear),
            ]
            return Feature(values: values, geometry: row.geometry)
        }
        try layer.write(streaming: features)
        try writer.close()
    }

    /// The first year's row of a slot.
    static func previousRow(_ d: SynthDistrict, _ slot: Int) -> SynthRow {
        let layout = d.layout
        return SynthRow(xiang: layout.county.townships[Int(layout.township[slot])].code, cun: Int(layout.village[slot]).zeroPadded(3),
                        linBan: Int(layout.linBan[slot]).zeroPadded(4), xiaoBan: Int(layout.xiaoBan[slot]).zeroPadded(4),
                        code: d.previousCode(slot), previous: nil, stand: d.previousStands[slot], hectares: d.previousHectares[slot],
                        reason: nil, geometry: SynthWKB.multiPolygon([[layout.ring(slot)]]))
    }

    /// The second year's row of a feature.
    static func currentRow(_ d: SynthDistrict, _ ref: SynthRef) -> SynthRow {
        let (t, v, lb, xb) = d.keyParts(ref)
        let previous = d.changedFrom(ref).map { slot -> (code: String, category: String?, use: String?) in
            (d.previousCodeInCurrentSystem(slot), d.previousStands[slot].senLinLB, d.previousStands[slot].linZhong)
        }
        return SynthRow(xiang: d.layout.county.townships[Int(t)].code, cun: Int(v).zeroPadded(3),
                        linBan: Int(lb).zeroPadded(4), xiaoBan: Int(xb).zeroPadded(4),
                        code: d.currentCode(ref), previous: previous, stand: d.stand(ref), hectares: d.hectares(ref),
                        reason: d.reason(ref), geometry: SynthWKB.multiPolygon([[d.shell(ref)]]))
    }

    static func writePrevious(_ d: SynthDistrict, to path: String) throws {
        try writeXiaoban((0..<d.layout.count).lazy.map { previousRow(d, $0) }, layerName: d.options.previousLayerName,
                         current: false, changeYear: String(d.options.previousYear), options: d.options, to: path)
    }

    static func writeCurrent(_ d: SynthDistrict, to path: String) throws {
        try writeXiaoban(d.second.order.lazy.map { currentRow(d, $0) }, layerName: d.options.currentLayerName,
                         current: true, changeYear: String(d.options.currentYear), options: d.options, to: path)
    }

    /// The slots of each township: the layout lists sub-compartments grouped by township, in township order.
    static func townshipRanges(_ layout: DistrictLayout) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        for t in layout.county.townships.indices {
            var end = start
            while end < layout.count, Int(layout.township[end]) == t { end += 1 }
            ranges.append(start..<end)
            start = end
        }
        precondition(start == layout.count, "sub-compartments are not grouped by township")
        return ranges
    }

    static let townshipFields = [FieldDefinition("XZQDM", .string, width: 9), FieldDefinition("XZQMC", .string, width: 50)]

    /// townships.gpkg, layer `townships` (another department's boundaries, a few metres off), and
    /// townships_dissolved.gpkg, layer `townships_dissolved` (the exact outlines of the first year's
    /// sub-compartments), in code order.
    static func writeTownships(_ options: SynthOptions, other: [[PolygonRings]], dissolved: [[PolygonRings]],
                               to path: String, dissolvedPath: String) throws {
        let srs = try SpatialReference(epsg: SynthDistrict.epsg)
        for (name, polygons, file) in [(SynthOptions.townshipLayerName, other, path), (SynthOptions.dissolvedTownshipLayerName, dissolved, dissolvedPath)] {
            let writer = try VectorWriter(creating: file, format: .geoPackage, timestamp: timestamp(options))
            let layer = try writer.createLayer(named: name, geometry: .polygon, spatialReference: srs, fields: townshipFields)
            try layer.write(zip(options.county.townships, polygons).map { spec, geometry in
                Feature(values: [.string(spec.divisionCode), .string(spec.name)],
                        geometry: SynthWKB.multiPolygon(geometry.map(\.rings)))
            })
            try writer.close()
        }
    }

    /// A GeoPackage with one or more layers of `(fields, features)`.
    static func writeLayers(_ options: SynthOptions, _ layers: [(name: String, kind: GeometryKind, fields: [FieldDefinition], features: [Feature])],
                            to path: String) throws {
        let writer = try VectorWriter(creating: path, format: .geoPackage, timestamp: timestamp(options))
        let srs = try SpatialReference(epsg: SynthDistrict.epsg)
        for layer in layers {
            try writer.createLayer(named: layer.name, geometry: layer.kind, spatialReference: srs, fields: layer.fields).write(layer.features)
        }
        try writer.close()
    }

    static func multiPolygon(_ polygons: [PolygonRings]) -> WKB { SynthWKB.multiPolygon(polygons.map(\.rings)) }

    /// permits.gpkg, layer `permits`: harvest permits and land-use approvals.
    static func writePermits(_ d: SynthDistrict, to path: String) throws {
        let fields = [
            FieldDefinition("PZWH", .string, width: 40), FieldDefinition("PZLX", .string, width: 8),
            FieldDefinition("YXQ_Q", .date), FieldDefinition("YXQ_Z", .date),
            FieldDefinition("PZMJ", .real, width: 12, precision: 4), FieldDefinition("PZYT", .string, width: 10),
            FieldDefinition("PZYT_MC", .string, width: 40), FieldDefinition("CFXJ", .real, width: 12, precision: 1),
            FieldDefinition("XZQDM", .string, width: 9),
        ]
        let features = d.permits.map { p in
            Feature(values: [.string(p.number), .string(p.kind), .string(p.validFrom), .string(p.validTo), .real(p.approvedHectares),
                             .string(p.use), .string(p.useName), p.volume.map(FieldValue.real) ?? .null, .string(p.township)],
                    geometry: multiPolygon(p.polygons))
        }
        try writeLayers(d.options, [("permits", .polygon, fields, features)], to: path)
    }

    /// ring_belt.gpkg, layer `ring_belt`.
    static func writeBelt(_ d: SynthDistrict, to path: String) throws {
        let fields = [FieldDefinition("MC", .string, width: 40)]
        let feature = Feature(values: [.string("贵阳市环城林带")], geometry: SynthWKB.multiPolygon([d.belt.rings]))
        try writeLayers(d.options, [("ring_belt", .polygon, fields, [feature])], to: path)
    }

    /// afforestation_tasks.gpkg, layer `afforestation_tasks`.
    static func writeTasks(_ d: SynthDistrict, to path: String) throws {
        let fields = [
            FieldDefinition("RWBH", .string, width: 12), FieldDefinition("RWLX", .string, width: 12),
            FieldDefinition("XZQDM", .string, width: 9), FieldDefinition("ND", .string, width: 4),
            FieldDefinition("RWMJ", .real, width: 12, precision: 4), FieldDefinition("WCMJ", .real, width: 12, precision: 4),
        ]
        let features = d.tasks.map { t in
            Feature(values: [.string(t.number), .string(t.kind), .string(t.township), .string(String(d.options.currentYear)),
                             .real(t.targetHectares), .real(t.doneHectares)], geometry: multiPolygon(t.polygons))
        }
        try writeLayers(d.options, [("afforestation_tasks", .polygon, fields, features)], to: path)
    }

    /// fires.gpkg, layer `fires`, and pests.gpkg, layer `pests`.
    static func writeDisasters(_ d: SynthDistrict, fires: String, pests: String) throws {
        let fireFields = [
            FieldDefinition("HZBH", .string, width: 12), FieldDefinition("FSRQ", .date), FieldDefinition("QHYY", .string, width: 20),
            FieldDefinition("XZQDM", .string, width: 9), FieldDefinition("GHMJ", .real, width: 12, precision: 4),
            FieldDefinition("SHMJ", .real, width: 12, precision: 4),
        ]
        let pestFields = [
            FieldDefinition("YHBH", .string, width: 12), FieldDefinition("FSRQ", .date), FieldDefinition("YHSW", .string, width: 20),
            FieldDefinition("XZQDM", .string, width: 9), FieldDefinition("FSMJ", .real, width: 12, precision: 4),
            FieldDefinition("CZMJ", .real, width: 12, precision: 4),
        ]
        func features(_ kind: SynthDisaster.Kind) -> [Feature] {
            d.disasters.filter { $0.kind == kind }.map { x in
                Feature(values: [.string(x.number), .string(x.date), .string(x.cause), .string(x.township),
                                 .real(x.occurrenceHectares), .real(x.damageHectares)], geometry: multiPolygon(x.polygons))
            }
        }
        try writeLayers(d.options, [("fires", .polygon, fireFields, features(.fire))], to: fires)
        try writeLayers(d.options, [("pests", .polygon, pestFields, features(.pest))], to: pests)
    }

    /// forest_economy.gpkg, layer `forest_economy`: points.
    static func writeEconomy(_ d: SynthDistrict, to path: String) throws {
        let fields = [
            FieldDefinition("XMBH", .string, width: 12), FieldDefinition("XMMC", .string, width: 60),
            FieldDefinition("XZQDM", .string, width: 9), FieldDefinition("XZQMC", .string, width: 50),
            FieldDefinition("LX", .string, width: 12), FieldDefinition("GM", .real, width: 10, precision: 1),
            FieldDefinition("ND", .string, width: 4),
        ]
        let features = d.economy.map { p in
            Feature(values: [.string(p.number), .string(p.name), .string(p.township), .string(p.townshipName), .string(p.kind),
                             .real(p.scaleMu), .string(String(d.options.currentYear))], geometry: SynthWKB.point(p.point))
        }
        try writeLayers(d.options, [("forest_economy", .point, fields, features)], to: path)
    }
}

extension SynthWKB {
    /// Little-endian ISO WKB of a point.
    static func point(_ p: Point) -> WKB {
        var out: [UInt8] = [1]
        withUnsafeBytes(of: UInt32(1).littleEndian) { out.append(contentsOf: $0) }
        withUnsafeBytes(of: p.x.bitPattern.littleEndian) { out.append(contentsOf: $0) }
        withUnsafeBytes(of: p.y.bitPattern.littleEndian) { out.append(contentsOf: $0) }
        return WKB(out)
    }
}

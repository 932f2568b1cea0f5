import Foundation
import Geo

/// Writes the sub-compartment and township GeoPackages, streaming features to GDAL.
enum SynthLayerFiles {
    /// The sub-compartment schema; Q_DI_LEI only in the current year.
    static func xiaobanFields(current: Bool) -> [FieldDefinition] {
        var fields = [
            FieldDefinition("XIAN", .string, width: 6), FieldDefinition("XIANG", .string, width: 3),
            FieldDefinition("CUN", .string, width: 3), FieldDefinition("LIN_BAN", .string, width: 4),
            FieldDefinition("XIAO_BAN", .string, width: 4), FieldDefinition("DI_LEI", .string, width: 6),
        ]
        if current { fields.append(FieldDefinition("Q_DI_LEI", .string, width: 6)) }
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

    static let townshipFields = [FieldDefinition("XZQDM", .string, width: 9), FieldDefinition("XZQMC", .string, width: 50)]

    /// Writes one year's sub-compartment layer to `path`.
    static func writeXiaoban(_ district: SynthDistrict, current: Bool, to path: String, spatialReference: SpatialReference) throws {
        let options = district.options
        let year = current ? options.currentYear : options.previousYear
        let writer = try VectorWriter(creating: path, format: .geoPackage, timestamp: "\(year)-12-31T00:00:00Z")
        let layer = try writer.createLayer(named: current ? options.currentLayerName : options.previousLayerName,
                                           geometry: .polygon, spatialReference: spatialReference,
                                           fields: xiaobanFields(current: current))
        let layout = district.layout
        let stands = current ? district.currentStands : district.previousStands
        let changeYear = String(options.currentYear)
        func text(_ value: String?) -> FieldValue { value.map(FieldValue.string) ?? .null }
        func real(_ value: Double?) -> FieldValue { value.map(FieldValue.real) ?? .null }
        let features = (0..<layout.count).lazy.map { slot -> Feature in
            let stand = stands[slot]
            var values: [FieldValue] = [
                .string(HuaxiTownships.county), .string(HuaxiTownships.all[Int(layout.township[slot])].code),
                .string(DistrictLayout.digits(Int(layout.village[slot]), 3)),
                .string(DistrictLayout.digits(Int(layout.linBan[slot]), 4)),
                .string(DistrictLayout.digits(Int(layout.xiaoBan[slot]), 4)),
                .string(district.code(slot, current: current)),
            ]
            let event = current ? district.events[slot] : .none
            if current { values.append(event == .none ? .null : .string(district.previousCodeInCurrentSystem(slot))) }
            values += [
                text(stand.qiYuan), text(stand.senLinLB), text(stand.shiQuanD), text(stand.gjgylBhdj), text(stand.linZhong),
                text(stand.species), real(stand.canopy), .real(district.hectares[slot]), real(stand.volume),
                text(event.reasonCode), event.reasonCode == nil ? .null : .string(changeYear),
            ]
            return Feature(values: values, geometry: SynthWKB.multiPolygon([[layout.ring(slot)]]))
        }
        try layer.write(features)
        try writer.close()
    }

    /// The slots of each township: the layout lists sub-compartments grouped by township, in township order.
    static func townshipRanges(_ layout: DistrictLayout) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        for t in HuaxiTownships.all.indices {
            var end = start
            while end < layout.count, Int(layout.township[end]) == t { end += 1 }
            ranges.append(start..<end)
            start = end
        }
        precondition(start == layout.count, "sub-compartments are not grouped by township")
        return ranges
    }

    /// A township's polygon: the union of its sub-compartments (GEOS unary union in a context of its own; shared
    /// edges are bit-identical, so the union adds no vertex and its area is the sum of the parts'), shells
    /// counter-clockwise.
    static func townshipGeometry(_ layout: DistrictLayout, _ slots: Range<Int>) throws -> WKB {
        let context = GEOSContext()
        let parts = try slots.map { try Geometry(wkb: SynthWKB.multiPolygon([[layout.ring($0)]]), context: context) }
        let union = try Geometry.union(parts, context: context)
        return SynthWKB.multiPolygon(SynthWKB.oriented(try union.wkb.polygons()))
    }

    /// Writes the townships (XZQDM, XZQMC) with their polygons, in code order.
    static func writeTownships(_ district: SynthDistrict, geometries: [WKB], to path: String,
                               spatialReference: SpatialReference) throws {
        let writer = try VectorWriter(creating: path, format: .geoPackage,
                                      timestamp: "\(district.options.currentYear)-12-31T00:00:00Z")
        let layer = try writer.createLayer(named: SynthOptions.townshipLayerName, geometry: .polygon,
                                           spatialReference: spatialReference, fields: townshipFields)
        try layer.write(zip(HuaxiTownships.all, geometries).map { spec, geometry in
            Feature(values: [.string(spec.divisionCode), .string(spec.name)], geometry: geometry)
        })
        try writer.close()
    }
}

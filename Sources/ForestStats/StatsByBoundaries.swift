import Foundation
import Geo
import ForestMapCore

extension ForestStatistics {
    /// 按乡镇界线统计: townships by their boundary polygons. Each sub-compartment's area goes to the townships it
    /// lies in by exact overlay, the rest to the outside row; land area is each polygon's; the figures by the
    /// XIANG attribute are kept beside them for the comparison.
    static func byBoundaries(_ input: Input, _ townships: TownshipBoundaries) throws -> Units {
        let layer = input.layer, facts = input.facts
        // The townships' land areas (geodesic, from their polygons) are measured on the side while the
        // sub-compartments are split.
        let area = input.area
        let (land, splits) = try ParallelJobs.alongside(
            threads: input.options.threads, side: { try TownshipOverlay.landAreas(townships, area: area) },
            main: { try TownshipOverlay.split(layer, by: townships, area: input.area, threads: input.options.threads,
                                              xyToleranceMetres: input.options.xyToleranceMetres) })
        let zones = townships.townships.map { StatsZone(kind: .township, townshipCode: $0.code, townshipName: input.name($0.code)) } + [.outside]
        let outside = zones.count - 1
        var figures = land.map { var f = ForestFigures(); f.landArea = $0; return f } + [ForestFigures()]
        var outsidePieces: [OutsidePiece] = []
        var cut = 0
        for (i, split) in splits.enumerated() {
            if split.wasCut { cut += 1 }
            for share in split.shares {
                figures[share.township == TownshipShare.outside ? outside : share.township].add(share.squareMetres, facts[i])
            }
            if let polygons = split.outside {
                let a = split.shares.filter { $0.township == TownshipShare.outside }.reduce(0) { $0 + $1.squareMetres }
                outsidePieces.append(OutsidePiece(key: layer.subCompartments[i].key, polygons: polygons, squareMetres: a))
            }
        }
        figures[outside].landArea = figures[outside].mappedArea
        let wholeAreas = splits.map(\.squareMetres)

        var notes = [
            "土地总面积 land area: each township's boundary polygon (\(townships.label)), by the same area method; the 界外 (outside) row's is the mapped area outside every township",
            "按乡镇界线叠加 exact overlay: \(cut) of \(splits.count) sub-compartments cross a township boundary and were split; the others lie wholly inside one township, uncut",
        ]
        let settled = townships.settledOverlaps
        if settled.count > 0 {
            notes.append("乡镇界线重叠 township polygons overlap by at most [check] boundary_tolerance_m between \(settled.count) pair\(settled.count == 1 ? "" : "s") of township features (\(MessageFormat.hectares(settled.squareMetres)) in all): each piece counted once, in the township holding more of the sub-compartment it lies in")
        }
        if let from = townships.reprojectedFrom {
            notes.append("乡镇界线 township boundaries reprojected from \(from) to \(layer.crsLabel)")
        }
        let total = wholeAreas.reduce(0, +)
        let outsideShare = total > 0 ? figures[outside].mappedArea / total : 0
        if outsideShare > 0 {
            notes.append(String(format: "界外 %.4f ha (%.3f%% of the mapped area) lies outside every township boundary; townships.gpkg layer 'outside' shows where",
                                AreaUnit.hectares(figures[outside].mappedArea), outsideShare * 100))
        }
        if outsideShare > 0.01 {
            notes.append("more than 1% of the mapped area lies outside every township: check that the township layer covers the district and is in the right CRS")
        }
        var byXiang: (zones: [StatsZone], figures: [ForestFigures])?
        let fields = input.options.fields
        if AttributeZones.fieldIndex(layer, fields.xiang) != nil {
            let attribute = AttributeZones.townships(layer, fields: fields, district: (input.options.districtCode, input.options.districtName), names: input.name)
            var f = [ForestFigures](repeating: ForestFigures(), count: attribute.zones.count)
            for (i, z) in attribute.zoneOf.enumerated() { f[z].add(wholeAreas[i], facts[i]) }
            byXiang = (attribute.zones, f)
        } else {
            notes.append("the layer has no \(fields.xiang) field: no comparison by XIANG attribute")
        }
        return Units(zones: zones, figures: figures, byXiang: byXiang, outsidePieces: outsidePieces, wholeAreas: wholeAreas, notes: notes)
    }
}

import Foundation
import ForestMapCore

extension ForestStatistics {
    /// 按属性统计: townships from the XIANG attribute (the whole layer one unit without it), or villages from
    /// XIANG + CUN. Each sub-compartment counts whole in its unit; a unit's land area is its sub-compartments'.
    static func byAttributes(_ input: Input) throws -> Units {
        let layer = input.layer, options = input.options, fields = options.fields
        let attribute: AttributeZones
        var notes: [String] = []
        if options.grouping == .village {
            guard let villages = AttributeZones.villages(layer, fields: fields, names: input.name) else {
                throw ForestMapError.input("\(layer.label): --by village needs the township field \(fields.xiang) and the village field \(fields.cun); fields: \(layer.fieldNames.joined(separator: ", ")); name them with [fields] xiang and cun")
            }
            attribute = villages
            notes.append("土地总面积 land area: the sum of each village's sub-compartments (village = \(fields.xiang) + \(fields.cun) attributes; there are no village boundary polygons)")
        } else {
            attribute = AttributeZones.townships(layer, fields: fields, district: (options.districtCode, options.districtName), names: input.name)
            notes.append("土地总面积 land area: the sum of each township's sub-compartments (by the \(fields.xiang) attribute; give --townships for the boundary polygons' area)")
        }
        let area = input.area
        let wholeAreas = try ParallelChunks.map(count: layer.subCompartments.count, threads: options.threads) { range in
            let measure = try LayerAreaMeasure(area)
            return try range.map { try measure.squareMetres(layer.subCompartments[$0].geometry) }
        }
        var figures = [ForestFigures](repeating: ForestFigures(), count: attribute.zones.count)
        for (i, z) in attribute.zoneOf.enumerated() { figures[z].add(wholeAreas[i], input.facts[i]) }
        for z in figures.indices { figures[z].landArea = figures[z].mappedArea }
        return Units(zones: attribute.zones, figures: figures, byXiang: nil, wholeAreas: wholeAreas, notes: notes)
    }
}

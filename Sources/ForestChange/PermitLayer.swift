import Geo
import ForestMapCore

/// One permit or approval polygon (许可/审批红线): a harvest permit (采伐许可) or an approval to use forest land
/// (使用林地审核审批), read from the permit layer (`[permit_fields]`).
struct Permit: Sendable {
    /// 批准文号.
    var number: String
    var family: PermitFamily
    /// 临时占用: valid only while in force at the end of the period.
    var isTemporary: Bool
    /// 有效期 as YYYY-MM-DD; nil when the layer has no such field or the value is empty.
    var validFrom: String?
    var validTo: String?
    /// 批准面积 PZMJ in m²; nil when not given.
    var approvedSquareMetres: Double?
    /// 批准用途 PZYT as written, and its land class when it is a GB/T 21010 code.
    var use: String
    var useClass: LandClass?
    /// The red line, in the sub-compartment layer's CRS.
    var polygons: [PolygonRings]

    /// Whether the permit is in force in the period: its validity overlaps the period; a temporary use must still
    /// be in force at the period's end. Without a period, or without dates, every permit counts as valid.
    func isValid(in period: ChangePeriod?) -> Bool {
        guard let period else { return true }
        if let from = validFrom, from > period.end { return false }
        if let to = validTo {
            if isTemporary ? to < period.end : to < period.start { return false }
        }
        return true
    }
}

/// The permit layer (许可审批图层), read into the sub-compartment layer's CRS.
struct PermitLayer: Sendable {
    var label: String
    var permits: [Permit]
    /// Permits whose PZLX is neither a harvest nor a land-use kind (`[change]` settings): not used.
    var unknownKinds: [String: Int]

    static func load(_ source: SourceReference, config: ForestMapConfig, into subCompartmentCRS: String) throws -> PermitLayer {
        let f = config.permitFields
        let layer = try AuxiliaryPolygons.read(source, config: config, into: subCompartmentCRS, what: "permit red lines")
        let label = layer.label
        func required(_ name: String, _ meaning: String, _ key: String) throws -> Int {
            guard let i = layer.fieldIndex(name) else {
                throw ForestMapError.input("\(label): no \(meaning) field \(name); fields: \(layer.fieldNames.joined(separator: ", ")); name it with [permit_fields] \(key) = \"NAME\"")
            }
            return i
        }
        let numberIndex = try required(f.number, "permit number (批准文号)", "number")
        let kindIndex = try required(f.kind, "permit kind (批准类型)", "kind")
        let fromIndex = layer.fieldIndex(f.validFrom), toIndex = layer.fieldIndex(f.validTo)
        let areaIndex = layer.fieldIndex(f.approvedArea), useIndex = layer.fieldIndex(f.approvedUse)
        let uses = LandClassTable.builtIn(.gbt21010)
        let settings = config.change
        var permits: [Permit] = []
        var unknown: [String: Int] = [:]
        for (feature, polygons) in layer.features {
            let number = feature.values[numberIndex].text?.trimmingCharacters(in: .whitespaces) ?? ""
            let name = "feature \(feature.fid)" + (number.isEmpty ? "" : " (\(number))")
            let kind = feature.values[kindIndex].text?.trimmingCharacters(in: .whitespaces) ?? ""
            let family: PermitFamily, temporary: Bool
            if settings.harvestKinds.contains(kind) { (family, temporary) = (.harvest, false) }
            else if settings.temporaryKinds.contains(kind) { (family, temporary) = (.landUse, true) }
            else if settings.landUseKinds.contains(kind) { (family, temporary) = (.landUse, false) }
            else { unknown[kind, default: 0] += 1; continue }
            func date(_ index: Int?, _ field: String) throws -> String? {
                guard let index, let raw = feature.values[index].text, !raw.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
                guard let d = ChangePeriod.isoDate(raw) else {
                    throw ForestMapError.input("\(label): \(name): \(field) \"\(raw)\" is not a date; write it as 2021-03-05")
                }
                return d
            }
            let use = useIndex.flatMap { feature.values[$0].text }?.trimmingCharacters(in: .whitespaces) ?? ""
            let hectares = areaIndex.flatMap { feature.values[$0].number }
            permits.append(Permit(number: number.isEmpty ? "\(label)#\(feature.fid)" : number, family: family, isTemporary: temporary,
                                  validFrom: try date(fromIndex, f.validFrom), validTo: try date(toIndex, f.validTo),
                                  approvedSquareMetres: hectares.map { $0 * 10_000 }, use: use,
                                  useClass: family == .landUse && !use.isEmpty ? uses.classify(use) : nil, polygons: polygons))
        }
        return PermitLayer(label: label, permits: permits, unknownKinds: unknown)
    }
}

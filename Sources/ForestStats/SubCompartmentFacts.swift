import Foundation
import ForestMapCore

/// What the statistics need to know about one sub-compartment (小班统计属性), read once from its attributes
/// (docs/domain.md §2, §4): land class group, forest land (林地), forest (森林), public-welfare forest (公益林),
/// natural forest (天然林) and standing volume per hectare (公顷蓄积).
package struct SubCompartmentFacts: Sendable, Hashable {
    var group: LandClassGroup?
    /// 林地: every forest-land class.
    var isForestLand: Bool
    /// 公益林: SEN_LIN_LB 011 or 012 (old 11, 12) on forest land.
    package var isPublicWelfare: Bool
    /// 天然林: QI_YUAN 1x (11, 12, 13) on forest (arbor, bamboo, special-regulation shrub).
    var isNatural: Bool
    /// 活立木公顷蓄积 HUO_LMGQXJ (m³/ha), used on arbor forest only; nil when empty.
    var volumePerHectare: Double?

    /// 森林 in the coverage rate: arbor, bamboo, special-regulation shrub.
    var isForest: Bool { group?.countsTowardCoverage ?? false }
}

/// Reads the facts of every sub-compartment of a layer, and which of the optional fields the layer has.
package struct SubCompartmentFactReader {
    /// Field positions in the layer; nil when the layer lacks the field (its column stays empty).
    let senLinLB: Int?
    let qiYuan: Int?
    let hasVolume: Bool

    package init(layer: SubCompartmentLayer, fields: SubCompartmentFields) {
        func index(_ name: String) -> Int? {
            layer.fieldNames.firstIndex { $0 == name } ?? layer.fieldNames.firstIndex { $0.caseInsensitiveCompare(name) == .orderedSame }
        }
        senLinLB = index(fields.senLinLB)
        qiYuan = index(fields.qiYuan)
        hasVolume = layer.sourceHasField(fields.huoLMGQXJ)
    }

    package func facts(_ s: SubCompartment) -> SubCompartmentFacts {
        let group = s.landClass?.group
        let forestLand = s.landClass?.isForestLand ?? false
        let forest = group?.countsTowardCoverage ?? false
        let category = senLinLB.flatMap { s.attributes[$0].text }.map(Self.forestCategory) ?? ""
        let origin = qiYuan.flatMap { s.attributes[$0].text }.map(Self.trimmed) ?? ""
        return SubCompartmentFacts(
            group: group, isForestLand: forestLand,
            isPublicWelfare: forestLand && (category == "011" || category == "012"),
            isNatural: forest && origin.hasPrefix("1"),
            volumePerHectare: s.volumePerHectare)
    }

    /// SEN_LIN_LB as a 3-digit code: old 2-digit codes (11, 12, 21, 22) get their leading 0.
    package static func forestCategory(_ raw: String) -> String {
        var code = trimmed(raw)
        if code.hasSuffix(".0") { code.removeLast(2) }
        return code.count == 2 ? "0" + code : code
    }

    /// The text without surrounding spaces (ASCII spaces and tabs: attribute codes never hold others); cheaper
    /// than Foundation's trimming on every sub-compartment.
    package static func trimmed(_ text: String) -> String {
        let bytes = text.utf8
        guard let first = bytes.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }) else { return "" }
        let last = bytes.lastIndex(where: { $0 != 0x20 && $0 != 0x09 })!
        if first == bytes.startIndex, last == bytes.index(before: bytes.endIndex) { return text }
        return String(text[first...last])
    }
}

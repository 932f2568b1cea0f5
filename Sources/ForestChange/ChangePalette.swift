/// The colours and Chinese names change patches and hits are drawn with: one palette for the report's maps
/// (`ReportStyle`) and the layers' styles in GIS (`ChangeStyles`).
extension ChangePatch.ChangeType {
    /// 变化类型 as a legend names it.
    package var chineseName: String {
        switch self {
        case .afforestation: return "造林"
        case .harvest: return "采伐"
        case .construction: return "建设占用"
        case .clearedForFarming: return "毁林开垦"
        case .fire: return "火灾"
        case .disaster: return "灾害"
        case .otherLoss: return "其他减少"
        case .otherGain: return "其他增加"
        case .degradation: return "退化"
        case .attributeOnly: return "属性变化"
        case .reclassification: return "代码体系转换"
        }
    }

    /// Gains in greens, cutting in amber, construction red, farming brown, fire orange, disaster purple,
    /// other losses grey, attribute changes blue.
    package var colour: String {
        switch self {
        case .afforestation: return "#1a9641"
        case .otherGain: return "#86c96b"
        case .harvest: return "#e0a100"
        case .construction: return "#d7191c"
        case .clearedForFarming: return "#8c510a"
        case .fire: return "#ff6f00"
        case .disaster: return "#8e44ad"
        case .otherLoss: return "#555555"
        case .degradation: return "#c51b7d"
        case .attributeOnly: return "#2c7fb8"
        case .reclassification: return "#a0a0a0"
        }
    }
}

/// 核查优先级: the hit list's priorities as legends name and colour them.
package enum HitPriority {
    /// The priorities a hit can have (`HitList.priority`).
    package static let all = [1, 2, 3]

    /// 第一优先 … 第三优先.
    package static func name(_ priority: Int) -> String {
        [1: "第一优先", 2: "第二优先", 3: "第三优先"][priority] ?? ""
    }

    /// 1 red, 2 orange, later ones dark yellow.
    package static func colour(_ priority: Int) -> String {
        switch priority {
        case ...1: return "#c62828"
        case 2: return "#ef6c00"
        default: return "#a67c00"
        }
    }
}

import Foundation

/// Where a case (案件) stands, from what the field team writes in the 核查表 (README "Case register"):
///
/// | column | value written | status | open/closed |
/// |---|---|---|---|
/// | (none yet) | | `open` | open |
/// | 核查结论 | 不属实 | `not_a_change` | closed |
/// | 核查结论 | 属实 | `confirmed` | open |
/// | 处理情况 | 已立案 | `filed` | open |
/// | 处理情况 | 已处罚 | `penalised` | open |
/// | 处理情况 | 整改中 | `rectifying` | open |
/// | 处理情况 | 已整改 | `rectified` | closed |
/// | 处理情况 | 已补办手续 / 合法 | `permitted` | closed |
public enum CaseStatus: String, Sendable, CaseIterable, Hashable {
    case open
    case notAChange = "not_a_change"
    case confirmed, filed, penalised, rectifying, rectified, permitted

    /// Whether the case is closed: found not to be a change, rectified, or made legal.
    public var isClosed: Bool { [.notAChange, .rectified, .permitted].contains(self) }

    /// A violation the field team confirmed (属实), whatever was done about it since: the cases the closure rate
    /// (案件查处率) counts.
    public var isConfirmedViolation: Bool { [.confirmed, .filed, .penalised, .rectifying, .rectified].contains(self) }

    /// A confirmed violation that was dealt with (查处): filed, penalised or rectified.
    public var isDealtWith: Bool { [.filed, .penalised, .rectified].contains(self) }

    /// The status's Chinese name, as the forms and the report print it.
    public var chineseName: String {
        switch self {
        case .open: "待核查"
        case .notAChange: "不属实"
        case .confirmed: "属实"
        case .filed: "已立案"
        case .penalised: "已处罚"
        case .rectifying: "整改中"
        case .rectified: "已整改"
        case .permitted: "已补办手续"
        }
    }

    /// The 核查结论 column's values, in the drop-down's order.
    public static let verdictValues = ["属实", "不属实"]
    /// The 处理情况 column's values, in the drop-down's order.
    public static let handlingValues = ["已立案", "已处罚", "整改中", "已整改", "已补办手续", "合法"]

    /// The status a 核查结论 value sets; nil for a value outside the table.
    public static func verdict(_ text: String) -> CaseStatus? {
        switch text.trimmingCharacters(in: .whitespaces) {
        case "属实": .confirmed
        case "不属实": .notAChange
        default: nil
        }
    }

    /// The status a 处理情况 value sets; nil for a value outside the table.
    public static func handling(_ text: String) -> CaseStatus? {
        switch text.trimmingCharacters(in: .whitespaces) {
        case "已立案": .filed
        case "已处罚": .penalised
        case "整改中": .rectifying
        case "已整改": .rectified
        case "已补办手续", "合法": .permitted
        default: nil
        }
    }
}

/// Where a case came from: the annual change detection, a patrol (巡查), or a report from the public (群众反映).
public enum CaseSource: String, Sendable, CaseIterable, Hashable {
    case change, patrol, `public`

    public var chineseName: String {
        switch self {
        case .change: "变化检测"
        case .patrol: "巡查"
        case .public: "群众反映"
        }
    }

    /// A source as written in a cases file: the key or its Chinese name.
    public init?(text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard let s = CaseSource.allCases.first(where: { $0.rawValue == t.lowercased() || $0.chineseName == t }) ?? (t == "群众举报" ? .public : nil) else { return nil }
        self = s
    }
}

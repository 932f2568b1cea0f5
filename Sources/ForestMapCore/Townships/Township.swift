/// A township (乡镇/街道) of the district: its 9-digit code and name.
public struct Township: Sendable, Hashable {
    public var code: String
    public var name: String

    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }

    /// Huaxi District's 19 townships with their 2021 statistical division codes (docs/domain.md §9).
    public static let huaxi: [Township] = [
        ("004", "贵筑街道"), ("005", "阳光街道"), ("006", "清溪街道"), ("007", "溪北街道"), ("008", "黄河路街道"),
        ("009", "平桥街道"), ("010", "小孟街道"), ("011", "金筑街道"), ("012", "党武街道"),
        ("101", "青岩镇"), ("102", "石板镇"), ("104", "麦坪镇"), ("105", "燕楼镇"),
        ("201", "孟关苗族布依族乡"), ("204", "湖潮苗族布依族乡"), ("205", "久安乡"), ("207", "高坡苗族乡"),
        ("208", "黔陶布依族苗族乡"), ("209", "马铃布依族苗族乡"),
    ].map { Township(code: "520111" + $0.0, name: $0.1) }

    /// 湖潮 and 党武, administered by the Gui'an New Area: district totals may or may not include them.
    public static let huaxiGuiAnCodes: Set<String> = ["520111204", "520111012"]
}

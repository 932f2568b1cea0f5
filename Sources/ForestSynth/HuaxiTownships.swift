/// One township (乡镇/街道) of the synthetic district.
struct SynthTownship: Sendable, Hashable {
    /// The last three digits of the 9-digit statistical division code, e.g. "004".
    let code: String
    let name: String
    /// Where its growth seed sits, as a fraction of the district's half-extent east (+) / west (−) and
    /// north (+) / south (−) of the centre. Plausible relative positions, not surveyed ones.
    let east: Double
    let north: Double
    /// Relative growth speed: larger grows a larger township.
    let weight: Double
    /// The county's 6-digit code.
    var county = HuaxiTownships.county

    /// The 9-digit code (XZQDM), e.g. "520111004".
    var divisionCode: String { county + code }
}

/// The 19 townships of Huaxi District (docs/domain.md §9), in code order. No public boundaries exist, so the layout is
/// invented: the urban streets small and near the north-centre, 高坡 large in the east, 青岩 south, 黔陶 south-east,
/// 马铃 south-west, 湖潮 and 党武 west.
enum HuaxiTownships {
    static let county = "520111"
    /// The urban centre (花溪 town), as a fraction of the half-extents like `SynthTownship.east/north`.
    static let urbanCentre = (east: 0.0, north: 0.45)

    static let all: [SynthTownship] = [
        SynthTownship(code: "004", name: "贵筑街道", east: 0.02, north: 0.30, weight: 0.85),
        SynthTownship(code: "005", name: "阳光街道", east: 0.20, north: 0.42, weight: 0.80),
        SynthTownship(code: "006", name: "清溪街道", east: -0.14, north: 0.40, weight: 0.80),
        SynthTownship(code: "007", name: "溪北街道", east: 0.02, north: 0.53, weight: 0.65),
        SynthTownship(code: "008", name: "黄河路街道", east: 0.12, north: 0.82, weight: 0.50),
        SynthTownship(code: "009", name: "平桥街道", east: -0.08, north: 0.68, weight: 0.60),
        SynthTownship(code: "010", name: "小孟街道", east: 0.30, north: 0.70, weight: 0.60),
        SynthTownship(code: "011", name: "金筑街道", east: -0.36, north: 0.42, weight: 0.90),
        SynthTownship(code: "012", name: "党武街道", east: -0.45, north: 0.05, weight: 0.90),
        SynthTownship(code: "101", name: "青岩镇", east: 0.02, north: -0.35, weight: 1.05),
        SynthTownship(code: "102", name: "石板镇", east: -0.45, north: 0.70, weight: 0.90),
        SynthTownship(code: "104", name: "麦坪镇", east: -0.30, north: -0.25, weight: 0.90),
        SynthTownship(code: "105", name: "燕楼镇", east: -0.25, north: -0.60, weight: 0.95),
        SynthTownship(code: "201", name: "孟关苗族布依族乡", east: 0.55, north: 0.45, weight: 1.00),
        SynthTownship(code: "204", name: "湖潮苗族布依族乡", east: -0.80, north: 0.15, weight: 0.90),
        SynthTownship(code: "205", name: "久安乡", east: -0.75, north: 0.55, weight: 0.90),
        SynthTownship(code: "207", name: "高坡苗族乡", east: 0.70, north: -0.15, weight: 1.45),
        SynthTownship(code: "208", name: "黔陶布依族苗族乡", east: 0.42, north: -0.60, weight: 1.05),
        SynthTownship(code: "209", name: "马铃布依族苗族乡", east: -0.55, north: -0.70, weight: 1.00),
    ]
}

import ForestMapCore
import Geo

/// The 10 districts and counties of Guiyang (贵阳市 520100) for `forestmap synth --region guiyang`: real codes, names
/// and outlines (`GuiyangOutlines`, shapes only), townships invented and marked synthetic (named "<county>示例街道1",
/// "…示例镇1", "…示例乡1"; codes the county's + 001… for streets, 101… for towns, 201… for townships), except Huaxi
/// (520111), which keeps its real 19 townships and codes.
public enum GuiyangCounties {
    public static let regionCode = "520100"
    public static let regionName = "贵阳市"
    public static let reportingUnit = "贵阳市林长制办公室"

    /// Invented townships per county: streets (街道), towns (镇), townships (乡). Plausible counts, not real ones.
    static let inventedCounts: [String: (streets: Int, towns: Int, xiang: Int)] = [
        "520102": (12, 2, 0), "520103": (12, 1, 0), "520112": (4, 6, 1), "520113": (5, 3, 1), "520115": (6, 2, 1),
        "520121": (3, 10, 3), "520122": (2, 7, 1), "520123": (2, 8, 1), "520181": (4, 7, 3),
    ]

    /// All 10, in code order.
    public static let all: [SynthCounty] = GuiyangOutlines.counties.map { entry in
        let rings = entry.rings.map { text in
            text.split(separator: " ").map { pair -> Point in
                let xy = pair.split(separator: ",")
                return Point(Double(xy[0])!, Double(xy[1])!)
            }
        }
        let huaxi = entry.code == HuaxiTownships.county
        return SynthCounty(code: entry.code, name: entry.name, city: regionName,
                           townships: huaxi ? HuaxiTownships.all : invented(entry.code, entry.name),
                           inventedTownships: !huaxi, urbanEast: 0, urbanNorth: 0, outline: rings,
                           seat: Point(entry.seatX, entry.seatY), area: SynthCounty.planarArea(rings))
    }

    /// The counties of `codes` (6-digit), in code order; throws naming a code that is not Guiyang's.
    public static func counties(_ codes: [String]?) throws -> [SynthCounty] {
        guard let codes else { return all }
        for code in codes where !all.contains(where: { $0.code == code }) {
            throw ForestMapError.input("synth: \(code) is not a county of \(regionName) (\(all.map(\.code).joined(separator: ", ")))")
        }
        guard Set(codes).count == codes.count, !codes.isEmpty else {
            throw ForestMapError.input("synth: --counties lists a county twice or none")
        }
        return all.filter { codes.contains($0.code) }
    }

    static func invented(_ code: String, _ name: String) -> [SynthTownship] {
        let counts = inventedCounts[code]!
        let short = String(name.dropLast())
        var out: [SynthTownship] = []
        for (kind, count, base, weight) in [("街道", counts.streets, 0, 0.8), ("镇", counts.towns, 100, 1.0), ("乡", counts.xiang, 200, 1.0)] {
            for k in 0..<count {
                out.append(SynthTownship(code: (base + k + 1).zeroPadded(3), name: "\(short)示例\(kind)\(k + 1)", east: 0, north: 0,
                                         weight: weight, county: code))
            }
        }
        return out
    }
}

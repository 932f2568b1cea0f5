import Geo

/// The county (区/县) a synthetic district stands for: its code, name, townships and shape.
///
/// `huaxi` is the default and the district `forestmap synth` has always made: Huaxi's 19 real townships in a seeded
/// blob of Huaxi's area around Huaxi's centre. The counties of a synthetic region (`GuiyangCounties`) each have
/// their real outline (`GuiyangOutlines`: public web-map shapes, used only as shapes for synthetic data) and, except
/// Huaxi, invented townships.
public struct SynthCounty: Sendable, Hashable {
    /// The 6-digit division code, e.g. "520111".
    public let code: String
    /// e.g. "花溪区".
    public let name: String
    /// The city the county belongs to, e.g. "贵阳市": its bureau is "\(city)\(name)林业局".
    public let city: String
    /// In code order.
    let townships: [SynthTownship]
    /// The townships' names and codes are invented (marked synthetic); their seeds are spread over the shape
    /// rather than placed by `SynthTownship.east/north`.
    public let inventedTownships: Bool
    /// The urban centre as a fraction of the half-extents, for the blob (see `HuaxiTownships.urbanCentre`).
    let urbanEast: Double
    let urbanNorth: Double
    /// The outline's rings (shell first, then holes; each closed) in EPSG:4545 metres, or nil for the seeded blob.
    let outline: [[Point]]?
    /// The county seat (the town the urban centre and the ring belt sit on) in EPSG:4545 metres, with `outline`.
    let seat: Point?
    /// The area the sub-compartments cover, m² (the blob's, or the outline's planar area).
    let area: Double

    /// The forestry bureau, e.g. 贵阳市花溪区林业局.
    public var reportingUnit: String { "\(city)\(name)林业局" }
    public var townshipCount: Int { townships.count }
    /// Township division codes (9 digits) and names, in code order.
    public var townshipCodesAndNames: [(code: String, name: String)] { townships.map { ($0.divisionCode, $0.name) } }

    /// Huaxi District as `forestmap synth` makes it without `--region`: its real townships in a seeded blob.
    public static let huaxi = SynthCounty(
        code: HuaxiTownships.county, name: "花溪区", city: "贵阳市", townships: HuaxiTownships.all, inventedTownships: false,
        urbanEast: HuaxiTownships.urbanCentre.east, urbanNorth: HuaxiTownships.urbanCentre.north, outline: nil, seat: nil,
        area: 964.15e6)

    /// The outline's planar area (shell minus holes), m².
    static func planarArea(_ rings: [[Point]]) -> Double {
        rings.map { ring -> Double in
            var twice = 0.0
            for k in 0..<(ring.count - 1) { twice += ring[k].x * ring[k + 1].y - ring[k + 1].x * ring[k].y }
            return abs(twice) / 2
        }.enumerated().reduce(0) { $0 + ($1.offset == 0 ? $1.element : -$1.element) }
    }
}

import Geo

/// A second-year sub-compartment by reference: a first-year cell that is still one feature (slot ≥ 0), or a
/// piece (−1 − index into `SynthSecondYear.pieces`).
struct SynthRef: Hashable, Sendable {
    let raw: Int32
    static func cell(_ slot: Int) -> SynthRef { SynthRef(raw: Int32(slot)) }
    static func piece(_ index: Int) -> SynthRef { SynthRef(raw: Int32(-1 - index)) }
    var slot: Int? { raw >= 0 ? Int(raw) : nil }
    var piece: Int? { raw < 0 ? Int(-1 - raw) : nil }
}

/// A second-year sub-compartment that is not a first-year cell: a child of a split, a merged pair, the road and
/// the parts beside it. New pieces get new XIAO_BAN numbers after the last of their LIN_BAN.
struct SynthPiece: Sendable {
    var township: UInt8
    var village: UInt8
    var linBan: UInt16
    var xiaoBan: UInt16 = 0
    /// One polygon: the shell counter-clockwise, closed.
    var shell: [Point]
    var kind: SynthLandKind
    var stand: SynthStand
    var reason: String?
    /// The first-year slot whose record the Q_ fields repeat when the piece's record changed; nil otherwise.
    var changedFrom: Int?
    /// The first-year slot the piece comes from (the first, for a merge).
    var parent: Int
}

/// One planted event: which first-year cells it started from and which second-year features hold its result.
struct SynthEventRecord: Sendable {
    let kind: SynthEventKind
    /// First-year slots.
    var from: [Int]
    /// Second-year features: where the change lies (for a change), or what the cells became (for no change).
    var to: [SynthRef]
    /// Indices into the permits (PZWH in truth.csv).
    var permits: [Int] = []
    /// Changed area no permit covers (partial), in hectares.
    var uncoveredHectares: Double?
    var inBelt = false
    var note = ""
}

/// A harvest permit (采伐许可) or land-use approval (征占用林地审核审批, 临时占用): its red line and terms.
struct SynthPermit: Sendable {
    /// PZWH 批准文号.
    var number: String
    /// PZLX: 采伐, 占用 or 临时占用.
    var kind: String
    /// YXQ_Q and YXQ_Z, ISO dates.
    var validFrom: String
    var validTo: String
    /// PZMJ, hectares.
    var approvedHectares: Double
    /// PZYT: the approved use (harvest type; GB/T 21010 code of the land use) and its name.
    var use: String
    var useName: String
    /// CFXJ: approved harvest volume, m³ (harvest permits).
    var volume: Double?
    /// XZQDM of the township it lies in.
    var township: String
    var polygons: [PolygonRings]
}

/// A burned area (火灾) or a pest occurrence (林业有害生物) polygon with its date and figures.
struct SynthDisaster: Sendable {
    enum Kind: Sendable { case fire, pest }
    var kind: Kind
    var number: String
    var date: String
    /// Fire: cause; pest: the pest.
    var cause: String
    var township: String
    /// Burned area / area where the pest occurs, hectares.
    var occurrenceHectares: Double
    /// Forest area damaged (fire) / area with disaster-level damage (pest), hectares.
    var damageHectares: Double
    var polygons: [PolygonRings]
}

/// An afforestation, tending or replanting task (营造林任务) with its target and verified area.
struct SynthTask: Sendable {
    var number: String
    /// RWLX: 造林, 抚育 or 退耕还林补植.
    var kind: String
    var township: String
    /// RWMJ task area and WCMJ verified completed area, hectares.
    var targetHectares: Double
    var doneHectares: Double
    var polygons: [PolygonRings]
}

/// An under-forest economy project (林下经济) as a point.
struct SynthEconomyProject: Sendable {
    var number: String
    var name: String
    var township: String
    var townshipName: String
    /// LX: 林下种植, 林下养殖, 林下采集加工 or 森林康养.
    var kind: String
    /// GM: scale in mu.
    var scaleMu: Double
    var point: Point
}

/// The second year and everything planted: sub-compartments, events, permits and the other layers.
struct SynthSecondYear: Sendable {
    /// Per first-year slot: ground kind, record and recorded BHYY in the second year (for slots still a feature).
    var kinds: [SynthLandKind]
    var stands: [SynthStand]
    var reasons: [String?]
    /// The record changed (class or managed attributes): the Q_ fields repeat the first year's values.
    var changed: [Bool]
    /// The slot is no longer a feature of its own (split, merged, cut by the road).
    var replaced: [Bool]
    var pieces: [SynthPiece]
    var rings: SynthRings
    /// Second-year features in key order.
    var order: [SynthRef]
    /// MIAN_JI per slot (second year) and per piece.
    var hectares: [Double]
    var pieceHectares: [Double]
}

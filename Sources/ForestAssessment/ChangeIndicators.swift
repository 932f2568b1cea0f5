import ForestChange
import ForestMapCore
/// The change-based figures of the assessment, per township, from the change patches (变化图斑) alone: harvest
/// against the quota, natural-forest harvest, forest land lost with no matching approval, loss in the ring belt,
/// afforestation the change layer confirms, burned forest as class changes show it, and forest land used for
/// construction with and without approval. Recorded 9x corrections (`isCorrection`) count as nothing, and
/// afforestation on farmland is reported, never counted as an achievement (docs/domain.md §5).
public struct ChangeIndicators: Sendable, Hashable {
    /// Areas in square metres, volume in m³.
    public struct Figures: Sendable, Hashable, Codable {
        public var harvestSquareMetres = 0.0
        /// 采伐消耗蓄积: each harvest patch's area × the previous year's volume per hectare of what it was.
        public var harvestVolume = 0.0
        public var naturalForestHarvestCount = 0
        public var naturalForestHarvestSquareMetres = 0.0
        /// Forest-land loss whose permit status is not `covered` (无审批变化图斑).
        public var unapprovedCount = 0
        public var unapprovedSquareMetres = 0.0
        /// Forest-land loss inside the ring-city belt (环城林带), approved or not.
        public var ringBeltLossCount = 0
        public var ringBeltLossSquareMetres = 0.0
        /// 造林 confirmed by the change layer (not on farmland).
        public var afforestationSquareMetres = 0.0
        /// 耕地上造林: reported, not counted.
        public var afforestationOnFarmlandSquareMetres = 0.0
        /// Forest that became burned land (火烧迹地).
        public var fireSquareMetres = 0.0
        /// Forest land that became construction land, and the part of it a valid approval covers.
        public var landUseSquareMetres = 0.0
        public var landUseCoveredSquareMetres = 0.0

        public init() {}

        static func + (a: Figures, b: Figures) -> Figures {
            var s = a
            s.harvestSquareMetres += b.harvestSquareMetres
            s.harvestVolume += b.harvestVolume
            s.naturalForestHarvestCount += b.naturalForestHarvestCount
            s.naturalForestHarvestSquareMetres += b.naturalForestHarvestSquareMetres
            s.unapprovedCount += b.unapprovedCount
            s.unapprovedSquareMetres += b.unapprovedSquareMetres
            s.ringBeltLossCount += b.ringBeltLossCount
            s.ringBeltLossSquareMetres += b.ringBeltLossSquareMetres
            s.afforestationSquareMetres += b.afforestationSquareMetres
            s.afforestationOnFarmlandSquareMetres += b.afforestationOnFarmlandSquareMetres
            s.fireSquareMetres += b.fireSquareMetres
            s.landUseSquareMetres += b.landUseSquareMetres
            s.landUseCoveredSquareMetres += b.landUseCoveredSquareMetres
            return s
        }
    }

    /// Per 9-digit township code (or `outside` / `unknown`, as the patches carry it).
    public var byTownship: [String: Figures]
    public var patchCount: Int

    public func figures(_ township: String) -> Figures { byTownship[township] ?? Figures() }

    /// The sum over the given townships.
    public func total(_ townships: [String]) -> Figures { townships.reduce(Figures()) { $0 + figures($1) } }

    /// Computes the figures; `volumePerHectare` gives the previous year's m³/ha of a sub-compartment key (nil: none).
    public static func compute(_ patches: [ChangePatch], volumePerHectare: (String) -> Double?) -> ChangeIndicators {
        var by: [String: Figures] = [:]
        for p in patches where !p.isCorrection && p.changeType != .reclassification {
            var f = by[p.townshipCode] ?? Figures()
            let m2 = p.squareMetres
            let forestLandLoss = p.fromForestLand && !p.toForestLand
            switch p.changeType {
            case .harvest:
                f.harvestSquareMetres += m2
                let volumes = p.fromIDs.compactMap(volumePerHectare)
                if !volumes.isEmpty { f.harvestVolume += volumes.reduce(0, +) / Double(volumes.count) * AreaUnit.hectares(m2) }
                if p.naturalForest {
                    f.naturalForestHarvestCount += 1
                    f.naturalForestHarvestSquareMetres += m2
                }
            case .afforestation:
                if p.onFarmland { f.afforestationOnFarmlandSquareMetres += m2 } else { f.afforestationSquareMetres += m2 }
            case .fire:
                f.fireSquareMetres += m2
            case .construction where forestLandLoss:
                f.landUseSquareMetres += m2
                if p.permitStatus == .covered { f.landUseCoveredSquareMetres += m2 }
            default: break
            }
            if forestLandLoss {
                if p.permitStatus != .covered {
                    f.unapprovedCount += 1
                    f.unapprovedSquareMetres += m2
                }
                if p.inRingBelt {
                    f.ringBeltLossCount += 1
                    f.ringBeltLossSquareMetres += m2
                }
            }
            by[p.townshipCode] = f
        }
        return ChangeIndicators(byTownship: by, patchCount: patches.count)
    }
}

/// The code system of a layer's land-class field (地类, docs/domain.md §3).
public enum LandClassSystem: String, Sendable, CaseIterable, Codable {
    /// LY/T 2893-2017 era 4-digit forest-survey codes (0111 ...).
    case old4 = "old4"
    /// 6-digit forest codes aligned with the land survey (030100 ...) + GB/T 21010 codes for other land.
    case new6 = "new6"
    /// GB/T 21010-2017 only (third national land survey, 三调).
    case gbt21010 = "gbt21010"
    /// A user CSV table (CORINE, MAES, ...).
    case user = "user"

    /// What ``detect(codes:)`` found.
    public struct Detection: Equatable, Sendable {
        public let system: LandClassSystem
        /// Share of the distinct codes the system recognises, 0...1.
        public let recognisedShare: Double
        /// Codes the system does not recognise, normalised and sorted, the first 20.
        public let unrecognised: [String]
    }

    /// Detect from a layer's distinct codes: returns the best system and the share of codes it recognises;
    /// nil when nothing fits (caller reports "set land_class.system").
    ///
    /// Codes are normalised first (``LandClassTable/normalizedCode(_:)``), so integer-mangled codes ("111", "30100",
    /// "111.0") count. A layer is new6 only when it holds at least one 6-digit forest code, since new6 uses the
    /// GB/T 21010 codes for other land; otherwise GB/T 4-digit codes mean gbt21010. A tie, or a best share below 0.5, is nil.
    public static func detect(codes: some Sequence<String>) -> Detection? {
        let distinct = Set(codes.map(LandClassTable.normalizedCode).filter { !$0.isEmpty })
        guard !distinct.isEmpty else { return nil }
        let candidates = [LandClassSystem.old4, .new6, .gbt21010].compactMap { system -> (LandClassSystem, Set<String>)? in
            let known = distinct.intersection(BuiltInCodes.codeSets[system] ?? [])
            if system == .new6 && !known.contains(where: { $0.count == 6 }) { return nil }
            return (system, known)
        }
        let ranked = candidates.sorted { $0.1.count > $1.1.count }
        guard let (system, known) = ranked.first, Double(known.count) / Double(distinct.count) >= 0.5 else { return nil }
        if ranked.count > 1 && ranked[1].1.count == known.count { return nil }
        return Detection(
            system: system,
            recognisedShare: Double(known.count) / Double(distinct.count),
            unrecognised: Array(distinct.subtracting(known).sorted().prefix(20)))
    }
}

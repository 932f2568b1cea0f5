import Foundation

/// Codes of another built-in code system in a layer (old 4-digit forest codes among new 6-digit ones): a layer
/// half recoded. They are not in the layer's code table, so they count as unknown land classes and drop out of
/// forest and coverage — said loudly, not only as a note.
public struct MixedCodeSystems: Sendable, Hashable {
    /// The layer's own system (the one its codes were read with) and the other one found.
    public var system: LandClassSystem
    public var other: LandClassSystem
    /// How many sub-compartments carry each code of the other system.
    public var counts: [String: Int]

    public var total: Int { counts.values.reduce(0, +) }

    /// "1,234 sub-compartments carry old4 codes (0111 ×1000, 0131 ×234) in a new6 layer".
    public var text: String {
        let listed = counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(6).map { "\($0.key) ×\($0.value)" }.joined(separator: ", ")
        return "\(total) sub-compartment\(total == 1 ? "" : "s") carry \(other.rawValue) codes (\(listed)) in a \(system.rawValue) layer: the code systems are mixed, so those count as unknown land classes (not forest); recode them"
    }
}

extension SubCompartmentLayer {
    /// The codes of another built-in system among those the layer's table does not know; nil when there are none
    /// (or the layer uses a user table).
    public var mixedCodeSystems: MixedCodeSystems? {
        let system = landClassTable.system
        guard system != .user, let own = BuiltInCodes.codeSets[system] else { return nil }
        let unknown = unknownCodes
        guard !unknown.isEmpty else { return nil }
        var best: MixedCodeSystems?
        for other in [LandClassSystem.old4, .new6, .gbt21010] where other != system {
            let theirs = BuiltInCodes.codeSets[other] ?? []
            let counts = unknown.filter { theirs.contains($0.key) && !own.contains($0.key) }
            guard !counts.isEmpty else { continue }
            let found = MixedCodeSystems(system: system, other: other, counts: counts)
            if found.total > best?.total ?? 0 { best = found }
        }
        return best
    }

    /// The summary line on mixed code systems, if any.
    public var codeSystemNotes: [String] { readingNotes + (mixedCodeSystems.map { ["warning: \(label): \($0.text)"] } ?? []) }
}

import Foundation
import Geo
import ForestMapCore
import ForestChange

/// The case register as a run meets it: the hits matched before the outputs are written (so the hit list carries
/// each hit's case), and the detections recorded after the output folder is in place (so a failed run changes
/// nothing). `change` uses only the first half: it reads the register and never writes it.
public struct RunCases: Sendable {
    public let location: SourceReference
    /// The register as read before the run wrote anything (empty when there was none yet).
    public let state: RegisterState
    public let matching: HitMatching
    /// The hits before matching (every one is recorded, those of closed cases too).
    public let hits: [Hit]

    /// Matches a change result's hits against the register the config names; nil when it names none.
    public static func match(_ change: ChangeRun.Result, config: ForestMapConfig, register: SourceReference? = nil,
                             asOf: CaseDate) throws -> RunCases? {
        guard let location = register ?? config.caseRegister else { return nil }
        let layerCRS = try change.current.spatialReference()
        var state = RegisterState(), registerCRS: SpatialReference? = nil
        if try CaseRegister.exists(location) {
            let register = try CaseRegister.openExisting(location)
            state = try register.read()
            registerCRS = register.spatialReference
        }
        let year = surveyYear(config: config, period: change.period, asOf: asOf)
        let matching = try HitMatching.plan(change.hits, state: state, registerCRS: registerCRS, layerCRS: layerCRS,
                                            year: year, asOf: asOf, settings: config.cases)
        return RunCases(location: location, state: state, matching: matching, hits: change.hits)
    }

    /// The survey year cases of this run belong to: `[period] year`, else the period's end, else the as-of year.
    static func surveyYear(config: ForestMapConfig, period: ChangePeriod?, asOf: CaseDate) -> Int {
        config.year ?? period.flatMap { Int($0.end.prefix(4)) } ?? asOf.year
    }

    /// The hit list with its cases (a run's: new hits get the case the run will open).
    public var listedHits: [Hit] { matching.annotated(hits, newCases: true) }

    /// The hit list with the cases the register holds, and no new ones (`change`, which never writes it).
    public var registeredHits: [Hit] { matching.annotated(hits, newCases: false) }

    /// The register as it will be once the run's hits are recorded (for the report, written before the register is).
    public func projected(_ change: ChangeRun.Result) throws -> RegisterState {
        var state = state
        try CaseDetection.record(matching, hits: hits, change: change, registerCRS: nil, into: &state, origin: "")
        return state
    }

    /// Records the run's hits in the register (made in the layers' CRS when there is none), in one transaction.
    /// The hits are matched again inside it; when the register changed since `match` so that a hit would get
    /// another case, nothing is written and the error says so.
    public func record(_ change: ChangeRun.Result, config: ForestMapConfig, origin: String) throws -> Recorded {
        let register = try CaseRegister.open(location, creatingIn: try change.current.spatialReference())
        let layerCRS = try change.current.spatialReference()
        return try register.update { state in
            let again = try HitMatching.plan(hits, state: state, registerCRS: register.spatialReference, layerCRS: layerCRS,
                                             year: matching.year, asOf: matching.asOf, settings: config.cases)
            guard again.outcomes == matching.outcomes else {
                throw ForestMapError(.cannotWrite, "\(location.displayPath): the case register changed while this run was writing (another run or an import?); its hit list names cases the register does not hold: run again")
            }
            let counts = try CaseDetection.record(again, hits: hits, change: change, registerCRS: register.spatialReference, into: &state, origin: origin)
            return Recorded(location: location, new: counts.new, redetected: counts.redetected, reopened: counts.reopened,
                            openListed: matching.openMatches, closedNotListed: matching.closedMatches)
        }
    }

    /// What a run wrote into the register.
    public struct Recorded: Sendable {
        public var location: SourceReference
        /// New cases; cases found again by a later year's run; closed cases reopened.
        public var new: Int, redetected: Int, reopened: Int
        /// Hits of open cases, listed with their case.
        public var openListed: Int
        /// Hits of closed cases, left off the hit list.
        public var closedNotListed: Int

        public var summary: String {
            "case register 问题整改台账: \(new) new cases, \(openListed) hits of open cases listed with their case (\(redetected) found again in a later year), \(reopened) reopened; \(closedNotListed) hits of closed cases not listed (\(location.displayPath))"
        }
    }
}

import Foundation
public struct SynthOptions: Sendable { public var subcompartments: Int; public var seed: UInt64; public var previousYear = 2020; public var currentYear = 2021
  public init(subcompartments: Int, seed: UInt64) { self.subcompartments = subcompartments; self.seed = seed } }
public struct SynthSummary { public var subcompartments: Int; public var townships: Int; public var events: [String: Int]; public var files: [String] }
public enum DistrictSynthesizer { public static func write(_ o: SynthOptions, into: URL) throws -> SynthSummary { fatalError() } }

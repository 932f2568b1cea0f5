/// The synthesizer's own randomness: SplitMix64 and stateless integer hashing, never the platform's generator or
/// `Hasher` (which is seeded per process), so the same options give the same bytes on every run.
///
/// Only integer arithmetic and the IEEE operations `+ - * / sqrt` are used on the values drawn here, so the
/// geometry does not depend on the C library's `sin`, `cos`, `exp` or `log`.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// The next 64 random bits (Steele, Lea and Flood's SplitMix64).
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SynthHash.mix(state)
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { SynthHash.unit(next()) }

    /// Uniform in [lower, upper).
    mutating func uniform(_ lower: Double, _ upper: Double) -> Double { lower + (upper - lower) * unit() }
}

/// Stateless hashing of (seed, stream, integers) to 64 random bits. Each purpose draws from its own stream, so
/// adding a draw for one purpose never shifts the values another purpose gets.
enum SynthHash {
    /// The SplitMix64 finaliser: a bijective 64-bit mixer.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// 64 random bits for (seed, stream, a, b, c).
    static func bits(_ seed: UInt64, _ stream: SynthStream, _ a: Int, _ b: Int = 0, _ c: Int = 0) -> UInt64 {
        var h = mix(seed ^ (stream.rawValue &* 0xD6E8_FEB8_6659_FD93))
        h = mix(h &+ UInt64(bitPattern: Int64(a)) &* 0x9E37_79B9_7F4A_7C15)
        h = mix(h &+ UInt64(bitPattern: Int64(b)) &* 0xC2B2_AE3D_27D4_EB4F)
        h = mix(h &+ UInt64(bitPattern: Int64(c)) &* 0x1656_67B1_9E37_79F9)
        return h
    }

    /// Uniform in [0, 1) from the top 53 bits.
    static func unit(_ bits: UInt64) -> Double { Double(bits >> 11) * 0x1p-53 }

    /// Uniform in [0, 1) for (seed, stream, a, b, c).
    static func unit(_ seed: UInt64, _ stream: SynthStream, _ a: Int, _ b: Int = 0, _ c: Int = 0) -> Double {
        unit(bits(seed, stream, a, b, c))
    }

    /// Uniform in [-1, 1) for (seed, stream, a, b, c).
    static func signed(_ seed: UInt64, _ stream: SynthStream, _ a: Int, _ b: Int = 0, _ c: Int = 0) -> Double {
        2 * unit(seed, stream, a, b, c) - 1
    }

    /// A point uniform in the unit disk, by rejection from the square (no trigonometry).
    static func inUnitDisk(_ seed: UInt64, _ stream: SynthStream, _ a: Int, _ b: Int = 0) -> (x: Double, y: Double) {
        var attempt = 0
        while true {
            let h = bits(seed, stream, a, b, attempt)
            let x = Double(h >> 40) * 0x1p-23 - 1     // 24 bits
            let y = Double((h >> 16) & 0xFF_FFFF) * 0x1p-23 - 1
            if x * x + y * y <= 1 { return (x, y) }
            attempt += 1
        }
    }
}

/// The independent streams of random values, one per purpose.
enum SynthStream: UInt64 {
    case shape = 1, vertexJitter, edgeWiggle, townshipCost, villageSeed, elevation, urbanNoise, landNoise,
         forestTypeNoise, cellNoise, kindChoice, category, linZhong, origin, species, canopy, volume, growth,
         harvest, construction, afforestation, constructionKind, newStand,
         // Added with the events of the second year; appended so the streams above keep their values.
         resurvey, redigitise, road, sitePlan, siteChoice, permitCut, permitDate, townshipShiftX, townshipShiftY, belt,
         tasks, economy, disasters, defects, rewrite, correction,
         // The filled 核查表 and the patrol reports (SynthFieldForms).
         fieldForms
}

/// Smooth value noise in 0...1 over the plane (metres), several octaves: the "terrain" the land classes follow.
/// Lattice values come from `SynthHash`, interpolated with a quintic fade; the pattern does not depend on the
/// number of sub-compartments.
struct ValueNoise {
    let seed: UInt64
    let stream: SynthStream
    /// (lattice spacing in metres, weight) per octave.
    let octaves: [(spacing: Double, weight: Double)]

    func value(_ x: Double, _ y: Double) -> Double {
        var total = 0.0, weights = 0.0
        for (octave, (spacing, weight)) in octaves.enumerated() {
            total += weight * single(x / spacing, y / spacing, octave: octave)
            weights += weight
        }
        return total / weights
    }

    private func single(_ x: Double, _ y: Double, octave: Int) -> Double {
        let fx = x.rounded(.down), fy = y.rounded(.down)
        let ix = Int(fx), iy = Int(fy)
        let tx = Self.fade(x - fx), ty = Self.fade(y - fy)
        func lattice(_ i: Int, _ j: Int) -> Double { SynthHash.unit(seed, stream, i, j, octave) }
        let bottom = lattice(ix, iy) + (lattice(ix + 1, iy) - lattice(ix, iy)) * tx
        let top = lattice(ix, iy + 1) + (lattice(ix + 1, iy + 1) - lattice(ix, iy + 1)) * tx
        return bottom + (top - bottom) * ty
    }

    private static func fade(_ t: Double) -> Double { t * t * t * (t * (t * 6 - 15) + 10) }
}

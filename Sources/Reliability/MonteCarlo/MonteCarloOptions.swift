import GridModel

/// How a duration is drawn around its nominal value (the repair time of the failed element, or a
/// device's switching time).
public enum DurationDistribution: Sendable, Equatable {
    /// Always the nominal value.
    case fixed
    /// Exponential with the nominal value as its mean.
    case exponential
    /// Log-normal with the nominal value as its mean and the given coefficient of variation
    /// (standard deviation / mean, > 0).
    case lognormal(coefficientOfVariation: Double)

    /// A multiplier of the nominal value (mean 1).
    func draw(_ random: inout SeededRandom) -> Double {
        switch self {
        case .fixed:
            return 1
        case .exponential:
            return random.exponential(mean: 1)
        case .lognormal(let cv):
            let sigma2 = _log(1 + cv * cv)
            let mu = -sigma2 / 2
            return exponential(mu + sigma2.squareRoot() * random.standardNormal())
        }
    }

    private func exponential(_ x: Double) -> Double { _exp(x) }

    /// Parses `fixed`, `exponential` or `lognormal:CV`.
    public init?(_ text: String) {
        if text == "fixed" { self = .fixed; return }
        if text == "exponential" { self = .exponential; return }
        if text.hasPrefix("lognormal:"), let cv = Double(text.dropFirst("lognormal:".count)), cv > 0, cv <= 10 {
            self = .lognormal(coefficientOfVariation: cv)
            return
        }
        return nil
    }

    public var text: String {
        switch self {
        case .fixed: return "fixed"
        case .exponential: return "exponential"
        case .lognormal(let cv): return "lognormal:\(cv)"
        }
    }
}

/// When to stop simulating.
public enum StoppingRule: Sendable, Equatable {
    /// Exactly this many years.
    case years(Int)
    /// Until the standard error of mean SAIFI and of mean SAIDI are both at most this share of the
    /// mean (checked every ``MonteCarloOptions/chunkYears`` × 16 years), or `maximumYears`.
    case relativeError(Double, maximumYears: Int)
}

public struct MonteCarloOptions: Sendable {
    public var stopping: StoppingRule
    public var seed: UInt64
    public var threads: Int
    public var repair: DurationDistribution
    public var switching: DurationDistribution
    /// Relative failure frequency by month (January first); normalised to mean 1. nil = uniform.
    public var monthlyFailureFactors: [Double]?
    /// Customers with more than n interruptions a year (CEMIₙ), n = 1…
    public var cemiThresholds: [Int]
    /// Customers with at least k interruptions a year (频繁停电), k = …
    public var frequentThresholds: [Int]
    /// Customers whose interruptions add up to more than t hours a year (CELID), t = …
    public var celidHours: [Double]
    /// Repeated outages (频繁停电) as the audit counts them: customers of load points with at least
    /// `repeatThreshold` interruptions starting within `repeatWindowDays` days of each other in a
    /// simulated year (interruptions of at most 3 min left out, as DL/T 836's short ones).
    public var repeatWindowDays = 60
    public var repeatThreshold = 3
    /// How failure times are found for the repeated-outage count: nil = chosen chunk by chunk
    /// (threaded while drawing where most years need them, else drawn again for the years that
    /// do); true / false force one way. The figures are the same either way (a test holds them so).
    public var recordFailureTimes: Bool?
    /// Interruptions this short or shorter are not counted as repeated outages, hours (3 min).
    public static let shortInterruptionHours = 3.0 / 60

    /// Called now and then with (years done, years planned or nil).
    public var progress: (@Sendable (Int, Int?) -> Void)?

    /// Years whose yearly values are kept and summarised exactly; beyond, the summaries are
    /// streamed (``MonteCarloResult/yearlySAIDI`` then stays empty, quantiles come from 0.115 %
    /// bins). Default 1,048,576.
    public var exactYears = 1 << 20

    /// Years per chunk: the unit of work and of summation order (results do not depend on threads).
    public static let chunkYears = 1024

    public init(
        stopping: StoppingRule = .years(10_000), seed: UInt64 = 1, threads: Int = 1, repair: DurationDistribution = .fixed,
        switching: DurationDistribution = .fixed, monthlyFailureFactors: [Double]? = nil, cemiThresholds: [Int] = [1, 2, 3, 4, 5],
        frequentThresholds: [Int] = [3, 4, 5], celidHours: [Double] = [1, 4, 8, 24], progress: (@Sendable (Int, Int?) -> Void)? = nil
    ) {
        self.stopping = stopping
        self.seed = seed
        self.threads = threads
        self.repair = repair
        self.switching = switching
        self.monthlyFailureFactors = monthlyFailureFactors
        self.cemiThresholds = cemiThresholds
        self.frequentThresholds = frequentThresholds
        self.celidHours = celidHours
        self.progress = progress
    }
}

#if canImport(Glibc)
import Glibc
@inline(__always) func _exp(_ x: Double) -> Double { Glibc.exp(x) }
@inline(__always) func _log(_ x: Double) -> Double { Glibc.log(x) }
#elseif canImport(Darwin)
import Darwin
@inline(__always) func _exp(_ x: Double) -> Double { Darwin.exp(x) }
@inline(__always) func _log(_ x: Double) -> Double { Darwin.log(x) }
#endif

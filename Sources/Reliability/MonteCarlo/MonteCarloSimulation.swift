import Foundation
import GridModel

/// Summary statistics of one index over the simulated years.
public struct Distribution: Sendable, Equatable {
    public var mean: Double
    public var standardDeviation: Double
    /// Standard error of the mean (σ / √years).
    public var standardError: Double
    public var p5: Double
    public var p50: Double
    public var p95: Double

    static func of(_ values: [Double]) -> Distribution {
        let finite = values.filter { $0.isFinite }
        guard !finite.isEmpty else { return Distribution(mean: .nan, standardDeviation: .nan, standardError: .nan, p5: .nan, p50: .nan, p95: .nan) }
        var sum = 0.0
        for value in finite { sum += value }
        let mean = sum / Double(finite.count)
        var squares = 0.0
        for value in finite { squares += (value - mean) * (value - mean) }
        let sd = finite.count > 1 ? (squares / Double(finite.count - 1)).squareRoot() : 0
        let sorted = finite.sorted()
        return Distribution(mean: mean, standardDeviation: sd, standardError: sd / Double(finite.count).squareRoot(),
                            p5: typeSevenQuantile(sorted, 0.05), p50: typeSevenQuantile(sorted, 0.5), p95: typeSevenQuantile(sorted, 0.95))
    }
}

/// The q-quantile (0…1) of sorted, non-empty values, type 7 (linear interpolation between order
/// statistics).
func typeSevenQuantile(_ sorted: [Double], _ q: Double) -> Double {
    let h = q * Double(sorted.count - 1)
    let lower = Int(h.rounded(.down))
    let upper = min(sorted.count - 1, lower + 1)
    return sorted[lower] + (h - Double(lower)) * (sorted[upper] - sorted[lower])
}

/// The outcome of a Monte Carlo simulation.
public struct MonteCarloResult: Sendable {
    public var years: Int
    public var seed: UInt64
    /// Per simulated year (all causes): SAIFI, SAIDI (h), CAIDI (h; NaN in a year without
    /// interruptions), ENS (MWh). Year i is replication i. Kept up to
    /// ``YearlyValues/exactYears`` years; empty beyond (the summaries are then streamed).
    public var yearlySAIFI: [Double]
    public var yearlySAIDI: [Double]
    public var yearlyCAIDI: [Double]
    public var yearlyENS: [Double]
    /// Years per bin of SAIDI (30 equal bins between the smallest and largest year).
    public var histogramSAIDI: YearlyHistogram
    public var saifi: Distribution
    public var saidi: Distribution
    public var caidi: Distribution
    public var ens: Distribution
    /// Means split by cause.
    public var faultSAIFI: Double
    public var faultSAIDI: Double
    public var plannedSAIFI: Double
    public var plannedSAIDI: Double
    /// Per load point (model order): mean interruptions and hours a year with standard errors (all causes).
    public var loadPointLambda: [Double]
    public var loadPointLambdaError: [Double]
    public var loadPointHours: [Double]
    public var loadPointHoursError: [Double]
    /// Mean share of customers (0…1) per threshold, split total / fault / planned.
    public var cemi: [(n: Int, total: Double, fault: Double, planned: Double)]
    public var frequent: [(k: Int, total: Double, fault: Double, planned: Double)]
    public var celid: [(hours: Double, total: Double, fault: Double, planned: Double)]
    /// Mean customers a year with repeated outages (``MonteCarloOptions/repeatThreshold`` or more
    /// interruptions within ``MonteCarloOptions/repeatWindowDays`` days): all causes, faults
    /// alone, the planned work alone (the same every year).
    public var repeatedOutageCustomers: (total: Double, fault: Double, planned: Double)
    /// Customers served.
    public var customers: Int
    /// Planned customer-hours, customer interruptions and MWh not supplied added to every year
    /// (the schedule's days replayed, ``PlannedInterruptionTotals``).
    public var plannedCustomerHoursPerYear: Double
    public var plannedCustomerInterruptionsPerYear: Int
    public var plannedEnergyNotSuppliedMWhPerYear: Double
    /// Standard error / mean of SAIFI and SAIDI.
    public var relativeErrorSAIFI: Double
    public var relativeErrorSAIDI: Double
    public var seconds: Double
}

/// Sequential Monte Carlo simulation of fault (and planned) interruptions year by year.
///
/// Year i draws from its own stream `SeededRandom.stream(seed, i)`: the number of failures from a
/// Poisson law with the network's total failure rate, each failure's component in proportion to its
/// rate (alias table), its month (in proportion to days, times the monthly factors), its repair time
/// and switching multiplier from the chosen distributions; the failure's precomputed impact is
/// replayed with those durations. Years are simulated in fixed chunks and summed in chunk order, so
/// results are identical bit for bit whatever the number of threads.
public enum MonteCarloSimulation {
    public static func run(_ network: Network, planned: PlannedInterruptionTotals? = nil, options: MonteCarloOptions) -> MonteCarloResult {
        let clock = ContinuousClock()
        let start = clock.now
        let monthly = network.topology.sourceLimits.contains { $0.ratingMW.isFinite }
            || network.tieCapacityMW.contains { $0.isFinite } || network.sectionRatingMW.contains { $0.isFinite }
        let table = ImpactTable(network: network, monthly: monthly)
        let context = SimulationContext(network: network, table: table, planned: planned, options: options)
        let fold = FoldBox(ChunkFold(loadPoints: network.model.loadPoints.count, options: options))
        let chunk = MonteCarloOptions.chunkYears
        switch options.stopping {
        case .years(let years):
            let count = (years + chunk - 1) / chunk
            runChunks(context, range: 0..<count, totalYears: years, options: options, into: fold)
        case .relativeError(let target, let maximum):
            let batch = 16
            var next = 0
            let limit = (maximum + chunk - 1) / chunk
            while next < limit {
                let end = min(limit, next + batch)
                runChunks(context, range: next..<end, totalYears: maximum, options: options, into: fold)
                next = end
                let (saifi, saidi) = fold.value.relativeErrors
                if saifi <= target && saidi <= target { break }
            }
        }
        var result = context.reduce(fold.value, options: options)
        let duration = clock.now - start
        result.seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
        return result
    }

    /// Simulates the chunks of `range` on the threads and folds them into `fold` in chunk order
    /// as they complete (a finished chunk waits only for the ones before it).
    static func runChunks(_ context: SimulationContext, range: Range<Int>, totalYears: Int, options: MonteCarloOptions, into fold: FoldBox) {
        let workers = max(1, min(options.threads, range.count))
        let next = ChunkCounter()
        let chunk = MonteCarloOptions.chunkYears
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            var scratch = context.makeScratch()
            while true {
                let k = next.next()
                guard k < range.count else { return }
                let index = range.lowerBound + k
                let first = index * chunk
                let last = min(totalYears, first + chunk)
                let done = fold.offer(index, context.simulate(years: first..<last, scratch: &scratch))
                options.progress?(done, totalYears)
            }
        }
    }
}

/// The fold of the chunks done so far, and the chunks that wait for an earlier one.
final class FoldBox: @unchecked Sendable {
    private let lock = NSLock()
    private var fold: ChunkFold
    private var waiting: [Int: ChunkResult] = [:]
    private var nextIndex = 0

    init(_ fold: ChunkFold) { self.fold = fold }

    /// Folds chunk `index` (and those after it that are waiting) when its turn has come; the
    /// years folded so far.
    func offer(_ index: Int, _ chunk: ChunkResult) -> Int {
        lock.lock()
        defer { lock.unlock() }
        waiting[index] = chunk
        while let ready = waiting.removeValue(forKey: nextIndex) {
            fold.add(ready)
            nextIndex += 1
        }
        return fold.years
    }

    var value: ChunkFold {
        lock.lock()
        defer { lock.unlock() }
        return fold
    }
}

final class ChunkCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int { lock.lock(); defer { lock.unlock() }; value += 1; return value - 1 }
}

import GridModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What one chunk of simulated years adds up to (summed in chunk order afterwards).
struct ChunkResult: Sendable {
    var saifi: [Double] = []
    var saidi: [Double] = []
    var caidi: [Double] = []
    var ens: [Double] = []
    var faultSAIFI = 0.0
    var faultSAIDI = 0.0
    /// Per load point, fault interruptions and hours: Σ and Σ² over the chunk's years.
    var lpCount: [Double]
    var lpCountSquares: [Double]
    var lpHours: [Double]
    var lpHoursSquares: [Double]
    /// Σ over years of customers above each threshold: [threshold][total, fault].
    var cemi: [[Double]]
    var frequent: [[Double]]
    var celid: [[Double]]
    /// Σ over years of customers with repeated outages: all causes, faults alone.
    var repeated = (total: 0.0, fault: 0.0)
}

/// The chunks summed in chunk order as they come (so the result does not depend on threads and
/// memory does not grow with the years beyond ``YearlyValues/exactYears``).
struct ChunkFold: Sendable {
    var years = 0
    var saifi = YearlyValues()
    var saidi = YearlyValues()
    var caidi = YearlyValues()
    var ens = YearlyValues()
    var faultSAIFI = 0.0
    var faultSAIDI = 0.0
    var count: [Double]
    var countSquares: [Double]
    var hours: [Double]
    var hoursSquares: [Double]
    var cemi: [[Double]]
    var frequent: [[Double]]
    var celid: [[Double]]
    var repeated = (total: 0.0, fault: 0.0)
    /// Σ and Σ² of yearly SAIFI and SAIDI, in year order (the relative-error stopping rule).
    var sums = (saifi: 0.0, saidi: 0.0)
    var squares = (saifi: 0.0, saidi: 0.0)

    init(loadPoints: Int, options: MonteCarloOptions) {
        count = [Double](repeating: 0, count: loadPoints)
        countSquares = count
        hours = count
        hoursSquares = count
        cemi = options.cemiThresholds.map { _ in [0.0, 0.0] }
        frequent = options.frequentThresholds.map { _ in [0.0, 0.0] }
        celid = options.celidHours.map { _ in [0.0, 0.0] }
        for k in [\ChunkFold.saifi, \.saidi, \.caidi, \.ens] { self[keyPath: k].limit = options.exactYears }
    }

    mutating func add(_ chunk: ChunkResult) {
        years += chunk.saifi.count
        saifi.append(contentsOf: chunk.saifi)
        saidi.append(contentsOf: chunk.saidi)
        caidi.append(contentsOf: chunk.caidi)
        ens.append(contentsOf: chunk.ens)
        for k in chunk.saifi.indices {
            sums.saifi += chunk.saifi[k]
            sums.saidi += chunk.saidi[k]
            squares.saifi += chunk.saifi[k] * chunk.saifi[k]
            squares.saidi += chunk.saidi[k] * chunk.saidi[k]
        }
        faultSAIFI += chunk.faultSAIFI
        faultSAIDI += chunk.faultSAIDI
        for lp in count.indices {
            count[lp] += chunk.lpCount[lp]
            countSquares[lp] += chunk.lpCountSquares[lp]
            hours[lp] += chunk.lpHours[lp]
            hoursSquares[lp] += chunk.lpHoursSquares[lp]
        }
        for i in cemi.indices { cemi[i][0] += chunk.cemi[i][0]; cemi[i][1] += chunk.cemi[i][1] }
        for i in frequent.indices { frequent[i][0] += chunk.frequent[i][0]; frequent[i][1] += chunk.frequent[i][1] }
        for i in celid.indices { celid[i][0] += chunk.celid[i][0]; celid[i][1] += chunk.celid[i][1] }
        repeated.total += chunk.repeated.total
        repeated.fault += chunk.repeated.fault
    }

    /// Standard error / mean of SAIFI and SAIDI so far.
    var relativeErrors: (Double, Double) {
        let n = Double(years)
        func relative(_ s: Double, _ q: Double) -> Double {
            guard n > 1, s > 0 else { return s == 0 && n > 1 ? 0 : .infinity }
            let mean = s / n
            let variance = max(0, (q - n * mean * mean) / (n - 1))
            return (variance / n).squareRoot() / mean
        }
        return (relative(sums.saifi, squares.saifi), relative(sums.saidi, squares.saidi))
    }
}

/// Per-thread working arrays.
struct SimulationScratch {
    var count: [Int32]
    var hours: [Double]
    var touched: [Int32]
    var isTouched: [Bool]
    /// The year's fault interruptions longer than 3 min, as a list per load point threaded through
    /// flat arrays: `head[lp]` the last entry of the load point (-1: none), `startHours[e]` when
    /// entry e starts (hours into the year), `previous[e]` the load point's entry before it.
    var head: [Int32]
    var startHours: [Double] = []
    var previous: [Int32] = []
    /// Whether the starts are threaded while a year is drawn (worth it where most years have a
    /// load point that may repeat, as in a city), or a year that needs them is drawn again
    /// (cheaper where few do). Either way the same starts; chosen from the last chunk's years.
    var recordStarts = false
    /// Working list for the window count.
    var merged: [Double] = []
}

/// Everything fixed during a simulation.
struct SimulationContext: Sendable {
    let network: Network
    let table: ImpactTable
    let alias: AliasTable
    let totalRate: Double
    /// Cumulative probability of each month for the failure month draw.
    let monthCumulative: [Double]
    let options: MonteCarloOptions
    let customers: [Double]
    let averageMW: [Double]
    let totalCustomers: Double
    /// Planned interruptions and hours per load point, the same every year.
    let plannedCount: [Int32]
    let plannedHours: [Double]
    let plannedLoadPoints: [Int32]
    let plannedSAIFI: Double
    let plannedSAIDI: Double
    let plannedENS: Double
    /// The schedule's planned customer-hours and customer interruptions (exact sums).
    let plannedCustomerHours: Double
    let plannedCustomerInterruptions: Int
    /// Starts (hours into the year, sorted) of the planned interruptions longer than 3 min.
    let plannedStarts: [[Double]]
    /// Their number per load point.
    let plannedStartCount: [Int]
    /// Whether each load point's planned work alone repeats, and their customers in all.
    let plannedRepeats: [Bool]
    let plannedRepeatedCustomers: Double
    /// Hour of the year at which each month starts, and its length in hours.
    let monthStartHours: [Double]
    let monthHours: [Double]

    init(network: Network, table: ImpactTable, planned: PlannedInterruptionTotals?, options: MonteCarloOptions) {
        self.network = network
        self.table = table
        self.alias = AliasTable(weights: table.rate)
        self.totalRate = table.totalRate
        self.options = options
        let days = [31.0, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        let factors = options.monthlyFailureFactors ?? Array(repeating: 1, count: 12)
        var cumulative: [Double] = []
        var total = 0.0
        for m in 0..<12 {
            total += days[m] * factors[m]
            cumulative.append(total)
        }
        monthCumulative = cumulative.map { total > 0 ? $0 / total : 1 }
        monthHours = days.map { $0 * 24 }
        monthStartHours = (0..<12).map { m in days[..<m].reduce(0, +) * 24 }
        customers = network.model.loadPoints.map { Double($0.customers) }
        averageMW = network.model.loadPoints.map(\.averageMW)
        totalCustomers = customers.reduce(0, +)
        let totals = planned ?? PlannedInterruptionTotals(loadPoints: customers.count)
        plannedCustomerHours = totals.customerHours(in: network)
        plannedCustomerInterruptions = totals.customerInterruptions(in: network)
        let count = totals.counts.map { Int32(clamping: $0) }
        let hours = totals.hours
        plannedCount = count
        plannedHours = hours
        plannedLoadPoints = count.indices.filter { count[$0] > 0 }.map { Int32($0) }
        let counted = (0..<customers.count).map { lp -> [Double] in
            zip(totals.startsInYear[lp], totals.lengthsInYear[lp]).filter { $0.1 > MonteCarloOptions.shortInterruptionHours }.map(\.0).sorted()
        }
        plannedStarts = counted
        plannedStartCount = counted.map(\.count)
        let repeats = counted.map { Self.mostInWindow($0, windowHours: Double(options.repeatWindowDays) * 24) >= options.repeatThreshold }
        plannedRepeats = repeats
        var repeatedCustomers = 0.0
        for lp in repeats.indices where repeats[lp] { repeatedCustomers += customers[lp] }
        plannedRepeatedCustomers = repeatedCustomers
        var saifi = 0.0
        var saidi = 0.0
        var ens = 0.0
        for lp in count.indices {
            saifi += customers[lp] * Double(count[lp])
            saidi += customers[lp] * hours[lp]
            ens += averageMW[lp] * hours[lp]
        }
        let n = max(1, customers.reduce(0, +))
        plannedSAIFI = saifi / n
        plannedSAIDI = saidi / n
        plannedENS = ens
    }

    func makeScratch() -> SimulationScratch {
        SimulationScratch(
            count: [Int32](repeating: 0, count: customers.count), hours: [Double](repeating: 0, count: customers.count),
            touched: [], isTouched: [Bool](repeating: false, count: customers.count), head: [Int32](repeating: -1, count: customers.count))
    }

    /// The most starts (sorted) within one window [t, t + windowHours) opened at a start t.
    static func mostInWindow(_ starts: [Double], windowHours: Double) -> Int {
        var best = 0
        var last = 0
        for first in starts.indices {
            if last < first { last = first }
            while last + 1 < starts.count && starts[last + 1] - starts[first] < windowHours { last += 1 }
            best = max(best, last - first + 1)
        }
        return best
    }

    /// A Poisson draw (Knuth for small means, Hörmann's PTRS otherwise).
    static func poisson(_ mean: Double, _ random: inout SeededRandom) -> Int {
        if mean <= 0 { return 0 }
        if mean < 30 {
            let limit = exp(-mean)
            var product = random.nextUnit()
            var k = 0
            while product > limit {
                k += 1
                product *= random.nextUnit()
            }
            return k
        }
        let slam = mean.squareRoot()
        let loglam = log(mean)
        let b = 0.931 + 2.53 * slam
        let a = -0.059 + 0.02483 * b
        let invalpha = 1.1239 + 1.1328 / (b - 3.4)
        let vr = 0.9277 - 3.6224 / (b - 2)
        while true {
            let u = random.nextUnit() - 0.5
            let v = random.nextUnit()
            let us = 0.5 - abs(u)
            let k = ((2 * a / us + b) * u + mean + 0.43).rounded(.down)
            if us >= 0.07 && v <= vr { return Int(k) }
            if k < 0 || (us < 0.013 && v > us) { continue }
            if log(v) + log(invalpha) - log(a / (us * us) + b) <= -mean + k * loglam - lgamma(k + 1) { return Int(k) }
        }
    }

    func simulate(years: Range<Int>, scratch: inout SimulationScratch) -> ChunkResult {
        let lpCount = customers.count
        let cemiN = options.cemiThresholds
        let frequentK = options.frequentThresholds
        let celidT = options.celidHours
        var result = ChunkResult(
            lpCount: [Double](repeating: 0, count: lpCount), lpCountSquares: [Double](repeating: 0, count: lpCount),
            lpHours: [Double](repeating: 0, count: lpCount), lpHoursSquares: [Double](repeating: 0, count: lpCount),
            cemi: cemiN.map { _ in [0, 0] }, frequent: frequentK.map { _ in [0, 0] }, celid: celidT.map { _ in [0, 0] })
        result.saifi.reserveCapacity(years.count)
        result.saidi.reserveCapacity(years.count)
        result.caidi.reserveCapacity(years.count)
        result.ens.reserveCapacity(years.count)
        let repeatThreshold = options.repeatThreshold
        var repeatYears = 0
        defer { scratch.recordStarts = repeatYears * 4 > years.count }
        for year in years {
            var random = SeededRandom.stream(seed: options.seed, index: UInt64(year))
            let record = options.recordFailureTimes ?? scratch.recordStarts
            var timing = record ? timingStream(year) : SeededRandom(seed: 0)
            let events = Self.poisson(totalRate, &random)
            for _ in 0..<events {
                let (k, month, repair, scale) = drawFailure(&random)
                let start = record ? monthStartHours[month] + timing.nextUnit() * monthHours[month] : 0
                let variant = Int(table.variantOfMonth[k][month])
                for entry in table.start[variant]..<table.start[variant + 1] {
                    let lp = Int(table.loadPoint[entry])
                    let nominal = table.switchingHours[entry]
                    let duration = nominal < 0 ? repair : min(nominal * scale, repair)
                    if !scratch.isTouched[lp] {
                        scratch.isTouched[lp] = true
                        scratch.touched.append(Int32(lp))
                    }
                    scratch.count[lp] += 1
                    scratch.hours[lp] += duration
                    if record && duration > MonteCarloOptions.shortInterruptionHours { Self.thread(lp, start, &scratch) }
                }
            }
            // Year totals: fault part from the touched load points, planned part constant.
            var saifi = 0.0
            var saidi = 0.0
            var ens = 0.0
            var mayRepeat = false
            for lp32 in scratch.touched {
                let lp = Int(lp32)
                if Int(scratch.count[lp]) + plannedStartCount[lp] >= repeatThreshold { mayRepeat = true }
                let count = Double(scratch.count[lp])
                let hours = scratch.hours[lp]
                saifi += customers[lp] * count
                saidi += customers[lp] * hours
                ens += averageMW[lp] * hours
                result.lpCount[lp] += count
                result.lpCountSquares[lp] += count * count
                result.lpHours[lp] += hours
                result.lpHoursSquares[lp] += hours * hours
            }
            let faultSAIFI = saifi / totalCustomers
            let faultSAIDI = saidi / totalCustomers
            result.faultSAIFI += faultSAIFI
            result.faultSAIDI += faultSAIDI
            let yearSAIFI = faultSAIFI + plannedSAIFI
            let yearSAIDI = faultSAIDI + plannedSAIDI
            result.saifi.append(yearSAIFI)
            result.saidi.append(yearSAIDI)
            result.caidi.append(yearSAIFI > 0 ? yearSAIDI / yearSAIFI : .nan)
            result.ens.append(ens + plannedENS)
            // Repeated outages need the failures' times only where a load point's year can reach
            // the threshold: threaded while drawing (recordStarts), or the year drawn again.
            if mayRepeat {
                repeatYears += 1
                if !record { placeFailures(year: year, &scratch) }
                countRepeated(&scratch, into: &result)
            }
            // Customer distributions: fault only (touched), and all causes (touched ∪ planned).
            for lp32 in scratch.touched {
                let lp = Int(lp32)
                let faultCount = Int(scratch.count[lp])
                let totalCount = faultCount + Int(plannedCount[lp])
                let faultHours = scratch.hours[lp]
                let totalHours = faultHours + plannedHours[lp]
                let n = customers[lp]
                for (i, threshold) in cemiN.enumerated() {
                    if totalCount > threshold { result.cemi[i][0] += n }
                    if faultCount > threshold { result.cemi[i][1] += n }
                }
                for (i, threshold) in frequentK.enumerated() {
                    if totalCount >= threshold { result.frequent[i][0] += n }
                    if faultCount >= threshold { result.frequent[i][1] += n }
                }
                for (i, threshold) in celidT.enumerated() {
                    if totalHours > threshold { result.celid[i][0] += n }
                    if faultHours > threshold { result.celid[i][1] += n }
                }
            }
            for lp32 in plannedLoadPoints where !scratch.isTouched[Int(lp32)] {
                let lp = Int(lp32)
                let n = customers[lp]
                for (i, threshold) in cemiN.enumerated() where Int(plannedCount[lp]) > threshold { result.cemi[i][0] += n }
                for (i, threshold) in frequentK.enumerated() where Int(plannedCount[lp]) >= threshold { result.frequent[i][0] += n }
                for (i, threshold) in celidT.enumerated() where plannedHours[lp] > threshold { result.celid[i][0] += n }
            }
            if plannedRepeatedCustomers > 0 { result.repeated.total += plannedRepeatedUntouched(scratch) }
            for lp32 in scratch.touched {
                let lp = Int(lp32)
                scratch.count[lp] = 0
                scratch.hours[lp] = 0
                scratch.isTouched[lp] = false
                scratch.head[lp] = -1
            }
            scratch.touched.removeAll(keepingCapacity: true)
            scratch.startHours.removeAll(keepingCapacity: true)
            scratch.previous.removeAll(keepingCapacity: true)
        }
        return result
    }

    /// One failure of a year: which component, its month (0…11), repair hours and the switching
    /// time scale — the draws in this order, the same for the simulation and for the replay.
    @inline(__always)
    func drawFailure(_ random: inout SeededRandom) -> (component: Int, month: Int, repairHours: Double, switchingScale: Double) {
        let k = alias.draw(&random)
        let draw = random.nextUnit()
        var month = 0
        while month < 11 && draw >= monthCumulative[month] { month += 1 }
        let repair = table.outageHours[k] * options.repair.draw(&random)
        let scale = options.switching.draw(&random)
        return (k, month, repair, scale)
    }

    /// The stream that places each failure of `year` in its month: a stream of its own, so no
    /// other figure depends on it.
    func timingStream(_ year: Int) -> SeededRandom {
        SeededRandom.stream(seed: options.seed ^ 0x7265_7065_6174_6564, index: UInt64(year))
    }

    /// Threads a fault interruption's start onto its load point's list.
    @inline(__always)
    static func thread(_ lp: Int, _ start: Double, _ scratch: inout SimulationScratch) {
        scratch.previous.append(scratch.head[lp])
        scratch.head[lp] = Int32(truncatingIfNeeded: scratch.startHours.count)
        scratch.startHours.append(start)
    }

    /// The year's failures drawn again from the year's streams exactly as ``simulate(years:scratch:)``
    /// draws them, every interruption longer than 3 min threaded onto its load point's list.
    func placeFailures(year: Int, _ scratch: inout SimulationScratch) {
        var random = SeededRandom.stream(seed: options.seed, index: UInt64(year))
        var timing = timingStream(year)
        let events = Self.poisson(totalRate, &random)
        for _ in 0..<events {
            let (k, month, repair, scale) = drawFailure(&random)
            let start = monthStartHours[month] + timing.nextUnit() * monthHours[month]
            let variant = Int(table.variantOfMonth[k][month])
            for entry in table.start[variant]..<table.start[variant + 1] {
                let nominal = table.switchingHours[entry]
                let duration = nominal < 0 ? repair : min(nominal * scale, repair)
                if duration > MonteCarloOptions.shortInterruptionHours { Self.thread(Int(table.loadPoint[entry]), start, &scratch) }
            }
        }
    }

    /// Repeated outages of a year in which some load point may reach the threshold: faults
    /// alone (their starts threaded per load point as the year was drawn), then with the planned
    /// work of the load point.
    func countRepeated(_ scratch: inout SimulationScratch, into result: inout ChunkResult) {
        let windowHours = Double(options.repeatWindowDays) * 24
        let threshold = options.repeatThreshold
        for lp32 in scratch.touched {
            let lp = Int(lp32)
            guard Int(scratch.count[lp]) + plannedStartCount[lp] >= threshold else { continue }
            let n = customers[lp]
            scratch.merged.removeAll(keepingCapacity: true)
            var entry = scratch.head[lp]
            while entry >= 0 {
                scratch.merged.append(scratch.startHours[Int(entry)])
                entry = scratch.previous[Int(entry)]
            }
            scratch.merged.sort()
            if scratch.merged.count >= threshold && Self.mostInWindow(scratch.merged, windowHours: windowHours) >= threshold {
                result.repeated.fault += n
                result.repeated.total += n
            } else if plannedStartCount[lp] > 0 {
                scratch.merged.append(contentsOf: plannedStarts[lp])
                scratch.merged.sort()
                if Self.mostInWindow(scratch.merged, windowHours: windowHours) >= threshold { result.repeated.total += n }
            }
        }
    }

    /// Customers of load points no fault touched this year whose planned work alone repeats.
    func plannedRepeatedUntouched(_ scratch: SimulationScratch) -> Double {
        var total = plannedRepeatedCustomers
        for lp32 in scratch.touched where plannedRepeats[Int(lp32)] { total -= customers[Int(lp32)] }
        return total
    }

    /// The final result from the chunks folded in order.
    func reduce(_ fold: ChunkFold, options: MonteCarloOptions) -> MonteCarloResult {
        let lpCount = customers.count
        let count = fold.count, countSquares = fold.countSquares, hours = fold.hours, hoursSquares = fold.hoursSquares
        let cemi = fold.cemi, frequent = fold.frequent, celid = fold.celid
        let faultSAIFI = fold.faultSAIFI, faultSAIDI = fold.faultSAIDI
        let years = Double(max(1, fold.years))
        func meanAndError(_ sum: Double, _ squares: Double) -> (Double, Double) {
            let mean = sum / years
            let variance = years > 1 ? max(0, (squares - years * mean * mean) / (years - 1)) : 0
            return (mean, (variance / years).squareRoot())
        }
        var lambda: [Double] = []
        var lambdaError: [Double] = []
        var unavailability: [Double] = []
        var unavailabilityError: [Double] = []
        for lp in 0..<lpCount {
            let (l, le) = meanAndError(count[lp], countSquares[lp])
            let (u, ue) = meanAndError(hours[lp], hoursSquares[lp])
            lambda.append(l + Double(plannedCount[lp]))
            lambdaError.append(le)
            unavailability.append(u + plannedHours[lp])
            unavailabilityError.append(ue)
        }
        let share = 1 / (years * max(1, totalCustomers))
        func plannedShare(_ test: (Int) -> Bool) -> Double {
            var total = 0.0
            for lp in 0..<lpCount where test(lp) { total += customers[lp] }
            return total / max(1, totalCustomers)
        }
        let saifiDistribution = fold.saifi.distribution
        let saidiDistribution = fold.saidi.distribution
        return MonteCarloResult(
            years: fold.years, seed: options.seed, yearlySAIFI: fold.saifi.values, yearlySAIDI: fold.saidi.values,
            yearlyCAIDI: fold.caidi.values, yearlyENS: fold.ens.values, histogramSAIDI: fold.saidi.histogram(),
            saifi: saifiDistribution, saidi: saidiDistribution, caidi: fold.caidi.distribution, ens: fold.ens.distribution,
            faultSAIFI: faultSAIFI / years, faultSAIDI: faultSAIDI / years, plannedSAIFI: plannedSAIFI, plannedSAIDI: plannedSAIDI,
            loadPointLambda: lambda, loadPointLambdaError: lambdaError, loadPointHours: unavailability, loadPointHoursError: unavailabilityError,
            cemi: options.cemiThresholds.enumerated().map { i, n in (n, cemi[i][0] * share, cemi[i][1] * share, plannedShare { Int(plannedCount[$0]) > n }) },
            frequent: options.frequentThresholds.enumerated().map { i, k in (k, frequent[i][0] * share, frequent[i][1] * share, plannedShare { Int(plannedCount[$0]) >= k }) },
            celid: options.celidHours.enumerated().map { i, t in (t, celid[i][0] * share, celid[i][1] * share, plannedShare { plannedHours[$0] > t }) },
            repeatedOutageCustomers: (fold.repeated.total / years, fold.repeated.fault / years, plannedRepeatedCustomers),
            customers: Int(totalCustomers), plannedCustomerHoursPerYear: plannedCustomerHours,
            plannedCustomerInterruptionsPerYear: plannedCustomerInterruptions, plannedEnergyNotSuppliedMWhPerYear: plannedENS,
            relativeErrorSAIFI: saifiDistribution.mean > 0 ? saifiDistribution.standardError / saifiDistribution.mean : 0,
            relativeErrorSAIDI: saidiDistribution.mean > 0 ? saidiDistribution.standardError / saidiDistribution.mean : 0,
            seconds: 0)
    }
}

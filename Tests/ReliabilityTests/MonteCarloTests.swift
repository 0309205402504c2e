import Foundation
import GridModel
import Reliability
import Testing

struct MonteCarloTests {
    @Test func fixedDurationsAgreeWithTheAnalyticalIndicesWithinThreeStandardErrors() throws {
        let network = try Fixtures.bundledNetwork("rbts-bus2.json")
        let analytical = AnalyticalEvaluation.evaluate(network)
        let simulated = MonteCarloSimulation.run(network, options: MonteCarloOptions(stopping: .years(200_000), seed: 2026, threads: 2))
        #expect(simulated.years == 200_000)
        #expect(abs(simulated.saifi.mean - analytical.system.saifi) <= 3 * simulated.saifi.standardError,
                "SAIFI \(simulated.saifi.mean) ± \(simulated.saifi.standardError) vs \(analytical.system.saifi)")
        #expect(abs(simulated.saidi.mean - analytical.system.saidi) <= 3 * simulated.saidi.standardError,
                "SAIDI \(simulated.saidi.mean) ± \(simulated.saidi.standardError) vs \(analytical.system.saidi)")
        for lp in network.model.loadPoints.indices {
            let id = network.model.loadPoints[lp].id.rawValue
            #expect(abs(simulated.loadPointLambda[lp] - analytical.loadPoints[lp].interruptionsPerYear) <= 3 * simulated.loadPointLambdaError[lp], "\(id) λ")
            #expect(abs(simulated.loadPointHours[lp] - analytical.loadPoints[lp].hoursPerYear) <= 3 * simulated.loadPointHoursError[lp], "\(id) U")
        }
        // Standard errors shrink like 1/√years: at 200,000 years SAIDI is known to about 0.5 %.
        #expect(simulated.relativeErrorSAIDI < 0.01)
    }

    @Test func sameNumbersForOneAndTwoThreads() throws {
        let network = try Fixtures.bundledNetwork("rbts-bus2.json")
        var options = MonteCarloOptions(stopping: .years(20_000), seed: 77, threads: 1, repair: .lognormal(coefficientOfVariation: 0.6), switching: .exponential)
        let one = MonteCarloSimulation.run(network, options: options)
        options.threads = 2
        let two = MonteCarloSimulation.run(network, options: options)
        #expect(one.yearlySAIDI == two.yearlySAIDI)
        #expect(one.yearlySAIFI == two.yearlySAIFI)
        #expect(one.loadPointHours == two.loadPointHours)
        #expect(one.saidi == two.saidi)
        #expect(one.cemi.map(\.total) == two.cemi.map(\.total))
        // A different seed gives different years.
        options.seed = 78
        #expect(MonteCarloSimulation.run(network, options: options).yearlySAIDI != one.yearlySAIDI)
    }

    @Test func plannedOutageAddsExactlyItsCustomerMinutesToEveryYear() throws {
        let network = try Fixtures.bundledNetwork("rbts-bus2.json")
        // Work on lateral S2 (LP1, 210 customers) for 4 h. The fuse cut-out FU-S2 cannot break
        // load: the team drives out (55 min), opens LP1's low-voltage side (LP1 out from 1 h), the
        // cut-out (5 min), the work (4 h), drives back (55 min), closes the cut-out (5 min) and the
        // low-voltage side (5 min): LP1 out 4 + 70/60 h, 210 × 31/6 = 1085 customer-hours =
        // 65,100 customer-minutes a year.
        let zone = network.topology.zoneOfSection[network.sectionIndex["S2"]!]
        let schedule = PlannedSchedule(
            name: "one outage", network: nil, start: CivilDate("2027-03-01")!, end: CivilDate("2027-03-31")!, closedLoopTransfer: false, jobs: [],
            outages: [PlannedSchedule.Outage(id: "O1", date: CivilDate("2027-03-10")!, section: "S2", startHour: 9, workHours: 4, transfer: false, jobs: [])])
        #expect(network.topology.zoneOfSection[network.sectionIndex["S2"]!] == zone)
        let options = MonteCarloOptions(stopping: .years(5_000), seed: 5, threads: 2, repair: .exponential, switching: .exponential)
        let without = MonteCarloSimulation.run(network, options: options)
        let with = MonteCarloSimulation.run(network, planned: schedule.plannedInterruptions(on: network), options: options)
        #expect(abs(with.plannedCustomerHoursPerYear - 1085) < 1e-9)
        let minutes = (0..<without.years).map { (with.yearlySAIDI[$0] - without.yearlySAIDI[$0]) * 1908 * 60 }
        #expect(minutes.allSatisfy { abs($0 - 65_100) < 1e-6 })
        #expect((0..<without.years).allSatisfy { abs(with.yearlySAIFI[$0] - without.yearlySAIFI[$0] - 210.0 / 1908) < 1e-12 })
        let lp1 = network.loadPointIndex["LP1"]!
        #expect(abs(with.loadPointHours[lp1] - without.loadPointHours[lp1] - 31.0 / 6) < 1e-9)
        #expect(with.cemi[0].planned == 0)  // one planned interruption is not more than one
    }

    @Test func stoppingRuleReachesTheRequestedPrecision() throws {
        let network = try Fixtures.bundledNetwork("rbts-bus2.json")
        let result = MonteCarloSimulation.run(network, options: MonteCarloOptions(stopping: .relativeError(0.01, maximumYears: 2_000_000), seed: 3, threads: 2))
        #expect(result.relativeErrorSAIFI <= 0.01 && result.relativeErrorSAIDI <= 0.01)
        #expect(result.years < 2_000_000)
        #expect(result.years % MonteCarloOptions.chunkYears == 0)
    }

    @Test func customerDistributionsAreConsistent() throws {
        let network = try Fixtures.bundledNetwork("rbts-bus2-case-b.json")
        let result = MonteCarloSimulation.run(network, options: MonteCarloOptions(stopping: .years(20_000), seed: 9, threads: 2))
        // CEMIₙ falls with n; frequent(k) equals CEMI(k − 1).
        for i in 1..<result.cemi.count { #expect(result.cemi[i].total <= result.cemi[i - 1].total) }
        let cemi2 = result.cemi.first { $0.n == 2 }!.total
        let frequent3 = result.frequent.first { $0.k == 3 }!.total
        #expect(abs(cemi2 - frequent3) < 1e-12)
        // Case B: every failure on a feeder interrupts all its customers (λ ≈ 0.6/yr), so about
        // 1 − e^(−0.6)(1 + 0.6) ≈ 12 % of customers see more than one interruption a year.
        let cemi1 = result.cemi[0].total
        #expect(cemi1 > 0.08 && cemi1 < 0.16)
        #expect(result.celid[0].total > 0)
    }
}

/// Long simulations stream their summaries (issue 20): the same years summarised exactly and
/// streamed agree — the mean to the last bit (the same ordered sum), the standard deviation to
/// 1e-9, the quantiles within the 0.115 % bin width, the histogram year for year in total.
struct StreamingSummaryTests {
    @Test func streamedSummariesAgreeWithTheExactOnes() throws {
        let network = try Fixtures.bundledNetwork("rbts-bus2.json")
        var options = MonteCarloOptions(stopping: .years(200_000), seed: 7, threads: 2)
        let exact = MonteCarloSimulation.run(network, options: options)
        options.exactYears = 10_000
        let streamed = MonteCarloSimulation.run(network, options: options)
        #expect(exact.yearlySAIDI.count == 200_000)
        #expect(streamed.yearlySAIDI.isEmpty)
        for (a, b) in [(exact.saifi, streamed.saifi), (exact.saidi, streamed.saidi), (exact.caidi, streamed.caidi), (exact.ens, streamed.ens)] {
            #expect(a.mean == b.mean)
            #expect(abs(a.standardDeviation - b.standardDeviation) <= 1e-9 * a.standardDeviation)
            for (p, q) in [(a.p5, b.p5), (a.p50, b.p50), (a.p95, b.p95)] {
                #expect(abs(p - q) <= 0.0012 * max(p, 1e-9), "\(p) vs \(q)")
            }
        }
        // Bins up to min(P99, Q3 + 3 IQR), the years above counted apart; every year counted once.
        #expect(streamed.histogramSAIDI.counts.reduce(0, +) + streamed.histogramSAIDI.aboveCount == 200_000)
        #expect(exact.histogramSAIDI.counts.reduce(0, +) + exact.histogramSAIDI.aboveCount == 200_000)
        let sorted = exact.yearlySAIDI.sorted()
        func q(_ p: Double) -> Double {
            let h = p * Double(sorted.count - 1), k = Int(h)
            return sorted[k] + (h - Double(k)) * (sorted[k + 1] - sorted[k])
        }
        let cut = min(q(0.99), q(0.75) + 3 * (q(0.75) - q(0.25)))
        #expect(abs(exact.histogramSAIDI.edges.last! - cut) <= 1e-9 * cut)
        #expect(exact.histogramSAIDI.aboveCount == sorted.filter { $0 > exact.histogramSAIDI.edges.last! }.count)
        #expect(exact.histogramSAIDI.aboveCount >= 1_999)
        // Freedman–Diaconis: width 2 IQR / n^⅓, 10…60 bins.
        let expectedBins = min(60, max(10, Int(((cut - sorted[0]) / (2 * (q(0.75) - q(0.25)) / cbrt(200_000.0))).rounded(.up))))
        #expect(exact.histogramSAIDI.counts.count == expectedBins)
        #expect(exact.histogramSAIDI.largest == exact.yearlySAIDI.max())
        #expect(abs(streamed.histogramSAIDI.edges.last! - exact.histogramSAIDI.edges.last!) <= 0.0012 * exact.histogramSAIDI.edges.last!)
        #expect(exact.loadPointHours == streamed.loadPointHours)
    }
}

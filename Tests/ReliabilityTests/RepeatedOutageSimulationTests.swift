import GridModel
import Reliability
import Testing

/// The repeated-outage figure of the Monte Carlo simulation (issue 15, point 2), checked against
/// other figures the simulation counts by other code.
struct RepeatedOutageSimulationTests {
    /// A window longer than the year makes "k or more within the window" the same as "k or more in
    /// the year", which the frequent-interruption count (频繁停电 per year) gives: the same
    /// customers, year by year summed, for faults and for all causes.
    @Test func aWindowOfTheWholeYearCountsWhatTheYearlyFrequentCountDoes() throws {
        let network = try Fixtures.bundledNetwork("rbts-bus2.json")
        var options = MonteCarloOptions(stopping: .years(20_000), seed: 5, threads: 2, repair: .fixed, frequentThresholds: [2, 3])
        options.repeatWindowDays = 366
        for threshold in [2, 3] {
            options.repeatThreshold = threshold
            let result = MonteCarloSimulation.run(network, options: options)
            let frequent = try #require(result.frequent.first { $0.k == threshold })
            let customers = Double(result.customers)
            // Fixed times: RBTS restores by switching (1 h) or repair, so no interruption is 3 min or
            // shorter (those the repeated count leaves out, as DL/T 836 does).
            #expect(abs(result.repeatedOutageCustomers.total - frequent.total * customers) <= 1e-9 * customers, "k = \(threshold)")
            #expect(abs(result.repeatedOutageCustomers.fault - frequent.fault * customers) <= 1e-9 * customers, "k = \(threshold)")
            #expect(result.repeatedOutageCustomers.total > 0)
        }
    }

    /// Shorter windows count fewer customers, never more; the fault figure never exceeds the total;
    /// one and two threads agree; and the other figures are those of a simulation without it.
    @Test func shorterWindowsCountFewerAndTheRestIsUnchanged() throws {
        let network = try Fixtures.bundledNetwork("rbts-bus2.json")
        var options = MonteCarloOptions(stopping: .years(10_000), seed: 9, threads: 1, repair: .exponential)
        options.repeatThreshold = 2
        var previous = Double.infinity
        var saidi: [Double] = []
        for window in [366, 120, 30, 1] {
            options.repeatWindowDays = window
            let result = MonteCarloSimulation.run(network, options: options)
            #expect(result.repeatedOutageCustomers.total <= previous + 1e-9, "window \(window)")
            #expect(result.repeatedOutageCustomers.fault <= result.repeatedOutageCustomers.total + 1e-9)
            previous = result.repeatedOutageCustomers.total
            saidi.append(result.saidi.mean)
        }
        #expect(Set(saidi).count == 1)
        options.threads = 2
        let two = MonteCarloSimulation.run(network, options: options)
        options.threads = 1
        let one = MonteCarloSimulation.run(network, options: options)
        #expect(one.repeatedOutageCustomers.total == two.repeatedOutageCustomers.total)
    }
}

/// Threading failure times while drawing and drawing a year again give the same repeated-outage
/// figures (the two ways the simulation finds them), on RBTS and on a city where most years have a
/// load point that may repeat.
struct RepeatedOutageTimingTests {
    @Test func recordingAndReplayingGiveTheSameFigures() throws {
        let city = try Network.load(source: SourceText(fileName: "city.json", bytes: Array(NetworkGenerator.generate(.init(feeders: 40, seed: 3)).jsonOutput().renderedDocument().utf8))).network
        for network in [try Fixtures.bundledNetwork("rbts-bus2.json"), city] {
            var options = MonteCarloOptions(stopping: .years(3_000), seed: 4, threads: 2, repair: .exponential, switching: .exponential)
            options.repeatThreshold = 2
            var figures: [Double] = []
            for mode in [nil, true, false] as [Bool?] {
                options.recordFailureTimes = mode
                let result = MonteCarloSimulation.run(network, options: options)
                figures += [result.repeatedOutageCustomers.total, result.repeatedOutageCustomers.fault]
            }
            #expect(figures[0] == figures[2] && figures[2] == figures[4] && figures[1] == figures[3] && figures[3] == figures[5], "\(figures)")
            #expect(figures[0] > 0)
        }
    }
}

import Foundation
import GridModel
import Planner
import Reliability
import Testing

/// Property: a plan's figures are what its schedule does when replayed through the simulator's
/// path (the schedule file written, read back, every day's switching replayed on the network as
/// given — without the scenario's planning assumptions), to 10⁻⁹ relative.
struct PlanReplayPropertyTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var feeders: Int
        var seed: UInt64
        var testDescription: String { "\(feeders) feeders, seed \(seed)" }
    }

    static let cities: [Case] = [8, 25, 60].flatMap { feeders in [1, 2, 3].map { Case(feeders: feeders, seed: $0) } }

    static func check(_ network: Network, _ scenario: Scenario, timeLimit: Double) throws {
        let problem = try PlanningProblem(network: network, scenario: scenario)
        let result = Planner.plan(problem, options: PlanOptions(timeLimitSeconds: timeLimit, relativeGap: 0.01))
        #expect(result.evaluation.violations.isEmpty, "\(result.evaluation.violations.prefix(3))")
        let text = result.schedule(networkPath: nil).jsonOutput(network: problem.network).rendered()
        let schedule = try PlannedSchedule.decode(SourceText(fileName: "schedule.json", bytes: Array(text.utf8)), network: network)
        let replayed = schedule.plannedInterruptions(on: network)
        let kpis = result.planKPIs
        func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(a), abs(b)) }
        #expect(close(replayed.customerHours(in: network), kpis.customerHours), "customer-hours \(replayed.customerHours(in: network)) vs \(kpis.customerHours)")
        #expect(replayed.customerInterruptions(in: network) == kpis.customerInterruptions)
        #expect(close(replayed.energyNotSuppliedMWh(in: network), kpis.energyNotSuppliedMWh))
        #expect(replayed.counts == result.evaluation.interruptions)
        #expect(kpis.customerHours > 0 || result.evaluation.outages.isEmpty)
        // The objective's parts add up, and its outage part is 60 × those customer-hours.
        #expect(close(result.evaluation.parts.total, result.evaluation.objective))
        #expect(close(result.evaluation.parts.outageCustomerMinutes + result.evaluation.parts.bypassCustomerMinutes, 60 * kpis.customerHours))
    }

    @Test(arguments: cities)
    func generatedCityPlanReplaysToItsKPIs(_ city: Case) throws {
        let network = try Network(validating: NetworkGenerator.generate(NetworkGenerator.Options(feeders: city.feeders, seed: city.seed)))
        let scenario = Scenario.generate(network: network, jobs: city.feeders * 5, workingDays: 30, seed: city.seed, start: CivilDate("2027-04-05")!)
        try Self.check(network, scenario, timeLimit: 4)
    }

    @Test func rbtsQuarterPlanReplaysToItsKPIs() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let network = try Network.load(path: root.appendingPathComponent("networks/rbts-bus2.json").path).network
        let scenario = try Scenario.load(path: root.appendingPathComponent("scenarios/rbts-bus2-quarter.json").path, network: network)
        try Self.check(network, scenario, timeLimit: 20)
    }
}

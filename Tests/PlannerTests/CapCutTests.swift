import Foundation
import GLPKSolver
import GridModel
import Planner
import Testing

/// The counting cuts on the repeat cap (issue 19): a hand case where they decide the bound, and
/// the model with them against the model without, both solved to optimality.
@Suite struct CapCutTests {
    /// Four mandatory outage-only jobs on S1 (the head of F1), one outage crew, a cap of one
    /// interruption per customer. Every outage of S1's zone interrupts LA, LB and LC (350
    /// customers); one crew does one job a day, so four days and four interruptions each: an
    /// excess of 3 × 350 customer-interruptions whatever the plan — and the cut proves it.
    static func trunkJobs() -> Scenario {
        let jobs = (1...4).map { k in
            PlannerFixtures.job("J\(k)", "S1", hours: 2, from: "2027-04-19", to: "2027-04-30", methods: [.outage])
        }
        return PlannerFixtures.scenario(jobs, crews: 1, cap: 1)
    }

    @Test func trunkJobsExcessIsProvedByTheCut() throws {
        let scenario = Self.trunkJobs()
        let result = try PlannerFixtures.plan(scenario)
        let penalty = scenario.policy.capPenaltyCustomerMinutes
        #expect(result.evaluation.unscheduledMandatory.isEmpty)
        #expect(abs(result.evaluation.parts.capExcessPenalty - 3 * 350 * penalty) < 1e-6)
        #expect(Set(result.evaluation.outages.map(\.day)).count == 4)
        // The proved bound holds the whole excess (without the cut the LP shares outages
        // fractionally and proves far less).
        let bound = try #require(result.lowerBound)
        #expect(bound >= 3 * 350 * penalty - 1e-6)
        #expect((result.gap ?? 1) < 1e-6)

        let problem = try PlanningProblem(network: try PlannerFixtures.network(), scenario: scenario)
        let cuts = Planner.monolithicModel(problem).constraints.filter { $0.name.hasPrefix("capcut(") }
        #expect(cuts.count == 3)
        #expect(cuts.allSatisfy { $0.lowerBound == 3 })
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var feeders: Int
        var jobs: Int
        var seed: UInt64
        var cap: Int
        var testDescription: String { "\(feeders) feeders, \(jobs) jobs, seed \(seed), cap \(cap)" }
    }

    static let cases = [
        Case(feeders: 2, jobs: 16, seed: 1, cap: 1),
        Case(feeders: 3, jobs: 24, seed: 6, cap: 1),
        Case(feeders: 4, jobs: 32, seed: 6, cap: 1),
    ]

    /// The cuts never cut off a plan: the model with them and the model without reach the same
    /// optimum (each solved by GLPK to proved optimality), and the cases are chosen so that some
    /// cut is in the model.
    @Test(arguments: cases)
    func cutsKeepTheOptimum(_ item: Case) throws {
        let network = try Network(validating: NetworkGenerator.generate(NetworkGenerator.Options(feeders: item.feeders, seed: item.seed)))
        var scenario = Scenario.generate(network: network, jobs: item.jobs, workingDays: 15, seed: item.seed, start: CivilDate("2027-04-05")!)
        scenario.policy.maxPlannedInterruptionsPerCustomer = item.cap
        scenario.resources.outageCrews = 1
        let problem = try PlanningProblem(network: network, scenario: scenario)
        let with = Planner.monolithicModel(problem)
        let without = Planner.monolithicModel(problem, capCuts: false)
        #expect(with.constraints.contains { $0.name.hasPrefix("capcut(") })
        #expect(!without.constraints.contains { $0.name.hasPrefix("capcut(") })
        let a = try GLPKSolver.solve(with, options: SolveOptions(timeLimitSeconds: 120, relativeGap: 0))
        let b = try GLPKSolver.solve(without, options: SolveOptions(timeLimitSeconds: 120, relativeGap: 0))
        #expect(a.status == .optimal && b.status == .optimal)
        let x = try #require(a.objective)
        let y = try #require(b.objective)
        #expect(abs(x - y) <= 1e-7 * max(1, abs(y)), "with cuts \(x), without \(y)")
    }
}

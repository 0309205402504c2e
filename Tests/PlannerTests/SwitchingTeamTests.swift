import GridModel
import Planner
import Testing

/// Switching teams as a resource of the day, and their travel time (issue 14), on the hand
/// network of ``PlannerFixtures``.
struct SwitchingTeamTests {
    /// J1 on S3 (zone C, feeder F1) and J2 on S4 (zone D, feeder F2), both by outage, 4 h.
    static func jobs(to: String) -> [Job] {
        [PlannerFixtures.job("J1", "S3", hours: 4, from: "2027-04-05", to: to, methods: [.outage]),
         PlannerFixtures.job("J2", "S4", hours: 4, from: "2027-04-05", to: to, methods: [.outage])]
    }

    @Test func oneTeamForBothFeedersPutsTheOutagesOnDifferentDays() throws {
        // J1's order opens SW3 by hand; J2's opens CB2 from the control room but locks and tags
        // tie T at zone D on site: both need a team. One team for F1 and F2 and one day: one job
        // is left out; over two days they are apart, and the orders name the team.
        var scenario = PlannerFixtures.scenario(Self.jobs(to: "2027-04-05"))
        scenario.switching = SwitchingTeams(areas: [SwitchingTeams.Area(name: "North", feeders: ["F1", "F2"], teams: 1)])
        let problem = try PlanningProblem(network: try PlannerFixtures.network(), scenario: scenario)
        let costs = problem.jobs.map { problem.outageCost($0, Candidate(day: 0, method: .outage, shift: 0))! }
        #expect(costs.map(\.needsSwitchingTeam) == [true, true])
        #expect(costs[1].plan.operations.allSatisfy { $0.element.control(in: problem.network) == .remote })
        let oneDay = try PlannerFixtures.plan(scenario)
        #expect(oneDay.assignments.filter { $0 != nil }.count == 1)
        var twoDays = PlannerFixtures.scenario(Self.jobs(to: "2027-04-06"))
        twoDays.switching = scenario.switching
        let apart = try PlannerFixtures.plan(twoDays)
        #expect(apart.assignments.allSatisfy { $0 != nil })
        #expect(apart.assignments[0]!.day != apart.assignments[1]!.day)
        #expect(apart.evaluation.violations.isEmpty, "\(apart.evaluation.violations)")
        let teams = Set(apart.switchingOrders().flatMap { $0.steps.map(\.by) }.filter { $0.hasPrefix("switching team") })
        #expect(teams == ["switching team 1 (North)"])
        // Two teams: both on the first day.
        scenario.switching.areas[0].teams = 2
        let both = try PlannerFixtures.plan(scenario)
        #expect(both.assignments.allSatisfy { $0 != nil })
        let names = Set(both.switchingOrders().flatMap { $0.steps.map(\.by) }.filter { $0.hasPrefix("switching team") })
        #expect(names == ["switching team 1 (North)", "switching team 2 (North)"])
        // The evaluation flags a hand-made schedule that needs two teams where there is one.
        let day = oneDay.problem.days.firstIndex(of: PlannerFixtures.date("2027-04-05"))!
        let crowded = ScheduleEvaluation.evaluate(oneDay.problem, [Assignment(day: day, method: .outage, shift: 0), Assignment(day: day, method: .outage, shift: 0)])
        #expect(crowded.violations.contains { $0.contains("2 outages need a switching team in North, 1 available") }, "\(crowded.violations)")
    }

    @Test func withoutTeamsAnOutageWithManualStepsCannotBePlanned() throws {
        var scenario = PlannerFixtures.scenario([Self.jobs(to: "2027-04-06")[0]])
        scenario.switching = SwitchingTeams(teams: 0)
        let none = try PlannerFixtures.plan(scenario)
        #expect(none.assignments[0] == nil)
        #expect(none.unscheduled.first?.reason.contains("switching teams") == true, "\(none.unscheduled)")
        scenario.switching = SwitchingTeams(teams: 1)
        let one = try PlannerFixtures.plan(scenario)
        #expect(one.assignments[0] != nil)
        #expect(one.switchingOrders().first?.steps.first?.by == "switching team 1 (\(SwitchingTeams.otherArea))")
    }

    @Test func travelTimeIsAScenarioParameter() throws {
        // J1 on S3 alone: open SW3, work 4 h, close SW3; LC (200 customers) is out from the
        // opening to the closing: work + one manual step. With the network's 1 h per manual
        // step 200 × 5 = 1000 customer-hours; with 30 min travel + 5 min operating,
        // 200 × (4 + 35/60) = 916.67.
        var scenario = PlannerFixtures.scenario([Self.jobs(to: "2027-04-06")[0]])
        let standard = try PlannerFixtures.plan(scenario)
        #expect(abs(standard.evaluation.customerHours - 1000) < 1e-9)
        scenario.switching = SwitchingTeams(travelHours: 0.5)
        let quick = try PlannerFixtures.plan(scenario)
        #expect(abs(quick.evaluation.customerHours - 200 * (4 + 35.0 / 60)) < 1e-9, "\(quick.evaluation.customerHours)")
    }
}

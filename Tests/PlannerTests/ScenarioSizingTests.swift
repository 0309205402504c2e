import GridModel
import Planner
import Testing

/// `generate-jobs`'s sizing: crews raised until the scenario can be planned, counted by hand.
struct ScenarioSizingTests {
    @Test func oneCrewShortIsRaisedByTheProofAndTheUseIsCounted() throws {
        // Three outage-only jobs on Monday 5 / Tuesday 6 April with one outage crew a day: the
        // counting proof is 1 short over 2 days, so one crew more (⌈1/2⌉ = 1) a day. J1 (S3, below
        // A) and J2 (S1) may not be switched out on one day unless J1 rides J2's outage; either
        // way three crew-days are used of 2 × working days, and one day is fully booked.
        let scenario = PlannerFixtures.scenario([
            PlannerFixtures.job("J1", "S3", hours: 2, from: "2027-04-05", to: "2027-04-06", methods: [.outage]),
            PlannerFixtures.job("J2", "S1", hours: 2, from: "2027-04-05", to: "2027-04-06", methods: [.outage]),
            PlannerFixtures.job("J3", "S4", hours: 2, from: "2027-04-05", to: "2027-04-06", methods: [.outage]),
            // A window of Saturday and Sunday only: no crew count helps, the job becomes deferrable.
            PlannerFixtures.job("J4", "S4", hours: 2, from: "2027-04-10", to: "2027-04-11", methods: [.outage]),
        ], crews: 1)
        let network = try PlannerFixtures.network()
        let sizing = try scenario.sizedForPlanning(network: network)
        #expect(sizing.scenario.resources.outageCrews == 2)
        #expect(sizing.raises == [
            "outage crews 1 → 2: outage crews: 3 mandatory jobs (J1, J2, J3) can only be done in 2027-04-05…2027-04-06 and each needs one, 2 available there (1 short)"
        ])
        #expect(sizing.madeDeferrable.count == 1)
        #expect(sizing.madeDeferrable.first?.hasPrefix("J4: its window 2027-04-10…2027-04-11 has no working day") == true)
        #expect(sizing.scenario.jobs.first { $0.id == "J4" }?.mandatory == false)
        // Weekdays from 1 April to 31 July 2027: April 22, May 21, June 22, July 22 = 87.
        let crews = try #require(sizing.use.first { $0.resource == "outage crews" })
        #expect(crews.availableUnitDays == 2 * 87)
        #expect(crews.usedUnitDays == 3)
        #expect(crews.fullDays == 1)
        // The sized scenario plans with every mandatory job in.
        let result = Planner.plan(try PlanningProblem(network: network, scenario: sizing.scenario), options: PlanOptions(timeLimitSeconds: 10))
        #expect(result.unscheduled.filter(\.mandatory).isEmpty)
    }

    @Test func enoughCrewsAreLeftAlone() throws {
        let scenario = PlannerFixtures.scenario([
            PlannerFixtures.job("J1", "S3", hours: 2, from: "2027-04-05", to: "2027-04-16"),
        ], crews: 1)
        let sizing = try scenario.sizedForPlanning(network: try PlannerFixtures.network())
        #expect(sizing.raises.isEmpty)
        #expect(sizing.madeDeferrable.isEmpty)
        #expect(sizing.scenario.resources == scenario.resources)
    }
}

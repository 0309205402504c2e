import GridModel
import Planner
import Testing

/// Time of day and jobs of several days (issue 14), on the hand network of ``PlannerFixtures``.
struct TimeOfDayTests {
    /// The hand network with a day/night load profile (1.0 from 08:00 to 20:59, 0.5 otherwise)
    /// and LB, LC commercial (`commercial`), LA residential.
    static func nightNetwork(commercial: Bool = true) throws -> Network {
        var model = try PlannerFixtures.network().model
        model.loadProfile.hourlyFactors = (0..<24).map { (8...20).contains($0) ? 1.0 : 0.5 }
        if commercial {
            for k in model.loadPoints.indices where ["LB", "LC"].contains(model.loadPoints[k].id.rawValue) { model.loadPoints[k].customerClass = .commercial }
        }
        return try Network(validating: model)
    }

    static func nightScenario(_ jobs: [Job]) -> Scenario {
        var scenario = PlannerFixtures.scenario(jobs)
        scenario.workPeriods = [
            WorkPeriod(name: "day", startHours: [9], longestJobHours: 10),
            WorkPeriod(name: "night", startHours: [22], longestJobHours: 7, allowed: WorkPermission(customerClasses: [.commercial])),
        ]
        return scenario
    }

    static func plan(_ network: Network, _ scenario: Scenario) throws -> PlanResult {
        Planner.plan(try PlanningProblem(network: network, scenario: scenario), options: PlanOptions(timeLimitSeconds: 30, relativeGap: 0))
    }

    @Test func nightTransferOnACommercialZoneBeatsTheDayOutage() throws {
        // Work on zone S2 (LB, 4 h) with LC below; July (monthly factor 1). By day T has
        // 4.5 − 3 × 1.0 = 1.5 MW spare < LC's 2 MW, so only the outage is possible: open DS2 (1),
        // open SW3 (2), work 2…6, close SW3 (7), close DS2 (8): (50 + 200) × 7 = 1750
        // customer-hours (the July case of PlannerHandTests). From 22:00 every hour the tie
        // carries LC (23:00 … 07:00) has factor 0.5: spare 4.5 − 1.5 = 3 MW ≥ LC's 1 MW, so LC
        // moves first — open SW3 (1), close T (2), open DS2 (3), work 3…7, close DS2 (8), open
        // T (9), close SW3 (10): 50 × 5 + 200 × (1 + 1) = 650 customer-hours.
        let job = PlannerFixtures.job("J1", "S2", hours: 4, from: "2027-07-05", to: "2027-07-09", methods: [.transfer, .outage], type: .conductorRepair)
        let night = try Self.plan(try Self.nightNetwork(), Self.nightScenario([job]))
        let assignment = try #require(night.assignments[0])
        #expect(night.problem.shifts[assignment.shift].name == "night")
        #expect(night.problem.shifts[assignment.shift].startHour == 22)
        #expect(assignment.method == .transfer)
        #expect(abs(night.evaluation.customerHours - 650) < 1e-9)
        #expect(night.evaluation.violations.isEmpty, "\(night.evaluation.violations)")
        #expect(night.schedule(networkPath: nil).outages.first?.startHour == 22)
        // The work from 3 h to 7 h after 22:00: 01:00 to 05:00 the next morning.
        let row = try #require(night.scheduleRows().first)
        #expect((row.period, row.start, row.end, row.method) == ("night", "+1d 01:00", "+1d 05:00", "transfer"))
        #expect(night.scheduleCSV().contains("J1,2027-07-0"))
        #expect(night.switchingOrders().first?.startHour == 22)
        // Without the night period, or with LB residential (night work not open to the zone),
        // the day outage it is.
        var dayOnly = Self.nightScenario([job])
        dayOnly.workPeriods = nil
        let day = try Self.plan(try Self.nightNetwork(), dayOnly)
        #expect(day.assignments[0]?.method == .outage)
        #expect(abs(day.evaluation.customerHours - 1750) < 1e-9)
        let residential = try Self.plan(try Self.nightNetwork(commercial: false), Self.nightScenario([job]))
        #expect(residential.problem.shifts[residential.assignments[0]!.shift].name == "day")
        #expect(abs(residential.evaluation.customerHours - 1750) < 1e-9)
    }

    @Test func equalCustomerHoursKeepTheWorkInTheDay() throws {
        // A job on LC's zone by outage: the same 200 customers for the same hours by day and by
        // night; the off-hours unit keeps it in the day period.
        let job = PlannerFixtures.job("J1", "S3", hours: 4, from: "2027-07-05", to: "2027-07-09", methods: [.outage])
        let result = try Self.plan(try Self.nightNetwork(), Self.nightScenario([job]))
        #expect(result.problem.shifts[result.assignments[0]!.shift].name == "day")
    }

    @Test func threeDayJobIsOnConsecutiveWorkingDaysAndEachDayIsCountedAndCapped() throws {
        // J1 on S3 (LC, 200 customers) by outage for 3 days of 4 h, window Thu 2027-04-08 … Wed
        // 04-14: the runs are Thu–Fri–Mon, Fri–Mon–Tue, Mon–Tue–Wed (weekends are not working
        // days). One day's outage alone: open SW3 (1), T at the work zone confirmed open and
        // locked, work 1…5, close SW3 (6): 200 × 5 = 1000 customer-hours; three days 3000, LC
        // interrupted 3 times, once over the cap of 2: 200 customers × 1 × 100,000.
        var job = PlannerFixtures.job("J1", "S3", hours: 4, from: "2027-04-08", to: "2027-04-14", methods: [.outage])
        job.durationDays = 3
        let result = try PlannerFixtures.plan(PlannerFixtures.scenario([job], cap: 2))
        let problem = result.problem
        #expect(problem.jobs.map(\.job.id) == ["J1#1", "J1#2", "J1#3"])
        #expect(problem.jobs[0].candidates.count == 3)
        let days = result.assignments.map { $0.map { problem.days[$0.day] } }
        #expect(result.evaluation.violations.isEmpty, "\(result.evaluation.violations)")
        let dates = days.compactMap { $0 }
        #expect(dates.count == 3)
        let runs = [["2027-04-08", "2027-04-09", "2027-04-12"], ["2027-04-09", "2027-04-12", "2027-04-13"], ["2027-04-12", "2027-04-13", "2027-04-14"]]
        #expect(runs.contains(dates.map(\.description)), "\(dates)")
        #expect(result.evaluation.outages.count == 3)
        #expect(abs(result.evaluation.customerHours - 3000) < 1e-9)
        #expect(result.evaluation.interruptions[2] == 3)
        #expect(result.evaluation.customersOverCap == 200)
        #expect(abs(result.evaluation.parts.capExcessPenalty - 200 * 100_000) < 1e-6)
        // A plan that moves one day off the run breaks the job's rule.
        var broken = result.assignments
        let other = problem.jobs[1].candidates.first { $0 != result.assignments[1]!.candidate }!
        broken[1]!.day = other.day
        #expect(ScheduleEvaluation.evaluate(problem, broken).violations.contains { $0.contains("not on the day after part") })
    }

    @Test func threeDayJobInATwoDayWindowIsInfeasibleWithItsPlace() throws {
        var job = PlannerFixtures.job("J1", "S3", hours: 4, from: "2027-04-08", to: "2027-04-09", methods: [.outage])
        job.durationDays = 3
        job.location = "jobs[0]"
        let result = try PlannerFixtures.plan(PlannerFixtures.scenario([job]))
        guard case .infeasible(let reasons) = result.status else {
            Issue.record("expected infeasible, got \(result.status)")
            return
        }
        #expect(reasons.contains { $0.contains("takes 3 consecutive working days") && $0.contains("has 2 working days") && $0.contains("[jobs[0]]") }, "\(reasons)")
    }

    @Test func jobLongerThanEveryPeriodOpenToItIsInfeasible() throws {
        // 8 h of work on LA's zone (residential): the night period holds 7 h and is not open to it,
        // and the day period is made 6 h long.
        let job = PlannerFixtures.job("J1", "S1", hours: 8, from: "2027-07-05", to: "2027-07-09", methods: [.outage])
        var scenario = Self.nightScenario([job])
        scenario.workPeriods![0].longestJobHours = 6
        let result = try Self.plan(try Self.nightNetwork(), scenario)
        guard case .infeasible(let reasons) = result.status else {
            Issue.record("expected infeasible, got \(result.status)")
            return
        }
        #expect(reasons.contains { $0.contains("no work period takes its 8 h of work") && $0.contains("night holds 7 h (not open to this job)") }, "\(reasons)")
        #expect(reasons.contains { $0.contains("day holds 6 h,") }, "\(reasons)")
    }

    @Test func weekendWorkIsOnlyForThePermittedJobs() throws {
        // Window Sat 2027-04-10 … Sun 04-11: no working day unless weekend work is open to the job.
        let job = PlannerFixtures.job("J1", "S3", hours: 4, from: "2027-04-10", to: "2027-04-11", methods: [.outage])
        var scenario = PlannerFixtures.scenario([job])
        let closed = try PlannerFixtures.plan(scenario)
        #expect(closed.assignments[0] == nil)
        scenario.weekendWork = WorkPermission(jobs: ["J1"])
        let open = try PlannerFixtures.plan(scenario)
        let day = try #require(open.assignments[0]).day
        #expect(open.problem.scenario.isWeekend(open.problem.days[day]))
        #expect(open.evaluation.violations.isEmpty)
    }
}

import GridModel
import Planner

/// The small network of the planner tests, worked out by hand:
///
///     F1: SRC1 =CB1(remote)= S1 cable — A =DS2(load-break)= S2 overhead — B =SW3= S3 cable — C
///     F2: SRC2 =CB2(remote)= S4 cable — D                     tie T (manual): C – D
///
/// LA at A: 100 customers, 2 MW peak; LB at B: 50, 1 MW; LC at C: 200, 2 MW; LD at D: 10, 3 MW.
/// Manual switching 1 h. F2 is rated 4.5 MW: tie T has 1.5 MW of headroom at peak (not enough
/// for LC's 2 MW) and 4.5 − 1.8 = 2.7 MW in April (factor 0.6), when LC needs 1.2 MW.
enum PlannerFixtures {
    static func network() throws -> Network {
        var model = NetworkModel(name: "planner-hand")
        model.defaults.sections[.cable] = SectionKindDefaults(failureRate: 0.1, repairHours: 10)
        model.defaults.sections[.overheadBare] = SectionKindDefaults(failureRate: 0.1, repairHours: 5)
        model.loadProfile.monthlyFactors = [1, 1, 1, 0.6, 1, 1, 1, 1, 1, 1, 1, 1]
        model.buses = ["SRC1", "A", "B", "C", "SRC2", "D"].map { Bus(id: BusID($0)) }
        model.sources = [Source(id: "F1", bus: "SRC1", ratingMW: 10), Source(id: "F2", bus: "SRC2", ratingMW: 4.5)]
        model.sections = [
            Section(id: "S1", from: "SRC1", to: "A", kind: .cable, lengthKm: 1),
            Section(id: "S2", from: "A", to: "B", kind: .overheadBare, lengthKm: 1),
            Section(id: "S3", from: "B", to: "C", kind: .cable, lengthKm: 1),
            Section(id: "S4", from: "SRC2", to: "D", kind: .cable, lengthKm: 1),
        ]
        model.devices = [
            SwitchingDevice(id: "CB1", kind: .breaker, section: "S1", end: .from, control: .remote),
            SwitchingDevice(id: "DS2", kind: .disconnector, section: "S2", end: .from, loadBreak: true),
            SwitchingDevice(id: "SW3", kind: .loadBreakSwitch, section: "S3", end: .from),
            SwitchingDevice(id: "CB2", kind: .breaker, section: "S4", end: .from, control: .remote),
        ]
        model.ties = [Tie(id: "T", busA: "C", busB: "D")]
        model.loadPoints = [
            LoadPoint(id: "LA", bus: "A", customers: 100, averageMW: 1, peakMW: 2),
            LoadPoint(id: "LB", bus: "B", customers: 50, averageMW: 0.5, peakMW: 1),
            LoadPoint(id: "LC", bus: "C", customers: 200, averageMW: 1, peakMW: 2),
            LoadPoint(id: "LD", bus: "D", customers: 10, averageMW: 1.5, peakMW: 3),
        ]
        return try Network(validating: model)
    }

    static func date(_ text: String) -> CivilDate { CivilDate(text)! }

    static func job(_ id: String, _ section: String, hours: Double, from: String, to: String, methods: [WorkMethod]? = nil,
                    type: WorkType = .cableJointRepair, mandatory: Bool = true) -> Job {
        Job(id: id, workType: type, section: SectionID(section), durationHours: hours, earliest: date(from), latest: date(to),
            mandatory: mandatory, methods: methods)
    }

    static func scenario(_ jobs: [Job], crews: Int = 2, cap: Int = 5, bypassSets: Int = 1) -> Scenario {
        var policy = PlanningPolicy.standard
        policy.notificationLeadDays = 0
        policy.maxPlannedInterruptionsPerCustomer = cap
        return Scenario(
            name: "hand", start: date("2027-04-01"), end: date("2027-07-31"), policy: policy,
            resources: ResourcePool(liveTeams: [0, 2, 1, 1], bucketTrucks: 2, bypassCableSets: bypassSets, outageCrews: crews),
            jobs: jobs)
    }

    static func plan(_ scenario: Scenario, gap: Double = 0) throws -> PlanResult {
        let problem = try PlanningProblem(network: try network(), scenario: scenario)
        return Planner.plan(problem, options: PlanOptions(timeLimitSeconds: 30, relativeGap: gap))
    }
}

import GridModel

/// When and how a job is done.
public struct Assignment: Sendable, Equatable {
    /// Index into ``PlanningProblem/days``.
    public var day: Int
    public var method: WorkMethod
    /// For work by outage: the zone switched out that the job rides on — its own, or a zone above
    /// it opened for several jobs at once (一停多用). nil = its own zone, or the highest zone above
    /// it that another job switches out the same day.
    public var outageZone: Int?

    public init(day: Int, method: WorkMethod, outageZone: Int? = nil) {
        self.day = day
        self.method = method
        self.outageZone = outageZone
    }
}

/// One zone switched out on one day, shared by every job done there that day (一停多用).
public struct ZoneOutage: Sendable {
    public var zone: Int
    public var day: Int
    /// True when load below the zone is moved over ties.
    public var transfer: Bool
    /// Hours of work: the longest job (crews work in parallel).
    public var workHours: Double
    public var jobs: [Int]
    public var cost: OutageCost
    public var customerHours: Double { cost.customerHours(workHours: workHours) }
    public var energyMWh: Double { cost.energyMWh(workHours: workHours) }
}

/// Everything a set of assignments costs and breaks, computed the same way for the plan, the
/// greedy heuristic and the baseline.
public struct ScheduleEvaluation: Sendable {
    public var outages: [ZoneOutage]
    /// Planned customer-hours (时户数), zone outages plus bypass connections.
    public var customerHours: Double
    /// Energy not supplied, MWh.
    public var energyMWh: Double
    /// Planned interruptions per load point over the horizon.
    public var interruptions: [Int]
    /// Customers whose interruptions exceed the policy's cap.
    public var customersOverCap: Int
    /// Σ over load points of customers × interruptions beyond the cap.
    public var capExcessCustomerInterruptions: Double
    public var scheduledJobs: Int
    public var liveJobs: Int
    public var unscheduledMandatory: [Int]
    public var unscheduledDeferrable: [Int]
    public var deferralPenalty: Double
    public var resourceUnits: Double
    /// The objective the MILP minimises, with the same weights.
    public var objective: Double
    /// Violated hard rules (resources, precedence, ties, mutual backup, mixed modes), for checking.
    public var violations: [String]

    public static func evaluate(_ problem: PlanningProblem, _ assignments: [Assignment?], checkRules: Bool = true) -> ScheduleEvaluation {
        let network = problem.network
        var violations: [String] = []
        var bypassHours = 0.0
        var bypassMWh = 0.0
        var interruptions = [Int](repeating: 0, count: network.model.loadPoints.count)
        var scheduled = 0
        var live = 0
        var mandatoryMissing: [Int] = []
        var deferrableMissing: [Int] = []
        var penalty = 0.0
        var units = 0.0
        var preference = 0.0
        var deEnergising: [(job: Int, assignment: Assignment)] = []
        for (j, assignment) in assignments.enumerated() {
            let job = problem.jobs[j]
            guard let assignment else {
                if job.job.mandatory { mandatoryMissing.append(j) } else {
                    deferrableMissing.append(j)
                    penalty += job.job.deferralPenaltyCustomerMinutes
                }
                continue
            }
            scheduled += 1
            units += problem.resourceUnits(job, assignment.method)
            preference += problem.dayPreference(j, assignment.day)
            if assignment.method.isLive {
                live += 1
                if assignment.method == .bypass {
                    for lp in problem.bypassConnectionLoadPoints(job) {
                        let loadPoint = network.model.loadPoints[lp]
                        interruptions[lp] += 1
                        bypassHours += Double(loadPoint.customers) * problem.scenario.policy.bypassConnectionMinutes / 60
                        bypassMWh += loadPoint.averageMW * problem.scenario.policy.bypassConnectionMinutes / 60
                    }
                }
            } else {
                deEnergising.append((j, assignment))
            }
        }
        let outages = groupOutages(problem, deEnergising, violations: &violations)
        for outage in outages {
            for lp in outage.cost.interruptedLoadPoints { interruptions[lp] += 1 }
        }
        let cap = problem.scenario.policy.maxPlannedInterruptionsPerCustomer
        var over = 0
        var excess = 0.0
        for (lp, count) in interruptions.enumerated() where count > cap {
            over += network.model.loadPoints[lp].customers
            excess += Double(network.model.loadPoints[lp].customers * (count - cap))
        }
        let customerHours = outages.reduce(bypassHours) { $0 + $1.customerHours }
        let energy = outages.reduce(bypassMWh) { $0 + $1.energyMWh }
        let weights = problem.weights
        var objective = customerHours * 60 * weights.customerMinute
        objective += Double(scheduled - live) * weights.nonLiveJob
        objective += units * weights.resourceUnit + preference
        objective += penalty + Double(mandatoryMissing.count) * PlanningProblem.mandatoryMissPenalty
        objective += excess * problem.scenario.policy.capPenaltyCustomerMinutes
        if checkRules { violations += ruleViolations(problem, assignments, outages) }
        return ScheduleEvaluation(
            outages: outages, customerHours: customerHours, energyMWh: energy, interruptions: interruptions, customersOverCap: over,
            capExcessCustomerInterruptions: excess, scheduledJobs: scheduled, liveJobs: live, unscheduledMandatory: mandatoryMissing,
            unscheduledDeferrable: deferrableMissing, deferralPenalty: penalty, resourceUnits: units, objective: objective,
            violations: violations)
    }

    /// Groups de-energising jobs into zone outages. By outage, a job rides on the outage of its own
    /// zone or of any zone above it switched out the same day (everything below an open zone is
    /// dead too); by transfer, it needs its own zone out with the load below moved.
    static func groupOutages(_ problem: PlanningProblem, _ jobs: [(job: Int, assignment: Assignment)], violations: inout [String]) -> [ZoneOutage] {
        let zones = problem.network.topology.zones
        var outageZones: [Int: Set<Int>] = [:]
        for (j, assignment) in jobs where assignment.method == .outage {
            outageZones[assignment.day, default: []].insert(assignment.outageZone ?? problem.jobs[j].zone)
        }
        func top(_ zone: Int, day: Int) -> Int {
            var result = zone
            var walk = zones[zone].parent
            while walk >= 0 {
                if outageZones[day]?.contains(walk) == true { result = walk }
                walk = zones[walk].parent
            }
            return result
        }
        var groups: [Int: (zone: Int, day: Int, transfer: Bool, hours: Double, jobs: [Int])] = [:]
        for (j, assignment) in jobs {
            let job = problem.jobs[j]
            let transfer = assignment.method == .transfer
            let zone = transfer ? job.zone : top(assignment.outageZone ?? job.zone, day: assignment.day)
            if !transfer, let chosen = assignment.outageZone, !problem.network.topology.isInSubtree(job.zone, of: chosen) {
                violations.append("job \(job.job.id): rides on an outage of a zone that is not above it")
            }
            if transfer && top(job.zone, day: assignment.day) != job.zone || transfer && outageZones[assignment.day]?.contains(job.zone) == true {
                violations.append("job \(job.job.id): its zone is moved by transfer on \(problem.days[assignment.day]) while it, or a zone above it, is switched out")
            }
            let key = (zone * 2 + (transfer ? 1 : 0)) * 100_000 + assignment.day
            if var group = groups[key] {
                group.hours = max(group.hours, job.job.durationHours)
                group.jobs.append(j)
                groups[key] = group
            } else {
                groups[key] = (zone, assignment.day, transfer, job.job.durationHours, [j])
            }
        }
        var outages: [ZoneOutage] = []
        for key in groups.keys.sorted() {
            let group = groups[key]!
            let cost = problem.costs.cost(zone: group.zone, transfer: group.transfer, month: problem.days[group.day].month)
            outages.append(ZoneOutage(zone: group.zone, day: group.day, transfer: group.transfer, workHours: group.hours, jobs: group.jobs, cost: cost))
        }
        return outages
    }

    /// Resources per day, precedence, candidates, tie headroom and mutual back-up.
    static func ruleViolations(_ problem: PlanningProblem, _ assignments: [Assignment?], _ outages: [ZoneOutage]) -> [String] {
        var violations: [String] = []
        for (j, assignment) in assignments.enumerated() {
            guard let assignment else { continue }
            let job = problem.jobs[j]
            if !job.candidates.contains(Candidate(day: assignment.day, method: assignment.method)) {
                violations.append("job \(job.job.id): \(assignment.method.rawValue) on \(problem.days[assignment.day]) is not allowed")
            }
            for p in job.predecessors {
                guard let before = assignments[p], before.day < assignment.day else {
                    violations.append("job \(job.job.id) is not after \(problem.jobs[p].job.id)")
                    continue
                }
            }
        }
        for row in problem.capacityRows {
            var used = [Int](repeating: 0, count: problem.days.count)
            for (j, assignment) in assignments.enumerated() {
                guard let assignment, row.uses(problem.jobs[j], assignment.method) else { continue }
                used[assignment.day] += 1
            }
            for (d, count) in used.enumerated() where count > row.capacity[d] {
                violations.append("\(problem.days[d]): \(count) jobs need \(row.name), \(row.capacity[d]) available")
            }
        }
        // Ties and supplying feeders on each day.
        var tieLoad: [Int: Double] = [:]
        var feederLoad: [Int: Double] = [:]
        var outFeedersByDay: [Int: Set<Int>] = [:]
        for outage in outages {
            outFeedersByDay[outage.day, default: []].insert(problem.network.topology.zones[outage.zone].feeder)
        }
        for outage in outages where outage.transfer {
            for load in outage.cost.tieLoads {
                tieLoad[(load.tie * 2 + load.side) * 100_000 + outage.day, default: 0] += load.loadMW
                let feeder = problem.network.topology.tiePaths[load.tie][load.side].feeder
                feederLoad[feeder * 100_000 + outage.day, default: 0] += load.loadMW
            }
            for feeder in outage.cost.supplyingFeeders where outFeedersByDay[outage.day]?.contains(feeder) == true {
                violations.append("\(problem.days[outage.day]): feeder \(problem.network.model.sources[feeder].id.rawValue) supplies a transfer and is switched out for work the same day")
            }
        }
        for (key, load) in tieLoad {
            let tie = key / 100_000 / 2
            let side = (key / 100_000) % 2
            let day = key % 100_000
            let headroom = problem.tieHeadroomMW(tie, supplyingFeeder: problem.network.topology.tiePaths[tie][side].feeder, day: day)
            if load > headroom + 1e-6 {
                violations.append("\(problem.days[day]): tie \(problem.network.model.ties[tie].id.rawValue) carries \(load) MW with \(headroom) MW headroom")
            }
        }
        for (key, load) in feederLoad {
            let feeder = key / 100_000
            let day = key % 100_000
            let factor = problem.network.demandFactor(month: problem.days[day].month, hour: problem.scenario.policy.workStartHour)
            let headroom = problem.network.topology.sourceLimits[feeder].headroomMW(factor: factor)
            if load > headroom + 1e-6 {
                violations.append("\(problem.days[day]): feeder \(problem.network.model.sources[feeder].id.rawValue) picks up \(load) MW with \(headroom) MW headroom")
            }
        }
        return violations
    }
}

import GridModel
import Reliability

/// When and how a job is done.
public struct Assignment: Sendable, Equatable {
    /// Index into ``PlanningProblem/days``.
    public var day: Int
    public var method: WorkMethod
    /// Index into ``PlanningProblem/shifts``: when the work (and its outage) starts.
    public var shift: Int
    /// For work by outage: the outage the job is done in — its own zone, a zone above it switched
    /// out for several jobs (一停多用), or a transfer-mode outage that leaves its zone dead. nil =
    /// the highest zone above it (or its own) that a job by outage switches out that day.
    public var ride: OutageRef?

    public init(day: Int, method: WorkMethod, shift: Int, ride: OutageRef? = nil) {
        self.day = day
        self.method = method
        self.shift = shift
        self.ride = ride
    }

    /// The (day, method, shift) choice this assignment makes.
    public var candidate: Candidate { Candidate(day: day, method: method, shift: shift) }
}

/// One zone switched out on one day, shared by every job done in it that day (一停多用).
public struct ZoneOutage: Sendable {
    public var ref: OutageRef
    public var day: Int
    /// Hours of work: the longest job (crews work in parallel).
    public var workHours: Double
    public var jobs: [Int]
    /// The engine's plan and cost for these work hours.
    public var cost: OutageCost
    public var zone: Int { ref.zone }
    public var transfer: Bool { ref.transfer }
    /// This outage's own customer-hours and MWh (its switching replayed alone).
    public var customerHours: Double { cost.customerHours }
    public var energyMWh: Double { cost.energyMWh }
}

/// The objective of a schedule in its parts, in objective units (customer-minutes for the first
/// five; the last three are tie-breakers, docs/scenario-format.md "Objective").
public struct ObjectiveParts: Sendable, Equatable {
    /// 60 × customer-hours of the zone outages (work, switching, transfers and returns).
    public var outageCustomerMinutes = 0.0
    /// Customer-minutes of bypass / temporary-supply connection interruptions.
    public var bypassCustomerMinutes = 0.0
    /// Repeat-cap penalty: Σ customers × interruptions beyond the cap × the policy's penalty.
    public var capExcessPenalty = 0.0
    /// Deferrable jobs left out, at their deferral penalties.
    public var deferralPenalty = 0.0
    /// Mandatory jobs left out, at 10⁹ each.
    public var mandatoryMissPenalty = 0.0
    /// 0.001 per job not done live.
    public var nonLiveJobs = 0.0
    /// 0.000001 × weighted crew and vehicle units.
    public var resources = 0.0
    /// The day preference (at most 0.01 a job).
    public var dayPreference = 0.0

    public var total: Double {
        outageCustomerMinutes + bypassCustomerMinutes + capExcessPenalty + deferralPenalty + mandatoryMissPenalty + nonLiveJobs + resources + dayPreference
    }
}

/// Everything a set of assignments costs and breaks, computed the same way for the plan, the
/// greedy heuristic and the baseline: each zone outage planned by the engine for its real work
/// hours, each day's switching replayed with every outage of that day in place.
public struct ScheduleEvaluation: Sendable {
    /// Zone outages sorted by day, then zone, then mode.
    public var outages: [ZoneOutage]
    /// Planned interruptions per load point: zone outages (day by day) and bypass connections.
    public var totals: PlannedInterruptionTotals
    /// Planned customer-hours (时户数), zone outages plus bypass connections.
    public var customerHours: Double
    /// Planned customer interruptions (停电户次).
    public var customerInterruptions: Int
    /// Energy not supplied, MWh.
    public var energyMWh: Double
    /// Planned interruptions per load point over the horizon.
    public var interruptions: [Int] { totals.counts }
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
    public var parts: ObjectiveParts
    /// The objective the MILP minimises, with the same weights (`parts.total`).
    public var objective: Double
    /// Violated hard rules, for checking.
    public var violations: [String]

    public static func evaluate(_ problem: PlanningProblem, _ assignments: [Assignment?], checkRules: Bool = true) -> ScheduleEvaluation {
        let network = problem.network
        let policy = problem.scenario.policy
        var violations: [String] = []
        var parts = ObjectiveParts()
        var bypass = PlannedInterruptionTotals(loadPoints: network.model.loadPoints.count)
        var scheduled = 0
        var live = 0
        var mandatoryMissing: [Int] = []
        var deferrableMissing: [Int] = []
        var units = 0.0
        var deEnergising: [(job: Int, assignment: Assignment)] = []
        var bypassJobs: [(job: Int, day: Int)] = []
        for (j, assignment) in assignments.enumerated() {
            let job = problem.jobs[j]
            guard let assignment else {
                if job.job.mandatory {
                    mandatoryMissing.append(j)
                    parts.mandatoryMissPenalty += PlanningProblem.mandatoryMissPenalty
                } else {
                    deferrableMissing.append(j)
                    parts.deferralPenalty += job.job.deferralPenaltyCustomerMinutes
                }
                continue
            }
            scheduled += 1
            units += problem.resourceUnits(job, assignment.method) + problem.offHoursUnits(day: assignment.day, shift: assignment.shift)
            parts.dayPreference += problem.dayPreference(j, assignment.day)
            if assignment.method.isLive {
                live += 1
                if assignment.method == .bypass && policy.bypassConnectionMinutes > 0 {
                    bypassJobs.append((j, assignment.day))
                    let hours = policy.bypassConnectionMinutes / 60
                    let start = problem.startHour(assignment.shift)
                    bypass.add(problem.bypassConnectionLoadPoints(job).sorted().map { PlannedInterruption(loadPoint: $0, startHours: start, endHours: start + hours) })
                }
            } else {
                parts.nonLiveJobs += problem.weights.nonLiveJob
                deEnergising.append((j, assignment))
            }
        }
        parts.resources = units * problem.weights.resourceUnit
        let outages = groupOutages(problem, deEnergising, violations: &violations)

        // Every day replayed with all its outages.
        var totals = PlannedInterruptionTotals(loadPoints: network.model.loadPoints.count)
        let replay = SwitchingReplay(network: network)
        var byDay: [Int: [Int]] = [:]
        for (index, outage) in outages.enumerated() { byDay[outage.day, default: []].append(index) }
        for day in byDay.keys.sorted() {
            let result = replay.replay(byDay[day]!.map { PlannedOutageSteps(plan: outages[$0].cost.plan, startHours: problem.startHour(outages[$0].ref.shift)) })
            totals.add(result.interruptions)
            if checkRules && !result.leftOffNormal.isEmpty {
                violations.append("\(problem.days[day]): the switching leaves \(result.leftOffNormal.map { $0.label(in: network) }.joined(separator: ", ")) off normal")
            }
        }
        let outageHours = totals.customerHours(in: network)
        let bypassHours = bypass.customerHours(in: network)
        parts.outageCustomerMinutes = 60 * outageHours * problem.weights.customerMinute
        parts.bypassCustomerMinutes = 60 * bypassHours * problem.weights.customerMinute
        var all = totals
        for lp in all.counts.indices {
            all.counts[lp] += bypass.counts[lp]
            all.hours[lp] += bypass.hours[lp]
        }
        let cap = policy.maxPlannedInterruptionsPerCustomer
        var over = 0
        var excess = 0.0
        for (lp, count) in all.counts.enumerated() where count > cap {
            over += network.model.loadPoints[lp].customers
            excess += Double(network.model.loadPoints[lp].customers) * Double(count - cap)
        }
        parts.capExcessPenalty = excess * policy.capPenaltyCustomerMinutes
        if checkRules {
            violations += ruleViolations(problem, assignments, outages, bypassJobs: bypassJobs)
        }
        return ScheduleEvaluation(
            outages: outages, totals: all, customerHours: outageHours + bypassHours,
            customerInterruptions: all.customerInterruptions(in: network), energyMWh: totals.energyNotSuppliedMWh(in: network) + bypass.energyNotSuppliedMWh(in: network),
            customersOverCap: over, capExcessCustomerInterruptions: excess, scheduledJobs: scheduled, liveJobs: live,
            unscheduledMandatory: mandatoryMissing, unscheduledDeferrable: deferrableMissing, deferralPenalty: parts.deferralPenalty,
            resourceUnits: units, parts: parts, objective: parts.total, violations: violations)
    }

    /// Groups de-energising jobs into zone outages. A job by transfer is in its zone's transfer
    /// outage; a job by outage in the outage it rides on, or by default in the highest zone above
    /// it (or its own) that a job by outage switches out that day.
    static func groupOutages(_ problem: PlanningProblem, _ jobs: [(job: Int, assignment: Assignment)], violations: inout [String]) -> [ZoneOutage] {
        let topology = problem.network.topology
        var outageZones: [DayShift: Set<Int>] = [:]
        for (j, assignment) in jobs where assignment.method == .outage && assignment.ride?.transfer != true {
            outageZones[DayShift(day: assignment.day, shift: assignment.shift), default: []].insert(assignment.ride?.zone ?? problem.jobs[j].zone)
        }
        func top(_ zone: Int, day: Int, shift: Int) -> Int {
            var result = zone
            var walk = topology.zones[zone].parent
            while walk >= 0 {
                if outageZones[DayShift(day: day, shift: shift)]?.contains(walk) == true { result = walk }
                walk = topology.zones[walk].parent
            }
            return result
        }
        struct Key: Hashable, Comparable {
            var day: Int
            var ref: OutageRef
            static func < (a: Key, b: Key) -> Bool { (a.day, a.ref) < (b.day, b.ref) }
        }
        var groups: [Key: (hours: Double, jobs: [Int])] = [:]
        for (j, assignment) in jobs {
            let job = problem.jobs[j]
            let ref: OutageRef
            if assignment.method == .transfer {
                ref = OutageRef(zone: job.zone, transfer: true, shift: assignment.shift)
            } else if let ride = assignment.ride, ride.transfer {
                ref = ride
            } else {
                ref = OutageRef(zone: top(assignment.ride?.zone ?? job.zone, day: assignment.day, shift: assignment.shift), transfer: false, shift: assignment.shift)
            }
            if !topology.isInSubtree(job.zone, of: ref.zone) {
                violations.append("job \(job.job.id): rides on an outage of a zone that is not above it")
            }
            if ref.shift != assignment.shift {
                violations.append("job \(job.job.id): rides on an outage of another shift")
            }
            let key = Key(day: assignment.day, ref: ref)
            if var group = groups[key] {
                group.hours = max(group.hours, job.job.durationHours)
                group.jobs.append(j)
                groups[key] = group
            } else {
                groups[key] = (job.job.durationHours, [j])
            }
        }
        var outages: [ZoneOutage] = []
        for key in groups.keys.sorted() {
            let group = groups[key]!
            let cost = problem.costs.cost(zone: key.ref.zone, transfer: key.ref.transfer, month: problem.days[key.day].month, workHours: group.hours,
                                          startHour: problem.shifts[key.ref.shift].startHour)
            outages.append(ZoneOutage(ref: key.ref, day: key.day, workHours: group.hours, jobs: group.jobs, cost: cost))
        }
        return outages
    }
}

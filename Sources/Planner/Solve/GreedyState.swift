import GridModel
import Reliability

/// What the greedy schedule has committed so far, to price and check the next placement.
struct GreedyState {
    let problem: PlanningProblem
    var capacity: [[Int]]
    var used: [[Int]]
    /// Planned interruptions per load point so far.
    var interruptions: [Int]
    /// Outages of each day.
    var outages: [Int: [OutageRef: DayOutage]] = [:]
    /// Zones with a bypass that interrupts on connection, per day.
    var bypassZones: [Int: [Int]] = [:]

    struct DayOutage {
        var hours: Double
        var jobs: [Int]
        var cost: OutageCost
    }

    /// A way to place a job: its assignment, the outage it changes or opens, and the added objective.
    struct Placement {
        var assignment: Assignment
        var ref: OutageRef?
        var outage: DayOutage?
        var cost: Double
    }

    init(problem: PlanningProblem, capacity: [[Int]]) {
        self.problem = problem
        self.capacity = capacity
        self.used = capacity.map { [Int](repeating: 0, count: $0.count) }
        self.interruptions = [Int](repeating: 0, count: problem.network.model.loadPoints.count)
    }

    /// Takes over de-energising assignments already decided, grouped into outages as the evaluation groups them.
    mutating func load(_ committed: [(job: Int, assignment: Assignment)]) {
        var ignored: [String] = []
        for (j, assignment) in committed {
            for (r, row) in problem.capacityRows.enumerated() where row.uses(problem.jobs[j], assignment.method) { used[r][assignment.day] += 1 }
        }
        for outage in ScheduleEvaluation.groupOutages(problem, committed, violations: &ignored) {
            outages[outage.day, default: [:]][outage.ref] = DayOutage(hours: outage.workHours, jobs: outage.jobs, cost: outage.cost)
            for entry in outage.cost.interruptionCounts { interruptions[entry.loadPoint] += entry.count }
        }
    }

    mutating func applyLive(_ j: Int, _ assignment: Assignment) {
        let job = problem.jobs[j]
        for (r, row) in problem.capacityRows.enumerated() where row.uses(job, assignment.method) { used[r][assignment.day] += 1 }
        if assignment.method == .bypass && problem.scenario.policy.bypassConnectionMinutes > 0 {
            for lp in problem.bypassConnectionLoadPoints(job) { interruptions[lp] += 1 }
            bypassZones[assignment.day, default: []].append(job.zone)
        }
    }

    mutating func apply(_ j: Int, _ placement: Placement) {
        guard let ref = placement.ref, let outage = placement.outage else {
            applyLive(j, placement.assignment)
            return
        }
        let job = problem.jobs[j]
        let d = placement.assignment.day
        for (r, row) in problem.capacityRows.enumerated() where row.uses(job, placement.assignment.method) { used[r][d] += 1 }
        if let old = outages[d]?[ref] {
            for entry in old.cost.interruptionCounts { interruptions[entry.loadPoint] -= entry.count }
        }
        for entry in outage.cost.interruptionCounts { interruptions[entry.loadPoint] += entry.count }
        outages[d, default: [:]][ref] = outage
    }

    /// Added repeat-cap penalty when an outage's interruptions change from `old` to `new`.
    func capDelta(old: [(loadPoint: Int, count: Int)], new: [(loadPoint: Int, count: Int)]) -> Double {
        let cap = problem.scenario.policy.maxPlannedInterruptionsPerCustomer
        var change: [Int: Int] = [:]
        for entry in old { change[entry.loadPoint, default: 0] -= entry.count }
        for entry in new { change[entry.loadPoint, default: 0] += entry.count }
        var penalty = 0.0
        for (lp, delta) in change where delta != 0 {
            let before = max(0, interruptions[lp] - cap)
            let after = max(0, interruptions[lp] + delta - cap)
            penalty += Double(problem.network.model.loadPoints[lp].customers) * Double(after - before) * problem.scenario.policy.capPenaltyCustomerMinutes
        }
        return penalty
    }

    /// Whether outage `ref` with `cost` on day `d` keeps the day's rules with the other outages
    /// (all but `ref` itself), headroom and bypasses.
    func fits(_ ref: OutageRef, _ cost: OutageCost, day d: Int) -> Bool {
        let network = problem.network
        let others = outages[d] ?? [:]
        if let area = problem.teamArea(zone: ref.zone, cost: cost) {
            var teams = 0
            for (other, outage) in others where other != ref && problem.teamArea(zone: other.zone, cost: outage.cost) == area { teams += 1 }
            if teams + 1 > capacity[problem.teamRow(area)][d] { return false }
        }
        for (other, outage) in others where other != ref {
            if OutageRules.conflict(ref, cost, other, outage.cost, network: network) != nil { return false }
        }
        if problem.scenario.policy.bypassConnectionMinutes > 0 {
            for zone in bypassZones[d] ?? [] where OutageRules.bypassConflicts(zone: zone, with: ref, cost: cost, network: network) { return false }
        }
        guard ref.transfer || others.contains(where: { $0.key.transfer }) else { return true }
        var loads = ref.transfer ? cost.plan.transferLoads(in: network, startHours: problem.startHour(ref.shift)) : []
        for (other, outage) in others where other != ref && other.transfer {
            loads += outage.cost.plan.transferLoads(in: network, startHours: problem.startHour(other.shift))
        }
        return TransferHeadroom.violations(loads, month: problem.days[d].month, network: network).isEmpty
    }

    /// The cheapest way to do job `j` as `candidate` given what is committed, or nil when a rule forbids it.
    func bestPlacement(_ j: Int, _ candidate: Candidate) -> Placement? {
        let job = problem.jobs[j]
        let d = candidate.day
        for (r, row) in problem.capacityRows.enumerated() where row.uses(job, candidate.method) {
            if used[r][d] + 1 > capacity[r][d] { return nil }
        }
        let weights = problem.weights
        var base = (problem.resourceUnits(job, candidate.method) + problem.offHoursUnits(day: d, shift: candidate.shift)) * weights.resourceUnit
            + problem.dayPreference(j, d)
        if candidate.method.isLive {
            let assignment = Assignment(day: d, method: candidate.method, shift: candidate.shift)
            if candidate.method == .bypass && problem.scenario.policy.bypassConnectionMinutes > 0 {
                for (ref, outage) in outages[d] ?? [:] where OutageRules.bypassConflicts(zone: job.zone, with: ref, cost: outage.cost, network: problem.network) { return nil }
                let lps = problem.bypassConnectionLoadPoints(job).map { (loadPoint: $0, count: 1) }
                base += problem.bypassConnectionCustomerMinutes(job) * weights.customerMinute + capDelta(old: [], new: lps)
            }
            return Placement(assignment: assignment, ref: nil, outage: nil, cost: base)
        }
        base += weights.nonLiveJob
        let month = problem.days[d].month
        let duration = job.job.durationHours
        // Joining (or opening) outage `ref`.
        func price(_ ref: OutageRef) -> Placement? {
            let existing = outages[d]?[ref]
            let hours = max(existing?.hours ?? 0, duration)
            let cost: OutageCost
            if let existing, existing.hours == hours {
                cost = existing.cost
            } else {
                cost = problem.costs.cost(zone: ref.zone, transfer: ref.transfer, month: month, workHours: hours, startHour: problem.shifts[ref.shift].startHour)
            }
            if ref.transfer {
                guard cost.movesLoad else { return nil }
                let dead = Set(cost.deadForWorkZones)
                for member in (existing?.jobs ?? []) + [j] where !dead.contains(problem.jobs[member].zone) { return nil }
            }
            guard fits(ref, cost, day: d) else { return nil }
            let added = 60 * (cost.customerHours - (existing?.cost.customerHours ?? 0)) * weights.customerMinute
                + capDelta(old: existing?.cost.interruptionCounts ?? [], new: cost.interruptionCounts)
            let outage = DayOutage(hours: hours, jobs: (existing?.jobs ?? []) + [j], cost: cost)
            let ride: OutageRef? = candidate.method == .outage ? ref : nil
            return Placement(assignment: Assignment(day: d, method: candidate.method, shift: candidate.shift, ride: ride), ref: ref, outage: outage, cost: base + added)
        }
        if candidate.method == .transfer {
            return price(OutageRef(zone: job.zone, transfer: true, shift: candidate.shift))
        }
        // By outage: its own zone, or an outage already there (in the same shift) that leaves its zone dead.
        var best = price(OutageRef(zone: job.zone, transfer: false, shift: candidate.shift))
        for (ref, outage) in outages[d] ?? [:] where ref.shift == candidate.shift && (ref.zone != job.zone || ref.transfer) {
            let covers = ref.transfer ? outage.cost.deadForWorkZones.contains(job.zone) : problem.network.topology.isInSubtree(job.zone, of: ref.zone)
            guard covers, let placement = price(ref) else { continue }
            if best == nil || placement.cost < best!.cost - 1e-9 { best = placement }
        }
        return best
    }
}

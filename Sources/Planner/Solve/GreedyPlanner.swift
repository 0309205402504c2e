import GridModel

/// A fast feasible schedule: jobs in precedence order (mandatory, tight windows and costly outages
/// first), each put on the (day, method) that adds least to the objective given what is already
/// planned — sharing zone outages, respecting crews, ties and the repeat cap. It warm-starts the
/// MILP and is the `--heuristic` mode.
public struct GreedyPlanner {
    public let problem: PlanningProblem
    /// Capacity available per row and day (defaults to the scenario's).
    public var capacity: [[Int]]

    public init(problem: PlanningProblem, capacity: [[Int]]? = nil) {
        self.problem = problem
        self.capacity = capacity ?? problem.capacityRows.map(\.capacity)
    }

    /// Order in which jobs are placed: predecessors first; among available jobs, mandatory ones,
    /// then fewer candidates, then larger outage cost, then id.
    func order(_ jobs: [Int]) -> [Int] {
        let inSet = Set(jobs)
        var remaining = Set(jobs)
        var placed = Set<Int>()
        var result: [Int] = []
        func potential(_ j: Int) -> Double {
            let job = problem.jobs[j]
            guard let candidate = job.candidates.first(where: { $0.method.deEnergises }) else { return 0 }
            return problem.outageCost(job, method: candidate.method, day: candidate.day)?.customerHours(workHours: job.job.durationHours) ?? 0
        }
        let potentials = Dictionary(uniqueKeysWithValues: jobs.map { ($0, potential($0)) })
        while !remaining.isEmpty {
            let available = remaining.filter { j in problem.jobs[j].predecessors.allSatisfy { !inSet.contains($0) || placed.contains($0) } }
            let pick = (available.isEmpty ? remaining : available).min { a, b in
                let ja = problem.jobs[a]
                let jb = problem.jobs[b]
                if ja.job.mandatory != jb.job.mandatory { return ja.job.mandatory }
                if ja.candidates.count != jb.candidates.count { return ja.candidates.count < jb.candidates.count }
                if potentials[a]! != potentials[b]! { return potentials[a]! > potentials[b]! }
                return NaturalOrder.less(ja.job.id, jb.job.id)
            }!
            result.append(pick)
            placed.insert(pick)
            remaining.remove(pick)
        }
        return result
    }

    /// Assignments for `jobs` (others stay nil). `fixed` are assignments of other jobs already
    /// decided (their resources, zone outages and interruptions are taken into account).
    public func plan(jobs: [Int], fixed: [Assignment?]? = nil) -> [Assignment?] {
        var assignments = fixed ?? [Assignment?](repeating: nil, count: problem.jobs.count)
        var state = State(problem: problem, capacity: capacity)
        for (j, assignment) in assignments.enumerated() {
            if let assignment { state.apply(j, assignment) }
        }
        for j in order(jobs) {
            let job = problem.jobs[j]
            let earliestDay = job.predecessors.map { p in assignments[p].map { $0.day + 1 } ?? Int.max }.max() ?? 0
            var best: (cost: Double, candidate: Candidate)?
            for candidate in job.candidates where candidate.day >= earliestDay {
                guard let cost = state.incrementalCost(j, candidate) else { continue }
                if best == nil || cost < best!.cost - 1e-9 { best = (cost, candidate) }
            }
            if let best, job.job.mandatory || best.cost <= job.job.deferralPenaltyCustomerMinutes {
                let assignment = Assignment(day: best.candidate.day, method: best.candidate.method)
                assignments[j] = assignment
                state.apply(j, assignment)
            }
        }
        return assignments
    }

    /// What is committed so far, to price and check the next placement.
    struct State {
        let problem: PlanningProblem
        var capacity: [[Int]]
        var used: [[Int]]
        /// Zone-day → (transfer?, hours).
        var zoneDays: [Int: (transfer: Bool, hours: Double)] = [:]
        var interruptions: [Int]
        var tieLoad: [Int: Double] = [:]
        var feederLoad: [Int: Double] = [:]
        /// Day → feeders with a zone switched out / feeders supplying a transfer.
        var outFeeders: [Int: Set<Int>] = [:]
        /// Day → zones switched out (zone, by transfer?).
        var outZones: [Int: [(Int, Bool)]] = [:]
        var supplying: [Int: Set<Int>] = [:]

        init(problem: PlanningProblem, capacity: [[Int]]) {
            self.problem = problem
            self.capacity = capacity
            self.used = capacity.map { [Int](repeating: 0, count: $0.count) }
            self.interruptions = [Int](repeating: 0, count: problem.network.model.loadPoints.count)
        }

        func capPenalty(_ loadPoints: [Int]) -> Double {
            let cap = problem.scenario.policy.maxPlannedInterruptionsPerCustomer
            var penalty = 0.0
            for lp in loadPoints where interruptions[lp] + 1 > cap {
                penalty += Double(problem.network.model.loadPoints[lp].customers) * problem.scenario.policy.capPenaltyCustomerMinutes
            }
            return penalty
        }

        /// Added objective of doing job `j` as `candidate`, or nil when a rule forbids it.
        func incrementalCost(_ j: Int, _ candidate: Candidate) -> Double? {
            let job = problem.jobs[j]
            let d = candidate.day
            for (r, row) in problem.capacityRows.enumerated() where row.uses(job, candidate.method) {
                if used[r][d] + 1 > capacity[r][d] { return nil }
            }
            var cost = problem.resourceUnits(job, candidate.method) * problem.weights.resourceUnit
            if candidate.method.isLive {
                if candidate.method == .bypass {
                    cost += problem.bypassConnectionCustomerMinutes(job) + capPenalty(problem.bypassConnectionLoadPoints(job))
                }
                return cost
            }
            cost += problem.weights.nonLiveJob
            let transfer = candidate.method == .transfer
            let outageCost = problem.outageCost(job, method: candidate.method, day: d)!
            let topology = problem.network.topology
            // Conflicts with zones already out that day on this feeder.
            var covering: Int?
            for (zone, zoneTransfer) in outZones[d] ?? [] where topology.zones[zone].feeder == job.feeder {
                let above = topology.isInSubtree(job.zone, of: zone)
                let below = topology.isInSubtree(zone, of: job.zone)
                if transfer {
                    if zone == job.zone && zoneTransfer { continue }
                    if above || below { return nil }
                } else {
                    if zoneTransfer && (above || below) { return nil }
                    if above, covering == nil || topology.isInSubtree(covering!, of: zone) { covering = zone }
                }
            }
            if transfer, let existing = zoneDays[job.zone * 100_000 + d] {
                return cost + 60 * Double(outageCost.outCustomers) * max(0, job.job.durationHours - existing.hours)
            }
            if let covering {
                let existing = zoneDays[covering * 100_000 + d]!
                let coveringCost = problem.costs.cost(zone: covering, transfer: false, month: problem.days[d].month)
                return cost + 60 * Double(coveringCost.outCustomers) * max(0, job.job.durationHours - existing.hours)
            }
            let feeder = job.feeder
            if supplying[d]?.contains(feeder) == true { return nil }
            if transfer {
                for supplier in outageCost.supplyingFeeders where outFeeders[d]?.contains(supplier) == true { return nil }
                for load in outageCost.tieLoads {
                    let supplier = problem.network.topology.tiePaths[load.tie][load.side].feeder
                    let tieKey = (load.tie * 2 + load.side) * 100_000 + d
                    if (tieLoad[tieKey] ?? 0) + load.loadMW > problem.tieHeadroomMW(load.tie, supplyingFeeder: supplier, day: d) + 1e-9 { return nil }
                    let factor = problem.network.demandFactor(month: problem.days[d].month, hour: problem.scenario.policy.workStartHour)
                    if (feederLoad[supplier * 100_000 + d] ?? 0) + load.loadMW > problem.network.topology.sourceLimits[supplier].headroomMW(factor: factor) + 1e-9 { return nil }
                }
            }
            return cost + 60 * outageCost.customerHours(workHours: job.job.durationHours) + capPenalty(outageCost.interruptedLoadPoints)
        }

        mutating func apply(_ j: Int, _ assignment: Assignment) {
            let job = problem.jobs[j]
            let d = assignment.day
            for (r, row) in problem.capacityRows.enumerated() where row.uses(job, assignment.method) { used[r][d] += 1 }
            if assignment.method == .bypass {
                for lp in problem.bypassConnectionLoadPoints(job) { interruptions[lp] += 1 }
            }
            guard assignment.method.deEnergises else { return }
            let transfer = assignment.method == .transfer
            let topology = problem.network.topology
            // Joining an outage already there (own zone, or a zone above it by outage).
            for (zone, zoneTransfer) in outZones[d] ?? [] where zoneTransfer == transfer {
                let joins = transfer ? zone == job.zone : topology.isInSubtree(job.zone, of: zone)
                if joins {
                    let key = zone * 100_000 + d
                    zoneDays[key] = (transfer, max(zoneDays[key]!.hours, job.job.durationHours))
                    return
                }
            }
            let key = job.zone * 100_000 + d
            zoneDays[key] = (transfer, job.job.durationHours)
            outZones[d, default: []].append((job.zone, transfer))
            let cost = problem.outageCost(job, method: assignment.method, day: d)!
            for lp in cost.interruptedLoadPoints { interruptions[lp] += 1 }
            outFeeders[d, default: []].insert(job.feeder)
            if transfer {
                for load in cost.tieLoads {
                    tieLoad[(load.tie * 2 + load.side) * 100_000 + d, default: 0] += load.loadMW
                    let supplier = problem.network.topology.tiePaths[load.tie][load.side].feeder
                    feederLoad[supplier * 100_000 + d, default: 0] += load.loadMW
                }
                for supplier in cost.supplyingFeeders { supplying[d, default: []].insert(supplier) }
            }
        }
    }
}

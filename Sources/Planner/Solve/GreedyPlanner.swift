import GridModel
import Reliability

/// A fast feasible schedule: jobs in precedence order (mandatory, tight windows and costly outages
/// first), each put on the (day, method, outage) that adds least to the objective given what is
/// already planned — sharing zone outages, respecting crews, the outage rules of a day, headroom
/// and the repeat cap. It warm-starts the MILP and is the `--heuristic` mode.
public struct GreedyPlanner {
    public let problem: PlanningProblem
    /// Capacity available per row and day (defaults to the scenario's).
    public var capacity: [[Int]]

    public init(problem: PlanningProblem, capacity: [[Int]]? = nil) {
        self.problem = problem
        self.capacity = capacity ?? problem.fullCapacity
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
            return problem.outageCost(job, candidate)?.customerHours ?? 0
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
        var state = GreedyState(problem: problem, capacity: capacity)
        var committed: [(job: Int, assignment: Assignment)] = []
        for (j, assignment) in assignments.enumerated() {
            guard let assignment else { continue }
            if assignment.method.deEnergises { committed.append((j, assignment)) } else { state.applyLive(j, assignment) }
        }
        state.load(committed)
        let inSet = Set(jobs)
        for j in order(jobs) {
            let job = problem.jobs[j]
            let earliestDay = job.predecessors.map { p in assignments[p].map { $0.day + 1 } ?? Int.max }.max() ?? 0
            if job.parts > 1 {
                // A job of several days: its parts placed together on the run that adds least.
                guard job.part == 0 else { continue }
                let parts = Array(j..<(j + job.parts)).filter(inSet.contains)
                if let (placed, cost) = bestRun(parts, earliestDay: earliestDay, state: state),
                    job.job.mandatory || cost <= job.job.deferralPenaltyCustomerMinutes {
                    state = placed.state
                    for (p, assignment) in placed.assignments { assignments[p] = assignment }
                }
                continue
            }
            var best: GreedyState.Placement?
            for candidate in job.candidates where candidate.day >= earliestDay {
                guard let placement = state.bestPlacement(j, candidate) else { continue }
                if best == nil || placement.cost < best!.cost - 1e-9 { best = placement }
            }
            if let best, job.job.mandatory || best.cost <= job.job.deferralPenaltyCustomerMinutes {
                assignments[j] = best.assignment
                state.apply(j, best)
            }
        }
        return assignments
    }

    /// The cheapest run for the parts of one job of several days (candidate k of every part),
    /// each part placed on the state its earlier parts leave; nil when no run fits.
    func bestRun(_ parts: [Int], earliestDay: Int, state: GreedyState) -> (placed: (state: GreedyState, assignments: [(Int, Assignment)]), cost: Double)? {
        guard let first = parts.first else { return nil }
        var best: (placed: (state: GreedyState, assignments: [(Int, Assignment)]), cost: Double)?
        for k in problem.jobs[first].candidates.indices where problem.jobs[first].candidates[k].day >= earliestDay {
            var trial = state
            var cost = 0.0
            var placed: [(Int, Assignment)] = []
            for p in parts {
                guard let placement = trial.bestPlacement(p, problem.jobs[p].candidates[k]) else { placed = []; break }
                trial.apply(p, placement)
                cost += placement.cost
                placed.append((p, placement.assignment))
            }
            guard placed.count == parts.count else { continue }
            if best == nil || cost < best!.cost - 1e-9 { best = ((trial, placed), cost) }
        }
        return best
    }
}

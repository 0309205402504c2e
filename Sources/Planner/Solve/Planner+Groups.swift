import Foundation
import GLPKSolver
import GridModel

/// Group solves, repair of shared crews, and helpers of the planner.
extension Planner {
    /// Why the greedy schedule is not a valid warm start of some group's model, or nil (for tests).
    public static func greedyWarmStartProblem(_ result: PlanResult) -> String? {
        let problem = result.problem
        let capacity = problem.fullCapacity
        let greedy = GreedyPlanner(problem: problem).plan(jobs: Array(problem.jobs.indices))
        for g in problem.groupJobs.indices where !problem.groupJobs[g].isEmpty {
            let build = ScheduleMILP(problem: problem, jobs: problem.groupJobs[g], capacity: capacity, name: "check")
            if let issue = build.model.feasibilityProblem(build.values(for: greedy)) { return "group \(g): \(issue)" }
        }
        return nil
    }

    /// The schedule of one group's jobs in `assignments`.
    static func part(_ problem: PlanningProblem, _ group: Int, _ assignments: [Assignment?]) -> [Int: Assignment] {
        Dictionary(uniqueKeysWithValues: problem.groupJobs[group].compactMap { j in assignments[j].map { (j, $0) } })
    }

    /// Solves the listed groups in parallel, each alone with `capacity`, warm-started from `warm`;
    /// the time budget is shared in proportion to the models' sizes. Returns the builds too.
    static func solveGroups(
        _ problem: PlanningProblem, groups: [Int], capacity: [[Int]], prices: [[Double]]? = nil, warm: [Assignment?], budget: Double,
        options: PlanOptions
    ) -> [(build: ScheduleMILP, report: GroupReport, solution: [Int: Assignment]?)] {
        let builds = groups.map { g in
            ScheduleMILP(problem: problem, jobs: problem.groupJobs[g], capacity: capacity, name: "plan_group_\(g)", prices: prices)
        }
        let totalVariables = max(1, builds.reduce(0) { $0 + $1.model.variables.count })
        let box = ReportBox(count: groups.count)
        let workers = max(1, min(options.threads, groups.count))
        let next = Counter()
        let done = Counter()
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let k = next.next()
                guard k < groups.count else { return }
                let build = builds[k]
                let share = max(0.5, budget * Double(build.model.variables.count) / Double(totalVariables) * Double(workers))
                let solveOptions = SolveOptions(timeLimitSeconds: share, relativeGap: options.relativeGap / 10, warmStart: greedyWarmStart(build, warm))
                box.set(k, Self.solve(build, options: solveOptions))
                let solved = done.next() + 1
                options.progress?("solving tie groups: \(solved) of \(groups.count)")
            }
        }
        return groups.indices.map { k in
            let (report, solution) = box.get(k)
            return (builds[k], report, solution)
        }
    }

    /// Why a mandatory job found no place: the crews that were taken (or that there are none of)
    /// on its candidate days, or the other rules when crews were free.
    static func whyUnscheduled(_ problem: PlanningProblem, _ j: Int, _ assignments: [Assignment?]) -> String {
        let job = problem.jobs[j]
        var booked = Set<String>()
        var none = Set<String>()
        var noneOnSome = Set<String>()
        var otherRules = 0
        let choices = fullRows(problem, j, used: usage(problem, assignments))
        for (candidate, rows) in choices {
            for r in rows {
                let row = problem.capacityRows[r]
                if row.capacity[candidate.day] == 0 { none.insert(row.name) } else { booked.insert(row.name) }
            }
            if rows.isEmpty { otherRules += 1 }
        }
        // A resource with no unit on any of the job's days is "none available", not "booked".
        for name in none {
            let everyDay = choices.allSatisfy { choice in choice.rows.contains { problem.capacityRows[$0].name == name && problem.capacityRows[$0].capacity[choice.candidate.day] == 0 } }
            if !everyDay { noneOnSome.insert(name) }
        }
        let days = Set(job.candidates.map(\.day)).count
        let text = "job \(job.job.id) (\(job.methods.map(\.rawValue).joined(separator: "/")), \(days) possible days in \(job.job.earliest)…\(job.job.latest)): "
        var causes: [String] = []
        let noneEveryDay = none.subtracting(noneOnSome)
        if !noneEveryDay.isEmpty { causes.append("none available on any of those days: " + noneEveryDay.sorted().joined(separator: ", ")) }
        if !noneOnSome.isEmpty { causes.append("none available on some of those days: " + noneOnSome.sorted().joined(separator: ", ")) }
        if !booked.isEmpty { causes.append("fully booked on those days: " + booked.sorted().joined(separator: ", ")) }
        if otherRules > 0 { causes.append("\(otherRules) day-and-method choices blocked by tie headroom, the repeat cap, switching teams or outages of the same day") }
        return text + causes.joined(separator: "; ") + "; widen the window, add crews or make the job deferrable"
    }

    /// Makes the groups' schedules fit the shared crews: the groups, those with the fewest days for
    /// a mandatory job first, then the costliest, each keep their schedule when it fits what the
    /// groups before them left, or are solved again on that residual (warm-started from a greedy
    /// schedule that fits).
    static func repair(
        _ problem: PlanningProblem, groups: [Int], schedules: [[Int: Assignment]?], objectives: [Double],
        reports: inout [GroupReport], options: PlanOptions, deadline: Double
    ) -> [Assignment?] {
        let clock = ContinuousClock()
        let start = clock.now
        func remaining() -> Double {
            let used = clock.now - start
            return deadline - (Double(used.components.seconds) + Double(used.components.attoseconds) * 1e-18)
        }
        let fullCapacity = problem.fullCapacity
        let tightness = groups.map { g in
            problem.groupJobs[g].filter { problem.jobs[$0].job.mandatory }.map { Set(problem.jobs[$0].candidates.map(\.day)).count }.min() ?? Int.max
        }
        let order = groups.indices.sorted {
            if tightness[$0] != tightness[$1] { return tightness[$0] < tightness[$1] }
            if objectives[$0] != objectives[$1] { return objectives[$0] > objectives[$1] }
            return $0 < $1
        }
        var committed = [Assignment?](repeating: nil, count: problem.jobs.count)
        for (position, index) in order.enumerated() {
            let g = groups[index]
            var candidate = committed
            if let schedule = schedules[index] { for j in problem.groupJobs[g] { candidate[j] = schedule[j] } }
            if schedules[index] != nil && fitsCapacity(problem, candidate, fullCapacity) {
                committed = candidate
                continue
            }
            let residual = subtractUsage(problem, committed, from: fullCapacity)
            let warm = GreedyPlanner(problem: problem, capacity: residual).plan(jobs: problem.groupJobs[g], fixed: committed)
            let build = ScheduleMILP(problem: problem, jobs: problem.groupJobs[g], capacity: residual, name: "repair_group_\(g)")
            let budget = max(0.5, remaining() / Double(max(1, order.count - position)))
            let (report, solution) = Self.solve(build, options: SolveOptions(timeLimitSeconds: budget, relativeGap: options.relativeGap / 10, warmStart: greedyWarmStart(build, warm)))
            reports[index].repaired = true
            reports[index].seconds += report.seconds
            reports[index].log += report.log
            for j in problem.groupJobs[g] { committed[j] = solution?[j] ?? warm[j] }
            options.progress?("repairing shared crews: tie group \(position + 1) of \(order.count) (\(reports[index].feeders.joined(separator: "+")): \(report.status))")
        }
        return committed
    }

    /// The schedule as a warm start for a model, when it is feasible there.
    static func greedyWarmStart(_ build: ScheduleMILP, _ assignments: [Assignment?]) -> [Double]? {
        let values = build.values(for: assignments)
        return build.model.feasibilityProblem(values) == nil ? values : nil
    }

    static func solve(_ build: ScheduleMILP, options: SolveOptions) -> (GroupReport, [Int: Assignment]?) {
        var report = GroupReport(
            group: 0, feeders: [], jobs: build.jobs.count, variables: build.model.variables.count,
            constraints: build.model.constraints.count, status: "not solved", objective: nil, bound: nil, seconds: 0, nodes: 0,
            repaired: false, log: "")
        do {
            let result = try GLPKSolver.solve(build.model, options: options)
            report.status = result.status.text
            report.objective = result.objective
            report.bound = result.bestBound
            report.seconds = result.seconds
            report.nodes = result.nodes
            report.log = result.log
            guard let values = result.values else { return (report, nil) }
            return (report, build.assignments(from: values))
        } catch {
            report.status = "error: \(error)"
            return (report, nil)
        }
    }

    /// For each candidate of job `j`, the capacity rows it needs that `used` leaves no unit of.
    static func fullRows(_ problem: PlanningProblem, _ j: Int, used: [[Int]]) -> [(candidate: Candidate, rows: [Int])] {
        let job = problem.jobs[j]
        return job.candidates.map { candidate in
            (candidate, problem.capacityRows.indices.filter { r in
                let row = problem.capacityRows[r]
                return row.uses(job, candidate.method) && used[r][candidate.day] >= row.capacity[candidate.day]
            })
        }
    }

    /// Units used per row of ``PlanningProblem/fullCapacity`` and day: crews and vehicles per job,
    /// switching teams per outage.
    static func usage(_ problem: PlanningProblem, _ assignments: [Assignment?]) -> [[Int]] {
        var used = problem.fullCapacity.map { [Int](repeating: 0, count: $0.count) }
        var deEnergising: [(job: Int, assignment: Assignment)] = []
        for (j, assignment) in assignments.enumerated() {
            guard let assignment else { continue }
            for (r, row) in problem.capacityRows.enumerated() where row.uses(problem.jobs[j], assignment.method) {
                used[r][assignment.day] += 1
            }
            if assignment.method.deEnergises { deEnergising.append((j, assignment)) }
        }
        if !problem.switchingAreas.isEmpty {
            var ignored: [String] = []
            for outage in ScheduleEvaluation.groupOutages(problem, deEnergising, violations: &ignored) {
                if let area = problem.teamArea(zone: outage.zone, cost: outage.cost) { used[problem.teamRow(area)][outage.day] += 1 }
            }
        }
        return used
    }

    static func fitsCapacity(_ problem: PlanningProblem, _ assignments: [Assignment?], _ capacity: [[Int]]) -> Bool {
        let used = usage(problem, assignments)
        for r in used.indices {
            for d in used[r].indices where used[r][d] > capacity[r][d] { return false }
        }
        return true
    }

    static func subtractUsage(_ problem: PlanningProblem, _ assignments: [Assignment?], from capacity: [[Int]]) -> [[Int]] {
        let used = usage(problem, assignments)
        return capacity.indices.map { r in capacity[r].indices.map { d in max(0, capacity[r][d] - used[r][d]) } }
    }

    /// The whole plan as one MILP (every group, full crews), for export and re-solving elsewhere.
    public static func monolithicModel(_ problem: PlanningProblem, capCuts: Bool = true) -> MIPModel {
        ScheduleMILP(problem: problem, jobs: Array(problem.jobs.indices), capacity: problem.fullCapacity, name: "liveline_plan",
                     capCuts: capCuts).model
    }
}

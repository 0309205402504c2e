import Foundation
import GLPKSolver
import GridModel

/// Group solves, repair of shared crews, and helpers of the planner.
extension Planner {
    /// Why the greedy schedule is not a valid warm start of some group's model, or nil (for tests).
    public static func greedyWarmStartProblem(_ result: PlanResult) -> String? {
        let problem = result.problem
        let capacity = problem.capacityRows.map(\.capacity)
        for g in problem.groupJobs.indices where !problem.groupJobs[g].isEmpty {
            let build = ScheduleMILP(problem: problem, jobs: problem.groupJobs[g], capacity: capacity, name: "check")
            let values = build.values(for: GreedyPlanner(problem: problem).plan(jobs: Array(problem.jobs.indices)))
            if let issue = build.model.feasibilityProblem(values) { return "group \(g): \(issue)" }
        }
        return nil
    }

    /// The greedy schedule of one group's jobs.
    static func greedyPart(_ problem: PlanningProblem, _ group: Int, _ greedy: [Assignment?]) -> [Int: Assignment] {
        Dictionary(uniqueKeysWithValues: problem.groupJobs[group].compactMap { j in greedy[j].map { (j, $0) } })
    }

    /// Whether the groups' own latest solutions already are `best` (nothing left to improve).
    static func fitsWithoutRepair(_ problem: PlanningProblem, _ best: [Assignment?], _ solutions: [[Int: Assignment]?], _ groups: [Int]) -> Bool {
        for (index, g) in groups.enumerated() {
            guard let solution = solutions[index] else { return false }
            for j in problem.groupJobs[g] where solution[j] != best[j] { return false }
        }
        return true
    }

    /// Solves the listed groups (indices into `groups`) in parallel with crew prices.
    static func solveGroups(
        _ problem: PlanningProblem, groups: [Int], indices: [Int], prices: [[Double]], warm: [[Int: Assignment]], budget: Double,
        options: PlanOptions
    ) -> [(Int, (GroupReport, [Int: Assignment]?))] {
        let fullCapacity = problem.capacityRows.map(\.capacity)
        let builds = indices.map { index in
            ScheduleMILP(problem: problem, jobs: problem.groupJobs[groups[index]], capacity: fullCapacity, name: "plan_group_\(groups[index])", prices: prices)
        }
        let totalVariables = max(1, builds.reduce(0) { $0 + $1.model.variables.count })
        let box = ReportBox(count: indices.count)
        let workers = max(1, min(options.threads, indices.count))
        let next = Counter()
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let k = next.next()
                guard k < indices.count else { return }
                let build = builds[k]
                let share = max(0.5, budget * Double(build.model.variables.count) / Double(totalVariables) * Double(workers))
                var assignments = [Assignment?](repeating: nil, count: problem.jobs.count)
                for (j, assignment) in warm[indices[k]] { assignments[j] = assignment }
                let solveOptions = SolveOptions(timeLimitSeconds: share, relativeGap: options.relativeGap / 10, warmStart: greedyWarmStart(build, assignments))
                box.set(k, Self.solve(build, options: solveOptions))
            }
        }
        return indices.enumerated().map { k, index in (index, box.get(k)) }
    }

    /// Why a mandatory job found no place: the crews that were taken on its candidate days, or
    /// the other rules when crews were free.
    static func whyUnscheduled(_ problem: PlanningProblem, _ j: Int, _ assignments: [Assignment?]) -> String {
        let job = problem.jobs[j]
        let used = usage(problem, assignments)
        var short = Set<String>()
        var otherRules = 0
        for candidate in job.candidates {
            var blocked = false
            for (r, row) in problem.capacityRows.enumerated() where row.uses(job, candidate.method) && used[r][candidate.day] >= row.capacity[candidate.day] {
                short.insert(row.name)
                blocked = true
            }
            if !blocked { otherRules += 1 }
        }
        let days = Set(job.candidates.map(\.day)).count
        var text = "job \(job.job.id) (\(job.methods.map(\.rawValue).joined(separator: "/")), \(days) possible days in \(job.job.earliest)…\(job.job.latest)): "
        if !short.isEmpty { text += "fully booked on those days: " + short.sorted().joined(separator: ", ") }
        if otherRules > 0 { text += (short.isEmpty ? "" : "; ") + "\(otherRules) day-and-method choices blocked by tie headroom, the repeat cap or switching conflicts" }
        return text + "; widen the window, add crews or make the job deferrable"
    }

    /// Makes the groups' schedules fit the shared crews. Sweep 1 goes through the groups, most
    /// costly first: each keeps its first-pass schedule when it fits what the groups before it
    /// left, or is solved again on that residual (warm-started from a greedy schedule that fits).
    /// Sweep 2, while time remains, solves each group again on what the others leave, warm-started
    /// from its current schedule, so it can only improve.
    static func repair(
        _ problem: PlanningProblem, groups: [Int], passOne: [[Int: Assignment]?], reports: inout [GroupReport],
        options: PlanOptions, deadline: Double, improve: Bool
    ) -> [Assignment?] {
        let clock = ContinuousClock()
        let start = clock.now
        func remaining() -> Double {
            let used = clock.now - start
            return deadline - (Double(used.components.seconds) + Double(used.components.attoseconds) * 1e-18)
        }
        let fullCapacity = problem.capacityRows.map(\.capacity)
        // Groups whose mandatory jobs have the fewest possible days choose first; then the costliest.
        let tightness = groups.map { g in
            problem.groupJobs[g].filter { problem.jobs[$0].job.mandatory }.map { Set(problem.jobs[$0].candidates.map(\.day)).count }.min() ?? Int.max
        }
        let order = groups.indices.sorted {
            if tightness[$0] != tightness[$1] { return tightness[$0] < tightness[$1] }
            return (reports[$0].objective ?? 0) > (reports[$1].objective ?? 0)
        }
        var committed = [Assignment?](repeating: nil, count: problem.jobs.count)
        func solveGroup(_ index: Int, warm: [Assignment?], name: String) {
            let g = groups[index]
            var others = committed
            for j in problem.groupJobs[g] { others[j] = nil }
            let residual = subtractUsage(problem, others, from: fullCapacity)
            let build = ScheduleMILP(problem: problem, jobs: problem.groupJobs[g], capacity: residual, name: name)
            let budget = max(0.5, remaining() / Double(max(1, order.count)))
            let (report, solution) = Self.solve(build, options: SolveOptions(timeLimitSeconds: budget, relativeGap: options.relativeGap / 10, warmStart: greedyWarmStart(build, warm)))
            reports[index].repaired = true
            reports[index].seconds += report.seconds
            reports[index].log += report.log
            if let solution {
                for j in problem.groupJobs[g] { committed[j] = solution[j] }
            } else {
                for j in problem.groupJobs[g] { committed[j] = warm[j] }
            }
        }
        // Sweep 1.
        for index in order {
            let g = groups[index]
            var candidate = committed
            if let solution = passOne[index] { for j in problem.groupJobs[g] { candidate[j] = solution[j] } }
            if passOne[index] != nil && fitsCapacity(problem, candidate, fullCapacity) {
                committed = candidate
                continue
            }
            let warm = GreedyPlanner(problem: problem).plan(jobs: problem.groupJobs[g], fixed: committed)
            solveGroup(index, warm: warm, name: "repair_group_\(g)")
            options.progress?("repaired tie group \(reports[index].feeders.joined(separator: "+")): \(reports[index].status)")
        }
        // Sweep 2: improve each group against what the others now use.
        var improved = true
        var sweeps = 0
        while improve && improved && sweeps < 6 && remaining() > 1 {
            improved = false
            sweeps += 1
            for index in order where remaining() > 0.5 {
                let before = ScheduleEvaluation.evaluate(problem, committed, checkRules: false).objective
                let current = committed
                solveGroup(index, warm: current, name: "improve_group_\(groups[index])")
                let after = ScheduleEvaluation.evaluate(problem, committed, checkRules: false).objective
                if after > before + 1e-9 { committed = current } else if after < before - 1e-6 { improved = true }
            }
        }
        return committed
    }

    /// The greedy schedule as a warm start for a group's model, when it is feasible there.
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
            if case .infeasible = result.status { report.status = "infeasible" }
            guard let values = result.values else { return (report, nil) }
            return (report, build.assignments(from: values))
        } catch {
            report.status = "error: \(error)"
            return (report, nil)
        }
    }

    static func usage(_ problem: PlanningProblem, _ assignments: [Assignment?]) -> [[Int]] {
        var used = problem.capacityRows.map { [Int](repeating: 0, count: $0.capacity.count) }
        for (j, assignment) in assignments.enumerated() {
            guard let assignment else { continue }
            for (r, row) in problem.capacityRows.enumerated() where row.uses(problem.jobs[j], assignment.method) {
                used[r][assignment.day] += 1
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
    public static func monolithicModel(_ problem: PlanningProblem) -> MIPModel {
        ScheduleMILP(problem: problem, jobs: Array(problem.jobs.indices), capacity: problem.capacityRows.map(\.capacity), name: "liveline_plan").model
    }
}


import Foundation
import GLPKSolver
import GridModel

/// The search behind ``Planner/plan(_:options:)``: first pass by tie group (which gives the
/// bound), repair of shared crews, neighbourhood search, and a whole-model polish.
struct DecompositionSearch {
    let problem: PlanningProblem
    let options: PlanOptions
    let elapsed: () -> Double
    /// Indices of the tie groups with jobs.
    let groups: [Int]
    let fullCapacity: [[Int]]
    var reports: [GroupReport]
    /// Each group's model with every crew (its objective prices any schedule of the group).
    var builds: [ScheduleMILP] = []
    /// Each group's first-pass schedule and proved bound (alone, every crew).
    var firstPass: [[Int: Assignment]?]
    var groupBounds: [Double?]
    var best: [Assignment?]
    var bestEvaluation: ScheduleEvaluation
    /// Proved lower bound on the whole plan.
    var bound: Double?
    var log: [String] = []

    init(problem: PlanningProblem, options: PlanOptions, greedy: [Assignment?], greedyEvaluation: ScheduleEvaluation, elapsed: @escaping () -> Double) {
        self.problem = problem
        self.options = options
        self.elapsed = elapsed
        self.groups = problem.groupJobs.indices.filter { !problem.groupJobs[$0].isEmpty }
        self.fullCapacity = problem.capacityRows.map(\.capacity)
        self.reports = groups.map { g in
            GroupReport(
                group: g, feeders: problem.groupFeeders[g].map { problem.network.model.sources[$0].id.rawValue },
                jobs: problem.groupJobs[g].count, variables: 0, constraints: 0, status: "not solved", objective: nil, bound: nil,
                seconds: 0, nodes: 0, repaired: false, log: "")
        }
        self.firstPass = Array(repeating: nil, count: groups.count)
        self.groupBounds = Array(repeating: nil, count: groups.count)
        self.best = greedy
        self.bestEvaluation = greedyEvaluation
    }

    func remaining() -> Double { options.timeLimitSeconds - elapsed() }

    func gap() -> Double? {
        bound.map { max(0, (bestEvaluation.objective - $0) / max(abs(bestEvaluation.objective), 1e-9)) }
    }

    mutating func note(_ line: String) {
        let gapText = gap().map { String(format: "%.3f %%", $0 * 100) } ?? "-"
        let text = String(format: "%6.1f s  %@: incumbent %.1f, bound %@, gap %@", elapsed(), line, bestEvaluation.objective,
                          bound.map { String(format: "%.1f", $0) } ?? "-", gapText)
        log.append(text)
        options.progress?(text)
    }

    /// Takes `candidate` when it keeps every rule and beats the incumbent.
    mutating func offer(_ candidate: [Assignment?]) -> Bool {
        let evaluation = ScheduleEvaluation.evaluate(problem, candidate)
        guard evaluation.violations.isEmpty, evaluation.objective < bestEvaluation.objective - 1e-9 * max(1, abs(bestEvaluation.objective)) else { return false }
        best = candidate
        bestEvaluation = evaluation
        return true
    }

    mutating func run() {
        solveFirstPass()
        combine()
        searchNeighbourhoods()
        polishWhole()
    }

    /// 1. Every group alone with every crew, warm-started from the greedy schedule (in parallel).
    /// Each group's proved bound bounds its part of any plan; their sum bounds the whole plan
    /// (the shared crews are relaxed).
    mutating func solveFirstPass() {
        let results = Planner.solveGroups(problem, groups: groups, capacity: fullCapacity, warm: best, budget: max(0.5, remaining() * 0.3), options: options)
        var total = 0.0
        var complete = true
        for (k, item) in results.enumerated() {
            builds.append(item.build)
            reports[k].variables = item.report.variables
            reports[k].constraints = item.report.constraints
            reports[k].status = item.report.status
            reports[k].objective = item.report.objective
            reports[k].bound = item.report.bound
            reports[k].seconds += item.report.seconds
            reports[k].nodes += item.report.nodes
            reports[k].log += item.report.log
            firstPass[k] = item.solution
            groupBounds[k] = item.report.bound
            if let b = item.report.bound { total += b } else { complete = false }
        }
        bound = complete ? total : nil
        note("first pass over \(groups.count) tie groups")
    }

    /// 2. The groups' schedules together, repaired where they over-book a crew.
    mutating func combine() {
        var merged = best
        for (k, g) in groups.enumerated() {
            guard let schedule = firstPass[k] else { continue }
            for j in problem.groupJobs[g] { merged[j] = schedule[j] }
        }
        if Planner.fitsCapacity(problem, merged, fullCapacity) {
            _ = offer(merged)
            note("group schedules fit the shared crews")
            return
        }
        // Quick repair: take the most flexible jobs off every over-booked crew-day and place them
        // again greedily around the rest.
        let used = Planner.usage(problem, merged)
        var removed = Set<Int>()
        for r in used.indices {
            for d in used[r].indices where used[r][d] > fullCapacity[r][d] {
                let row = problem.capacityRows[r]
                let users = problem.jobs.indices.filter { j in
                    guard !removed.contains(j), let a = merged[j], a.day == d else { return false }
                    return row.uses(problem.jobs[j], a.method)
                }.sorted {
                    let a = problem.jobs[$0].candidates.count
                    let b = problem.jobs[$1].candidates.count
                    return a != b ? a > b : $0 < $1
                }
                for j in users.prefix(used[r][d] - fullCapacity[r][d]) { removed.insert(j) }
            }
        }
        var rest = merged
        for j in removed { rest[j] = nil }
        let quick = GreedyPlanner(problem: problem).plan(jobs: removed.sorted(), fixed: rest)
        if offer(quick) { note("moved \(removed.count) jobs off over-booked crew-days") }
        // Then the groups again one by one on what the others leave.
        let objectives = groups.indices.map { reports[$0].objective ?? 0 }
        let repaired = Planner.repair(
            problem, groups: groups, schedules: firstPass, objectives: objectives, reports: &reports, options: options,
            deadline: max(1, remaining() * 0.3))
        if offer(repaired) { note("repaired shared crews group by group") }
    }

    /// The objective of group `k`'s part of the incumbent.
    func groupObjective(_ k: Int) -> Double {
        builds[k].model.objectiveValue(builds[k].values(for: best))
    }

    /// Group `k` and up to `width` groups holding the crews its first-pass schedule wants.
    func neighbourhood(_ k: Int, width: Int, usageByGroup: [[[Int]]]) -> [Int] {
        guard let want = firstPass[k] else { return [k] }
        var own = [Assignment?](repeating: nil, count: problem.jobs.count)
        for (j, assignment) in want { own[j] = assignment }
        let wanted = Planner.usage(problem, own)
        var score = [Int](repeating: 0, count: groups.count)
        for r in wanted.indices {
            for d in wanted[r].indices where wanted[r][d] > 0 {
                var others = 0
                for h in groups.indices where h != k { others += usageByGroup[h][r][d] }
                guard wanted[r][d] + others > fullCapacity[r][d] else { continue }
                for h in groups.indices where h != k { score[h] += usageByGroup[h][r][d] }
            }
        }
        let blockers = groups.indices.filter { score[$0] > 0 }.sorted { score[$0] != score[$1] ? score[$0] > score[$1] : $0 < $1 }
        return ([k] + blockers.prefix(width)).sorted()
    }

    /// 3. Neighbourhood search: free the group that lost most against its bound with the groups
    /// that hold the crews it wants; solve them jointly on what the others leave.
    mutating func searchNeighbourhoods() {
        var tried = Set<[Int]>()
        var width = 2
        var rounds = 0
        while remaining() > 1, let g = gap(), g > options.relativeGap {
            let usageByGroup = groups.map { g in
                var part = [Assignment?](repeating: nil, count: problem.jobs.count)
                for j in problem.groupJobs[g] { part[j] = best[j] }
                return Planner.usage(problem, part)
            }
            let tolerance = 1e-7 * max(1, abs(bestEvaluation.objective))
            var losses: [(group: Int, loss: Double)] = []
            for k in groups.indices {
                let loss = groupObjective(k) - (groupBounds[k] ?? -Double.infinity)
                if loss > tolerance { losses.append((k, loss)) }
            }
            losses.sort { $0.loss != $1.loss ? $0.loss > $1.loss : $0.group < $1.group }
            var chosen: [Int]?
            for (k, _) in losses {
                let candidate = neighbourhood(k, width: width, usageByGroup: usageByGroup)
                if !tried.contains(candidate) {
                    chosen = candidate
                    break
                }
            }
            guard let chosen else {
                if width >= 8 { break }
                width *= 2
                continue
            }
            tried.insert(chosen)
            rounds += 1
            let jobs = chosen.flatMap { problem.groupJobs[groups[$0]] }.sorted()
            var others = best
            for j in jobs { others[j] = nil }
            let residual = Planner.subtractUsage(problem, others, from: fullCapacity)
            let build = ScheduleMILP(problem: problem, jobs: jobs, capacity: residual, name: "neighbourhood_\(rounds)")
            let budget = max(0.5, min(remaining() - 0.5, max(2, remaining() * 0.2)))
            let (report, solution) = Planner.solve(build, options: SolveOptions(
                timeLimitSeconds: budget, relativeGap: options.relativeGap / 10, warmStart: Planner.greedyWarmStart(build, best)))
            for k in chosen { reports[k].repaired = true }
            let names = chosen.map { reports[$0].feeders.first ?? "?" }.joined(separator: ", ")
            guard let solution else { continue }
            var candidate = others
            for (j, assignment) in solution { candidate[j] = assignment }
            if offer(candidate) {
                tried.removeAll()
                note("neighbourhood \(rounds) (groups of \(names)) improved, \(report.status)")
            }
        }
        if rounds > 0 { note("neighbourhood search: \(rounds) joint solves") }
    }

    /// 4. The whole model from the incumbent, when it is small enough for the time left.
    mutating func polishWhole() {
        guard let g = gap(), g > options.relativeGap, remaining() > 3 else { return }
        let variables = builds.reduce(0) { $0 + $1.model.variables.count }
        guard variables <= 60_000 else { return }
        let build = ScheduleMILP(problem: problem, jobs: Array(problem.jobs.indices), capacity: fullCapacity, name: "whole_plan")
        let (report, solution) = Planner.solve(build, options: SolveOptions(
            timeLimitSeconds: remaining() - 0.5, relativeGap: options.relativeGap, warmStart: Planner.greedyWarmStart(build, best)))
        if let b = report.bound, b > (bound ?? -Double.infinity) { bound = b }
        if let solution {
            var candidate = [Assignment?](repeating: nil, count: problem.jobs.count)
            for (j, assignment) in solution { candidate[j] = assignment }
            _ = offer(candidate)
        }
        note("whole model (\(variables) variables) from the incumbent: \(report.status)")
    }
}

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
        self.fullCapacity = problem.fullCapacity
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

    /// Solves `build` (its jobs free, the rest fixed as in `others`) from the incumbent within
    /// `seconds` and offers the merged schedule; the solve's status when it was taken, else nil.
    mutating func solveAndOffer(_ build: ScheduleMILP, others: [Assignment?], seconds: Double) -> String? {
        let (report, solution) = Planner.solve(build, options: SolveOptions(
            timeLimitSeconds: seconds, relativeGap: options.relativeGap / 10, warmStart: Planner.greedyWarmStart(build, best)))
        guard let solution else { return nil }
        var candidate = others
        for (j, assignment) in solution { candidate[j] = assignment }
        return offer(candidate) ? report.status : nil
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
        for _ in 0..<3 {
            let before = bestEvaluation.objective
            searchWindows()
            searchPaths()
            if bestEvaluation.objective >= before - 1e-9 * max(1, abs(before)) { break }
        }
        polishWhole()
    }

    /// 1. Every group alone with every crew, warm-started from the greedy schedule (in parallel).
    /// Each group's proved bound bounds its part of any plan; their sum bounds the whole plan
    /// (the shared crews are relaxed).
    mutating func solveFirstPass() {
        let results = Planner.solveGroups(problem, groups: groups, capacity: fullCapacity, warm: best, budget: max(0.5, remaining() * 0.2), options: options)
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
                // A crew row: the jobs that book it; a switching-team row: the de-energising jobs
                // of the area (moving one of each outage frees its team).
                let row = r < problem.capacityRows.count ? problem.capacityRows[r] : nil
                let area = r - problem.capacityRows.count
                let users = problem.jobs.indices.filter { j in
                    guard !removed.contains(j), let a = merged[j], a.day == d else { return false }
                    if let row { return row.uses(problem.jobs[j], a.method) }
                    return a.method.deEnergises && problem.areaOfFeeder[problem.jobs[j].feeder] == area
                }.sorted {
                    let a = problem.jobs[$0].candidates.count
                    let b = problem.jobs[$1].candidates.count
                    return a != b ? a > b : $0 < $1
                }
                for j in users.prefix(used[r][d] - fullCapacity[r][d]) { removed.insert(j) }
            }
        }
        var rest = merged
        let moved = problem.withWholeJobs(removed.sorted())
        for j in moved { rest[j] = nil }
        let quick = GreedyPlanner(problem: problem).plan(jobs: moved, fixed: rest)
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
                // A group alone again, when its first pass ran out of time, repeats that solve.
                if candidate.count == 1 && reports[k].status.contains("timeLimit") { continue }
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
            let status = solveAndOffer(build, others: others, seconds: budget)
            for k in chosen { reports[k].repaired = true }
            if let status {
                tried.removeAll()
                note("neighbourhood \(rounds) (groups of \(chosen.map { reports[$0].feeders.first ?? "?" }.joined(separator: ", "))) improved, \(status)")
            }
        }
        if rounds > 0 { note("neighbourhood search: \(rounds) joint solves") }
    }

    /// Planned interruptions per zone of a schedule (every load point of a zone sees the same).
    func zoneInterruptions(_ assignments: [Assignment?]) -> [Int: Int] {
        let totals = ScheduleEvaluation.evaluate(problem, assignments, checkRules: false).totals
        var result: [Int: Int] = [:]
        for (lp, count) in totals.counts.enumerated() where count > 0 {
            let zone = problem.network.topology.zoneOfLoadPoint[lp]
            if zone >= 0 { result[zone] = count }
        }
        return result
    }

    /// 3b. Fix-and-optimise by days (rolling horizon), for what the group neighbourhoods leave —
    /// typically one big tie group: the jobs of the groups that lost most against their bounds
    /// that fall in a window of working days are freed, with their choices kept to that window,
    /// and solved again with everything else fixed (its crews, and its interruptions against the
    /// repeat cap). Windows of 5 days slide by 3 over the horizon, then 10 by 5, while each pass
    /// improves and time remains.
    mutating func searchWindows() {
        let dayCount = problem.days.count
        var solves = 0
        var passes = 0
        var stale = 0
        while remaining() > 2, stale < 2, let g = gap(), g > options.relativeGap {
            let (width, step) = [(5, 3), (10, 5), (3, 2)][passes % 3]
            passes += 1
            var improvedPass = false
            var start = 0
            while start < dayCount, remaining() > 2, let g = gap(), g > options.relativeGap {
                defer { start += step }
                let window = start..<min(dayCount, start + width)
                let tolerance = 1e-7 * max(1, abs(bestEvaluation.objective))
                var chosen: [Int] = []
                var jobCount = 0
                let losses = groups.indices.map { ($0, groupObjective($0) - (groupBounds[$0] ?? -Double.infinity)) }
                for (k, loss) in losses.sorted(by: { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }) where loss > tolerance {
                    let count = problem.groupJobs[groups[k]].count
                    if jobCount > 0 && jobCount + count > 400 { continue }
                    chosen.append(k)
                    jobCount += count
                }
                let free = problem.withWholeJobs(chosen.flatMap { problem.groupJobs[groups[$0]] }.filter { j in
                    if let a = best[j] { return window.contains(a.day) }
                    return problem.jobs[j].candidates.contains { window.contains($0.day) }
                })
                guard !free.isEmpty else { continue }
                let freeSet = Set(free)
                var others = best
                for j in free { others[j] = nil }
                let precedence = precedenceAllows(free: freeSet, fixed: others)
                let allowed: (Int, Candidate) -> Bool = { j, candidate in window.contains(candidate.day) && precedence(j, candidate) }
                let residual = Planner.subtractUsage(problem, others, from: fullCapacity)
                solves += 1
                let build = ScheduleMILP(problem: problem, jobs: free, capacity: residual, name: "window_\(solves)", allowed: allowed,
                                         baseInterruptions: zoneInterruptions(others))
                if let status = solveAndOffer(build, others: others, seconds: max(0.5, min(remaining() - 1, 5))) {
                    improvedPass = true
                    note("days \(problem.days[window.lowerBound])…\(problem.days[window.upperBound - 1]) (\(free.count) jobs) improved, \(status)")
                }
            }
            stale = improvedPass ? 0 : stale + 1
        }
        if solves > 0 { note("fix-and-optimise by days: \(solves) window solves") }
    }

    /// Which of `free`'s (day, method) choices keep precedence with the jobs left fixed.
    func precedenceAllows(free: Set<Int>, fixed: [Assignment?]) -> @Sendable (Int, Candidate) -> Bool {
        var after: [Int: [Int]] = [:]
        for (j, job) in problem.jobs.enumerated() { for p in job.predecessors { after[p, default: []].append(j) } }
        let successors = after
        let jobs = problem.jobs
        return { j, candidate in
            for p in jobs[j].predecessors where !free.contains(p) {
                guard let before = fixed[p], before.day < candidate.day else { return false }
            }
            for s in successors[j] ?? [] where !free.contains(s) {
                if let after = fixed[s], after.day <= candidate.day { return false }
            }
            return true
        }
    }

    /// 3c. Fix-and-optimise along root paths, for the repeat cap on one big feeder: the zone whose
    /// customers exceed the cap most is taken with every zone above it and below it; every job
    /// there (and every job riding on an outage there) is freed over its whole window and solved
    /// again, with the rest fixed — outages that would clash with a fixed outage of the same day
    /// are left out of the model, and the fixed interruptions count against the cap.
    mutating func searchPaths() {
        let topology = problem.network.topology
        let cap = problem.scenario.policy.maxPlannedInterruptionsPerCustomer
        var tried = Set<Int>()
        var solves = 0
        while remaining() > 2, let g = gap(), g > options.relativeGap {
            var excess: [Int: Double] = [:]
            for (lp, count) in bestEvaluation.interruptions.enumerated() where count > cap {
                let zone = topology.zoneOfLoadPoint[lp]
                if zone >= 0 { excess[zone, default: 0] += Double(problem.network.model.loadPoints[lp].customers * (count - cap)) }
            }
            guard let target = excess.keys.filter({ !tried.contains($0) }).max(by: { excess[$0]! != excess[$1]! ? excess[$0]! < excess[$1]! : $0 > $1 }) else { break }
            tried.insert(target)
            var path = Set<Int>()
            var walk = target
            while walk >= 0 {
                path.insert(walk)
                walk = topology.zones[walk].parent
            }
            let free = problem.withWholeJobs(problem.jobs.indices.filter { j in
                let zone = problem.jobs[j].zone
                if path.contains(zone) || topology.isInSubtree(zone, of: target) { return true }
                if let ride = best[j]?.ride, path.contains(ride.zone) { return true }
                return false
            })
            guard !free.isEmpty, free.count <= 400 else { continue }
            let freeSet = Set(free)
            var others = best
            for j in free { others[j] = nil }
            var ignored: [String] = []
            let fixedDeEnergising = others.enumerated().compactMap { j, a -> (job: Int, assignment: Assignment)? in
                guard let a, a.method.deEnergises else { return nil }
                return (j, a)
            }
            var fixedByDay: [Int: [(OutageRef, OutageCost)]] = [:]
            for outage in ScheduleEvaluation.groupOutages(problem, fixedDeEnergising, violations: &ignored) {
                fixedByDay[outage.day, default: []].append((outage.ref, outage.cost))
            }
            let network = problem.network
            let fixedOutages = fixedByDay
            let allowedOutage: @Sendable (OutageVariant) -> Bool = { variant in
                for (ref, cost) in fixedOutages[variant.day] ?? [] where OutageRules.conflict(variant.ref, variant.cost, ref, cost, network: network) != nil {
                    return false
                }
                return true
            }
            let residual = Planner.subtractUsage(problem, others, from: fullCapacity)
            solves += 1
            let build = ScheduleMILP(problem: problem, jobs: free, capacity: residual, name: "path_\(solves)",
                                     allowed: precedenceAllows(free: freeSet, fixed: others), allowedOutage: allowedOutage,
                                     baseInterruptions: zoneInterruptions(others))
            if let status = solveAndOffer(build, others: others, seconds: max(0.5, min(remaining() - 1, 10))) {
                tried.removeAll()
                note("root path of zone \(OutageRules.zoneName(target, problem.network)) (\(free.count) jobs) improved, \(status)")
            }
        }
        if solves > 0 { note("fix-and-optimise along root paths: \(solves) solves") }
    }

    /// 4. The whole model from the incumbent, when it is small enough for the time left.
    mutating func polishWhole() {
        guard let g = gap(), g > options.relativeGap, remaining() > 3, groups.count > 1 else { return }
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

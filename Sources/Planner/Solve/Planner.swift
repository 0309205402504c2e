import Foundation
import GLPKSolver
import GridModel

public struct PlanOptions: Sendable {
    /// Total time for all solves, seconds.
    public var timeLimitSeconds: Double
    /// Relative gap at which a group's search may stop.
    public var relativeGap: Double
    /// Greedy schedule only, no MILP.
    public var heuristicOnly: Bool
    /// Groups solved at once in the first pass.
    public var threads: Int
    /// Called after each group solve (for progress on a terminal).
    public var progress: (@Sendable (String) -> Void)?

    public init(timeLimitSeconds: Double = 60, relativeGap: Double = 0.005, heuristicOnly: Bool = false, threads: Int = 2,
                progress: (@Sendable (String) -> Void)? = nil) {
        self.timeLimitSeconds = timeLimitSeconds
        self.relativeGap = relativeGap
        self.heuristicOnly = heuristicOnly
        self.threads = threads
        self.progress = progress
    }
}

/// How one tie group's MILP went.
public struct GroupReport: Sendable {
    public var group: Int
    public var feeders: [String]
    public var jobs: Int
    public var variables: Int
    public var constraints: Int
    /// First pass (every group with the full crews): outcome, objective, proved bound.
    public var status: String
    public var objective: Double?
    public var bound: Double?
    public var seconds: Double
    public var nodes: Int
    /// Whether the group was solved again in the repair pass because shared crews ran short.
    public var repaired: Bool
    public var log: String
}

public enum PlanStatus: Sendable, Equatable {
    /// MILP plan with its proved gap.
    case solved
    /// Greedy only (`--heuristic`).
    case heuristic
    /// No schedule can do every mandatory job: the reasons, one per job.
    case infeasible([String])
}

public struct PlanResult: Sendable {
    public var problem: PlanningProblem
    public var status: PlanStatus
    public var assignments: [Assignment?]
    public var evaluation: ScheduleEvaluation
    public var greedy: ScheduleEvaluation
    public var baselineAssignments: [Assignment?]
    public var baseline: ScheduleEvaluation
    /// Proved lower bound on the objective (sum of the groups' bounds with crews unshared).
    public var lowerBound: Double?
    /// (objective − bound) / objective.
    public var gap: Double?
    public var groups: [GroupReport]
    public var seconds: Double
}

/// Plans a scenario: greedy schedule, then a MILP per tie group (feeders joined by ties interact
/// only through shared crews) warm-started from it, with shared crews repaired group by group
/// when the groups' own optima together ask for more than there is.
///
/// The bound: each group's MILP with the full crews of every day is a relaxation of the whole
/// problem restricted to that group, so the sum of their proved bounds bounds the whole plan.
public enum Planner {
    public static func plan(_ problem: PlanningProblem, options: PlanOptions = PlanOptions()) -> PlanResult {
        let clock = ContinuousClock()
        let start = clock.now
        func elapsed() -> Double {
            let duration = clock.now - start
            return Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
        }
        let baselineAssignments = problem.jobs.map { job -> Assignment? in
            // The requested date, by outage (the day need not be a planning day: map it to the nearest one).
            let day = problem.days.firstIndex { $0 >= job.requestedDay } ?? max(0, problem.days.count - 1)
            return problem.days.isEmpty ? nil : Assignment(day: day, method: .outage)
        }
        let baseline = ScheduleEvaluation.evaluate(problem, baselineAssignments, checkRules: false)

        let impossible = problem.jobs.filter { $0.job.mandatory && $0.candidates.isEmpty }
        if !impossible.isEmpty {
            let reasons = impossible.map { "job \($0.job.id): \($0.whyNoCandidate ?? "no feasible day and method")" }
            let empty = [Assignment?](repeating: nil, count: problem.jobs.count)
            let evaluation = ScheduleEvaluation.evaluate(problem, empty)
            return PlanResult(
                problem: problem, status: .infeasible(reasons), assignments: empty, evaluation: evaluation, greedy: evaluation,
                baselineAssignments: baselineAssignments, baseline: baseline, lowerBound: nil, gap: nil, groups: [], seconds: elapsed())
        }

        let greedyAssignments = GreedyPlanner(problem: problem).plan(jobs: Array(problem.jobs.indices))
        let greedy = ScheduleEvaluation.evaluate(problem, greedyAssignments)
        if options.heuristicOnly {
            let status: PlanStatus = greedy.unscheduledMandatory.isEmpty ? .heuristic
                : .infeasible(greedy.unscheduledMandatory.map { "job \(problem.jobs[$0].job.id): the greedy schedule found no day and method with free crews, ties and headroom" })
            return PlanResult(
                problem: problem, status: status, assignments: greedyAssignments, evaluation: greedy, greedy: greedy,
                baselineAssignments: baselineAssignments, baseline: baseline, lowerBound: nil, gap: nil, groups: [], seconds: elapsed())
        }

        let groups = problem.groupJobs.indices.filter { !problem.groupJobs[$0].isEmpty }
        let fullCapacity = problem.capacityRows.map(\.capacity)
        let builds = groups.map { g in
            ScheduleMILP(problem: problem, jobs: problem.groupJobs[g], capacity: fullCapacity, name: "plan_group_\(g)")
        }
        let totalVariables = max(1, builds.reduce(0) { $0 + $1.model.variables.count })
        let firstPassBudget = options.timeLimitSeconds * 0.6

        // Pass 1: every group alone with the full crews (parallel; each solve is deterministic).
        let reports = ReportBox(count: groups.count)
        let workers = max(1, min(options.threads, groups.count))
        let next = Counter()
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let index = next.next()
                guard index < groups.count else { return }
                let build = builds[index]
                let share = max(1.0, firstPassBudget * Double(build.model.variables.count) / Double(totalVariables) * Double(workers))
                let warm = greedyWarmStart(build, greedyAssignments)
                let solveOptions = SolveOptions(timeLimitSeconds: share, relativeGap: options.relativeGap, warmStart: warm)
                reports.set(index, Self.solve(build, options: solveOptions))
            }
        }
        var groupReports: [GroupReport] = []
        var passOne: [[Int: Assignment]?] = []
        var lowerBound: Double? = 0
        var infeasibleReasons: [String] = []
        for (index, g) in groups.enumerated() {
            let (report, solution) = reports.get(index)
            var named = report
            named.group = g
            named.feeders = problem.groupFeeders[g].map { problem.network.model.sources[$0].id.rawValue }
            groupReports.append(named)
            passOne.append(solution)
            if let bound = report.bound, let total = lowerBound { lowerBound = total + bound } else { lowerBound = nil }
            if report.status == "infeasible" {
                let jobs = problem.groupJobs[g].filter { problem.jobs[$0].job.mandatory }.map { problem.jobs[$0].job.id }
                infeasibleReasons.append("feeders \(named.feeders.joined(separator: ", ")): the mandatory jobs \(jobs.joined(separator: ", ")) cannot all be done within their windows, crews, ties and rules")
            }
            options.progress?("group \(index + 1)/\(groups.count) (\(named.feeders.joined(separator: "+"))): \(report.status), objective \(report.objective.map { String(format: "%.1f", $0) } ?? "-"), bound \(report.bound.map { String(format: "%.1f", $0) } ?? "-")")
        }
        if !infeasibleReasons.isEmpty {
            return PlanResult(
                problem: problem, status: .infeasible(infeasibleReasons), assignments: greedyAssignments, evaluation: greedy, greedy: greedy,
                baselineAssignments: baselineAssignments, baseline: baseline, lowerBound: lowerBound, gap: nil, groups: groupReports,
                seconds: elapsed())
        }

        // Merge; if shared crews are over-booked, repair group by group.
        var merged = greedyAssignments
        for (index, g) in groups.enumerated() {
            guard let solution = passOne[index] else { continue }
            for j in problem.groupJobs[g] { merged[j] = solution[j] }
        }
        if !fitsCapacity(problem, merged, fullCapacity) {
            merged = repair(problem, groups: groups, passOne: passOne, reports: &groupReports, options: options, deadline: options.timeLimitSeconds - elapsed())
        }
        var evaluation = ScheduleEvaluation.evaluate(problem, merged)
        // Never return worse than the greedy schedule.
        var assignments = merged
        if greedy.unscheduledMandatory.isEmpty && greedy.violations.isEmpty && greedy.objective < evaluation.objective - 1e-9 {
            assignments = greedyAssignments
            evaluation = greedy
        }
        var gap: Double?
        if let bound = lowerBound {
            gap = max(0, (evaluation.objective - bound) / max(abs(evaluation.objective), 1e-9))
        }
        if !evaluation.unscheduledMandatory.isEmpty {
            let reasons = evaluation.unscheduledMandatory.map { whyUnscheduled(problem, $0, assignments) }
            return PlanResult(
                problem: problem, status: .infeasible(reasons), assignments: assignments, evaluation: evaluation, greedy: greedy,
                baselineAssignments: baselineAssignments, baseline: baseline, lowerBound: lowerBound, gap: gap, groups: groupReports,
                seconds: elapsed())
        }
        return PlanResult(
            problem: problem, status: .solved, assignments: assignments, evaluation: evaluation, greedy: greedy,
            baselineAssignments: baselineAssignments, baseline: baseline, lowerBound: lowerBound, gap: gap, groups: groupReports,
            seconds: elapsed())
    }

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
        options: PlanOptions, deadline: Double
    ) -> [Assignment?] {
        let clock = ContinuousClock()
        let start = clock.now
        func remaining() -> Double {
            let used = clock.now - start
            return deadline - (Double(used.components.seconds) + Double(used.components.attoseconds) * 1e-18)
        }
        let fullCapacity = problem.capacityRows.map(\.capacity)
        let order = groups.indices.sorted { (reports[$0].objective ?? 0) > (reports[$1].objective ?? 0) }
        var committed = [Assignment?](repeating: nil, count: problem.jobs.count)
        func solveGroup(_ index: Int, warm: [Assignment?], name: String) {
            let g = groups[index]
            var others = committed
            for j in problem.groupJobs[g] { others[j] = nil }
            let residual = subtractUsage(problem, others, from: fullCapacity)
            let build = ScheduleMILP(problem: problem, jobs: problem.groupJobs[g], capacity: residual, name: name)
            let budget = max(0.5, remaining() / Double(max(1, order.count)))
            let (report, solution) = Self.solve(build, options: SolveOptions(timeLimitSeconds: budget, relativeGap: options.relativeGap, warmStart: greedyWarmStart(build, warm)))
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
        while improved && sweeps < 2 && remaining() > 1 {
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

/// Thread-safe holders for the parallel first pass.
final class ReportBox: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [(GroupReport, [Int: Assignment]?)?]
    init(count: Int) { items = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: (GroupReport, [Int: Assignment]?)) { lock.lock(); items[index] = value; lock.unlock() }
    func get(_ index: Int) -> (GroupReport, [Int: Assignment]?) {
        lock.lock()
        defer { lock.unlock() }
        return items[index]!
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value - 1
    }
}

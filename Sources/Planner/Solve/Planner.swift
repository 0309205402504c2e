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

/// Plans a scenario.
///
/// Feeders joined by ties form tie groups that interact only through shared crews, so each group
/// gets its own MILP (``ScheduleMILP``), warm-started from a greedy schedule:
/// 1. price-directed rounds: every group is solved with crew prices added to its objective (0 in
///    the first round, then market-clearing prices per crew type adjusted day by day where the
///    groups over- or under-book). Each round gives a lower bound — the groups' proved bounds minus
///    the price of all crews (Lagrangian relaxation of the shared crews) — and, after repairing
///    over-booked days group by group, a feasible schedule;
/// 2. improvement sweeps: each group is solved again against the crews the others use.
/// The result carries the best schedule, the best bound and the gap between them.
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
        let dayCount = problem.days.count
        var prices = fullCapacity.map { [Double](repeating: 0, count: $0.count) }
        var solutions = [[Int: Assignment]?](repeating: nil, count: groups.count)
        var bounds = [Double?](repeating: nil, count: groups.count)
        var groupReports = groups.map { g in
            GroupReport(
                group: g, feeders: problem.groupFeeders[g].map { problem.network.model.sources[$0].id.rawValue },
                jobs: problem.groupJobs[g].count, variables: 0, constraints: 0, status: "not solved", objective: nil, bound: nil,
                seconds: 0, nodes: 0, repaired: false, log: "")
        }
        // Cells (row, day) each group's candidates touch, to re-solve only groups whose prices moved.
        let touched: [Set<Int>] = groups.map { g in
            var cells = Set<Int>()
            for j in problem.groupJobs[g] {
                for candidate in problem.jobs[j].candidates {
                    for (r, row) in problem.capacityRows.enumerated() where row.uses(problem.jobs[j], candidate.method) {
                        cells.insert(r * dayCount + candidate.day)
                    }
                }
            }
            return cells
        }
        var best = greedyAssignments
        var bestEvaluation = greedy
        var bestBound: Double?
        var theta = 1.0
        var stalls = 0
        var rowScale = [Double](repeating: 0, count: fullCapacity.count)
        var toSolve = Array(groups.indices)
        var round = 0
        while true {
            round += 1
            // Price-directed rounds: each group minimises its objective plus the prices of the crews
            // it books; the sum of the groups' proved bounds minus the prices of all crews is a
            // lower bound on the whole plan (Lagrangian relaxation of the shared crews).
            let remaining = options.timeLimitSeconds - elapsed()
            let roundBudget = round == 1 ? remaining * 0.4 : remaining * 0.25
            let results = solveGroups(problem, groups: groups, indices: toSolve, prices: prices, warm: solutions.enumerated().map { $1 ?? greedyPart(problem, groups[$0], greedyAssignments) }, budget: roundBudget, options: options)
            for (index, (report, solution)) in results {
                groupReports[index].variables = report.variables
                groupReports[index].constraints = report.constraints
                groupReports[index].status = report.status
                groupReports[index].objective = report.objective
                groupReports[index].bound = report.bound
                groupReports[index].seconds += report.seconds
                groupReports[index].nodes += report.nodes
                groupReports[index].log += report.log
                if let solution { solutions[index] = solution }
                bounds[index] = report.bound
            }
            if bounds.allSatisfy({ $0 != nil }) {
                var total = bounds.reduce(0) { $0 + $1! }
                for r in prices.indices { for d in prices[r].indices { total -= prices[r][d] * Double(fullCapacity[r][d]) } }
                if bestBound == nil || total > bestBound! + 1e-9 {
                    bestBound = total
                    stalls = 0
                } else {
                    stalls += 1
                }
            }
            var merged = greedyAssignments
            for (index, g) in groups.enumerated() {
                guard let solution = solutions[index] else { continue }
                for j in problem.groupJobs[g] { merged[j] = solution[j] }
            }
            let fits = fitsCapacity(problem, merged, fullCapacity)
            if !fits {
                merged = repair(problem, groups: groups, passOne: solutions, reports: &groupReports, options: options,
                                deadline: min(options.timeLimitSeconds - elapsed(), max(1, (options.timeLimitSeconds - elapsed()) * 0.3)), improve: false)
            }
            let evaluation = ScheduleEvaluation.evaluate(problem, merged)
            if evaluation.violations.isEmpty && evaluation.objective < bestEvaluation.objective - 1e-9 {
                best = merged
                bestEvaluation = evaluation
            }
            let gapNow = bestBound.map { max(0, (bestEvaluation.objective - $0) / max(abs(bestEvaluation.objective), 1e-9)) }
            options.progress?(String(format: "round %d: incumbent %.1f, bound %@, gap %@", round, bestEvaluation.objective,
                                     bestBound.map { String(format: "%.1f", $0) } ?? "-", gapNow.map { String(format: "%.2f %%", $0 * 100) } ?? "-"))
            if let gapNow, gapNow <= options.relativeGap { break }
            // The dual is maximised when raising prices no longer lifts the bound: stop pricing and
            // spend the time on improving the schedule.
            if fits || round >= 12 || stalls >= 3 || options.timeLimitSeconds - elapsed() < options.timeLimitSeconds * 0.4 { break }
            // New crew prices: first a market-clearing price per crew type, then day-by-day steps
            // that raise the price where the groups over-book and lower it where crews stay idle.
            var raw = greedyAssignments
            for (index, g) in groups.enumerated() {
                guard let solution = solutions[index] else { continue }
                for j in problem.groupJobs[g] { raw[j] = solution[j] }
            }
            let booked = usage(problem, raw)
            if round == 1 { rowScale = CrewPricing.marketPrices(problem, raw, capacity: fullCapacity) }
            if stalls >= 2 {
                theta /= 2
                stalls = 0
            }
            var changed = Set<Int>()
            for r in prices.indices {
                for d in prices[r].indices {
                    let excess = Double(booked[r][d] - fullCapacity[r][d])
                    let updated: Double
                    if round == 1 {
                        updated = excess > 0 ? rowScale[r] * min(1, excess / Double(max(1, fullCapacity[r][d]))) : 0
                    } else {
                        let relative = max(-1, min(1, excess / Double(max(1, fullCapacity[r][d]))))
                        updated = max(0, prices[r][d] + theta * 0.5 * rowScale[r] * relative)
                    }
                    if abs(updated - prices[r][d]) > 1e-9 {
                        prices[r][d] = updated
                        changed.insert(r * dayCount + d)
                    }
                }
            }
            toSolve = groups.indices.filter { !touched[$0].isDisjoint(with: changed) }
            if toSolve.isEmpty { break }
        }
        // Last: improve the best schedule group by group against the crews the others use.
        if options.timeLimitSeconds - elapsed() > 1 && !fitsWithoutRepair(problem, best, solutions, groups) {
            let improved = repair(problem, groups: groups, passOne: groups.indices.map { index in
                Dictionary(uniqueKeysWithValues: problem.groupJobs[groups[index]].compactMap { j in best[j].map { (j, $0) } })
            }, reports: &groupReports, options: options, deadline: options.timeLimitSeconds - elapsed(), improve: true)
            let evaluation = ScheduleEvaluation.evaluate(problem, improved)
            if evaluation.violations.isEmpty && evaluation.objective < bestEvaluation.objective - 1e-9 {
                best = improved
                bestEvaluation = evaluation
            }
        }
        let assignments = best
        let evaluation = bestEvaluation
        let lowerBound = bestBound
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

import Foundation
import GLPKSolver
import GridModel

public struct PlanOptions: Sendable {
    /// Total time for all solves, seconds.
    public var timeLimitSeconds: Double
    /// Relative gap at which the search may stop.
    public var relativeGap: Double
    /// Greedy schedule only, no MILP.
    public var heuristicOnly: Bool
    /// Groups solved at once in the first pass.
    public var threads: Int
    /// Called with a line of progress (for a terminal).
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
    /// First pass (the group alone with every crew): outcome, objective, proved bound.
    public var status: String
    public var objective: Double?
    public var bound: Double?
    public var seconds: Double
    public var nodes: Int
    /// Whether the group was solved again (repair or neighbourhood search) because shared crews ran short.
    public var repaired: Bool
    public var log: String
}

/// What the search reached.
public enum PlanStatus: Sendable, Equatable {
    /// The plan's objective equals the proved lower bound (gap ≤ 10⁻⁶).
    case optimal
    /// The proved gap is within the requested one.
    case withinGap(Double)
    /// Time ran out before the requested gap; the gap proved then (nil: no bound).
    case timeLimitReached(gap: Double?)
    /// The search tried every neighbourhood it has without reaching the requested gap, before the
    /// time limit; the gap proved (nil: no bound).
    case searchEnded(gap: Double?)
    /// Greedy only (`--heuristic`).
    case heuristic
    /// No schedule can do every mandatory job, proved: the reasons, one per job.
    case infeasible([String])
    /// The plan leaves mandatory jobs out, but it is not proved that no plan does them all.
    case mandatoryJobsLeftOut([String])
    /// A schedule given from outside (``Planner/evaluate(_:_:)``), evaluated, not solved: the
    /// rules it breaks.
    case evaluated(violations: [String])

    /// One line for people: "optimal", "within gap 0.31 %", "time limit reached, gap 2.40 %" …
    public var text: String { bilingual.en }

    /// The same line in English and Chinese.
    public var bilingual: Bilingual {
        func gapText(_ gap: Double?) -> Bilingual {
            gap.map { Bilingual("gap " + Self.percent($0), zh: "间隙 " + Self.percent($0)) } ?? Bilingual("no bound proved", zh: "未证明下界")
        }
        switch self {
        case .optimal: return Bilingual("optimal", zh: "最优")
        case .withinGap(let gap): return Bilingual("within gap " + Self.percent(gap), zh: "间隙在 " + Self.percent(gap) + " 以内")
        case .timeLimitReached(let gap): return Bilingual("time limit reached, ", zh: "达到时间上限，") + gapText(gap)
        case .searchEnded(let gap): return Bilingual("search ended before the time limit, ", zh: "搜索在时间上限前结束，") + gapText(gap)
        case .heuristic: return Bilingual("heuristic (greedy only)", zh: "启发式（仅贪心算法）")
        case .infeasible: return Bilingual("infeasible", zh: "不可行（已证明）")
        case .mandatoryJobsLeftOut: return Bilingual("mandatory jobs left out (not proved impossible)", zh: "有必做工作未排入（未证明不可行）")
        case .evaluated(let violations):
            return violations.isEmpty ? Bilingual("evaluated, every rule kept", zh: "已评估，满足全部约束")
                : Bilingual("evaluated, \(NumberText.count(violations.count, "rule violation"))", zh: "已评估，违反约束 \(violations.count) 处")
        }
    }

    /// A gap as a percentage with two decimals, or three significant digits below 0.01 %.
    static func percent(_ gap: Double) -> String {
        gap * 100 >= 0.01 ? String(format: "%.2f %%", gap * 100) : String(format: "%.2g %%", gap * 100)
    }

    /// Whether a schedule doing every mandatory job came out.
    public var isComplete: Bool {
        switch self {
        case .infeasible, .mandatoryJobsLeftOut: return false
        default: return true
        }
    }
}

/// A job the plan leaves out, and why.
public struct UnscheduledJob: Sendable, Equatable {
    public var job: Int
    public var mandatory: Bool
    public var reason: String
}

public struct PlanResult: Sendable {
    public var problem: PlanningProblem
    public var status: PlanStatus
    public var assignments: [Assignment?]
    public var evaluation: ScheduleEvaluation
    public var greedy: ScheduleEvaluation
    public var baselineAssignments: [Assignment?]
    public var baseline: ScheduleEvaluation
    /// Proved lower bound on the objective of every schedule of this problem.
    public var lowerBound: Double?
    /// (objective − bound) / objective.
    public var gap: Double?
    /// The gap the search was asked to reach.
    public var targetGap: Double
    public var groups: [GroupReport]
    /// What the search did, step by step (for the log and the report).
    public var searchLog: [String]
    /// Jobs left out, with the reason.
    public var unscheduled: [UnscheduledJob]
    public var seconds: Double
}

/// Plans a scenario.
///
/// Feeders joined by ties form tie groups that interact only through shared crews, so:
/// 1. every group's MILP (``ScheduleMILP``) is solved alone with every crew, warm-started from a
///    greedy schedule; the sum of their proved bounds is a lower bound on the whole plan (the
///    crews are relaxed);
/// 2. where the groups' schedules together over-book a crew, groups are solved again one by one
///    on what the others leave (repair), which gives a schedule that fits;
/// 3. a neighbourhood search then frees the group that lost most against its bound together with
///    the groups holding the crews it wants, and solves them jointly on what the rest leaves,
///    warm-started from the incumbent — until the gap is reached or time runs out;
/// 4. when time is left and the whole model is small enough, GLPK solves it whole from the
///    incumbent, which can lift the bound too.
/// The status says what was reached (``PlanStatus``).
public enum Planner {
    /// The baseline: each job on its requested day (or the next planning day), by outage, first
    /// shift; a job of several days on the planning days after it.
    static func baselineAssignments(_ problem: PlanningProblem) -> [Assignment?] {
        problem.jobs.map { job -> Assignment? in
            let day = problem.days.firstIndex { $0 >= job.requestedDay } ?? max(0, problem.days.count - 1)
            return problem.days.isEmpty ? nil : Assignment(day: min(problem.days.count - 1, day + job.part), method: .outage, shift: 0)
        }
    }

    /// A schedule made elsewhere (edited by hand) evaluated without solving: its KPIs, objective
    /// parts and every rule it breaks, beside the baseline and the greedy plan.
    public static func evaluate(_ problem: PlanningProblem, _ assignments: [Assignment?]) -> PlanResult {
        let start = ContinuousClock.now
        let evaluation = ScheduleEvaluation.evaluate(problem, assignments)
        let greedy = ScheduleEvaluation.evaluate(problem, GreedyPlanner(problem: problem).plan(jobs: Array(problem.jobs.indices)))
        let baselineAssignments = baselineAssignments(problem)
        let baseline = ScheduleEvaluation.evaluate(problem, baselineAssignments, checkRules: false)
        var violations = evaluation.violations
        for j in evaluation.unscheduledMandatory { violations.append("job \(problem.jobs[j].job.id): mandatory, not scheduled") }
        return PlanResult(
            problem: problem, status: .evaluated(violations: violations), assignments: assignments, evaluation: evaluation,
            greedy: greedy, baselineAssignments: baselineAssignments, baseline: baseline, lowerBound: nil, gap: nil, targetGap: 0,
            groups: [], searchLog: ["schedule evaluated, not solved"], unscheduled: unscheduledJobs(problem, assignments),
            seconds: seconds(since: start))
    }

    /// Seconds from `start` to now.
    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let duration = ContinuousClock.now - start
        return Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    public static func plan(_ problem: PlanningProblem, options: PlanOptions = PlanOptions()) -> PlanResult {
        let start = ContinuousClock.now
        func elapsed() -> Double { seconds(since: start) }
        let baselineAssignments = baselineAssignments(problem)
        let baseline = ScheduleEvaluation.evaluate(problem, baselineAssignments, checkRules: false)
        func result(_ status: PlanStatus, _ assignments: [Assignment?], _ evaluation: ScheduleEvaluation, greedy: ScheduleEvaluation,
                    bound: Double?, groups: [GroupReport], log: [String]) -> PlanResult {
            let gap = bound.map { max(0, (evaluation.objective - $0) / max(abs(evaluation.objective), 1e-9)) }
            return PlanResult(
                problem: problem, status: status, assignments: assignments, evaluation: evaluation, greedy: greedy,
                baselineAssignments: baselineAssignments, baseline: baseline, lowerBound: bound, gap: gap, targetGap: options.relativeGap,
                groups: groups, searchLog: log, unscheduled: unscheduledJobs(problem, assignments), seconds: elapsed())
        }

        let impossible = problem.jobs.filter { $0.job.mandatory && $0.candidates.isEmpty }
        if !impossible.isEmpty {
            let reasons = impossible.map { "job \($0.job.id): \($0.whyNoCandidate ?? "no feasible day and method")" }
            let empty = [Assignment?](repeating: nil, count: problem.jobs.count)
            let evaluation = ScheduleEvaluation.evaluate(problem, empty)
            return result(.infeasible(reasons), empty, evaluation, greedy: evaluation, bound: nil, groups: [], log: ["mandatory jobs without any day and method"])
        }

        let greedyAssignments = GreedyPlanner(problem: problem).plan(jobs: Array(problem.jobs.indices))
        let greedy = ScheduleEvaluation.evaluate(problem, greedyAssignments)
        if options.heuristicOnly {
            let status: PlanStatus = greedy.unscheduledMandatory.isEmpty ? .heuristic
                : .mandatoryJobsLeftOut(greedy.unscheduledMandatory.map { "job \(problem.jobs[$0].job.id): the greedy schedule found no day and method with free crews, ties and headroom" })
            return result(status, greedyAssignments, greedy, greedy: greedy, bound: nil, groups: [], log: ["greedy schedule only"])
        }

        var search = DecompositionSearch(problem: problem, options: options, greedy: greedyAssignments, greedyEvaluation: greedy, elapsed: elapsed)
        search.run()
        let best = search.best
        let evaluation = search.bestEvaluation
        let bound = search.bound
        let gap = bound.map { max(0, (evaluation.objective - $0) / max(abs(evaluation.objective), 1e-9)) }
        let status: PlanStatus
        if !evaluation.unscheduledMandatory.isEmpty {
            let reasons = evaluation.unscheduledMandatory.map { whyUnscheduled(problem, $0, best) }
            // Proved: more mandatory jobs need a crew in some days than there are, or the bound
            // already holds a mandatory job's penalty (every plan leaves one out).
            let proofs = problem.capacityShortfalls().map { "proof: " + $0.text }
            if !proofs.isEmpty {
                status = .infeasible(proofs + reasons)
            } else if (bound ?? 0) >= PlanningProblem.mandatoryMissPenalty * (1 - 1e-9) {
                status = .infeasible(["proof: the proved lower bound \(String(format: "%.0f", bound ?? 0)) holds the 10⁹ penalty of a mandatory job left out"] + reasons)
            } else {
                status = .mandatoryJobsLeftOut(reasons)
            }
        } else if let gap, gap <= 1e-6 {
            status = .optimal
        } else if let gap, gap <= options.relativeGap {
            status = .withinGap(gap)
        } else if elapsed() < options.timeLimitSeconds - 1 {
            status = .searchEnded(gap: gap)
        } else {
            status = .timeLimitReached(gap: gap)
        }
        return result(status, best, evaluation, greedy: greedy, bound: bound, groups: search.reports, log: search.log)
    }

    /// Jobs left out of `assignments` with the reason.
    static func unscheduledJobs(_ problem: PlanningProblem, _ assignments: [Assignment?]) -> [UnscheduledJob] {
        problem.jobs.indices.filter { assignments[$0] == nil }.map { j in
            let job = problem.jobs[j]
            let reason: String
            if job.candidates.isEmpty {
                reason = job.whyNoCandidate ?? "no day and method is allowed"
            } else if job.job.mandatory {
                reason = whyUnscheduled(problem, j, assignments)
            } else {
                reason = "deferred: doing it would cost more than its deferral penalty of \(Int(min(job.job.deferralPenaltyCustomerMinutes, 1e15))) customer-minutes, or its crews were taken"
            }
            return UnscheduledJob(job: j, mandatory: job.job.mandatory, reason: reason)
        }
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

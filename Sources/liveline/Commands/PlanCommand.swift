import Reports
import ArgumentParser
import Foundation
import GLPKSolver
import GridModel
import Planner

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Schedule maintenance jobs by day and method: least customer interruption, most live work.",
        discussion: """
            Reads a scenario (docs/scenario-format.md), plans with a greedy schedule and a GLPK MILP
            per tie group, and prints the KPIs beside a baseline (the same jobs by outage on their
            requested dates). With --out, writes schedule.json (read by `liveline simulate
            --schedule`), schedule.csv, switching.txt, resources.csv, plan.json and solver.log.
            Exit code 65 when a mandatory job is left out — proved infeasible, or not placed within
            the time limit (the reasons name the jobs).
            """)

    @Argument(help: "Network file.")
    var network: String

    @Argument(help: "Scenario file (JSON).")
    var scenario: String

    @Option(help: "Directory for the schedule and reports.")
    var out: String?

    @Option(help: "Job list as CSV, replacing the scenario's jobs.")
    var jobs: String?

    @Option(name: .customLong("time-limit"), help: "Seconds for all solves together.")
    var timeLimit: Double = 60

    @Option(help: "Relative gap at which a search may stop (0.01 = 1 %).")
    var gap: Double = 0.005

    @Flag(help: "Greedy schedule only (no MILP), for comparison.")
    var heuristic = false

    @Option(name: .customLong("export-model"), help: "Write the whole plan as one MILP (.lp CPLEX LP or .mps free MPS).")
    var exportModel: String?

    @Option(help: "Tie groups solved at once.")
    var threads: Int = 2

    @Option(help: "Output format: text or json.")
    var format: TextOrJSON = .text

    @Flag(help: "Print GLPK's log to stderr.")
    var verbose = false

    @Flag(help: "No progress line on stderr.")
    var quiet = false

    @Option(help: "Language of switching.txt: en or zh (plan.json carries both: each step's purposeZh, byZh, elementZh; each order's titleZh).")
    var lang: ReportLanguage = .en

    @Option(help: "The day the plan is made (YYYY-MM-DD; default: the horizon's start): outages are planned only where customers can still be told notificationLeadDays before.")
    var today: String?

    func validate() throws {
        guard timeLimit > 0 && timeLimit.isFinite else { throw ValidationError("--time-limit must be a positive number of seconds") }
        guard gap >= 0 && gap < 1 else { throw ValidationError("--gap must be between 0 and 1 (0.01 = 1 %)") }
        guard (1...64).contains(threads) else { throw ValidationError("--threads must be 1…64") }
        if let exportModel, ModelFileFormat(path: exportModel) == nil {
            throw ValidationError("--export-model must end in .lp or .mps")
        }
        if verbose && heuristic { throw ValidationError("--verbose prints GLPK's log, and --heuristic runs no GLPK: leave one out") }
    }

    func run() throws {
        try SafeFiles.refuseOverwriting(files: [exportModel].compactMap { $0 }, folders: [out].compactMap { $0 }, inputs: [network, scenario, jobs])
        if let out, let exportModel, SafeFiles.resolved(exportModel).hasPrefix(SafeFiles.resolved(out) + "/") {
            throw CLIError.usage("\(exportModel): is inside the --out folder \(out), which is replaced as a whole; write the model elsewhere")
        }
        let line = ProgressLine(quiet: quiet)
        line.update("reading \(network) …", force: true)
        let base = try loadNetwork(network, quiet: format == .json)
        line.update("reading \(scenario) …", force: true)
        var loaded: Scenario
        do { loaded = try Scenario.load(path: scenario, network: base, jobsCSVOverride: jobs) } catch { throw CLIError.diagnostics(error.diagnostics) }
        if let today {
            guard let day = CivilDate(today) else { throw CLIError.usage("--today '\(today)' is not a date; write YYYY-MM-DD") }
            guard day <= loaded.end else {
                throw CLIError.usage("--today \(day) is after the scenario's horizon (\(loaded.start)…\(loaded.end)): nothing could be planned")
            }
            loaded.today = day
        }
        let problem: PlanningProblem
        line.update("building the planning problem (\(NumberText.count(loaded.jobs.count, "job"))): every outage's switching and cost …", force: true)
        do { problem = try PlanningProblem(network: base, scenario: loaded) } catch {
            line.finish()
            throw CLIError.diagnostics(error.diagnostics)
        }
        if let exportModel {
            line.update("writing the whole model to \(exportModel) …", force: true)
            do {
                try SafeFiles.writeThrough(exportModel) { temporary in
                    try GLPKSolver.write(Planner.monolithicModel(problem), to: temporary, format: ModelFileFormat(path: exportModel)!)
                }
            } catch {
                throw CLIError.failure("\(exportModel): \(error)")
            }
        }
        var progress: (@Sendable (String) -> Void)?
        if line.enabled { progress = { message in line.update(message.trimmingCharacters(in: .whitespaces)) } }
        line.update("planning \(NumberText.count(problem.groupJobs.filter { !$0.isEmpty }.count, "tie group")): greedy schedule …", force: true)
        let options = PlanOptions(
            timeLimitSeconds: timeLimit, relativeGap: gap, heuristicOnly: heuristic, threads: threads, progress: progress)
        let result = Planner.plan(problem, options: options)
        line.finish()
        if verbose { Console.error(result.groups.map { "--- tie group \($0.feeders.joined(separator: "+"))\n\($0.log)" }.joined(separator: "\n")) }
        let report = PlanReport(result: result, networkPath: network, scenarioPath: scenario, exportedModel: exportModel)
        // A scenario proved impossible gets no plan files: nothing in them could be carried out.
        var proved = false
        if case .infeasible = result.status { proved = true }
        if let out, !proved {
            try SafeFiles.replaceFolder(out, known: PlanReport.fileNames) { staging throws(CLIError) in try report.write(to: staging, language: lang) }
        }
        switch format {
        case .json: Console.out(report.json().rendered())
        default: Console.out(report.text(outDirectory: proved ? nil : out))
        }
        switch result.status {
        case .infeasible(let reasons):
            throw CLIError.badData("\(scenario): infeasible scenario (proved)\(out.map { "; nothing written to \($0)" } ?? ""):\n" + reasons.map { "  \($0)" }.joined(separator: "\n"))
        case .mandatoryJobsLeftOut(let reasons):
            throw CLIError.badData("no plan found that does every mandatory job within the time limit (not proved impossible):\n" + reasons.map { "  \($0)" }.joined(separator: "\n"))
        default:
            break
        }
    }
}

import ArgumentParser
import GridModel
import Planner
import Reports

struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Evaluate a schedule edited by hand (schedule.csv or schedule.json) without solving.",
        discussion: """
            Reads each job's date, method and work period from the schedule and gives the KPIs, \
            the objective's parts and every rule the schedule breaks (windows, calendar, methods, \
            notice, precedence, crews and vehicles, switching teams, outages of one day, tie and \
            section headroom, the repeat cap's excess) beside the baseline and the greedy plan. \
            Exit 0 when every rule holds and every mandatory job is in, 3 when not, 65 when a row \
            cannot be placed (unknown job, a day that is not a planning day …).
            """)

    @Argument(help: "Network file.")
    var network: String

    @Argument(help: "Scenario file (the one the schedule was planned for, pins included).")
    var scenario: String

    @Argument(help: "Schedule: schedule.csv or schedule.json as `plan --out` writes them, edited.")
    var schedule: String

    @Option(help: "Job list as CSV, replacing the scenario's jobs.")
    var jobs: String?

    @Option(help: "Directory for the evaluated plan's files (the same as `plan --out` writes), so the edited version can be reported, compared with `diff` and checked.")
    var out: String?

    @Option(help: "Output format: text or json.")
    var format: TextOrJSON = .text

    func run() throws {
        try SafeFiles.refuseOverwriting(files: [], folders: [out].compactMap { $0 }, inputs: [network, scenario, schedule, jobs])
        let base = try loadNetwork(network, quiet: format == .json)
        let loaded: Scenario
        do { loaded = try Scenario.load(path: scenario, network: base, jobsCSVOverride: jobs) } catch { throw CLIError.diagnostics(error.diagnostics) }
        let problem: PlanningProblem
        do { problem = try PlanningProblem(network: base, scenario: loaded) } catch { throw CLIError.diagnostics(error.diagnostics) }
        let assignments: [Assignment?]
        do { assignments = try EditedSchedule.read(path: schedule, problem: problem) } catch { throw CLIError.diagnostics(error.diagnostics) }
        let result = Planner.evaluate(problem, assignments)
        let report = PlanReport(result: result, networkPath: network, scenarioPath: scenario, exportedModel: nil)
        if let out {
            try SafeFiles.replaceFolder(out, known: PlanReport.fileNames) { staging throws(CLIError) in try report.write(to: staging) }
        }
        switch format {
        case .json: Console.out(report.json().rendered())
        default: Console.out(report.text(outDirectory: out))
        }
        if case .evaluated(let violations) = result.status, !violations.isEmpty { throw ExitCode(3) }
    }
}

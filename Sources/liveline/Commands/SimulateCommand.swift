import Reports
import ArgumentParser
import Foundation
import GridModel
import Reliability

struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Monte Carlo simulation of fault (and planned) interruptions year by year.",
        discussion: """
            Seeded and reproducible: year i draws from its own random stream, so the output is the
            same for any --threads. The seed is printed in every output. Details: docs/monte-carlo.md.
            """)

    @Argument(help: "Network file.")
    var network: String

    @Option(help: "Schedule of planned outages (docs/schedule-format.md), added to every simulated year.")
    var schedule: String?

    @Option(help: "Number of years to simulate.")
    var years: Int?

    @Option(name: .customLong("until-rel-error"), help: "Simulate until the standard error of mean SAIFI and SAIDI is at most this share of the mean (e.g. 0.01).")
    var untilRelError: Double?

    @Option(name: .customLong("max-years"), help: "Upper limit with --until-rel-error.")
    var maxYears: Int?

    @Option(help: "Random seed.")
    var seed: UInt64 = 1

    @Flag(help: "No progress line on stderr.")
    var quiet = false

    @Option(help: "Threads.")
    var threads: Int = 2

    @Option(help: "Repair time distribution; lognormal:CV with CV in (0, 10] (mean = the nominal repair time).")
    var repair: DurationDistributionOption = DurationDistributionOption(argument: "exponential")!

    @Option(help: "Switching time distribution; lognormal:CV with CV in (0, 10].")
    var switching: DurationDistributionOption = DurationDistributionOption(argument: "fixed")!

    @Option(name: .customLong("monthly-failure-factors"), help: "12 comma-separated failure frequency factors, January first.")
    var monthlyFailureFactors: String?

    @Option(name: .customLong("celid-hours"), help: "Hour thresholds of CELID, comma-separated.")
    var celidHours: String = "1,4,8,24"

    @Option(name: .customLong("repeat-window-days"), help: "Rolling window of the repeated-outage figure (频繁停电), days 1…366 (as in audit).")
    var repeatWindowDays: Int = 60

    @Option(name: .customLong("repeat-threshold"), help: "Interruptions of one load point within the window that make it repeated, 2…100.")
    var repeatThreshold: Int = 3

    @Option(help: "Table to add in text/csv.")
    var by: SimulationTable = .system

    @Option(help: "Output format: text, json or csv.")
    var format: OutputFormat = .text

    func parsedFactors() throws -> [Double]? {
        guard let monthlyFailureFactors else { return nil }
        let values = monthlyFailureFactors.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard values.count == 12, values.allSatisfy({ $0 != nil && $0! >= 0 && $0! <= 100 }), values.contains(where: { $0! > 0 }) else {
            throw ValidationError("--monthly-failure-factors needs 12 comma-separated numbers in 0…100, not all zero")
        }
        return values.map { $0! }
    }

    func parsedCELID() throws -> [Double] {
        let values = celidHours.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.count <= 20, values.allSatisfy({ $0 != nil && $0! >= 0 && $0! <= 8760 }) else {
            throw ValidationError("--celid-hours needs 1 to 20 comma-separated hours in 0…8760")
        }
        return values.map { $0! }
    }

    func validate() throws {
        if years != nil && untilRelError != nil { throw ValidationError("give either --years or --until-rel-error, not both") }
        if let years, !(1...100_000_000).contains(years) { throw ValidationError("--years must be 1…100000000") }
        if let untilRelError, !(untilRelError > 0 && untilRelError < 1) { throw ValidationError("--until-rel-error must be between 0 and 1") }
        guard (1...256).contains(threads) else { throw ValidationError("--threads must be 1…256") }
        if let maxYears {
            guard untilRelError != nil else { throw ValidationError("--max-years limits --until-rel-error: give both, or --years alone") }
            guard (1...100_000_000).contains(maxYears) else { throw ValidationError("--max-years must be 1…100000000") }
        }
        _ = try parsedFactors()
        _ = try parsedCELID()
        guard (1...366).contains(repeatWindowDays) else { throw ValidationError("--repeat-window-days must be 1…366") }
        guard (2...100).contains(repeatThreshold) else { throw ValidationError("--repeat-threshold must be 2…100") }
    }

    func run() throws {
        if format == .json && by != .system { Console.error("warning: --by \(by.rawValue) has no effect with --format json, which has every table") }
        let report = try makeReport(quiet: format != .text, progress: !quiet)
        switch format {
        case .text: Console.out(report.text(byLoadPoint: by == .loadPoint))
        case .json: Console.out(report.json().rendered())
        case .csv: Console.out(csvByteOrderMark + report.csv(byLoadPoint: by == .loadPoint))
        }
    }

    /// Loads the network and schedule and simulates; shared with `liveline report`.
    func makeReport(quiet: Bool, progress showProgress: Bool = false) throws -> SimulationReport {
        let net = try loadNetwork(network, quiet: quiet)
        var planned: PlannedInterruptionTotals?
        var scheduleName: String?
        if let schedule {
            do {
                let loaded = try PlannedSchedule.load(path: schedule, network: net)
                planned = loaded.plannedInterruptions(on: net)
                scheduleName = loaded.name
            } catch {
                throw CLIError.diagnostics(error.diagnostics)
            }
        }
        let stopping: StoppingRule = untilRelError.map { .relativeError($0, maximumYears: maxYears ?? 10_000_000) } ?? .years(years ?? 10_000)
        let line = ProgressLine(quiet: !showProgress)
        var progress: (@Sendable (Int, Int?) -> Void)?
        if line.enabled {
            progress = { done, total in
                if let total, done >= total {
                    line.update("aggregating \(NumberText.grouped(total)) simulated years …", force: true)
                } else {
                    line.count("simulated", done, of: total, unit: "years")
                }
            }
        }
        var options = MonteCarloOptions(
            stopping: stopping, seed: seed, threads: threads, repair: repair.distribution,
            switching: switching.distribution, monthlyFailureFactors: try parsedFactors(), celidHours: try parsedCELID(),
            progress: progress)
        options.repeatWindowDays = repeatWindowDays
        options.repeatThreshold = repeatThreshold
        if !quiet {
            for warning in AnalyticalEvaluation.failureDataWarnings(net) { Console.error("warning: \(warning)") }
        }
        let result = MonteCarloSimulation.run(net, planned: planned, options: options)
        line.finish()
        return SimulationReport(file: network, network: net, result: result, schedule: schedule, scheduleName: scheduleName, options: options)
    }
}

import Reports
import ArgumentParser
import GridModel
import Reliability

extension ReliabilityView: ExpressibleByArgument {}

struct ReliabilityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reliability",
        abstract: "Analytical reliability (FMEA): load-point λ/U/r, SAIFI, SAIDI, CAIDI, ASAI, ENS, DL/T 836 indices.",
        discussion: """
            Every section and transformer failure is passed through the outage-impact engine.
            With --what-if, the network is evaluated before and after the changes in the file
            (docs/what-if-format.md) and the deltas are shown.
            """)

    @Argument(help: "Network file.")
    var network: String

    @Option(name: .customLong("what-if"), help: "What-if file: changes to evaluate against the base network.")
    var whatIf: String?

    @Option(help: "Table to show: system, feeder, load-point or component (text and csv).")
    var by: ReliabilityView = .system

    @Option(help: "Output format: text, json or csv.")
    var format: OutputFormat = .text

    @Option(help: "Month whose demand sets tie headroom: peak, average (all months weighted by days), or a month 1-12.")
    var month: HeadroomMonthOption = .peak

    @Option(help: "Counting unit of the DL/T 836 indices.")
    var unit: CountingUnitOption = .customers

    @Option(help: "Rows of the component ranking in text output with --by component (default 20).")
    var top: Int?

    func validate() throws {
        if let top {
            guard top > 0 else { throw ValidationError("--top must be positive") }
            guard by == .component && format == .text else { throw ValidationError("--top sets the rows of the component ranking: it needs --by component and text output") }
        }
    }

    func run() throws {
        if format == .json && by != .system { Console.error("warning: --by \(by.rawValue) has no effect with --format json, which has every table") }
        let report = try makeReport(quiet: format != .text)
        if format == .text {
            Console.error(report.result.warnings.map { "warning: \($0)" }.joined(separator: "\n"))
        }
        switch format {
        case .text: Console.out(report.text(by: by, top: top ?? 20))
        case .json: Console.out(report.json().rendered())
        case .csv: Console.out(csvByteOrderMark + report.csv(by: by))
        }
    }

    /// Loads the network (and what-if) and evaluates; shared with `liveline report`.
    func makeReport(quiet: Bool) throws -> ReliabilityReport {
        let base = try loadNetwork(network, quiet: quiet)
        let months = month.month
        let countingUnit = unit.unit
        let baseResult = AnalyticalEvaluation.evaluate(base, headroomMonth: months, countingUnit: countingUnit)
        var study: ReliabilityReport.Study?
        if let whatIf {
            let loaded: (whatIf: WhatIf, source: SourceText)
            do { loaded = try WhatIf.load(path: whatIf) } catch { throw CLIError.diagnostics(error.diagnostics) }
            let changed: Network
            do { changed = try loaded.whatIf.apply(to: base, source: loaded.source) } catch { throw CLIError.diagnostics(error.diagnostics) }
            let result = AnalyticalEvaluation.evaluate(changed, headroomMonth: months, countingUnit: countingUnit)
            study = ReliabilityReport.Study(whatIf: loaded.whatIf, file: whatIf, network: changed, result: result)
        }
        return ReliabilityReport(file: network, network: base, result: baseResult, study: study)
    }
}

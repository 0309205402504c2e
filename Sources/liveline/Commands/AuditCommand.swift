import Reports
import ArgumentParser
import Audit
import GridModel
import Reliability

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Recompute reliability indices and live-work figures from logs, and check a company's claims.",
        discussion: """
            Inputs and verdicts: docs/audit-format.md. Rows that cannot be read are listed with file
            and line and left out (--strict: any bad row stops the audit with exit code 65).
            Exit code 3 with --fail-on-overstated when a claim is overstated.
            """)

    @Argument(help: "Network file.")
    var network: String

    @Option(help: "Outage event log (CSV).")
    var outages: String

    @Option(help: "Executed work log (CSV).")
    var work: String

    @Option(help: "Claims file (JSON).")
    var claims: String

    @Option(help: "Outage log of up to five prior years (CSV), for major event days and year-on-year claims.")
    var history: String?

    @Option(help: "Output format: text or json.")
    var format: TextOrJSON = .text

    @Flag(name: .customLong("fail-on-overstated"), help: "Exit with code 3 when a claim is overstated.")
    var failOnOverstated = false

    @Flag(help: "Stop at the first file with a bad row (exit 65) instead of leaving the row out.")
    var strict = false

    @Option(help: "Relative difference within which a claim is consistent.")
    var tolerance: Double = 0.02

    @Option(name: .customLong("momentary-minutes"), help: "IEEE 1366 sustained-interruption threshold, minutes.")
    var momentaryMinutes: Double = 5

    @Option(name: .customLong("dlt-short-minutes"), help: "DL/T 836 short-interruption threshold, minutes.")
    var dltShortMinutes: Double = 3

    @Option(help: "DL/T 836 counting unit.")
    var unit: CountingUnitOption = .customers

    @Option(help: "Language of the text output: en or zh (JSON carries both: every text field has a …Zh twin).")
    var lang: ReportLanguage = .en

    @Option(name: .customLong("repeat-window-days"), help: "Rolling window of the repeated-outage count (频繁停电), days 1…366.")
    var repeatWindowDays: Int = 60

    @Option(name: .customLong("repeat-threshold"), help: "Interruptions of one load point within the window that make it repeated, 2…100.")
    var repeatThreshold: Int = 3

    func validate() throws {
        if lang != .en && format == .json { Console.error("warning: --lang has no effect on --format json, which carries every text in both languages") }
        guard (1...366).contains(repeatWindowDays) else { throw ValidationError("--repeat-window-days must be 1…366") }
        guard (2...100).contains(repeatThreshold) else { throw ValidationError("--repeat-threshold must be 2…100") }
        guard tolerance >= 0 && tolerance < 1 else { throw ValidationError("--tolerance must be between 0 and 1") }
        guard (0...1440).contains(momentaryMinutes), (0...1440).contains(dltShortMinutes) else { throw ValidationError("--momentary-minutes and --dlt-short-minutes must be 0…1440 minutes") }
    }

    func run() throws {
        let (report, problems) = try makeReport(quiet: format != .text)
        if format == .text { Console.error(problems.map(\.description).joined(separator: "\n")) }
        switch format {
        case .json: Console.out(report.json().rendered())
        default: Console.out(report.text(lang))
        }
        let result = report.result
        if failOnOverstated && result.checks.contains(where: { $0.verdict.isOverstated }) {
            let ids = result.checks.filter { $0.verdict.isOverstated }.map(\.claim.id).joined(separator: ", ")
            throw CLIError.checkFailed("overstated claims: \(ids)", code: 3)
        }
    }

    /// Reads the network, logs and claims and runs the audit; shared with `liveline report`.
    func makeReport(quiet: Bool) throws -> (report: AuditReport, problems: [Diagnostic]) {
        let net = try loadNetwork(network, quiet: quiet)
        func load<T>(_ body: () throws(AuditInputError) -> T) throws(CLIError) -> T {
            do { return try body() } catch { throw CLIError.diagnostics(error.diagnostics) }
        }
        let claimsFile = try load { () throws(AuditInputError) in try ClaimsFile.read(path: claims) }
        let outageLog = try load { () throws(AuditInputError) in try OutageLogReader.read(path: outages, network: net) }
        let workLog = try load { () throws(AuditInputError) in try WorkLogReader.read(path: work, network: net) }
        let historyLog = try history.map { path in try load { () throws(AuditInputError) in try OutageLogReader.read(path: path, network: net) } }
        let problems = outageLog.diagnostics + workLog.diagnostics + (historyLog?.diagnostics ?? [])
        if strict && problems.contains(where: { $0.severity == .error }) {
            throw CLIError.badData(problems.map(\.description).joined(separator: "\n") + "\n--strict: rows with errors stop the audit")
        }
        var options = AuditOptions()
        options.tolerance = tolerance
        options.momentaryMinutes = momentaryMinutes
        options.dltShortMinutes = dltShortMinutes
        options.repeatWindowDays = repeatWindowDays
        options.repeatThreshold = repeatThreshold
        options.countingUnit = unit.unit
        let result = AuditRun.run(network: net, outages: outageLog, work: workLog, claims: claimsFile, history: historyLog, options: options)
        return (AuditReport(result: result, network: net, files: (outages, work, claims, history)), problems)
    }
}

import ArgumentParser
import Foundation
import GridModel
import Reports

extension ReportLanguage: ExpressibleByArgument {}
extension ReportLayout: ExpressibleByArgument {}

enum ReportOverlay: String, CaseIterable, ExpressibleByArgument {
    case saidi
    case none
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write one self-contained HTML report: network drawing, plan, reliability, simulation, audit.",
        discussion: """
            Each section renders what the matching command returns (the same JSON as --format json);
            nothing is recomputed for the report. Sections appear for the results asked for.
            Examples:
              liveline report networks/rbts-bus2.json --reliability -o rbts.html
              liveline report networks/rbts-bus2.json --plan out/ --plan-day 2027-02-17 --reliability --simulate -o rbts.html
            """)

    @Argument(help: "Network file.")
    var network: String

    @Option(name: [.short, .customLong("output")], help: "HTML file to write.")
    var output: String

    @Flag(help: "Add the analytical reliability evaluation (liveline reliability).")
    var reliability = false

    @Option(name: .customLong("what-if"), help: "What-if file shown beside the base evaluation (implies --reliability).")
    var whatIf: String?

    @Flag(help: "Add a Monte Carlo simulation (liveline simulate); with --plan, its schedule's planned outages are included.")
    var simulate = false

    @Flag(help: "No progress line on stderr.")
    var quiet = false

    @Option(help: "Simulated years, with --simulate (default 2000).")
    var years: Int?

    @Option(help: "Random seed of the simulation, with --simulate (default 1).")
    var seed: UInt64?

    @Option(help: "Threads of the simulation, with --simulate (default 2).")
    var threads: Int?

    @Option(help: "Schedule of planned outages for the simulation (default: the plan's schedule.json).")
    var schedule: String?

    @Option(help: "Directory written by `liveline plan --out DIR` (plan.json, resources.csv).")
    var plan: String?

    @Option(name: .customLong("plan-day"), help: "Draw this plan day's jobs, work zones and back-feeds on the network (YYYY-MM-DD).")
    var planDay: String?

    @Option(help: "Outage event log (CSV) for the audit section.")
    var outages: String?

    @Option(help: "Executed work log (CSV) for the audit section.")
    var work: String?

    @Option(help: "Claims file (JSON) for the audit section.")
    var claims: String?

    @Option(help: "Outage history (CSV) for major event days.")
    var history: String?

    @Option(help: "Colour of the network sections: saidi (contribution, with --reliability) or none.")
    var overlay: ReportOverlay?

    @Option(help: "Feeder layout: auto (coordinates when every bus has them), tree or coordinates.")
    var layout: ReportLayout = .auto

    @Option(help: "Language of the labels: en or zh.")
    var lang: ReportLanguage = .en

    func validate() throws {
        let audit = [outages, work, claims].compactMap { $0 }
        if !audit.isEmpty && audit.count != 3 { throw ValidationError("the audit section needs --outages, --work and --claims together") }
        if history != nil && audit.isEmpty { throw ValidationError("--history belongs to the audit section: give --outages, --work and --claims too") }
        if planDay != nil && plan == nil { throw ValidationError("--plan-day needs --plan DIR") }
        if let planDay, CivilDate(planDay) == nil { throw ValidationError("--plan-day must be a date YYYY-MM-DD; got '\(planDay)'") }
        // Options of a section that is not asked for would have no effect: say so instead.
        if !simulate {
            for (given, name) in [(years != nil, "--years"), (seed != nil, "--seed"), (threads != nil, "--threads"), (schedule != nil, "--schedule")] where given {
                throw ValidationError("\(name) sets the Monte Carlo section: add --simulate (or leave \(name) out)")
            }
        }
        if overlay == .saidi && !reliability && whatIf == nil {
            throw ValidationError("--overlay saidi colours sections by their SAIDI contribution, which needs --reliability")
        }
        if let years { guard (1...100_000_000).contains(years) else { throw ValidationError("--years must be 1…100000000") } }
        if let threads { guard (1...256).contains(threads) else { throw ValidationError("--threads must be 1…256") } }
    }

    /// A command's JSON output as a parsed document.
    func document(_ output: JSONOutput) throws -> JSONNode {
        do { return try JSONParser.parse(Array(output.rendered().utf8)) } catch { throw CLIError.failure("internal: a result could not be read back as JSON (\(error.message))") }
    }

    func readPlan(_ directory: String) throws -> (JSONNode, [ResourceUse]) {
        let planFile = directory + "/plan.json"
        let node = try readJSONDocument(planFile, missing: "write the plan with `liveline plan NET SCENARIO --out \(directory)`",
                                        rewrite: "write the plan again with `liveline plan … --out \(directory)`")
        guard node["kpis"] != nil, node["schedule"] != nil else {
            throw CLIError.badData("\(planFile): error: not a plan.json written by `liveline plan` (no 'kpis' or 'schedule')")
        }
        var resources: [ResourceUse] = []
        let resourcesFile = directory + "/resources.csv"
        if let data = FileManager.default.contents(atPath: resourcesFile) {
            let bytes = SourceText(fileName: resourcesFile, bytes: [UInt8](data))
            if let bad = bytes.firstInvalidUTF8Offset() {
                throw CLIError.badData("\(bytes.location(of: bad)): error: byte 0x\(String(bytes.bytes[bad], radix: 16, uppercase: true)) is not valid UTF-8")
            }
            let text = String(decoding: data, as: UTF8.self)
            let parsed = ResourceUse.parse(csv: text, file: resourcesFile)
            if !parsed.problems.isEmpty { throw CLIError.diagnostics(parsed.problems) }
            resources = parsed.rows
        }
        return (node, resources)
    }

    func run() throws {
        let start = Date()
        let planFiles = plan.map { dir in ["plan.json", "schedule.json", "resources.csv"].map { dir + "/" + $0 } } ?? []
        try SafeFiles.refuseOverwriting(files: [output], inputs: [network, whatIf, schedule, outages, work, claims, history] + planFiles)
        let base = try loadNetwork(network)
        if layout == .coordinates {
            let missing = base.model.buses.filter { $0.x == nil || $0.y == nil }.count
            if missing > 0 {
                throw CLIError.usage("--layout coordinates: \(missing) of \(base.model.buses.count) buses of \(network) have no x/y; use --layout tree, or auto (coordinates where a whole feeder has them)")
            }
        }
        var input = ReportInput(network: base, networkFile: network)
        input.language = lang
        input.layout = layout
        input.planDay = planDay
        if let plan { (input.plan, input.resources) = try readPlan(plan) }
        if let planDay, let day = CivilDate(planDay), let document = input.plan,
            let first = document["schedule"]?["horizon"]?["start"]?.stringValue.flatMap(CivilDate.init),
            let last = document["schedule"]?["horizon"]?["end"]?.stringValue.flatMap(CivilDate.init), day < first || day > last {
            throw CLIError.usage("--plan-day \(day) is outside the plan's horizon \(first)…\(last) (\(plan ?? "")/plan.json)")
        }
        if reliability || whatIf != nil {
            var arguments = [network, "--format", "json"]
            if let whatIf { arguments += ["--what-if", whatIf] }
            input.reliability = try document(try ReliabilityCommand.parse(arguments).makeReport(quiet: true).json())
            input.saidiOverlay = (overlay ?? .saidi) == .saidi
        }
        if simulate {
            var arguments = [network, "--years", String(years ?? 2000), "--seed", String(seed ?? 1), "--threads", String(threads ?? 2), "--format", "json"]
            if let scheduleFile = schedule ?? plan.map({ $0 + "/schedule.json" }) { arguments += ["--schedule", scheduleFile] }
            input.simulation = try document(try SimulateCommand.parse(arguments).makeReport(quiet: true, progress: !quiet).json())
        }
        if let outages, let work, let claims {
            var arguments = [network, "--outages", outages, "--work", work, "--claims", claims, "--format", "json"]
            if let history { arguments += ["--history", history] }
            let (audit, problems) = try AuditCommand.parse(arguments).makeReport(quiet: true)
            Console.error(problems.map(\.description).joined(separator: "\n"))
            input.audit = try document(audit.json())
        }
        let rendering = Date()
        let html = HTMLReport.render(input)
        let renderSeconds = Date().timeIntervalSince(rendering)
        try Console.write(html, to: output)
        let sections = ["network"] + [input.plan.map { _ in "plan" }, input.reliability.map { _ in "reliability" },
                                      input.simulation.map { _ in "simulation" }, input.audit.map { _ in "audit" }].compactMap { $0 }
        Console.out(String(format: "Wrote %@ (%.0f KB; sections: %@) in %.2f s, of which rendering %.2f s",
                           output, Double(html.utf8.count) / 1024, sections.joined(separator: ", "), Date().timeIntervalSince(start), renderSeconds))
    }
}

import Audit
import Foundation
import GridModel
import Importers
import Planner
import Reliability

// Benchmarks that print figures (run with `make bench`, or `.build/release/LiveLineBench NAME…`).
// Each prints the measured time so a person can compare it with the target in the issue.

let clock = ContinuousClock()

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

/// Best of `repeats` runs of `body`, in seconds.
func measure<T>(repeats: Int = 3, _ body: () throws -> T) rethrows -> (seconds: Double, result: T) {
    var best = Double.infinity
    var last: T?
    for _ in 0..<repeats {
        let start = clock.now
        let result = try body()
        best = min(best, seconds(clock.now - start))
        last = result
    }
    return (best, last!)
}

func generatedSource(feeders: Int, seed: UInt64 = 2026) -> SourceText {
    let model = NetworkGenerator.generate(.init(feeders: feeders, seed: seed))
    let text = model.jsonOutput().renderedDocument()
    return SourceText(fileName: "generated-\(feeders).json", bytes: Array(text.utf8))
}

func generatedNetwork(feeders: Int, seed: UInt64 = 2026) -> Network {
    let source = generatedSource(feeders: feeders, seed: seed)
    do {
        return try Network.load(source: source).network
    } catch {
        print("generated network failed validation: \(error.diagnostics.prefix(3))")
        exit(1)
    }
}

func benchNetwork() {
    print("== network: parse + validate + topology (target: < 2 s for 5,000 feeders, linear growth)")
    var perFeeder: [Double] = []
    for feeders in [1_000, 5_000] {
        let source = generatedSource(feeders: feeders)
        let parse = measure { NetworkDecoder.decode(source) }
        let full = measure { try? Network.load(source: source) }
        guard let network = full.result?.network else { print("failed"); exit(1) }
        let summary = measure(repeats: 1) { network.summary() }
        print(String(format: "%5d feeders, %7d sections, %5.1f MB: parse %.3f s, parse+validate+topology %.3f s (%.1f µs/section); summary incl. N-1 %.3f s",
                     feeders, network.model.sections.count, Double(source.bytes.count) / 1e6, parse.seconds, full.seconds,
                     full.seconds / Double(network.model.sections.count) * 1e6, summary.seconds))
        perFeeder.append(full.seconds / Double(feeders))
    }
    print(String(format: "growth: time per feeder at 5,000 / at 1,000 = %.2f (1.00 = linear)", perFeeder[1] / perFeeder[0]))
}

func benchReliability() {
    print("== reliability: analytical FMEA, every section and transformer failure (target: < 1 s for 5,000 feeders, near-linear)")
    var perSection: [Double] = []
    for feeders in [1_000, 5_000] {
        let network = generatedNetwork(feeders: feeders)
        let run = measure { AnalyticalEvaluation.evaluate(network) }
        let sections = network.model.sections.count
        print(String(format: "%5d feeders, %7d sections: %.3f s (%.2f µs/section); SAIFI %.4f, SAIDI %.4f h, ENS %.1f MWh",
                     feeders, sections, run.seconds, run.seconds / Double(sections) * 1e6, run.result.system.saifi,
                     run.result.system.saidi, run.result.system.ensMWh))
        perSection.append(run.seconds / Double(sections))
    }
    print(String(format: "growth: time per section at 5,000 / at 1,000 feeders = %.2f (1.00 = linear)", perSection[1] / perSection[0]))
}

func benchSimulate() {
    print("== simulate: Monte Carlo years per second (target: ≥ 1,000,000 feeder-years/s on RBTS Bus 2 with 2 threads)")
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    guard let rbts = try? Network.load(path: root.appendingPathComponent("networks/rbts-bus2.json").path).network else {
        print("cannot read networks/rbts-bus2.json")
        exit(1)
    }
    let city = generatedNetwork(feeders: 1_000)
    for (name, network, years) in [("RBTS Bus 2", rbts, 2_000_000), ("generated 1,000 feeders", city, 4_000)] {
        for threads in [1, 2] {
            let options = MonteCarloOptions(stopping: .years(years), seed: 1, threads: threads, repair: .exponential, switching: .exponential)
            let run = measure(repeats: 1) { MonteCarloSimulation.run(network, options: options) }
            let perSecond = Double(years) / run.seconds
            print(String(format: "%@: %d years, %d thread%@: %.2f s, %.0f years/s = %.0f feeder-years/s (SAIDI %.3f ± %.3f h)",
                         name, years, threads, threads == 1 ? "" : "s", run.seconds, perSecond, perSecond * Double(network.model.sources.count),
                         run.result.saidi.mean, run.result.saidi.standardError))
        }
    }
}

func benchAudit() {
    print("== audit: 1,000,000 events on a generated 1,000-feeder network (target: < 10 s on 2 cores)")
    let network = generatedNetwork(feeders: 1_000)
    var random = SeededRandom(seed: 11)
    var text = "event_id,start,end,cause,feeder,load_points,customers,steps\n"
    text.reserveCapacity(90_000_000)
    let byFeeder = network.topology.feeders.map { $0.loadPoints }
    let causes = ["fault", "fault", "fault", "planned", "external", "supplyShortage"]
    let start = CivilDate("2026-01-01")!
    for event in 0..<1_000_000 {
        let feeder = random.below(byFeeder.count)
        let points = byFeeder[feeder]
        guard !points.isEmpty else { continue }
        let count = 1 + random.below(min(3, points.count))
        var ids: [String] = []
        for _ in 0..<count { ids.append(network.model.loadPoints[points[random.below(points.count)]].id.rawValue) }
        ids = Array(Set(ids)).sorted()
        let begin = Timestamp(date: start.adding(days: random.below(181)), hour: random.below(24), minute: random.below(60))
        let minutes = random.chance(0.1) ? 1 + random.below(4) : 6 + random.below(600)
        let end = Timestamp(minutes: begin.minutes + minutes)
        var steps = ""
        if ids.count > 1 && minutes > 30 { steps = "\(Timestamp(minutes: begin.minutes + minutes / 2))=\(ids[0])" }
        text += "E\(event),\(begin),\(end),\(causes[random.below(causes.count)]),\(network.model.sources[feeder].id.rawValue),\(ids.joined(separator: ";")),,\(steps)\n"
    }
    let bytes = Array(text.utf8)
    print(String(format: "log: %.1f MB", Double(bytes.count) / 1e6))
    let claims = ClaimsFile(company: "bench", start: start, end: CivilDate("2026-06-30")!, claims: [
        Claim(id: "C1", metric: .saidi, value: 1, text: nil), Claim(id: "C2", metric: .rs1Percent, value: 99.9, text: nil),
    ])
    let clockStart = clock.now
    let parsed = try! OutageLogReader.parse(SourceText(fileName: "bench.csv", bytes: bytes), network: network)
    let parseSeconds = seconds(clock.now - clockStart)
    let result = AuditRun.run(network: network, outages: parsed, work: ParsedLog(file: "w", records: [], diagnostics: [], rejectedRows: 0),
                              claims: claims, history: nil, options: AuditOptions())
    let total = seconds(clock.now - clockStart)
    print(String(format: "%d events read in %.2f s; audited in %.2f s total (SAIFI %.2f, SAIDI %.1f h, RS-1 %.4f %%)",
                 parsed.records.count, parseSeconds, total, result.ieee.saifi, result.ieee.saidi, result.dlt836.rs1Percent))
}

let benches: [String: () -> Void] = [
    "network": benchNetwork,
    "reliability": benchReliability,
    "plan": { benchPlan(monolithic: true) },
    "plan-quick": { benchPlan(monolithic: false) },
    "plan-large": benchPlanLarge,
    "reliability-radial": benchRadial,
    "simulate": benchSimulate,
    "audit": benchAudit,
    "import": benchImport,
    "report": benchReport,
]
let order = ["network", "reliability", "reliability-radial", "simulate", "audit", "import", "report", "plan"]
let requested = CommandLine.arguments.dropFirst()
let names = requested.isEmpty ? order : Array(requested)
for name in names {
    guard let bench = benches[name] else {
        print("unknown benchmark '\(name)'; available: \((order + ["plan-quick", "plan-large"]).joined(separator: ", "))")
        exit(64)
    }
    bench()
}

import Audit
import Foundation
import GridModel
import Importers
import Planner
import Reliability
import Reports

/// One fuzz target: seed files and what to do with an input (parse, validate, then use what was
/// accepted the way the commands do, text output included). Bad input must come back as
/// diagnostics; a trap or a hang is a finding.
struct FuzzTarget {
    var name: String
    var seeds: [[UInt8]]
    var run: ([UInt8]) -> Bool
}

enum Targets {
    static func bytes(_ path: String) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            FileHandle.standardError.write(Data("seed \(path) is missing (run from the repository root)\n".utf8))
            exit(66)
        }
        return [UInt8](data)
    }

    static let rbts: Network = {
        guard let loaded = try? Network.load(path: "networks/rbts-bus2.json") else {
            FileHandle.standardError.write(Data("networks/rbts-bus2.json does not load (run from the repository root)\n".utf8))
            exit(66)
        }
        return loaded.network
    }()

    /// Uses an accepted network as `reliability` and `simulate` do, text included.
    static func exercise(_ network: Network) {
        let result = AnalyticalEvaluation.evaluate(network, headroomMonth: .peak, countingUnit: .customers)
        let reliability = ReliabilityReport(file: "fuzz", network: network, result: result)
        for view in ReliabilityView.allCases { _ = reliability.text(by: view, top: 5) }
        let options = MonteCarloOptions(stopping: .years(8), seed: 1, threads: 1)
        let simulated = MonteCarloSimulation.run(network, options: options)
        let simulation = SimulationReport(file: "fuzz", network: network, result: simulated, schedule: nil, scheduleName: nil, options: options)
        _ = simulation.text(byLoadPoint: true)
        _ = network.model.jsonOutput().renderedDocument()
        // The HTML report of both, as `report --reliability --simulate` draws it.
        var input = ReportInput(network: network, networkFile: "fuzz.json")
        input.reliability = try? JSONParser.parse(Array(reliability.json().rendered().utf8))
        input.simulation = try? JSONParser.parse(Array(simulation.json().rendered().utf8))
        input.saidiOverlay = true
        _ = HTMLReport.render(input)
    }

    static let scratch: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("liveline-fuzz-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// Writes the input where an importer expects a file (with the files it redirects to).
    static func file(_ bytes: [UInt8], name: String, companions: [String] = []) -> String {
        for companion in companions {
            let target = scratch.appendingPathComponent((companion as NSString).lastPathComponent)
            if !FileManager.default.fileExists(atPath: target.path) { try? FileManager.default.copyItem(atPath: companion, toPath: target.path) }
        }
        let url = scratch.appendingPathComponent(name)
        try? Data(bytes).write(to: url)
        return url.path
    }

    static let quarterProblem: PlanningProblem = {
        guard let scenario = try? Scenario.load(path: "scenarios/rbts-bus2-quarter.json", network: rbts),
            let problem = try? PlanningProblem(network: rbts, scenario: scenario)
        else { exit(66) }
        return problem
    }()

    static let quarterPlan: PlanResult = Planner.plan(quarterProblem, options: PlanOptions(timeLimitSeconds: 5, heuristicOnly: true))

    static func quarterSchedule() -> [UInt8] {
        Array((quarterPlan.schedule(networkPath: "networks/rbts-bus2.json").jsonOutput(network: rbts).rendered() + "\n").utf8)
    }

    static var all: [FuzzTarget] {
        let fixtures = "Tests/ImportersTests/Fixtures/networks/"
        let ieee13 = fixtures + "ieee13/"
        return [
            FuzzTarget(name: "network", seeds: ["networks/rbts-bus2.json", "networks/rbts-bus2-case-e.json"].map(bytes)) { input in
                guard let network = try? Network.load(source: SourceText(fileName: "fuzz.json", bytes: input)).network else { return false }
                exercise(network)
                return true
            },
            FuzzTarget(name: "scenario", seeds: [bytes("scenarios/rbts-bus2-quarter.json"), bytes("scenarios/rbts-bus2-night.json")]) { input in
                guard let scenario = try? Scenario.decode(SourceText(fileName: "fuzz.json", bytes: input), network: rbts),
                    let problem = try? PlanningProblem(network: rbts, scenario: scenario)
                else { return false }
                let result = Planner.plan(problem, options: PlanOptions(timeLimitSeconds: 2, heuristicOnly: true))
                _ = PlanReport(result: result, networkPath: "n", scenarioPath: "s").text(outDirectory: "out")
                _ = result.scheduleCSV()
                return true
            },
            FuzzTarget(name: "jobs-csv", seeds: [bytes("Tests/PlannerTests/Fixtures/jobs.csv")]) { input in
                (try? JobCSV.parse(SourceText(fileName: "fuzz.csv", bytes: input), network: rbts)) != nil
            },
            FuzzTarget(name: "what-if", seeds: ["scenarios/what-if/rbts-case-e.json", "scenarios/what-if/rbts-automate-f1.json"].map(bytes)) { input in
                let source = SourceText(fileName: "fuzz.json", bytes: input)
                guard let whatIf = try? WhatIf.decode(source), let changed = try? whatIf.apply(to: rbts, source: source) else { return false }
                exercise(changed)
                return true
            },
            FuzzTarget(name: "outages", seeds: [bytes("scenarios/audit-example/outages.csv")]) { input in
                guard let log = try? OutageLogReader.parse(SourceText(fileName: "fuzz.csv", bytes: input), network: rbts) else { return false }
                audit(outages: log)
                return true
            },
            FuzzTarget(name: "work", seeds: [bytes("scenarios/audit-example/work.csv")]) { input in
                guard let log = try? WorkLogReader.parse(SourceText(fileName: "fuzz.csv", bytes: input), network: rbts) else { return false }
                audit(work: log)
                return true
            },
            FuzzTarget(name: "claims", seeds: [bytes("scenarios/audit-example/claims.json")]) { input in
                guard let claims = try? ClaimsFile.decode(SourceText(fileName: "fuzz.json", bytes: input)) else { return false }
                audit(claims: claims)
                return true
            },
            FuzzTarget(name: "schedule", seeds: [quarterSchedule()]) { input in
                guard let schedule = try? PlannedSchedule.decode(SourceText(fileName: "fuzz.json", bytes: input), network: rbts) else { return false }
                let planned = schedule.plannedInterruptions(on: rbts)
                let options = MonteCarloOptions(stopping: .years(4), seed: 1, threads: 1)
                let result = MonteCarloSimulation.run(rbts, planned: planned, options: options)
                _ = SimulationReport(file: "fuzz", network: rbts, result: result, schedule: "s", scheduleName: schedule.name, options: options).text(byLoadPoint: false)
                return true
            },
            // A schedule edited by hand for `liveline evaluate` (schedule.csv; the .json form shares
            // the placing code): placed, evaluated and its KPIs computed.
            FuzzTarget(name: "edited-schedule", seeds: [Array(quarterPlan.scheduleCSV().utf8)]) { input in
                guard let assignments = try? EditedSchedule.read(path: file(input, name: "schedule.csv"), problem: quarterProblem) else { return false }
                let evaluation = ScheduleEvaluation.evaluate(quarterProblem, assignments)
                _ = PlanKPIs.compute(quarterProblem, assignments, evaluation)
                return true
            },
            FuzzTarget(name: "opendss", seeds: [bytes(ieee13 + "IEEE13Nodeckt.dss")]) { input in
                let path = file(input, name: "IEEE13Nodeckt.dss", companions: [ieee13 + "IEEELineCodes.DSS", ieee13 + "IEEE13Node_BusXY.csv"])
                return imported(try? OpenDSSImporter.importFile(path: path))
            },
            FuzzTarget(name: "matpower", seeds: [fixtures + "case69/case69.m", fixtures + "baran33/case33bw.m"].map(bytes)) { input in
                imported(try? MatpowerImporter.importFile(path: file(input, name: "case.m")))
            },
            FuzzTarget(name: "assumptions", seeds: [bytes("docs/examples/import-assumptions.json")]) { input in
                guard let assumptions = try? ImportAssumptions.load(path: file(input, name: "assumptions.json")) else { return false }
                return imported(try? MatpowerImporter.importFile(path: fixtures + "case69/case69.m", assumptions: assumptions))
            },
        ]
    }

    /// What `import` does with a result: validate the model, render it, read the text back.
    static func imported(_ result: ImportResult?) -> Bool {
        guard let result, let network = try? Network(validating: result.model) else { return false }
        let text = result.model.jsonOutput().renderedDocument()
        if let reloaded = try? Network.load(source: SourceText(fileName: "out.json", bytes: Array(text.utf8))).network {
            exercise(reloaded)
        }
        _ = network.summary()
        return true
    }

    static let exampleOutages = try! OutageLogReader.read(path: "scenarios/audit-example/outages.csv", network: rbts)
    static let exampleWork = try! WorkLogReader.read(path: "scenarios/audit-example/work.csv", network: rbts)
    static let exampleClaims = try! ClaimsFile.read(path: "scenarios/audit-example/claims.json")

    static func audit(outages: ParsedLog<OutageRecord>? = nil, work: ParsedLog<WorkRecord>? = nil, claims: ClaimsFile? = nil) {
        let result = AuditRun.run(network: rbts, outages: outages ?? exampleOutages, work: work ?? exampleWork, claims: claims ?? exampleClaims,
                                  history: nil, options: AuditOptions())
        _ = AuditReport(result: result, network: rbts, files: ("o", "w", "c", nil)).text()
        _ = AuditReport(result: result, network: rbts, files: ("o", "w", "c", nil)).json().rendered()
    }
}

import Foundation
import GLPKSolver
import GridModel
import Importers
import Planner

/// `plan-large` (issue 19): one big imported feeder (IEEE 8500, EPRI ckt24) with 200 generated
/// jobs over 65 working days, and a generated 2,000-feeder city with 10,000 jobs over 130 days.
/// Per case: the scenario's sizing, the whole model's size, the time to the first plan with every
/// mandatory job (problem set-up + greedy), the time to a 1 % proved gap (a run with --gap 0.01;
/// "not reached" with the gap at the limit otherwise), on 2 threads.
func benchPlanLarge() {
    say("== plan-large: big single feeders and a 2,000-feeder city (target: every mandatory job in within 120 s; ≤ 1 % proved gap or the gap stated)")
    say("   model size before issue 19 (commit ab35eda, IEEE 8500, seed 2): 32,541 columns, 54,264 rows, 752,339 non-zeros")
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    var cases: [(name: String, network: Network, jobs: Int, days: Int, seed: UInt64, limit: Double, model: Bool)] = []
    for relative in ["ieee8500/Master.dss", "epri-ckt24/master_ckt24.dss"] {
        let path = root.appendingPathComponent("Tests/ImportersTests/Fixtures/networks/" + relative).path
        guard let imported = try? OpenDSSImporter.importFile(path: path), let network = try? Network(validating: imported.model, name: relative) else {
            say("\(relative): import failed")
            continue
        }
        cases.append((relative, network, 200, 65, 2, 120, true))
    }
    cases.append(("city 2,000 feeders", generatedNetwork(feeders: 2_000, seed: 3), 10_000, 130, 3, 300, false))

    for item in cases {
        say("-- \(item.name): \(item.network.model.sections.count) sections, \(item.network.model.loadPoints.count) load points; \(item.jobs) jobs over \(item.days) working days (seed \(item.seed))")
        let start = CivilDate("2027-04-05")!
        let generateStart = clock.now
        let generated = Scenario.generate(network: item.network, jobs: item.jobs, workingDays: item.days, seed: item.seed, start: start)
        guard let sizing = try? generated.sizedForPlanning(network: item.network) else {
            say("   sizing failed")
            continue
        }
        say(String(format: "   generate-jobs with sizing: %.2f s, %d raises, %d made deferrable; tightest: %@", seconds(clock.now - generateStart),
                   sizing.raises.count, sizing.madeDeferrable.count, sizing.tightest?.text ?? "-"))
        let setupStart = clock.now
        guard let problem = try? PlanningProblem(network: item.network, scenario: sizing.scenario) else {
            say("   problem set-up failed")
            continue
        }
        let setup = seconds(clock.now - setupStart)
        if item.model {
            let buildStart = clock.now
            let model = Planner.monolithicModel(problem)
            say(String(format: "   whole model: %d columns, %d rows, %d non-zeros (built in %.2f s)", model.variables.count, model.constraints.count,
                       model.termVariables.count, seconds(clock.now - buildStart)))
        }
        let greedyStart = clock.now
        let greedy = GreedyPlanner(problem: problem).plan(jobs: Array(problem.jobs.indices))
        let greedyEvaluation = ScheduleEvaluation.evaluate(problem, greedy)
        say(String(format: "   first plan (set-up %.2f s + greedy %.2f s): %.2f s, objective %.1f, mandatory jobs left out %d, rule violations %d",
                   setup, seconds(clock.now - greedyStart), setup + seconds(clock.now - greedyStart), greedyEvaluation.objective,
                   greedyEvaluation.unscheduledMandatory.count, greedyEvaluation.violations.count))
        for target in [0.01, 0.005] {
            let runStart = clock.now
            let result = Planner.plan(problem, options: PlanOptions(timeLimitSeconds: item.limit, relativeGap: target, threads: 2))
            let wall = seconds(clock.now - runStart)
            let reached = result.gap.map { $0 <= target } ?? false
            say(String(format: "   --gap %.3g, %.0f s limit: %@ after %.1f s (%@), objective %.1f, bound %@, mandatory jobs left out %d",
                       target, item.limit, reached ? "reached" : "not reached", wall, result.status.text, result.evaluation.objective,
                       result.lowerBound.map { String(format: "%.1f", $0) } ?? "-", result.evaluation.unscheduledMandatory.count))
            if !reached { break }
        }
    }
}

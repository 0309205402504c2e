import Foundation
import GLPKSolver
import GridModel
import Planner

/// `plan`: the planner on RBTS Bus 2's quarter and on generated cities of 50, 200 and 500 feeders
/// (seeds 3 and 11; 300, 1,000 and 2,500 jobs over 65 working days), 60 s and a 0.5 % target
/// gap each, beside GLPK on the whole (monolithic) model with the same time limit.
/// `plan-quick` skips the monolithic solves.
/// Writes a line straight away (the cases take minutes; the output may go to a file).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func benchPlan(monolithic: Bool) {
    say("== plan: time, objective, proved bound and gap per case; GLPK on the monolithic model with the same limit")
    say("   (target: every case within 0.5 % of the best known objective; 500 feeders / 2,500 jobs / 65 days within 60 s at ≤ 0.5 % proved gap)")
    let limit = 60.0
    var cases: [(name: String, problem: PlanningProblem)] = []
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    if let rbts = try? Network.load(path: root.appendingPathComponent("networks/rbts-bus2.json").path).network,
        let quarter = try? Scenario.load(path: root.appendingPathComponent("scenarios/rbts-bus2-quarter.json").path, network: rbts),
        let problem = try? PlanningProblem(network: rbts, scenario: quarter)
    {
        cases.append(("RBTS Bus 2 quarter (60 jobs)", problem))
    }
    for (feeders, jobs) in [(50, 300), (200, 1_000), (500, 2_500)] {
        for seed in [3, 11] {
            let network = generatedNetwork(feeders: feeders, seed: UInt64(seed))
            let scenario = Scenario.generate(network: network, jobs: jobs, workingDays: 65, seed: UInt64(seed), start: CivilDate("2027-04-05")!)
            guard let problem = try? PlanningProblem(network: network, scenario: scenario) else { continue }
            cases.append(("\(feeders) feeders, \(jobs) jobs, seed \(seed)", problem))
        }
    }
    func pad(_ text: String, _ width: Int) -> String { text.count >= width ? text : text + String(repeating: " ", count: width - text.count) }
    say(pad("case", 34) + " seconds  " + pad("status", 26) + "     objective          bound      gap | GLPK whole model:  objective          bound      gap | plan vs best known")
    for (name, problem) in cases {
        let start = clock.now
        let result = Planner.plan(problem, options: PlanOptions(timeLimitSeconds: limit, relativeGap: 0.005, threads: 2))
        let wall = seconds(clock.now - start)
        var whole = "(skipped)"
        var best = result.evaluation.objective
        if monolithic {
            let model = Planner.monolithicModel(problem)
            if let solved = try? GLPKSolver.solve(model, options: SolveOptions(timeLimitSeconds: limit, relativeGap: 0.005)) {
                let objective = solved.objective.map { String(format: "%14.1f", $0) } ?? "     no solution"
                let bound = solved.bestBound.map { String(format: "%14.1f", $0) } ?? "              -"
                let gap = solved.gap.map { String(format: "%6.2f %%", $0 * 100) } ?? "      -"
                whole = "\(objective) \(bound) \(gap)"
                if let objective = solved.objective { best = min(best, objective) }
            } else {
                whole = "(GLPK error)"
            }
        }
        let versus = (result.evaluation.objective - best) / max(abs(best), 1e-9)
        let bound = result.lowerBound.map { String(format: "%14.1f", $0) } ?? "             -"
        let gap = result.gap.map { String(format: "%6.2f %%", $0 * 100) } ?? "       -"
        say(pad(name, 34) + String(format: " %7.1f  ", wall) + pad(result.status.text, 26) + String(format: " %14.1f ", result.evaluation.objective)
              + bound + " " + gap + " | " + pad(whole, 47) + " | " + String(format: "%.3f %%", versus * 100))
    }
}

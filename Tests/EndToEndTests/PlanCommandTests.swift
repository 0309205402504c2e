import Foundation
import Testing

struct PlanCommandTests {
    @Test func quarterPlanBeatsTheBaselineAndPrintsEveryKPI() throws {
        let directory = try CLI.temporaryDirectory()
        let result = try CLI.run(["plan", "networks/rbts-bus2.json", "scenarios/rbts-bus2-quarter.json", "--out", directory.path])
        #expect(result.exitCode == 0, "\(result.stderr)")
        for label in [
            "Live-work ratio by jobs (不停电作业化率)", "Live-work ratio by customer-hours", "Loop-supply coverage (转供覆盖率)",
            "Planned customer-hours (时户数)", "Planned customer interruptions (停电户次)", "Energy not supplied, MWh",
            "Customers over the repeat cap", "Avoided customer-hours against the baseline (减少停电时户数)",
            "Additional energy supplied (多供电量)", "proved bound", "Greedy heuristic objective",
        ] {
            #expect(result.stdout.contains(label), "missing \(label)")
        }
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("plan.json"))) as? [String: Any])
        let kpis = try #require(plan["kpis"] as? [String: [String: Any]])
        let planned = try #require(kpis["plan"]?["customerHours"] as? Double)
        let baseline = try #require(kpis["baseline"]?["customerHours"] as? Double)
        #expect(planned < baseline)
        #expect((plan["avoidedCustomerHours"] as? Double ?? 0) > 0)
        #expect((kpis["plan"]?["scheduledJobs"] as? Int) == 60)
        for file in ["schedule.json", "schedule.csv", "switching.txt", "resources.csv", "solver.log"] {
            #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent(file).path), "\(file)")
        }
        let csv = try String(contentsOf: directory.appendingPathComponent("schedule.csv"), encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 61)
    }

    /// The plan's objective and proved gap from `plan --format json`, exporting the model to `model`.
    func planWithExport(_ network: String, _ scenario: String, model: String) throws -> (objective: Double, bound: Double) {
        let result = try CLI.run(["plan", network, scenario, "--gap", "0", "--export-model", model, "--format", "json"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return (try #require(plan["objective"] as? Double), try #require(plan["lowerBound"] as? Double))
    }

    @Test func exportedModelResolvedByGlpsolGivesThePlanObjective() throws {
        guard let glpsol = CLI.tool("glpsol") else {
            Issue.record("glpsol is missing: install glpk-utils (make test does)")
            return
        }
        // A small generated city that glpsol proves optimal in a moment.
        let directory = try CLI.temporaryDirectory()
        let network = directory.appendingPathComponent("net.json").path
        let jobs = directory.appendingPathComponent("jobs.json").path
        #expect(try CLI.run(["generate", "--feeders", "4", "--seed", "5", "-o", network]).exitCode == 0)
        #expect(try CLI.run(["generate-jobs", network, "--jobs", "25", "--days", "20", "--seed", "5", "-o", jobs]).exitCode == 0)
        let model = directory.appendingPathComponent("plan.lp").path
        let plan = try planWithExport(network, jobs, model: model)
        let solution = directory.appendingPathComponent("plan.sol").path
        _ = try CLI.runProgram(glpsol, ["--lp", model, "--tmlim", "300", "-o", solution])
        let text = try String(contentsOfFile: solution, encoding: .utf8)
        #expect(text.contains("INTEGER OPTIMAL"))
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("Objective:") })
        let value = try #require(Double(line.split(separator: "=")[1].split(separator: " ")[0]))
        #expect(abs(value - plan.objective) <= 1e-6 * abs(plan.objective))
        #expect(plan.bound <= value * (1 + 1e-6))
    }

    @Test func exportedQuarterModelResolvedByHiGHSGivesThePlanObjective() throws {
        guard let python = CLI.tool("python3") else {
            Issue.record("python3 is missing")
            return
        }
        let directory = try CLI.temporaryDirectory()
        let model = directory.appendingPathComponent("plan.mps").path
        let plan = try planWithExport("networks/rbts-bus2.json", "scenarios/rbts-bus2-quarter.json", model: model)
        let solved = try CLI.runProgram(python, ["Tests/Scripts/highs_resolve.py", model, "600"])
        #expect(solved.exitCode == 0, "highspy missing? pip install highspy (make test does): \(solved.stderr)")
        let line = try #require(solved.stdout.split(separator: "\n").last { $0.hasPrefix("RESULT ") }, "\(solved.stdout)")
        let fields = line.split(separator: " ").map(String.init)
        #expect(fields[1] == "Optimal", "\(solved.stdout)")
        let value = try #require(Double(fields[2]))
        // Tie-breakers and HiGHS's feasibility tolerance differ in the last 10⁻⁸.
        #expect(abs(value - plan.objective) <= 1e-6 * abs(plan.objective), "HiGHS \(value) vs plan \(plan.objective)")
        #expect(plan.bound <= value * (1 + 1e-6))
    }

    @Test func heuristicModeAndJSON() throws {
        let result = try CLI.run(["plan", "networks/rbts-bus2.json", "scenarios/rbts-bus2-quarter.json", "--heuristic", "--format", "json"])
        #expect(result.exitCode == 0)
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(plan["status"] as? String == "heuristic (greedy only)")
    }

    @Test func infeasibleScenarioNamesTheJob() throws {
        let directory = try CLI.temporaryDirectory()
        let scenario = directory.appendingPathComponent("weekend.json")
        try Data(#"""
            {"formatVersion": 1, "horizon": {"start": "2027-01-04", "end": "2027-01-31"},
             "resources": {"liveTeams": {"3": 1}, "bucketTrucks": 1, "outageCrews": 1},
             "jobs": [{"id": "WEEKEND", "workType": "poleReplacement", "section": "S4", "durationHours": 5,
                       "earliest": "2027-01-09", "latest": "2027-01-10"}]}
            """#.utf8).write(to: scenario)
        let result = try CLI.run(["plan", "networks/rbts-bus2.json", scenario.path])
        #expect(result.exitCode == 65)
        #expect(result.stderr.contains("job WEEKEND: its window 2027-01-09…2027-01-10 has no working day in the horizon (weekends, blocked days)"))
    }

    @Test func badScenarioExits65WithLocatedErrors() throws {
        let result = try CLI.run(["plan", "networks/rbts-bus2.json", "Tests/PlannerTests/Fixtures/bad-scenario.json"])
        #expect(result.exitCode == 65)
        #expect(result.stderr.contains("Tests/PlannerTests/Fixtures/bad-scenario.json:8:112: error: jobs[1].latest \"J2\": '2027-04-31' is not a date; write YYYY-MM-DD"))
    }
}

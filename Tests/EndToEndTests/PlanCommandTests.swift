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
        for file in ["schedule.json", "schedule.csv", "switching.txt", "switching.csv", "resources.csv", "solver.log", "notifications.csv", "notifications.json",
                     "outages.ics", "work-packages.txt", "work-packages.csv", "work-packages.html"] {
            #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent(file).path), "\(file)")
        }
        let csv = try String(contentsOf: directory.appendingPathComponent("schedule.csv"), encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 61)
        #expect(csv.hasPrefix("job,date,start,end,") || csv.hasPrefix("\u{FEFF}job,date,start,end,"))
        let bytes = try Data(contentsOf: directory.appendingPathComponent("schedule.csv"))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF], "schedule.csv starts with the UTF-8 byte-order mark")
        // Every outage of the plan is in the notification list and the calendar.
        let notices = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("notifications.json"))) as? [[String: Any]])
        let outages = try #require((plan["schedule"] as? [String: Any])?["outages"] as? [[String: Any]])
        #expect(Set(notices.compactMap { $0["outage"] as? String }) == Set(outages.compactMap { $0["id"] as? String }))
        #expect(notices.allSatisfy { $0["inTime"] as? Bool == true })
        let calendar = try String(contentsOf: directory.appendingPathComponent("outages.ics"), encoding: .utf8)
        #expect(calendar.components(separatedBy: "BEGIN:VEVENT").count - 1 == outages.count)
        let pages = try String(contentsOf: directory.appendingPathComponent("work-packages.html"), encoding: .utf8)
        #expect(pages.contains("<section class=\"day\">") && pages.contains("Switching order O1"))
    }

    @Test func todayAfterTheHorizonIsAUsageError() throws {
        let directory = try CLI.temporaryDirectory()
        let out = directory.appendingPathComponent("plan").path
        let result = try CLI.run(["plan", "networks/rbts-bus2.json", "scenarios/rbts-bus2-quarter.json", "--today", "2027-06-01", "--out", out])
        #expect(result.exitCode == 64)
        #expect(result.stderr.contains("--today 2027-06-01 is after the scenario's horizon (2027-01-04…2027-03-31)"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        let malformed = try CLI.run(["plan", "networks/rbts-bus2.json", "scenarios/rbts-bus2-quarter.json", "--today", "2027-02-30", "--out", out])
        #expect(malformed.exitCode == 64)
        #expect(malformed.stderr.contains("--today '2027-02-30' is not a date; write YYYY-MM-DD"), "\(malformed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
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
        let out = directory.appendingPathComponent("plan").path
        let result = try CLI.run(["plan", "networks/rbts-bus2.json", scenario.path, "--out", out])
        #expect(result.exitCode == 65)
        #expect(result.stderr.contains("\(scenario.path): infeasible scenario (proved); nothing written to \(out)"), "\(result.stderr)")
        #expect(result.stderr.contains("job WEEKEND: its window 2027-01-09…2027-01-10 has no working day in the horizon (weekends, blocked days) [jobs[0]]"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    /// Hours, notice and days that cannot be met (issue 14): a located message, exit 65, no plan files.
    @Test(arguments: [
        (#""durationHours": 9, "earliest": "2027-01-11", "latest": "2027-01-22""#, #", "timeOfDay": {"periods": [{"name": "day", "startHours": [9], "longestJobHours": 8}]}"#,
         "s.json:3:11: error: jobs[0].durationHours \"J1\": 9 h does not fit a 8 h shift; give it in days (durationDays) of at most 8 h each"),
        (#""durationHours": 4, "earliest": "2027-01-04", "latest": "2027-01-08""#, "",
         "outages need 7 days' notice (customers told by 2027-01-04, so outages from 2027-01-11)"),
        (#""durationHours": 4, "durationDays": 4, "earliest": "2027-01-18", "latest": "2027-01-20""#, "",
         "it takes 4 consecutive working days and its window 2027-01-18…2027-01-20 has 3 working days [jobs[0]]"),
    ])
    func unmeetableHoursNoticeOrDaysExit65WithoutFiles(_ window: String, _ extra: String, _ message: String) throws {
        let directory = try CLI.temporaryDirectory()
        let scenario = directory.appendingPathComponent("s.json")
        try Data("""
            {"formatVersion": 1, "horizon": {"start": "2027-01-04", "end": "2027-01-31"},
             "resources": {"outageCrews": 1}\(extra),
             "jobs": [{"id": "J1", "workType": "cableJointRepair", "section": "S1", "methods": ["outage"], \(window)}]}
            """.utf8).write(to: scenario)
        let out = directory.appendingPathComponent("plan").path
        let result = try CLI.run(["plan", "networks/rbts-bus2.json", scenario.path, "--out", out])
        #expect(result.exitCode == 65)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func badTimeOfDayIsLocated() throws {
        let directory = try CLI.temporaryDirectory()
        let scenario = directory.appendingPathComponent("s.json")
        try Data(#"""
            {"formatVersion": 1, "horizon": {"start": "2027-01-04", "end": "2027-01-31"}, "resources": {"outageCrews": 1},
             "timeOfDay": {"periods": [{"name": "night", "startHours": [24], "longestJobHours": 30, "allow": {"customerClasses": ["shops"], "jobs": ["J9"]}}],
                           "weekendWork": {}},
             "jobs": [{"id": "J1", "workType": "cableJointRepair", "section": "S1", "durationHours": 4, "durationDays": 0,
                       "earliest": "2027-01-11", "latest": "2027-01-22"}]}
            """#.utf8).write(to: scenario)
        let result = try CLI.run(["plan", "networks/rbts-bus2.json", scenario.path])
        #expect(result.exitCode == 65)
        for message in ["timeOfDay.periods[0].startHours[0]: expected a whole hour 0…23", "timeOfDay.periods[0].longestJobHours", "timeOfDay.periods[0].allow.customerClasses[0]: unknown customer class",
                        "timeOfDay.periods[0].allow.jobs[0]: unknown job id 'J9'", "timeOfDay.weekendWork: allows no job", "jobs[0].durationDays"] {
            #expect(result.stderr.contains("\(scenario.path):") && result.stderr.contains(message), "\(message): \(result.stderr)")
        }
    }

    @Test func badScenarioExits65WithLocatedErrors() throws {
        let result = try CLI.run(["plan", "networks/rbts-bus2.json", "Tests/PlannerTests/Fixtures/bad-scenario.json"])
        #expect(result.exitCode == 65)
        #expect(result.stderr.contains("Tests/PlannerTests/Fixtures/bad-scenario.json:8:112: error: jobs[1].latest \"J2\": '2027-04-31' is not a date; write YYYY-MM-DD"))
    }
}

/// The independent plan checker (Tests/Checker, Python, written without the planner's code) on
/// real plans, and on violations planted into a correct plan.
struct PlanCheckerTests {
    static func python() -> URL? { CLI.tool("python3") }

    @Test func plantedViolationsAreCaught() throws {
        let python = try #require(Self.python(), "python3 is missing")
        var environment = ProcessInfo.processInfo.environment
        environment["LIVELINE_BIN"] = CLI.binary.path
        let result = try CLI.runProgram(python, ["Tests/Checker/test_plan_checker.py"], environment: environment)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stderr.contains("Ran 36 tests"), "\(result.stderr)")
    }

    struct City: CustomTestStringConvertible, Sendable {
        var feeders: Int
        var seed: Int
        var jobs: Int
        var testDescription: String { "\(feeders) feeders, \(jobs) jobs, seed \(seed)" }
    }

    static let cities = [(50, 300), (200, 1000), (500, 2500)].flatMap { size in [3, 11].map { City(feeders: size.0, seed: $0, jobs: size.1) } }

    @Test(arguments: cities)
    func checkerFindsNothingOnAGeneratedCityPlan(_ city: City) throws {
        let python = try #require(Self.python(), "python3 is missing")
        let directory = try CLI.temporaryDirectory()
        let network = directory.appendingPathComponent("net.json").path
        let jobs = directory.appendingPathComponent("jobs.json").path
        let out = directory.appendingPathComponent("plan").path
        #expect(try CLI.run(["generate", "--feeders", "\(city.feeders)", "--seed", "\(city.seed)", "-o", network]).exitCode == 0)
        #expect(try CLI.run(["generate-jobs", network, "--jobs", "\(city.jobs)", "--days", "65", "--seed", "\(city.seed)", "-o", jobs]).exitCode == 0)
        let plan = try CLI.run(["plan", network, jobs, "--time-limit", city.feeders >= 500 ? "30" : "15", "--out", out])
        #expect(plan.exitCode == 0, "\(plan.stderr)")
        let check = try CLI.runProgram(python, ["Tests/Checker/plan_checker.py", network, jobs, out])
        #expect(check.exitCode == 0, "\(check.stdout)")
        #expect(check.stdout.hasPrefix("OK:"), "\(check.stdout)")
    }

    /// Issue 19: one big imported feeder with a quarter's generated work orders (crews sized by
    /// `generate-jobs`) is planned with every mandatory job in, and the checker agrees.
    @Test(arguments: ["ieee8500/Master.dss", "epri-ckt24/master_ckt24.dss"])
    func checkerFindsNothingOnABigImportedFeeder(_ master: String) throws {
        let python = try #require(Self.python(), "python3 is missing")
        let directory = try CLI.temporaryDirectory()
        let network = directory.appendingPathComponent("net.json").path
        let jobs = directory.appendingPathComponent("jobs.json").path
        let out = directory.appendingPathComponent("plan").path
        #expect(try CLI.run(["import", "Tests/ImportersTests/Fixtures/networks/" + master, "--from", "opendss", "-o", network]).exitCode == 0)
        let generated = try CLI.run(["generate-jobs", network, "--jobs", "200", "--days", "65", "--seed", "2", "-o", jobs])
        #expect(generated.exitCode == 0)
        #expect(generated.stderr.contains("tightest: "), "\(generated.stderr)")
        let plan = try CLI.run(["plan", network, jobs, "--time-limit", "30", "--out", out])
        #expect(plan.exitCode == 0, "\(plan.stderr)")
        let check = try CLI.runProgram(python, ["Tests/Checker/plan_checker.py", network, jobs, out])
        #expect(check.stdout.hasPrefix("OK:"), "\(check.stdout)")
    }

    /// The quarter with night work (F1's jobs only at night), a weekend-only job, a job of three
    /// days, one switching team for F1 and F2 and a scenario travel time: planned, and the
    /// checker (which knows these rules from the format, not from the planner) agrees.
    @Test func checkerFindsNothingOnAQuarterWithNightWeekendAndMultiDayWork() throws {
        let python = try #require(Self.python(), "python3 is missing")
        let directory = try CLI.temporaryDirectory()
        var scenario = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "scenarios/rbts-bus2-quarter.json"))) as? [String: Any])
        scenario["timeOfDay"] = [
            "periods": [
                ["name": "day", "startHours": [9], "allow": ["feeders": ["F2", "F3", "F4"]]],
                ["name": "night", "startHours": [21, 22], "longestJobHours": 8, "allow": ["feeders": ["F1"]]],
            ],
            "weekendWork": ["jobs": ["WO-W"]],
        ]
        scenario["switching"] = ["travelHours": 0.75, "areas": [["name": "North", "feeders": ["F1", "F2"], "teams": 1]]]
        var jobs = try #require(scenario["jobs"] as? [[String: Any]])
        jobs.append(["id": "WO-W", "workType": "cableJointRepair", "section": "S20", "durationHours": 4, "methods": ["outage"],
                     "earliest": "2027-03-06", "latest": "2027-03-07"])
        jobs.append(["id": "WO-3D", "workType": "cableJointRepair", "section": "S25", "durationHours": 6, "durationDays": 3,
                     "methods": ["transfer", "outage"], "earliest": "2027-02-15", "latest": "2027-03-12"])
        scenario["jobs"] = jobs
        let path = directory.appendingPathComponent("quarter-night.json")
        try JSONSerialization.data(withJSONObject: scenario, options: [.sortedKeys]).write(to: path)
        let out = directory.appendingPathComponent("plan").path
        let plan = try CLI.run(["plan", "networks/rbts-bus2.json", path.path, "--time-limit", "20", "--out", out])
        #expect(plan.exitCode == 0, "\(plan.stderr)")
        let csv = try String(contentsOf: URL(fileURLWithPath: out + "/schedule.csv"), encoding: .utf8)
        #expect(csv.contains(",night,"), "no night work in \(csv)")
        #expect(csv.contains("WO-3D#3,"))
        #expect(csv.contains("day (weekend)"))
        // Every tie group's model is valid and solved (row names unique over shifts, …).
        let planJSON = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/plan.json"))) as? [String: Any])
        let groups = try #require(planJSON["groups"] as? [[String: Any]])
        #expect(groups.allSatisfy { ($0["status"] as? String).map { !$0.hasPrefix("error") } ?? false }, "\(groups)")
        let check = try CLI.runProgram(python, ["Tests/Checker/plan_checker.py", "networks/rbts-bus2.json", path.path, out])
        #expect(check.stdout.hasPrefix("OK:"), "\(check.stdout)")
    }

    @Test func checkerFindsNothingOnTheQuarterPlan() throws {
        let python = try #require(Self.python(), "python3 is missing")
        let out = try CLI.temporaryDirectory().appendingPathComponent("plan").path
        #expect(try CLI.run(["plan", "networks/rbts-bus2.json", "scenarios/rbts-bus2-quarter.json", "--out", out]).exitCode == 0)
        let check = try CLI.runProgram(python, ["Tests/Checker/plan_checker.py", "networks/rbts-bus2.json", "scenarios/rbts-bus2-quarter.json", out])
        #expect(check.stdout.hasPrefix("OK:"), "\(check.stdout)")
    }
}

/// The 50-feeder city of the planner-truth issue: plan and simulator agree, and the plan is within
/// 0.5 % of the whole model's optimum as HiGHS proves it.
struct CityPlanTests {
    @Test func fiftyFeederCityAgreesWithTheSimulatorAndIsNearTheMonolithicOptimum() throws {
        let directory = try CLI.temporaryDirectory()
        let network = directory.appendingPathComponent("net.json").path
        let jobs = directory.appendingPathComponent("jobs.json").path
        let out = directory.appendingPathComponent("out").path
        let model = directory.appendingPathComponent("plan.mps").path
        #expect(try CLI.run(["generate", "--feeders", "50", "--seed", "3", "-o", network]).exitCode == 0)
        #expect(try CLI.run(["generate-jobs", network, "--jobs", "300", "--days", "65", "--seed", "3", "-o", jobs]).exitCode == 0)
        let planned = try CLI.run(["plan", network, jobs, "--out", out, "--export-model", model])
        #expect(planned.exitCode == 0, "\(planned.stderr)")
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/plan.json"))) as? [String: Any])
        let kpis = try #require((plan["kpis"] as? [String: Any])?["plan"] as? [String: Any])
        let objective = try #require(plan["objective"] as? Double)
        let bound = try #require(plan["lowerBound"] as? Double)
        #expect((plan["gap"] as? Double ?? 1) <= 0.005)

        // The same network with every failure rate 0: simulate gives exactly the planned figures.
        var net = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: network))) as? [String: Any])
        var defaults = try #require(net["defaults"] as? [String: Any])
        var kinds = try #require(defaults["sections"] as? [String: [String: Any]])
        for (kind, var values) in kinds {
            values["failuresPerKmYear"] = values["failuresPerKmYear"].map { _ in 0 }
            values["failuresPerYear"] = values["failuresPerYear"].map { _ in 0 }
            kinds[kind] = values
        }
        defaults["sections"] = kinds
        net["defaults"] = defaults
        let zero = directory.appendingPathComponent("net0.json").path
        try JSONSerialization.data(withJSONObject: net).write(to: URL(fileURLWithPath: zero))
        let simulated = try CLI.run(["simulate", zero, "--schedule", out + "/schedule.json", "--years", "10", "--format", "json"])
        #expect(simulated.exitCode == 0, "\(simulated.stderr)")
        let simulation = try #require(try JSONSerialization.jsonObject(with: Data(simulated.stdout.utf8)) as? [String: Any])
        let byCause = try #require(simulation["byCause"] as? [String: Any])
        func close(_ a: Double?, _ b: Double?) -> Bool {
            guard let a, let b else { return false }
            return abs(a - b) <= 1e-9 * max(1, abs(a), abs(b))
        }
        #expect(close(byCause["plannedCustomerHoursPerYear"] as? Double, kpis["customerHours"] as? Double))
        #expect(close(byCause["plannedEnergyNotSuppliedMWhPerYear"] as? Double, kpis["energyNotSuppliedMWh"] as? Double))
        #expect((byCause["plannedCustomerInterruptionsPerYear"] as? Int) == (kpis["customerInterruptions"] as? Int))

        guard let python = CLI.tool("python3") else {
            Issue.record("python3 is missing")
            return
        }
        let solved = try CLI.runProgram(python, ["Tests/Scripts/highs_resolve.py", model, "600"])
        let line = try #require(solved.stdout.split(separator: "\n").last { $0.hasPrefix("RESULT ") }, "\(solved.stdout) \(solved.stderr)")
        let fields = line.split(separator: " ").map(String.init)
        #expect(fields[1] == "Optimal", "\(line)")
        let optimum = try #require(Double(fields[2]))
        #expect(objective <= optimum * 1.005, "plan \(objective) vs HiGHS optimum \(optimum)")
        #expect(bound <= optimum * (1 + 1e-6), "bound \(bound) above HiGHS optimum \(optimum)")
    }
}

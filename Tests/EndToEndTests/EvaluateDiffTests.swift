import Foundation
import Testing

/// `liveline evaluate` and `liveline diff` (issue 16, point 1): a schedule edited by hand gets its
/// KPIs, objective parts and rule violations without solving; checked against the plan itself
/// (an unedited schedule gives the plan's own figures exactly) and against the independent plan
/// checker on the files `evaluate --out` writes.
struct EvaluateDiffTests {
    static func json(_ path: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    static func number(_ object: [String: Any], _ path: String) -> Double? { ReportCommandTests.number(object, path) }

    /// schedule.csv with `edit` applied to the row of `job` (fields by name).
    static func edited(_ plan: String, _ edits: [String: [String: String]], to path: String) throws {
        let text = try String(contentsOfFile: plan + "/schedule.csv", encoding: .utf8).replacingOccurrences(of: "\u{FEFF}", with: "")
        var lines = text.split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        for (k, line) in lines.enumerated().dropFirst() {
            var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard let edit = edits[fields[0]] else { continue }
            for (name, value) in edit { fields[header.firstIndex(of: name)!] = value }
            lines[k] = fields.joined(separator: ",")
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test(arguments: ["scenarios/rbts-bus2-quarter.json", "scenarios/rbts-bus2-night.json"])
    func theUneditedScheduleGivesThePlansOwnFigures(_ scenario: String) throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let plan = directory.appendingPathComponent("plan").path
        #expect(try CLI.run(["plan", "networks/rbts-bus2.json", scenario, "--out", plan, "--time-limit", "20"]).exitCode == 0)
        let planned = try Self.json(plan + "/plan.json")
        for file in ["schedule.csv", "schedule.json"] {
            let run = try CLI.run(["evaluate", "networks/rbts-bus2.json", scenario, plan + "/" + file, "--format", "json"])
            #expect(run.exitCode == 0, "\(file): \(run.stderr)")
            let evaluated = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            #expect((evaluated["violations"] as? [Any])?.isEmpty == true, "\(file): \(evaluated["violations"] ?? "")")
            #expect(Self.number(evaluated, "objective") == Self.number(planned, "objective"), "\(file)")
            for key in ["customerHours", "customerInterruptions", "energyNotSuppliedMWh", "customersOverCap", "liveWorkRatioByCount", "zoneOutages"] {
                #expect(Self.number(evaluated, "kpis.plan." + key) == Self.number(planned, "kpis.plan." + key), "\(file): \(key)")
            }
        }
    }

    @Test func anEditedScheduleIsEvaluatedCheckedAndCompared() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let scenario = "scenarios/rbts-bus2-quarter.json"
        let plan = directory.appendingPathComponent("plan").path
        #expect(try CLI.run(["plan", "networks/rbts-bus2.json", scenario, "--out", plan, "--time-limit", "20"]).exitCode == 0)
        let rows = try String(contentsOfFile: plan + "/schedule.csv", encoding: .utf8)
        // Take the first job that shares an outage with another and do it alone the next working day.
        let shared = try #require(rows.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            .first { !$0[18].isEmpty && $0[5] == "outage" })
        let job = shared[0]
        let date = try #require(ISO8601DateFormatter.day(shared[1]))
        var next = date.addingTimeInterval(86_400)
        while Calendar(identifier: .iso8601).isDateInWeekend(next) { next = next.addingTimeInterval(86_400) }
        let nextText = ISO8601DateFormatter.dayText(next)
        let edited = directory.appendingPathComponent("edited.csv").path
        try Self.edited(plan, [job: ["date": nextText, "outage": "", "outage_zone": "", "outage_transfer": ""]], to: edited)
        let out = directory.appendingPathComponent("edited-plan").path
        let run = try CLI.run(["evaluate", "networks/rbts-bus2.json", scenario, edited, "--out", out])
        #expect(run.exitCode == 0, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stdout.contains("Status: evaluated, every rule kept"))
        // The independent checker recounts the edited plan's figures from its schedule.
        let python = try #require(CLI.tool("python3"), "python3 is missing")
        let check = try CLI.runProgram(python, ["Tests/Checker/plan_checker.py", "networks/rbts-bus2.json", scenario, out])
        #expect(check.stdout.hasPrefix("OK:"), "\(check.stdout)")
        let before = try Self.json(plan + "/plan.json"), after = try Self.json(out + "/plan.json")
        let hoursBefore = try #require(Self.number(before, "kpis.plan.customerHours")), hoursAfter = try #require(Self.number(after, "kpis.plan.customerHours"))
        #expect(hoursAfter > hoursBefore, "doing \(job) alone adds its own outage")
        // diff: the job moved by its days, the KPI deltas are those of the two plan.json files.
        let diff = try CLI.run(["diff", plan, out, "--format", "json"])
        #expect(diff.exitCode == 0, "\(diff.stderr)")
        let changes = try #require(try JSONSerialization.jsonObject(with: Data(diff.stdout.utf8)) as? [String: Any])
        let moved = try #require((changes["changes"] as? [[String: Any]])?.first { $0["job"] as? String == job })
        #expect((moved["kind"] as? String)?.hasPrefix("moved") == true)
        #expect((moved["days"] as? Int) == Calendar(identifier: .iso8601).dateComponents([.day], from: date, to: next).day)
        let kpi = try #require((changes["kpis"] as? [[String: Any]])?.first { $0["key"] as? String == "customerHours" })
        #expect(abs(((kpi["change"] as? NSNumber)?.doubleValue ?? .nan) - (hoursAfter - hoursBefore)) <= 1e-9 * hoursAfter)
        let text = try CLI.run(["diff", plan, out])
        #expect(text.stdout.contains(job) && text.stdout.contains("moved"), "\(text.stdout)")

        // A move outside the job's window breaks a rule: exit 3, the violation named; the checker agrees.
        let late = directory.appendingPathComponent("late.csv").path
        try Self.edited(plan, ["WO-017": ["date": "2027-03-17", "outage": "", "outage_zone": "", "outage_transfer": ""]], to: late)
        let lateOut = directory.appendingPathComponent("late-plan").path
        let broken = try CLI.run(["evaluate", "networks/rbts-bus2.json", scenario, late, "--out", lateOut])
        #expect(broken.exitCode == 3, "\(broken.stdout)")
        #expect(broken.stdout.contains("Rule violations") && broken.stdout.contains("WO-017"), "\(broken.stdout)")
        let checkLate = try CLI.runProgram(python, ["Tests/Checker/plan_checker.py", "networks/rbts-bus2.json", scenario, lateOut])
        #expect(checkLate.stdout.contains("WO-017") && checkLate.stdout.contains("outside its window"), "\(checkLate.stdout)")

        // A row that cannot be placed is a located data error; the output folder stays away.
        let unknown = directory.appendingPathComponent("unknown.csv").path
        try Self.edited(plan, ["WO-017": ["job": "WO-999"]], to: unknown)
        let bad = try CLI.run(["evaluate", "networks/rbts-bus2.json", scenario, unknown])
        #expect(bad.exitCode == 65 && bad.stderr.contains("unknown.csv:") && bad.stderr.contains("job 'WO-999' is not in the scenario"), "\(bad.stderr)")
        let refused = try CLI.run(["evaluate", "networks/rbts-bus2.json", scenario, plan + "/schedule.csv", "--out", plan])
        #expect(refused.exitCode == 64, "\(refused.stderr)")
    }
}

extension ISO8601DateFormatter {
    static func day(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.date(from: text)
    }

    static func dayText(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: date)
    }
}

import Foundation
import Testing

/// `liveline report`: the figures in the HTML equal those of the JSON outputs for the same inputs.
struct ReportCommandTests {
    static let audit = ["--outages", "scenarios/audit-example/outages.csv", "--work", "scenarios/audit-example/work.csv",
                        "--claims", "scenarios/audit-example/claims.json", "--history", "scenarios/audit-example/history.csv"]

    /// data-key → data-value pairs of an HTML report.
    static func values(_ html: String) -> [String: Double] {
        var result: [String: Double] = [:]
        let regex = try! NSRegularExpression(pattern: #"data-key="([^"]+)" data-value="([^"]+)""#)
        for match in regex.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
            let key = String(html[Range(match.range(at: 1), in: html)!])
            result[key] = Double(String(html[Range(match.range(at: 2), in: html)!]))
        }
        return result
    }

    static func json(_ arguments: [String]) throws -> [String: Any] {
        let result = try CLI.run(arguments)
        #expect(result.exitCode == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    /// Same value up to the last bit Foundation's JSON reader may lose (it parses decimals slightly
    /// inexactly on Linux; the report carries JSON's own shortest text of each number).
    static func same(_ a: Double?, _ b: Double?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return abs(a - b) <= 1e-12 * max(1, abs(b))
    }

    static func number(_ object: [String: Any], _ path: String) -> Double? {
        var node: Any? = object
        for key in path.split(separator: ".") { node = (node as? [String: Any])?[String(key)] }
        return (node as? NSNumber)?.doubleValue
    }

    @Test func everySectionMatchesItsCommandsJSON() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let planDirectory = directory.appendingPathComponent("plan").path
        try FileManager.default.createDirectory(atPath: planDirectory, withIntermediateDirectories: true)
        let planned = try CLI.run(["plan", "networks/rbts-bus2.json", "scenarios/rbts-bus2-quarter.json", "--out", planDirectory, "--heuristic"])
        #expect(planned.exitCode == 0, "\(planned.stderr)")
        let output = directory.appendingPathComponent("report.html").path
        let report = try CLI.run(["report", "networks/rbts-bus2.json", "--plan", planDirectory, "--plan-day", "2027-02-17", "--reliability",
                                  "--what-if", "scenarios/what-if/rbts-case-e.json", "--simulate", "--years", "500", "--seed", "7", "-o", output] + Self.audit)
        #expect(report.exitCode == 0, "\(report.stderr)")
        #expect(report.stdout.contains("sections: network, plan, reliability, simulation, audit"))
        let html = try String(contentsOfFile: output, encoding: .utf8)
        let shown = Self.values(html)

        // Structure: one section per result, a panel per feeder, charts, nothing fetched from elsewhere.
        for id in ["network", "plan", "reliability", "simulation", "audit"] { #expect(html.contains("<section id=\"\(id)\">")) }
        #expect(html.components(separatedBy: "<figure class=\"feeder\"").count - 1 == 4)
        #expect(html.contains("class=\"chart gantt\"") && html.contains("class=\"threshold\""))
        #expect(!html.contains("<script") && !html.contains("src=\"http") && !html.contains("href=\"http"))
        // Every switching order of plan.json is listed, outages with their outage id.
        let planJSON = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: planDirectory + "/plan.json"))) as? [String: Any])
        let orders = try #require(planJSON["switching"] as? [[String: Any]])
        #expect(!orders.isEmpty)
        for order in orders {
            let id = try #require(order["order"] as? String)
            #expect(html.contains("data-outage=\"\(id)\"") || html.contains("data-order=\"\(id)\""), "switching order \(id)")
        }

        // Network: the figures of `liveline info`.
        let info = try Self.json(["info", "networks/rbts-bus2.json", "--format", "json"])
        for key in ["feeders", "lineSections", "loadPoints", "customers", "averageMW", "ties"] {
            #expect(Self.same(shown["network." + key], Self.number(info, key)), "network.\(key)")
        }

        // Reliability with the what-if.
        let reliability = try Self.json(["reliability", "networks/rbts-bus2.json", "--what-if", "scenarios/what-if/rbts-case-e.json", "--format", "json"])
        for key in ["SAIFI", "SAIDI", "CAIDI", "ASAI", "ENS_MWh", "AIHC1_h", "AITC1", "RS1_percent"] {
            #expect(Self.same(shown["system." + key], Self.number(reliability, "system." + key)), "system.\(key)")
            #expect(Self.same(shown["whatIf.system." + key], Self.number(reliability, "whatIf.system." + key)), "whatIf.system.\(key)")
        }
        let components = try #require(reliability["components"] as? [[String: Any]])
        for component in components.prefix(15) {
            let id = component["id"] as! String
            #expect(Self.same(shown["component.\(id).SAIDI"], (component["SAIDI"] as? NSNumber)?.doubleValue))
        }
        let loadPoints = try #require(reliability["loadPoints"] as? [[String: Any]])
        for lp in loadPoints {
            let id = lp["id"] as! String
            #expect(Self.same(shown["loadPoint.\(id).U"], (lp["hoursPerYear"] as? NSNumber)?.doubleValue))
        }

        // Simulation with the plan's schedule, same seed and years.
        let simulation = try Self.json(["simulate", "networks/rbts-bus2.json", "--years", "500", "--seed", "7", "--schedule", planDirectory + "/schedule.json", "--format", "json"])
        for key in ["SAIFI.mean", "SAIDI.mean", "SAIDI.standardError", "SAIDI.p95", "ENS_MWh.mean"] {
            #expect(Self.same(shown["simulation." + key], Self.number(simulation, key)), "simulation.\(key)")
        }
        #expect(Self.same(shown["simulation.plannedSAIDI"], Self.number(simulation, "byCause.plannedSAIDI")))
        #expect((shown["simulation.plannedSAIDI"] ?? 0) > 0)

        // Plan: plan.json's KPIs.
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: planDirectory + "/plan.json"))) as? [String: Any])
        for key in ["customerHours", "liveWorkRatioByCount", "outageJobs", "zoneOutages"] {
            #expect(Self.same(shown["kpi.plan." + key], Self.number(plan, "kpis.plan." + key)), "kpi.plan.\(key)")
            #expect(Self.same(shown["kpi.baseline." + key], Self.number(plan, "kpis.baseline." + key)), "kpi.baseline.\(key)")
        }
        #expect(Self.same(shown["plan.avoidedCustomerHours"], Self.number(plan, "avoidedCustomerHours")))
        let jobs = ((plan["schedule"] as? [String: Any])?["jobs"] as? [Any])?.count ?? -1
        #expect(html.components(separatedBy: " data-job=\"").count - 1 == jobs)

        // Audit.
        let audit = try Self.json(["audit", "networks/rbts-bus2.json", "--format", "json"] + Self.audit)
        for check in try #require(audit["checks"] as? [[String: Any]]) {
            let id = check["id"] as! String
            #expect(Self.same(shown["check.\(id).recomputed"], (check["recomputed"] as? NSNumber)?.doubleValue), "check \(id)")
            #expect(html.contains("data-key=\"check.\(id).verdict\""))
        }
        for key in ["ieee.SAIDI", "ieeeExcludingMED.SAIDI", "dlt836.RS1Percent", "liveWork.avoidedCustomerHours", "majorEventDays.thresholdMinutes"] {
            #expect(Self.same(shown[key], Self.number(audit, key)), "\(key)")
        }
        #expect(html.contains("data-med=\"2026-05-18\""))
        #expect(html.contains("W-033") && html.contains("E00042"))
    }

    @Test func chineseLabelsForTheRegulatorTerms() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("zh.html").path
        let result = try CLI.run(["report", "networks/rbts-bus2.json", "--reliability", "--lang", "zh", "-o", output] + Self.audit)
        #expect(result.exitCode == 0, "\(result.stderr)")
        let html = try String(contentsOfFile: output, encoding: .utf8)
        for term in ["供电可靠率", "不停电作业化率", "减少停电时户数", "用户平均停电时间", "馈线"] { #expect(html.contains(term), "\(term)") }
    }

    @Test func missingOrPartialInputsAreLocatedErrors() throws {
        let noPlan = try CLI.run(["report", "networks/rbts-bus2.json", "--plan", "/nonexistent-dir", "-o", "/tmp/x.html"])
        #expect(noPlan.exitCode == 65)
        #expect(noPlan.stderr.contains("/nonexistent-dir/plan.json: error: no such file"))
        let partial = try CLI.run(["report", "networks/rbts-bus2.json", "--outages", "scenarios/audit-example/outages.csv", "-o", "/tmp/x.html"])
        #expect(partial.exitCode == 64)
        #expect(partial.stderr.contains("--outages, --work and --claims together"))
        let day = try CLI.run(["report", "networks/rbts-bus2.json", "--plan-day", "2027-02-17", "-o", "/tmp/x.html"])
        #expect(day.exitCode == 64)
    }

    /// Feeder captions count line sections and transformers apart, with plural forms (issue 15),
    /// and the IEEE table names its counts in words.
    @Test func feederCaptionsCountSectionsAndTransformersApart() throws {
        let output = try CLI.temporaryDirectory().appendingPathComponent("r.html").path
        #expect(try CLI.run(["report", "networks/rbts-bus2.json", "--reliability", "-o", output]).exitCode == 0)
        let html = try String(contentsOfFile: output, encoding: .utf8)
        // F1 of RBTS Bus 2: S1–S11 and the 7 transformers T-LP1…T-LP7; one tie (BS1).
        #expect(html.contains("F1 — 11 line sections, 7 transformers, 7 load points, 652 customers, 1 tie"))
    }

    /// The audit section shows the period comparison, the breakdown by feeder and the repeated
    /// outages of the audit's JSON (issue 15), in both languages.
    @Test func auditSectionHasPeriodsBreakdownAndRepeatedOutages() throws {
        let directory = try CLI.temporaryDirectory()
        let audit = ["--outages", "scenarios/audit-example/outages.csv", "--work", "scenarios/audit-example/work.csv",
                     "--claims", "scenarios/audit-example/claims.json", "--history", "scenarios/audit-example/history.csv"]
        for lang in ["en", "zh"] {
            let output = directory.appendingPathComponent("r-\(lang).html").path
            #expect(try CLI.run(["report", "networks/rbts-bus2.json"] + audit + ["--lang", lang, "-o", output]).exitCode == 0)
            let html = try String(contentsOfFile: output, encoding: .utf8)
            for id in ["periods", "byFeeder", "repeated-outages"] { #expect(html.contains("id=\"\(id)\""), "\(lang): \(id)") }
            // The example's 11 repeated load points, one row each.
            let table = html.components(separatedBy: "id=\"repeated-outages\"")[1].components(separatedBy: "</table>")[0]
            #expect(table.components(separatedBy: "<tr").count - 2 == 11, "\(lang)")
            #expect(html.contains(lang == "zh" ? "去年同期" : "a year earlier"))
            #expect(html.contains(lang == "zh" ? "可转供率 (N-1)" : "N-1 transferable rate"))
        }
    }
}

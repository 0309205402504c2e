import Foundation
import Testing

/// Issue 13: every input found to trap, be silently accepted or be lost gets a located message
/// and exit 65 (bad data) or 64 (usage), and outputs never destroy inputs.
struct HardeningTests {
    static let fixtures = "Tests/ImportersTests/Fixtures/networks/"

    /// A copy of a bundled JSON file with `change` applied to its parsed object.
    func mutatedJSON(_ file: String, in directory: URL, as name: String, _ change: (inout [String: Any]) -> Void) throws -> String {
        let data = try Data(contentsOf: file.hasPrefix("/") ? URL(fileURLWithPath: file) : CLI.packageRoot.appendingPathComponent(file))
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        change(&object)
        let url = directory.appendingPathComponent(name)
        try JSONSerialization.data(withJSONObject: object).write(to: url)
        return url.path
    }

    /// A copy of a bundled text file with the first `of` replaced by `with`.
    func mutatedText(_ file: String, in directory: URL, as name: String, replacing of: String, with: String) throws -> String {
        let text = try String(contentsOf: CLI.packageRoot.appendingPathComponent(file), encoding: .utf8)
        let range = try #require(text.range(of: of), "'\(of)' is not in \(file)")
        let url = directory.appendingPathComponent(name)
        try text.replacingCharacters(in: range, with: with).write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func write(_ text: String, in directory: URL, as name: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func setSection(_ key: String, _ value: Double) -> (inout [String: Any]) -> Void {
        { object in
            var sections = object["sections"] as! [[String: Any]]
            sections[0][key] = value
            object["sections"] = sections
        }
    }

    // MARK: numbers that used to trap

    @Test func hugeNumbersInANetworkAreOutOfRange() throws {
        let directory = try CLI.temporaryDirectory()
        let repair = try mutatedJSON("networks/rbts-bus2.json", in: directory, as: "repair.json", setSection("repairHours", 1e19))
        var result = try CLI.run(["validate", repair])
        #expect(result.exitCode == 65)
        #expect((result.stdout + result.stderr).contains("error: sections[0].repairHours \"S1\": 1e+19 is out of range; write a value in 0…8760 hours"), "\(result.stdout)\(result.stderr)")
        result = try CLI.run(["reliability", repair])
        #expect(result.exitCode == 65)

        let long = try mutatedJSON("networks/rbts-bus2.json", in: directory, as: "long.json", setSection("lengthKm", 1e9))
        result = try CLI.run(["simulate", long, "--years", "10"])
        #expect(result.exitCode == 65)
        #expect(result.stderr.contains("sections[0].lengthKm \"S1\": 1e+09 is out of range; write a value in 0…10000 km"), "\(result.stderr)")

        // A long line at a high rate: each number in range, the product is not.
        let busy = try mutatedJSON("networks/rbts-bus2.json", in: directory, as: "busy.json") { object in
            var sections = object["sections"] as! [[String: Any]]
            sections[0]["lengthKm"] = 5_000.0
            sections[0]["failuresPerKmYear"] = 10.0
            object["sections"] = sections
        }
        result = try CLI.run(["validate", busy])
        #expect(result.exitCode == 65)
        #expect((result.stdout + result.stderr).contains("50000 failures per year (10 per km-year × 5000 km) is out of range"), "\(result.stdout)\(result.stderr)")

        let peak = try mutatedJSON("networks/rbts-bus2.json", in: directory, as: "peak.json") { object in
            var loads = object["loadPoints"] as! [[String: Any]]
            loads[0]["peakMW"] = 1e300
            object["loadPoints"] = loads
        }
        result = try CLI.run(["plan", peak, "scenarios/rbts-bus2-quarter.json", "--time-limit", "5"])
        #expect(result.exitCode == 65)
        #expect(result.stderr.contains("loadPoints[0].peakMW \"LP1\": 1e+300 is out of range; write a value in 0…10000 MW"), "\(result.stderr)")
    }

    @Test func hugeNumbersInOptionsAreUsageErrors() throws {
        let audit = ["audit", "networks/rbts-bus2.json", "--outages", "scenarios/audit-example/outages.csv",
                     "--work", "scenarios/audit-example/work.csv", "--claims", "scenarios/audit-example/claims.json"]
        for (arguments, message) in [
            (["simulate", "networks/rbts-bus2.json", "--years", "10", "--celid-hours", "1e19"], "--celid-hours needs 1 to 20 comma-separated hours in 0…8760"),
            (audit + ["--dlt-short-minutes", "1e19"], "--momentary-minutes and --dlt-short-minutes must be 0…1440 minutes"),
            (["simulate", "networks/rbts-bus2.json", "--until-rel-error", "0.1", "--max-years", "0"], "--max-years must be 1…100000000"),
            (["simulate", "networks/rbts-bus2.json", "--years", "10", "--repair", "lognormal:1e308"], "is invalid for '--repair <repair>'. Please provide one of 'fixed', 'exponential' or 'lognormal:CV'"),
        ] {
            let result = try CLI.run(arguments)
            #expect(result.exitCode == 64, "\(arguments)")
            #expect(result.stderr.contains(message), "\(result.stderr)")
        }
    }

    @Test func hugeNumbersInClaimsAndWhatIfAreLocated() throws {
        let directory = try CLI.temporaryDirectory()
        let claims = try mutatedText("scenarios/audit-example/claims.json", in: directory, as: "claims.json", replacing: "\"value\": 1.33", with: "\"value\": 1e19")
        var result = try CLI.run(["audit", "networks/rbts-bus2.json", "--outages", "scenarios/audit-example/outages.csv",
                                  "--work", "scenarios/audit-example/work.csv", "--claims", claims])
        #expect(result.exitCode == 65)
        #expect(result.stderr.contains("claims.json:6:58: error: claims[0].value \"C1\": must be at most 1000000000000; got 1e+19"), "\(result.stderr)")

        let whatIf = try write(#"{"formatVersion": 1, "name": "x", "changes": [{"op": "scaleFailureRate", "kind": "cable", "factor": 1e308}]}"#, in: directory, as: "what-if.json")
        result = try CLI.run(["reliability", "networks/rbts-bus2.json", "--what-if", whatIf])
        #expect(result.exitCode == 65)
        #expect(result.stderr.contains("what-if.json:1:101: error: changes[0].factor \"scaleFailureRate\": must be at most 1000; got 1e+308"), "\(result.stderr)")
    }

    @Test func importersRejectOutOfRangeValuesAtTheirLine() throws {
        let directory = try CLI.temporaryDirectory()
        let case69 = Self.fixtures + "case69/case69.m"
        let assumptions = [
            (#"{"kWPerCustomer": 1e-300}"#, "kWPerCustomer: must be at least 0.01; got 1e-300"),
            (#"{"defaultLineKind": "transformer"}"#, "defaultLineKind: 'transformer' is not a line kind; use overheadBare, overheadInsulated or cable"),
            (#"{"kwPerCustomer": 3}"#, "unknown field 'kwPerCustomer'"),
        ]
        for (k, (text, message)) in assumptions.enumerated() {
            let file = try write(text, in: directory, as: "assumptions\(k).json")
            let result = try CLI.run(["import", case69, "--from", "matpower", "--assumptions", file, "-o", directory.appendingPathComponent("x.json").path])
            #expect(result.exitCode == 65)
            #expect(result.stderr.contains(message), "\(result.stderr)")
        }
        // MATPOWER: Pd = Inf on bus 2 (line 43), a bus number beyond Int, a branch to a bus not in mpc.bus.
        let row = "\t2\t1\t0\t0\t0\t0\t1\t1\t0\t12.66\t1\t1.1\t0.9;"
        for (name, replacement, message) in [
            ("inf.m", "\t2\t1\tInf\t0\t0\t0\t1\t1\t0\t12.66\t1\t1.1\t0.9;", "inf.m:43: error: bus 2: a value of columns 3…10 is not finite; write numbers"),
            ("big.m", "\t9223372036854775808\t1\t0\t0\t0\t0\t1\t1\t0\t12.66\t1\t1.1\t0.9;", "big.m:43: error: bus number (column 1) 9.223e+18 is not a bus number; write a whole number in 1…999999999"),
        ] {
            let file = try mutatedText(case69, in: directory, as: name, replacing: row, with: replacement)
            let result = try CLI.run(["import", file, "--from", "matpower", "-o", directory.appendingPathComponent("x.json").path])
            #expect(result.exitCode == 65)
            #expect(result.stderr.contains(message), "\(result.stderr)")
        }
        let missing = try mutatedText(case69, in: directory, as: "missing.m", replacing: "\t2\t3\t0.0005", with: "\t2\t999\t0.0005")
        var result = try CLI.run(["import", missing, "--from", "matpower", "-o", directory.appendingPathComponent("x.json").path])
        #expect(result.exitCode == 65)
        #expect(result.stderr.contains("missing.m:123: error: branch 2–999: bus 999 is not in mpc.bus; add the bus or correct the branch"), "\(result.stderr)")

        // OpenDSS: NumCust = Int.max and Windings = -Inf, located at their line.
        let ieee13 = directory.appendingPathComponent("ieee13")
        try FileManager.default.createDirectory(at: ieee13, withIntermediateDirectories: true)
        for name in ["IEEELineCodes.DSS", "IEEE13Node_BusXY.csv"] {
            try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent(Self.fixtures + "ieee13/" + name), to: ieee13.appendingPathComponent(name))
        }
        let master = Self.fixtures + "ieee13/IEEE13Nodeckt.dss"
        let numCust = try mutatedText(master, in: ieee13, as: "numcust.dss", replacing: "New Load.671 ", with: "New Load.671 NumCust=9223372036854775807 ")
        result = try CLI.run(["import", numCust, "--from", "opendss", "-o", directory.appendingPathComponent("x.json").path])
        #expect(result.exitCode == 65)
        #expect(result.stderr.contains("numcust.dss:108: error: \"load.671\": NumCust=9223372036854775807 is out of range; write a number of customers in 0…10000000"), "\(result.stderr)")
        let windings = try mutatedText(master, in: ieee13, as: "windings.dss", replacing: "New Transformer.Sub ", with: "New Transformer.Sub Windings=-Inf ")
        result = try CLI.run(["import", windings, "--from", "opendss", "-o", directory.appendingPathComponent("x.json").path])
        #expect(result.exitCode == 65)
        #expect(result.stderr.contains("windings.dss:20: error: \"transformer.sub\": windings=-Inf is out of range; write a whole number of windings in 1…10"), "\(result.stderr)")
    }

    // MARK: outputs never destroy inputs

    @Test func anOutputThatIsAnInputIsRefusedBeforeAnythingRuns() throws {
        let directory = try CLI.temporaryDirectory()
        let network = directory.appendingPathComponent("net.json").path
        try FileManager.default.copyItem(atPath: CLI.packageRoot.appendingPathComponent("networks/rbts-bus2.json").path, toPath: network)
        let scenario = directory.appendingPathComponent("quarter.json").path
        try FileManager.default.copyItem(atPath: CLI.packageRoot.appendingPathComponent("scenarios/rbts-bus2-quarter.json").path, toPath: scenario)
        let model = directory.appendingPathComponent("case69.m").path
        try FileManager.default.copyItem(atPath: CLI.packageRoot.appendingPathComponent(Self.fixtures + "case69/case69.m").path, toPath: model)
        let before = try Data(contentsOf: URL(fileURLWithPath: network))
        let modelBefore = try Data(contentsOf: URL(fileURLWithPath: model))
        for (arguments, message) in [
            (["import", model, "--from", "matpower", "-o", model], "is the input"),
            (["report", network, "-o", network], "is the input"),
            (["generate-jobs", network, "-o", network], "is the input"),
            (["plan", network, scenario, "--out", directory.path], "holds the input"),
            (["plan", network, scenario, "--out", directory.appendingPathComponent("plan").path, "--export-model", directory.appendingPathComponent("plan/model.lp").path], "is inside the --out folder"),
        ] {
            let result = try CLI.run(arguments)
            #expect(result.exitCode == 64, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(result.stderr)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: network)) == before)
        #expect(try Data(contentsOf: URL(fileURLWithPath: model)) == modelBefore)
        // An existing folder with other files is not replaced.
        let other = directory.appendingPathComponent("notes")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: other.appendingPathComponent("notes.txt"))
        let result = try CLI.run(["plan", network, scenario, "--out", other.path, "--heuristic"])
        #expect(result.exitCode == 64)
        #expect(result.stderr.contains("holds files that are not this command's output (notes.txt)"), "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: other.appendingPathComponent("notes.txt").path))
    }

    @Test func aPlanThatLeavesAMandatoryJobOutWritesNoSchedule() throws {
        // J2 must follow J1 and both can only be on 2027-01-12: the greedy schedule (--heuristic,
        // no proof) leaves J2 out.
        let directory = try CLI.temporaryDirectory()
        let scenario = try write(#"""
            {"formatVersion": 1, "horizon": {"start": "2027-01-04", "end": "2027-01-31"},
             "resources": {"outageCrews": 2},
             "jobs": [{"id": "J1", "workType": "cableJointRepair", "section": "S4", "durationHours": 2, "methods": ["outage"],
                       "earliest": "2027-01-12", "latest": "2027-01-12"},
                      {"id": "J2", "workType": "cableJointRepair", "section": "S4", "durationHours": 2, "methods": ["outage"],
                       "earliest": "2027-01-12", "latest": "2027-01-12", "after": ["J1"]}]}
            """#, in: directory, as: "after.json")
        let out = directory.appendingPathComponent("plan")
        // A stale schedule from an earlier run must not survive next to the new plan.json.
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try Data("stale".utf8).write(to: out.appendingPathComponent("schedule.json"))
        let result = try CLI.run(["plan", "networks/rbts-bus2.json", scenario, "--heuristic", "--out", out.path])
        #expect(result.exitCode == 65)
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(names == ["plan.json", "solver.log"])
        #expect(result.stdout.contains("plan.json, solver.log only"), "\(result.stdout)")
    }

    @Test func aProvedInfeasibleScenarioLeavesTheOutFolderAlone() throws {
        let directory = try CLI.temporaryDirectory()
        let scenario = try write(#"""
            {"formatVersion": 1, "horizon": {"start": "2027-01-04", "end": "2027-01-31"},
             "resources": {"liveTeams": {"3": 1}, "bucketTrucks": 1, "outageCrews": 1},
             "jobs": [{"id": "WEEKEND", "workType": "poleReplacement", "section": "S4", "durationHours": 5,
                       "earliest": "2027-01-09", "latest": "2027-01-10"}]}
            """#, in: directory, as: "weekend.json")
        let out = directory.appendingPathComponent("plan")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try Data("earlier".utf8).write(to: out.appendingPathComponent("schedule.json"))
        let result = try CLI.run(["plan", "networks/rbts-bus2.json", scenario, "--out", out.path])
        #expect(result.exitCode == 65)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["schedule.json"])
        #expect(try String(contentsOf: out.appendingPathComponent("schedule.json"), encoding: .utf8) == "earlier")
        #expect(!result.stdout.contains("Wrote"), "\(result.stdout)")
        #expect(result.stderr.contains("nothing written to \(out.path)"), "\(result.stderr)")
    }

    @Test func aKilledWriterLeavesTheOldFileOrTheNewOne() throws {
        let directory = try CLI.temporaryDirectory()
        let output = directory.appendingPathComponent("city.json")
        #expect(try CLI.run(["generate", "--feeders", "50", "--seed", "1", "-o", output.path]).exitCode == 0)
        let old = try Data(contentsOf: output)
        #expect(try CLI.run(["generate", "--feeders", "400", "--seed", "2", "-o", directory.appendingPathComponent("new.json").path]).exitCode == 0)
        let new = try Data(contentsOf: directory.appendingPathComponent("new.json"))
        for delayMilliseconds in [5, 20, 40, 80, 120, 200, 400] {
            try old.write(to: output)
            try killed(["generate", "--feeders", "400", "--seed", "2", "-o", output.path], after: delayMilliseconds)
            let now = try Data(contentsOf: output)
            #expect(now == old || now == new, "after \(delayMilliseconds) ms: \(now.count) bytes")
        }
    }

    /// Runs `liveline ARGS` and kills it with SIGKILL after `milliseconds`.
    func killed(_ arguments: [String], after milliseconds: Int) throws {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = arguments
        process.currentDirectoryURL = CLI.packageRoot
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        usleep(UInt32(milliseconds * 1000))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    @Test func aKilledImportLeavesTheOldFileOrTheNewOne() throws {
        let directory = try CLI.temporaryDirectory()
        let output = directory.appendingPathComponent("i8500.json")
        let master = Self.fixtures + "ieee8500/Master.dss"
        #expect(try CLI.run(["import", master, "--from", "opendss", "-o", output.path]).exitCode == 0)
        let new = try Data(contentsOf: output)
        let old = Data("{\"formatVersion\": 1}\n".utf8)
        for delayMilliseconds in [10, 60, 150, 300, 500, 800] {
            try old.write(to: output)
            try killed(["import", master, "--from", "opendss", "-o", output.path], after: delayMilliseconds)
            let now = try Data(contentsOf: output)
            #expect(now == old || now == new, "after \(delayMilliseconds) ms: \(now.count) bytes")
        }
    }

    @Test func aKilledPlanLeavesTheOldFolderOrTheNewOne() throws {
        let directory = try CLI.temporaryDirectory()
        let out = directory.appendingPathComponent("plan")
        let arguments = ["plan", "networks/rbts-bus2.json", "scenarios/rbts-bus2-quarter.json", "--out", out.path]
        let names = [
            "notifications.csv", "notifications.json", "outages.ics", "plan.json", "resources.csv", "schedule.csv", "schedule.json", "solver.log",
            "switching.csv", "switching.txt", "work-packages.csv", "work-packages.html", "work-packages.txt",
        ]
        #expect(try CLI.run(arguments + ["--heuristic"]).exitCode == 0)
        let oldPlan = try Data(contentsOf: out.appendingPathComponent("plan.json"))
        let oldSchedule = try Data(contentsOf: out.appendingPathComponent("schedule.json"))
        for delayMilliseconds in [20, 200, 600, 1200, 2500] {
            try killed(arguments + ["--time-limit", "3"], after: delayMilliseconds)
            let present = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
            #expect(present == names, "after \(delayMilliseconds) ms: \(present)")
            let plan = try Data(contentsOf: out.appendingPathComponent("plan.json"))
            let schedule = try Data(contentsOf: out.appendingPathComponent("schedule.json"))
            #expect((try? JSONSerialization.jsonObject(with: plan)) != nil)
            #expect((try? JSONSerialization.jsonObject(with: schedule)) != nil)
            // Never a mix: the old plan.json goes with the old schedule.json.
            #expect((plan == oldPlan) == (schedule == oldSchedule) || schedule == oldSchedule, "after \(delayMilliseconds) ms: plan and schedule from different runs")
        }
    }

    // MARK: silent accepts

    @Test func repeatedNamesAndRowsOutsideThePeriodAreReported() throws {
        let directory = try CLI.temporaryDirectory()
        // A load point twice in one event is rejected; an event in 2025 is counted outside the period.
        let outages = try write("""
            event_id,start,end,cause,feeder,load_points,customers,steps
            E1,2026-01-08T17:51,2026-01-08T18:31,fault,F1,LP6,,
            E2,2026-01-14T09:42,2026-01-14T11:14,fault,F4,LP16;LP16,,
            E3,2025-12-30T09:00,2025-12-30T10:00,fault,F1,LP6,,

            """, in: directory, as: "outages.csv")
        let audit = try CLI.run(["audit", "networks/rbts-bus2.json", "--outages", outages, "--work", "scenarios/audit-example/work.csv",
                                 "--claims", "scenarios/audit-example/claims.json"])
        #expect(audit.exitCode == 0)
        #expect(audit.stderr.contains("outages.csv:3: error: load_points \"E2\": load point 'LP16' is listed twice; name each load point once per event"), "\(audit.stderr)")
        #expect(audit.stdout.contains("3 rows = 1 events in the period + 1 outside it + 1 rows rejected"), "\(audit.stdout)")

        // A customer count beyond any network (its customer-minutes would overflow) is rejected.
        let huge = try write("""
            event_id,start,end,cause,feeder,load_points,customers,steps
            E1,2026-01-08T17:51,2026-01-08T18:31,fault,F1,,9223372036854775807,

            """, in: directory, as: "huge.csv")
        let hugeAudit = try CLI.run(["audit", "networks/rbts-bus2.json", "--outages", huge, "--work", "scenarios/audit-example/work.csv",
                                     "--claims", "scenarios/audit-example/claims.json"])
        #expect(hugeAudit.exitCode == 0)
        #expect(hugeAudit.stderr.contains("huge.csv:2: error: customers \"E1\": '9223372036854775807' is not a customer count in 0…1000000000"), "\(hugeAudit.stderr)")

        // A schedule naming one outage twice would replay it twice.
        let plan = directory.appendingPathComponent("plan")
        #expect(try CLI.run(["plan", "networks/rbts-bus2.json", "scenarios/rbts-bus2-quarter.json", "--heuristic", "--out", plan.path]).exitCode == 0)
        let schedule = try mutatedJSON(plan.appendingPathComponent("schedule.json").path, in: directory, as: "twice.json") { object in
            var outages = object["outages"] as! [[String: Any]]
            outages.append(outages[0])
            object["outages"] = outages
        }
        let simulate = try CLI.run(["simulate", "networks/rbts-bus2.json", "--schedule", schedule, "--years", "10"])
        #expect(simulate.exitCode == 65)
        #expect(simulate.stderr.contains("duplicate outage id; outages[0] has it too"), "\(simulate.stderr)")

        // A jobs-CSV row whose device is unknown (beside a known section) is an error.
        let jobs = try write("""
            id,workType,section,device,durationHours,earliest,latest
            J1,poleReplacement,S4,NOPE,4,2027-01-11,2027-01-29

            """, in: directory, as: "jobs.csv")
        let planned = try CLI.run(["plan", "networks/rbts-bus2.json", "scenarios/rbts-bus2-quarter.json", "--jobs", jobs, "--heuristic"])
        #expect(planned.exitCode == 65)
        #expect(planned.stderr.contains("jobs.csv:2: error: device \"J1\": unknown device 'NOPE' in the network"), "\(planned.stderr)")

        // A horizon past the year 9999 is refused before anything is written.
        let late = try CLI.run(["generate-jobs", "networks/rbts-bus2.json", "--start", "9999-06-01", "--days", "200"])
        #expect(late.exitCode == 64)
        #expect(late.stderr.contains("gives a horizon outside 1900…9999"), "\(late.stderr)")

        // report --plan: NaN in resources.csv and invalid UTF-8 in plan.json are located errors.
        try Data("date,resource,used,available\n2027-01-04,outage crews,NaN,2\n".utf8).write(to: plan.appendingPathComponent("resources.csv"))
        var report = try CLI.run(["report", "networks/rbts-bus2.json", "--plan", plan.path, "-o", directory.appendingPathComponent("r.html").path])
        #expect(report.exitCode == 65)
        #expect(report.stderr.contains("resources.csv:2: error: expected date,resource,used,available"), "\(report.stderr)")
        var bytes = try Data(contentsOf: plan.appendingPathComponent("plan.json"))
        bytes[10] = 0xFF
        try bytes.write(to: plan.appendingPathComponent("plan.json"))
        report = try CLI.run(["report", "networks/rbts-bus2.json", "--plan", plan.path, "-o", directory.appendingPathComponent("r.html").path])
        #expect(report.exitCode == 65)
        #expect(report.stderr.contains("is not valid UTF-8"), "\(report.stderr)")
    }

    @Test func openDSSRedirectsFromABareMasterAndCyclesAreLocated() throws {
        // `cd ieee123 && liveline import IEEE123Master.dss …`: redirects are read from the current folder.
        let directory = try CLI.temporaryDirectory()
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["import", "IEEE123Master.dss", "--from", "opendss", "-o", directory.appendingPathComponent("i123.json").path]
        process.currentDirectoryURL = CLI.packageRoot.appendingPathComponent(Self.fixtures + "ieee123")
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("i123.json").path))

        _ = try write("Clear\nNew Circuit.x\nRedirect b.dss\n", in: directory, as: "a.dss")
        _ = try write("Redirect a.dss\n", in: directory, as: "b.dss")
        let cycle = try CLI.run(["import", directory.appendingPathComponent("a.dss").path, "--from", "opendss", "-o", directory.appendingPathComponent("x.json").path])
        #expect(cycle.exitCode == 65)
        #expect(cycle.stderr.contains("b.dss:1: error: redirect cycle a.dss → b.dss → a.dss"), "\(cycle.stderr)")
    }

    @Test func problemsOfCSVJobsAreLocatedInTheCSV() throws {
        let directory = try CLI.temporaryDirectory()
        let jobs = try write("""
            id,workType,section,durationHours,earliest,latest,after
            J1,poleReplacement,S4,20,2027-01-11,2027-01-29,
            J2,poleReplacement,S4,2,2027-03-29,2027-04-29,J9

            """, in: directory, as: "jobs.csv")
        let result = try CLI.run(["plan", "networks/rbts-bus2.json", "scenarios/rbts-bus2-quarter.json", "--jobs", jobs, "--heuristic"])
        #expect(result.exitCode == 65)
        #expect(result.stderr.contains("jobs.csv:2: error: durationHours \"J1\": 20 h does not fit a 10 h shift; give it in days (durationDays) of at most 10 h each"), "\(result.stderr)")
        #expect(result.stderr.contains("jobs.csv:3: error: after \"J2\": unknown job 'J9'"), "\(result.stderr)")
        #expect(!result.stderr.contains("rbts-bus2-quarter.json:"), "\(result.stderr)")
    }
}

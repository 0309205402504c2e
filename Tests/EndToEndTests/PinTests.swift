import Foundation
import Testing

/// Pins and locks in the scenario (issue 16, point 1): a job fixed to a day and method (outside
/// its window too), a method forbidden, a day blocked for one feeder — honoured by the MILP and by
/// the greedy plan, and checked by the independent plan checker.
struct PinTests {
    /// The quarter with WO-017 pinned to 2027-03-17 by outage (its window ends 2027-03-12), WO-014
    /// forbidden live-line work, and feeder F1 blocked on 2027-02-23.
    static func pinnedScenario(_ directory: URL, pin: String = #"{"date": "2027-03-17", "method": "outage"}"#) throws -> String {
        var text = try String(contentsOfFile: "scenarios/rbts-bus2-quarter.json", encoding: .utf8)
        text = text.replacingOccurrences(of: #""id": "WO-017","#, with: #""id": "WO-017", "pin": \#(pin),"#)
        text = text.replacingOccurrences(of: #""id": "WO-014","#, with: #""id": "WO-014", "forbiddenMethods": ["liveLine"],"#)
        text = text.replacingOccurrences(of: #""calendar": {"#, with: #""calendar": {"feederBlocks": [{"feeder": "F1", "dates": ["2027-02-23"]}], "#)
        #expect(text.contains("feederBlocks") && text.contains("\"pin\"") && text.contains("forbiddenMethods"))
        let path = directory.appendingPathComponent("pinned.json").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func rows(_ out: String) throws -> [String: [String]] {
        let csv = try String(contentsOfFile: out + "/schedule.csv", encoding: .utf8).replacingOccurrences(of: "\u{FEFF}", with: "")
        var rows: [String: [String]] = [:]
        for line in csv.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            rows[fields[0]] = fields
        }
        return rows
    }

    @Test(arguments: [["--time-limit", "20"], ["--heuristic"]])
    func pinsForbiddenMethodsAndFeederBlocksAreHonoured(_ mode: [String]) throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let scenario = try Self.pinnedScenario(directory)
        let out = directory.appendingPathComponent("plan").path
        let run = try CLI.run(["plan", "networks/rbts-bus2.json", scenario, "--out", out] + mode)
        #expect(run.exitCode == 0, "\(run.stderr)")
        let rows = try Self.rows(out)
        // job,date,start,end,period,method,feeder,…
        #expect(rows["WO-017"]?[1] == "2027-03-17" && rows["WO-017"]?[5] == "outage", "\(rows["WO-017"] ?? [])")
        #expect(rows["WO-014"].map { $0[5] != "liveLine" && $0[5] != "unscheduled" } == true, "\(rows["WO-014"] ?? [])")
        #expect(!rows.values.contains { $0[1] == "2027-02-23" && $0[6] == "F1" })
        let python = try #require(CLI.tool("python3"), "python3 is missing")
        let check = try CLI.runProgram(python, ["Tests/Checker/plan_checker.py", "networks/rbts-bus2.json", scenario, out])
        #expect(check.stdout.hasPrefix("OK:"), "\(check.stdout)")
    }

    /// A pin to a day nobody works (a Saturday) or to a method the section cannot take is proved
    /// impossible with the job's place in the file, and no plan is written.
    @Test func impossiblePinsAreProvedWithTheirPlace() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for (pin, expected) in [(#"{"date": "2027-03-20"}"#, "pinned to 2027-03-20, which is not a working day"),
                                (#"{"method": "liveLine", "period": "night"}"#, "pinned to the work period 'night', which the scenario does not have")] {
            let scenario = try Self.pinnedScenario(directory, pin: pin)
            let out = directory.appendingPathComponent("never").path
            let run = try CLI.run(["plan", "networks/rbts-bus2.json", scenario, "--out", out, "--heuristic"])
            #expect(run.exitCode == 65, "\(pin): \(run.stderr)")
            #expect(run.stdout.contains(expected) || run.stderr.contains(expected), "\(pin): \(run.stdout) \(run.stderr)")
            #expect(run.stdout.contains("jobs[") || run.stderr.contains("jobs["), "\(run.stdout) \(run.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out + "/schedule.json"))
        }
        let outside = try Self.pinnedScenario(directory, pin: #"{"date": "2027-06-01"}"#)
        let late = try CLI.run(["plan", "networks/rbts-bus2.json", outside, "--heuristic"])
        #expect(late.exitCode == 65 && late.stderr.contains("jobs[16].pin.date") && late.stderr.contains("pinned date 2027-06-01 lies outside the horizon"), "\(late.stderr)")
        let bad = try Self.pinnedScenario(directory, pin: #"{"date": "2027-03-17", "method": "sideways"}"#)
        let run = try CLI.run(["plan", "networks/rbts-bus2.json", bad, "--heuristic"])
        #expect(run.exitCode == 65 && run.stderr.contains("pin.method") && run.stderr.contains("unknown method 'sideways'"), "\(run.stderr)")
    }
}

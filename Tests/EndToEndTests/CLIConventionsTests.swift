import Foundation
import GridModel
import Testing

/// Command-line conventions (issue 20): no silent fallback, plural forms.
struct CLIConventionsTests {
    @Test func planDayOutsideThePlansHorizonIsAUsageError() throws {
        let directory = try CLI.temporaryDirectory()
        let plan = directory.appendingPathComponent("plan").path
        #expect(try CLI.run(["plan", "networks/rbts-bus2.json", "scenarios/rbts-bus2-quarter.json", "--heuristic", "--out", plan]).exitCode == 0)
        let output = directory.appendingPathComponent("r.html").path
        let result = try CLI.run(["report", "networks/rbts-bus2.json", "--plan", plan, "--plan-day", "2027-05-03", "-o", output])
        #expect(result.exitCode == 64)
        #expect(result.stderr.contains("--plan-day 2027-05-03 is outside the plan's horizon 2027-01-04…2027-03-31"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func coordinatesLayoutWithoutCoordinatesIsAUsageError() throws {
        let output = try CLI.temporaryDirectory().appendingPathComponent("r.html").path
        let result = try CLI.run(["report", "networks/rbts-bus2.json", "--layout", "coordinates", "-o", output])
        #expect(result.exitCode == 64)
        #expect(result.stderr.contains("--layout coordinates: 60 of 60 buses of networks/rbts-bus2.json have no x/y"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func outputIntoAMissingFolderIsAUsageErrorAndCreatesNothing() throws {
        let directory = try CLI.temporaryDirectory()
        let missing = directory.appendingPathComponent("no-such-folder")
        let result = try CLI.run(["generate", "--feeders", "2", "--seed", "1", "-o", missing.appendingPathComponent("city.json").path])
        #expect(result.exitCode == 64)
        #expect(result.stderr.contains("does not exist; create it first"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: missing.path))
    }

    @Test func countsUseTheRightPluralForm() throws {
        #expect(NumberText.count(1, "tie") == "1 tie")
        #expect(NumberText.count(2, "tie") == "2 ties")
        #expect(NumberText.count(0, "bus", "buses") == "0 buses")
        let result = try CLI.run(["validate", "networks/rbts-bus2.json"])
        #expect(result.stdout.contains("valid: 4 feeders, 36 line sections, 20 transformers, 22 load points, 2 ties; 0 warnings"), "\(result.stdout)")
        // One job, from a CSV saved by Excel (with a byte-order mark).
        let jobs = try CLI.temporaryDirectory().appendingPathComponent("jobs.csv")
        try Data(("\u{FEFF}id,workType,section,durationHours,earliest,latest\nJ1,insulatorReplacement,S34,4,2027-01-10,2027-01-20\n").utf8).write(to: jobs)
        let plan = try CLI.run(["plan", "networks/rbts-bus2.json", "scenarios/rbts-bus2-quarter.json", "--jobs", jobs.path, "--heuristic"])
        #expect(plan.exitCode == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("57 working days, 1 job, 1 tie group with jobs"), "\(plan.stdout)")
    }

    /// `--format csv` is offered where the result is a table and not elsewhere; help lists the values.
    @Test(arguments: [
        ("reliability", ["networks/rbts-bus2.json"], true), ("simulate", ["networks/rbts-bus2.json", "--years", "10"], true),
        ("info", ["networks/rbts-bus2.json"], false), ("validate", ["networks/rbts-bus2.json"], false),
        ("plan", ["networks/rbts-bus2.json", "scenarios/rbts-bus2-quarter.json", "--heuristic"], false),
    ])
    func formatValuesAgreeWithHelp(_ command: String, _ arguments: [String], _ csv: Bool) throws {
        let help = try CLI.run([command, "--help"])
        let values = csv ? "(values: text, json, csv" : "(values: text, json;"
        let flat = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flat.contains(values), "\(command): \(flat)")
        let result = try CLI.run([command] + arguments + ["--format", "csv"])
        if csv {
            #expect(result.exitCode == 0, "\(command): \(result.stderr)")
        } else {
            #expect(result.exitCode == 64)
            #expect(result.stderr.contains("'csv'") && result.stderr.contains("text") && result.stderr.contains("json"), "\(command): \(result.stderr)")
        }
    }
}

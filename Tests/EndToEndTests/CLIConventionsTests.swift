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

    /// Options that take a word list their values in --help (one enum per option), and a wrong
    /// value is a usage error naming them.
    @Test(arguments: [
        ("reliability", "--month", "(values: peak, average, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12;", ["networks/rbts-bus2.json", "--month", "13"]),
        ("reliability", "--unit", "(values: customers, mv-users;", ["networks/rbts-bus2.json", "--unit", "households"]),
        ("audit", "--unit", "(values: customers, mv-users;", ["networks/rbts-bus2.json", "--outages", "x", "--work", "y", "--claims", "z", "--unit", "users"]),
        ("simulate", "--by", "(values: system, load-point;", ["networks/rbts-bus2.json", "--by", "feeder"]),
        ("simulate", "--repair", "(values: fixed, exponential, lognormal:CV;", ["networks/rbts-bus2.json", "--repair", "lognormal:0"]),
    ])
    func wordOptionsListTheirValues(_ command: String, _ option: String, _ values: String, _ wrong: [String]) throws {
        let help = try CLI.run([command, "--help"])
        let flat = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flat.contains(values), "\(command) \(option): \(flat)")
        let result = try CLI.run([command] + wrong)
        #expect(result.exitCode == 64, "\(result.stderr)")
        #expect(result.stderr.contains("is invalid for '\(option)"), "\(result.stderr)")
    }

    /// Progress: one line rewritten in place on a terminal (run under `script`, a pseudo-terminal),
    /// nothing when stderr is not a terminal, nothing with --quiet.
    @Test func progressIsOneUpdatingLineOnATerminalOnly() throws {
        let script = try #require(CLI.tool("script"), "script (util-linux) is missing")
        let command = "\(CLI.binary.path) simulate networks/rbts-bus2.json --years 300000 --format json > /dev/null"
        let terminal = try CLI.runProgram(script, ["-qec", command, "/dev/null"])
        #expect(terminal.exitCode == 0, "\(terminal.stderr)")
        #expect(terminal.stdout.contains("\rsimulated ") || terminal.stdout.contains("\raggregating "), "\(terminal.stdout.debugDescription)")
        #expect(!terminal.stdout.contains("\nsimulated "), "progress must not scroll: \(terminal.stdout.debugDescription)")
        let quiet = try CLI.runProgram(script, ["-qec", command + " --quiet", "/dev/null"])
        #expect(!quiet.stdout.contains("simulated"), "\(quiet.stdout.debugDescription)")
        let piped = try CLI.run(["simulate", "networks/rbts-bus2.json", "--years", "300000"])
        #expect(!piped.stderr.contains("simulated"), "\(piped.stderr)")
        let plan = try CLI.run(["plan", "networks/rbts-bus2.json", "scenarios/rbts-bus2-quarter.json", "--time-limit", "5"])
        #expect(!plan.stderr.contains("tie group"), "\(plan.stderr)")
    }

    /// `make install` puts the binary in PREFIX/bin, and every README example, copied as written,
    /// runs with it on PATH (tools/readme_examples.sh; the debug binary stands in for the release
    /// build, which `-o build` skips).
    @Test func installedBinaryRunsEveryReadmeExample() throws {
        let make = try #require(CLI.tool("make"), "make is missing")
        let bash = try #require(CLI.tool("bash"), "bash is missing")
        let prefix = try CLI.temporaryDirectory().appendingPathComponent("prefix")
        let install = try CLI.runProgram(make, ["-s", "-o", "build", "install", "PREFIX=\(prefix.path)", "LIVELINE=\(CLI.binary.path)"])
        #expect(install.exitCode == 0, "\(install.stderr)")
        #expect(FileManager.default.isExecutableFile(atPath: prefix.path + "/bin/liveline"))
        let examples = try CLI.runProgram(bash, ["tools/readme_examples.sh", prefix.path])
        #expect(examples.exitCode == 0, "\(examples.stdout)")
        #expect(examples.stdout.contains("README examples run, 0 failed"), "\(examples.stdout)")
    }

    /// An option that cannot take effect is a usage error (or, where the output simply has more,
    /// a warning) — never silently ignored.
    @Test(arguments: [
        (["report", "networks/rbts-bus2.json", "--years", "500", "-o", "r.html"], "--years sets the Monte Carlo section: add --simulate"),
        (["report", "networks/rbts-bus2.json", "--seed", "3", "-o", "r.html"], "--seed sets the Monte Carlo section"),
        (["report", "networks/rbts-bus2.json", "--overlay", "saidi", "-o", "r.html"], "--overlay saidi colours sections by their SAIDI contribution, which needs --reliability"),
        (["simulate", "networks/rbts-bus2.json", "--years", "10", "--max-years", "100"], "--max-years limits --until-rel-error"),
        (["reliability", "networks/rbts-bus2.json", "--top", "5"], "--top sets the rows of the component ranking: it needs --by component and text output"),
        (["plan", "networks/rbts-bus2.json", "scenarios/rbts-bus2-quarter.json", "--heuristic", "--verbose"], "--heuristic runs no GLPK"),
    ])
    func optionsWithoutEffectAreUsageErrors(_ arguments: [String], _ message: String) throws {
        let result = try CLI.run(arguments)
        #expect(result.exitCode == 64, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "r.html"))
    }

    @Test func tableChoiceWithJSONIsAWarning() throws {
        let result = try CLI.run(["reliability", "networks/rbts-bus2.json", "--by", "feeder", "--format", "json"])
        #expect(result.exitCode == 0)
        #expect(result.stderr.contains("warning: --by feeder has no effect with --format json, which has every table"), "\(result.stderr)")
        let simulated = try CLI.run(["simulate", "networks/rbts-bus2.json", "--years", "10", "--by", "load-point", "--format", "json"])
        #expect(simulated.stderr.contains("warning: --by load-point has no effect with --format json"), "\(simulated.stderr)")
    }

    /// With no outage crews at all the reason says "none available", not "fully booked", and the
    /// proof uses the singular for one job.
    @Test func noCrewsAtAllIsNoneAvailable() throws {
        let directory = try CLI.temporaryDirectory()
        let scenario = directory.appendingPathComponent("s.json")
        try Data(#"""
            {"formatVersion": 1, "horizon": {"start": "2027-01-04", "end": "2027-01-31"}, "resources": {"outageCrews": 0},
             "jobs": [{"id": "J1", "workType": "cableJointRepair", "section": "S1", "durationHours": 4, "methods": ["outage"], "earliest": "2027-01-11", "latest": "2027-01-22"}]}
            """#.utf8).write(to: scenario)
        let result = try CLI.run(["plan", "networks/rbts-bus2.json", scenario.path])
        #expect(result.exitCode == 65)
        #expect(result.stderr.contains("outage crews: 1 mandatory job (J1) can only be done in 2027-01-11…2027-01-22 and needs one, 0 available there (1 short)"), "\(result.stderr)")
        #expect(result.stderr.contains("none available on any of those days: outage crews"), "\(result.stderr)")
        #expect(!result.stderr.contains("fully booked"), "\(result.stderr)")
    }
}

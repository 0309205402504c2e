import ArgumentParser
import GridModel
import Planner

struct GenerateJobsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-jobs",
        abstract: "Write a seeded synthetic scenario (jobs, crews, calendar) for a network.",
        discussion: """
            Crews and vehicles start at 15 % above the average daily demand of each kind (every job \
            done its cheapest way) and are then raised until no counting proof of infeasibility holds \
            and the planner's greedy schedule does every mandatory job, so that the scenario can be \
            planned by construction; raises that turn out not to be needed are taken back. A \
            mandatory job that no crew count can place is made deferrable. Standard error names \
            every raise, the tightest resource and its use.
            """)

    @Argument(help: "Network file (e.g. one written by `liveline generate`).")
    var network: String

    @Option(help: "Number of jobs.")
    var jobs: Int = 1000

    @Option(help: "Working days in the horizon.")
    var days: Int = 65

    @Option(help: "First day of the horizon (YYYY-MM-DD).")
    var start: String = "2027-04-05"

    @Option(help: "Random seed.")
    var seed: UInt64 = 1

    @Flag(help: "Keep the crews at 15 % above the average demand (no check that the scenario can be planned).")
    var noSizing = false

    @Option(name: [.short, .customLong("output")], help: "Output file (default: standard output).")
    var output: String?

    func validate() throws {
        guard (1...200_000).contains(jobs) else { throw ValidationError("--jobs must be 1…200000") }
        guard (1...520).contains(days) else { throw ValidationError("--days must be 1…520") }
        guard let first = CivilDate(start) else { throw ValidationError("--start must be a date YYYY-MM-DD") }
        // The horizon (days working days, weekends between) must end by 9999-12-31.
        let last = first.adding(days: (days / 5 + 1) * 7 + 7)
        guard first.year >= 1900, last.year <= 9999 else {
            throw ValidationError("--start \(start) with --days \(days) gives a horizon outside 1900…9999; choose an earlier start")
        }
    }

    func run() throws {
        if let output { try SafeFiles.refuseOverwriting(files: [output], inputs: [network]) }
        let base = try loadNetwork(network)
        guard !base.model.sections.isEmpty else { throw CLIError.badData("\(network): the network has no sections to put jobs on") }
        var scenario = Scenario.generate(network: base, jobs: jobs, workingDays: days, seed: seed, start: CivilDate(start)!)
        var notes: [String] = []
        if !noSizing {
            let sizing: ScenarioSizing
            do { sizing = try scenario.sizedForPlanning(network: base) } catch { throw CLIError.diagnostics(error.diagnostics) }
            scenario = sizing.scenario
            notes += sizing.raises.map { "raised \($0)" }
            notes += sizing.madeDeferrable.map { "made deferrable \($0)" }
            let pool = scenario.resources
            notes.append("resources: live teams by category \(pool.liveTeams.map(String.init).joined(separator: "/")), \(pool.bucketTrucks) bucket trucks, \(pool.bypassCableSets) bypass cable sets, generators \(pool.mobileGenerators.map { "\($0.count) × \(Int($0.kW)) kW" }.joined(separator: " + ")), \(pool.outageCrews) outage crews")
            if let tightest = sizing.tightest { notes.append("tightest: " + tightest.text + " by the greedy plan") }
        }
        let text = scenario.jsonOutput().renderedDocument()
        if let output {
            try Console.write(text, to: output)
            Console.error("wrote \(output): \(scenario.jobs.count) jobs, \(scenario.start)…\(scenario.end) (seed \(seed))")
        } else {
            Console.out(text)
        }
        for note in notes { Console.error(note) }
    }
}

import ArgumentParser
import GridModel
import Planner

struct GenerateJobsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-jobs",
        abstract: "Write a seeded synthetic scenario (jobs, crews, calendar) for a network.")

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

    @Option(name: [.short, .customLong("output")], help: "Output file (default: standard output).")
    var output: String?

    func validate() throws {
        guard (1...200_000).contains(jobs) else { throw ValidationError("--jobs must be 1…200000") }
        guard (1...520).contains(days) else { throw ValidationError("--days must be 1…520") }
        guard CivilDate(start) != nil else { throw ValidationError("--start must be a date YYYY-MM-DD") }
    }

    func run() throws {
        let base = try loadNetwork(network)
        let scenario = Scenario.generate(network: base, jobs: jobs, workingDays: days, seed: seed, start: CivilDate(start)!)
        let text = scenario.jsonOutput().renderedDocument()
        if let output {
            try Console.write(text, to: output)
            Console.error("wrote \(output): \(scenario.jobs.count) jobs, \(scenario.start)…\(scenario.end) (seed \(seed))")
        } else {
            Console.out(text)
        }
    }
}

import ArgumentParser
import GridModel

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a seeded synthetic city network (for benchmarks and what-if studies).")

    @Option(help: "Number of feeders (1…100000).")
    var feeders: Int

    @Option(help: "Random seed; the same seed gives the same network.")
    var seed: UInt64 = 1

    @Option(help: "Feeders per substation.")
    var feedersPerSubstation: Int = 10

    @Option(name: [.short, .customLong("output")], help: "Output file (default: standard output).")
    var output: String?

    func validate() throws {
        guard (1...100_000).contains(feeders) else { throw ValidationError("--feeders must be between 1 and 100000") }
        guard (1...100).contains(feedersPerSubstation) else { throw ValidationError("--feeders-per-substation must be between 1 and 100") }
    }

    func run() throws {
        let model = NetworkGenerator.generate(.init(feeders: feeders, seed: seed, feedersPerSubstation: feedersPerSubstation))
        let text = model.jsonOutput().renderedDocument()
        if let output {
            try Console.write(text, to: output)
            Console.error("wrote \(output): \(model.sources.count) feeders, \(model.sections.count) sections, \(model.loadPoints.count) load points, \(model.ties.count) ties (seed \(seed))")
        } else {
            Console.out(text)
        }
    }
}

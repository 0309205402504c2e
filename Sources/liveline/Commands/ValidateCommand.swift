import ArgumentParser
import GridModel

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check network files and list every problem with its place in the file.",
        discussion: "Exit code 0 when every file is valid (warnings allowed), 65 when any has errors.")

    @Argument(help: "Network files (JSON, format v1).")
    var files: [String]

    @Option(help: "Output format: text (diagnostics on stderr) or json (a report on stdout).")
    var format: TextOrJSON = .text

    func validate() throws {
    }

    func run() throws {
        var anyErrors = false
        var reports: [JSONOutput] = []
        for file in files {
            var diagnostics: [Diagnostic]
            var summary: NetworkSummary?
            do {
                let (network, warnings) = try Network.load(path: file)
                diagnostics = warnings
                summary = network.summary()
            } catch {
                diagnostics = error.diagnostics
                anyErrors = true
            }
            let errors = diagnostics.filter { $0.severity == .error }.count
            let warnings = diagnostics.count - errors
            switch format {
            case .text:
                Console.error(diagnostics.map(\.description).joined(separator: "\n"))
                if let summary {
                    let counts = [
                        NumberText.count(summary.feeders, "feeder"), NumberText.count(summary.lineSections, "line section"),
                        NumberText.count(summary.transformers, "transformer"), NumberText.count(summary.loadPoints, "load point"), NumberText.count(summary.ties, "tie"),
                    ]
                    Console.out("\(file): valid: \(counts.joined(separator: ", ")); \(NumberText.count(warnings, "warning"))")
                } else {
                    Console.out("\(file): invalid: \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
                }
            case .json:
                reports.append(.object([
                    ("file", .string(file)), ("valid", .bool(summary != nil)), ("errors", .integer(errors)),
                    ("warnings", .integer(warnings)), ("diagnostics", .array(diagnostics.map(\.jsonOutput))),
                ]))
            }
        }
        if format == .json { Console.out(JSONOutput.object([("files", .array(reports))]).rendered()) }
        if anyErrors { throw CLIError.badData("") }
    }
}

extension Diagnostic {
    var jsonOutput: JSONOutput {
        .object([
            ("severity", .string(severity.rawValue)), ("file", .string(file)),
            ("line", line.map { .integer($0) } ?? .null), ("column", column.map { .integer($0) } ?? .null),
            ("path", .string(path)), ("id", elementID.map { .string($0) } ?? .null), ("message", .string(message)),
        ])
    }
}

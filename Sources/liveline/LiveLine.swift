import ArgumentParser

struct LiveLine: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "liveline",
        abstract: "Plan live-line maintenance and evaluate outages on MV distribution networks.",
        discussion: """
            Exit codes: 0 success, 1 failure, 64 usage error, 65 bad input data.
            File formats and every command are described in README.md and docs/.
            """,
        version: "0.1.0",
        subcommands: [
            ValidateCommand.self,
            InfoCommand.self,
            GenerateCommand.self,
            ReliabilityCommand.self,
            PlanCommand.self,
            ReportCommand.self,
            GenerateJobsCommand.self,
            SimulateCommand.self,
            AuditCommand.self,
            ImportCommand.self,
            EvaluateCommand.self,
            DiffCommand.self,
        ]
    )
}

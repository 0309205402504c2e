import ArgumentParser
import Foundation
import GridModel
import Reports

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two plans: jobs moved or changed method, and the KPI deltas.",
        discussion: "Each plan is a folder written by `liveline plan --out DIR` (or its plan.json). B − A is the change.")

    @Argument(help: "Plan A: a plan folder or its plan.json.")
    var planA: String

    @Argument(help: "Plan B: a plan folder or its plan.json.")
    var planB: String

    @Option(help: "Output format: text or json.")
    var format: TextOrJSON = .text

    func run() throws {
        let a = try Self.readPlan(planA), b = try Self.readPlan(planB)
        let diff = PlanDiff(a.node, b.node, names: (a.file, b.file))
        switch format {
        case .json: Console.out(diff.json().rendered())
        default: Console.out(diff.text())
        }
    }

    /// plan.json of a folder (or the file itself), read and checked to be one.
    static func readPlan(_ path: String) throws(CLIError) -> (node: JSONNode, file: String) {
        var isDirectory: ObjCBool = false
        let file = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue ? path + "/plan.json" : path
        let node = try readJSONDocument(file, missing: "give a folder written by `liveline plan … --out DIR` or its plan.json",
                                        rewrite: "write the plan again with `liveline plan … --out DIR`")
        guard node["kpis"] != nil, node["jobs"]?.arrayValue != nil else {
            throw CLIError.badData("\(file): error: not a plan.json written by `liveline plan` (no 'kpis' or 'jobs')")
        }
        return (node, file)
    }
}

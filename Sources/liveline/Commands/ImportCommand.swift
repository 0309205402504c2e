import ArgumentParser
import GridModel
import Importers

enum ImportFormat: String, CaseIterable, ExpressibleByArgument {
    case opendss
    case matpower
}

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import an OpenDSS circuit or a MATPOWER case into network format v1.",
        discussion: """
            Prints which assumptions were used and how many elements each touched, and lists
            everything that could not be mapped with its file and line (docs/import.md).
            """)

    @Argument(help: "OpenDSS master file (.dss) or MATPOWER case file (.m).")
    var file: String

    @Option(name: .customLong("from"), help: "Source format: opendss or matpower.")
    var from: ImportFormat

    @Option(help: "Assumptions file (JSON) overriding the defaults.")
    var assumptions: String?

    @Option(name: [.short, .customLong("output")], help: "Network file to write.")
    var output: String

    @Flag(help: "List every element left out (default: a count per reason and the first few).")
    var verbose = false

    func run() throws {
        try SafeFiles.refuseOverwriting(files: [output], inputs: [file, assumptions])
        var settings = ImportAssumptions()
        if let assumptions {
            do { settings = try ImportAssumptions.load(path: assumptions) } catch { throw CLIError.diagnostics(error.diagnostics) }
        }
        let result: ImportResult
        do {
            switch from {
            case .opendss: result = try OpenDSSImporter.importFile(path: file, assumptions: settings)
            case .matpower: result = try MatpowerImporter.importFile(path: file, assumptions: settings)
            }
        } catch {
            throw CLIError.diagnostics(error.diagnostics)
        }
        // Every file the import read (redirects included) is an input too.
        try SafeFiles.refuseOverwriting(files: [output], inputs: result.files)
        // The file as it will be written must load back exactly as `validate` loads it.
        let text = result.model.jsonOutput().renderedDocument()
        let network: Network
        do { network = try Network.load(source: SourceText(fileName: output, bytes: Array(text.utf8))).network } catch {
            throw CLIError.badData((["\(file): the imported network is not valid (nothing was written):"] + error.diagnostics.map { "  " + result.located($0, input: file).description }).joined(separator: "\n"))
        }
        try Console.write(text, to: output)
        let summary = network.summary()
        var lines = ["Imported \(file) (\(result.files.count) file\(result.files.count == 1 ? "" : "s")) → \(output)"]
        let counts = [
            NumberText.count(summary.feeders, "feeder"), NumberText.count(summary.buses, "bus", "buses"), NumberText.count(summary.lineSections, "line section"),
            NumberText.count(summary.transformers, "transformer"), NumberText.count(summary.loadPoints, "load point"), NumberText.count(summary.customers, "customer"),
            NumberText.count(network.model.devices.count, "device"), NumberText.count(summary.ties, "tie"),
        ]
        lines.append("  " + counts.joined(separator: ", "))
        let read = result.elementsRead.keys.sorted().map { "\($0) \(result.elementsRead[$0]!)" }.joined(separator: ", ")
        lines.append("  read: \(read)")
        if verbose { lines.append(contentsOf: result.files.map { "  file: \($0)" }) }
        lines.append("  loads mapped into load points: \(result.loadsMapped) of \(result.elementsRead["load"] ?? 0)")
        if !result.fromFile.isEmpty {
            lines.append("Taken from the file (elements):")
            for item in result.fromFile { lines.append("  \(item.count)× \(item.what)") }
        }
        lines.append("Assumptions used (elements touched):")
        for item in result.assumptionsUsed { lines.append("  \(item.count)× \(item.assumption)") }
        if result.unmapped.isEmpty {
            lines.append("Everything in the files was mapped.")
        } else {
            lines.append("Left out or changed (\(result.unmapped.count)):")
            var byReason: [String: [Diagnostic]] = [:]
            var order: [String] = []
            for item in result.unmapped {
                if byReason[item.message] == nil { order.append(item.message) }
                byReason[item.message, default: []].append(item)
            }
            for reason in order {
                let items = byReason[reason]!
                let shown = verbose ? items : Array(items.prefix(3))
                lines.append("  \(items.count)× \(reason)")
                for item in shown { lines.append("      \(item.file)\(item.line.map { ":\($0)" } ?? "")\(item.elementID.map { " \($0)" } ?? "")") }
                if !verbose && items.count > shown.count { lines.append("      … and \(items.count - shown.count) more (--verbose lists all)") }
            }
        }
        Console.out(lines.joined(separator: "\n"))
    }
}

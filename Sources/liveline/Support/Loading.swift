import Foundation
import GridModel

/// Loads a network for a command, printing warnings to stderr and throwing every error at once.
func loadNetwork(_ path: String, quiet: Bool = false) throws(CLIError) -> Network {
    do {
        let (network, warnings) = try Network.load(path: path)
        if !quiet { Console.error(warnings.map(\.description).joined(separator: "\n")) }
        return network
    } catch {
        throw CLIError.diagnostics(error.diagnostics)
    }
}

/// A plan.json (or another JSON document a command wrote) read and parsed, every problem located;
/// `missing` and `rewrite` say what to do when it is absent or unreadable.
func readJSONDocument(_ file: String, missing: String, rewrite: String) throws(CLIError) -> JSONNode {
    guard let data = FileManager.default.contents(atPath: file) else {
        throw CLIError.badData("\(file): error: no such file; \(missing)")
    }
    var log = DiagnosticLog(source: SourceText(fileName: file, bytes: [UInt8](data)))
    guard let node = log.parseJSONDocument(utf8Advice: "; \(rewrite)") else { throw CLIError.diagnostics(log.diagnostics) }
    return node
}

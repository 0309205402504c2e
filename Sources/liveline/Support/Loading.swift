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

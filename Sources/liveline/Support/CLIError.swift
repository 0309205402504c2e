import GridModel

/// Every failure a command reports, with its exit code.
enum CLIError: Error {
    /// Input files with errors; the diagnostics were already printed, or are printed from here.
    case badData(String)
    /// A usage problem the argument parser cannot see (e.g. conflicting options).
    case usage(String)
    /// Anything else that stopped the command (cannot write the output file, …).
    case failure(String)
    /// A check asked for by a flag failed (e.g. `--fail-on-overstated`).
    case checkFailed(String, code: Int32)

    var exitCode: Int32 {
        switch self {
        case .badData: return 65
        case .usage: return 64
        case .failure: return 1
        case .checkFailed(_, let code): return code
        }
    }

    var message: String {
        switch self {
        case .badData(let text), .usage(let text), .failure(let text), .checkFailed(let text, _): return text
        }
    }

    /// A bad-data error listing every diagnostic, one per line.
    static func diagnostics(_ diagnostics: [Diagnostic]) -> CLIError {
        .badData(diagnostics.map(\.description).joined(separator: "\n"))
    }
}

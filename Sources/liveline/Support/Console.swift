import ArgumentParser
import Foundation

/// Writing to the terminal: results on stdout, diagnostics and progress on stderr.
enum Console {
    static func out(_ text: String) {
        var line = text
        if !line.hasSuffix("\n") { line += "\n" }
        FileHandle.standardOutput.write(Data(line.utf8))
    }

    static func error(_ text: String) {
        guard !text.isEmpty else { return }
        var line = text
        if !line.hasSuffix("\n") { line += "\n" }
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// True when stderr is a terminal (progress is shown only then).
    static var stderrIsTerminal: Bool { isatty(2) != 0 }

    /// Writes `text` to `path` safely (``SafeFiles/write(_:to:)``).
    static func write(_ text: String, to path: String) throws(CLIError) {
        try SafeFiles.write(text, to: path)
    }
}

/// Output format of a command whose result is a table (text, JSON or CSV).
enum OutputFormat: String, CaseIterable, Sendable {
    case text
    case json
    case csv
}

extension OutputFormat: ExpressibleByArgument {}

/// Output format of a command whose result is not one table (text or JSON; no CSV offered).
enum TextOrJSON: String, CaseIterable, Sendable {
    case text
    case json
}

extension TextOrJSON: ExpressibleByArgument {}

extension Console {
    /// A progress line on stderr, rewritten in place (call only when stderr is a terminal).
    static func progress(_ text: String) {
        FileHandle.standardError.write(Data(("\r" + text + "\u{1B}[K").utf8))
    }

    static func progressDone() {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}

import ArgumentParser
import Foundation
import GridModel

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

/// One progress line on stderr, rewritten in place (at most ten times a second), shown only when
/// stderr is a terminal and the user did not ask for `--quiet`; `finish()` clears it. Nothing is
/// written when it is off, so a redirected stderr gets only the final summary and diagnostics.
final class ProgressLine: @unchecked Sendable {
    let enabled: Bool
    private let lock = NSLock()
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private var last: ContinuousClock.Instant?
    private var shown = false

    init(quiet: Bool) {
        enabled = !quiet && Console.stderrIsTerminal
        start = clock.now
    }

    /// Seconds since the line was made.
    var elapsed: Double {
        let duration = clock.now - start
        return Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    /// Shows `text` (throttled unless `force`).
    func update(_ text: @autoclosure () -> String, force: Bool = false) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = clock.now
        if !force, let last, now - last < .milliseconds(100) { return }
        last = now
        shown = true
        Console.progress(text())
    }

    /// "done of total unit · rate/s · time left" for a counted phase.
    func count(_ verb: String, _ done: Int, of total: Int?, unit: String) {
        guard enabled else { return }
        let seconds = max(elapsed, 1e-9)
        let rate = Double(done) / seconds
        var text = "\(verb) \(NumberText.grouped(done))"
        if let total { text += " of \(NumberText.grouped(total))" }
        text += " \(unit) · \(NumberText.rate(rate)) \(unit)/s"
        if let total, rate > 0, done < total { text += " · \(NumberText.duration(Double(total - done) / rate)) left" }
        update(text, force: done == total)
    }

    func finish() {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        if shown { Console.progressDone() }
        shown = false
    }
}

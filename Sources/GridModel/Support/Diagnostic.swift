/// One problem found in an input file, located as precisely as the input allows.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable, Comparable {
        case error
        case warning

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .error && rhs == .warning
        }
    }

    public var severity: Severity
    /// The file as named by the user.
    public var file: String
    /// 1-based line, when the problem can be pinned to a place in the file.
    public var line: Int?
    /// 1-based column (in bytes), with `line`.
    public var column: Int?
    /// JSON path such as `sections[3].lengthKm`, or a CSV column name; empty for whole-file problems.
    public var path: String
    /// The id of the element concerned, when it has one.
    public var elementID: String?
    /// A plain sentence: what is wrong and what to do about it.
    public var message: String

    public init(
        severity: Severity, file: String, line: Int? = nil, column: Int? = nil, path: String = "",
        elementID: String? = nil, message: String
    ) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.elementID = elementID
        self.message = message
    }

    /// `file:line:column: error: path (id "X"): message`
    public var description: String {
        var text = file
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        text += ": \(severity.rawValue): "
        if !path.isEmpty { text += path }
        if let elementID { text += path.isEmpty ? "\"\(elementID)\"" : " \"\(elementID)\"" }
        if !path.isEmpty || elementID != nil { text += ": " }
        text += message
        return text
    }
}

/// Collects diagnostics for one file; errors and warnings in the order they were found.
public struct DiagnosticLog: Sendable {
    public let source: SourceText
    public private(set) var diagnostics: [Diagnostic] = []

    public init(source: SourceText) { self.source = source }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    public var errorCount: Int { diagnostics.reduce(0) { $0 + ($1.severity == .error ? 1 : 0) } }

    public mutating func report(
        _ severity: Severity, at offset: Int?, path: String, id: String? = nil, _ message: String
    ) {
        var line: Int?
        var column: Int?
        if let offset {
            let position = source.lineColumn(of: offset)
            line = position.line
            column = position.column
        }
        diagnostics.append(
            Diagnostic(
                severity: severity, file: source.fileName, line: line, column: column, path: path,
                elementID: id, message: message))
    }

    public mutating func error(at offset: Int?, path: String, id: String? = nil, _ message: String) {
        report(.error, at: offset, path: path, id: id, message)
    }

    public mutating func warning(at offset: Int?, path: String, id: String? = nil, _ message: String) {
        report(.warning, at: offset, path: path, id: id, message)
    }

    public typealias Severity = Diagnostic.Severity
}

extension DiagnosticLog {
    /// The JSON document of the log's source, or nil with the problem logged at its place:
    /// bytes that are not UTF-8 (the message ends with `utf8Advice`) or malformed JSON.
    public mutating func parseJSONDocument(utf8Advice: String = "; save the file as UTF-8 JSON") -> JSONNode? {
        if let bad = source.firstInvalidUTF8Offset() {
            error(at: bad, path: "", "byte 0x\(String(source.bytes[bad], radix: 16, uppercase: true)) is not valid UTF-8" + utf8Advice)
            return nil
        }
        do { return try JSONParser.parse(source.bytes) } catch {
            self.error(at: error.offset, path: "", "malformed JSON: \(error.message)")
            return nil
        }
    }
}

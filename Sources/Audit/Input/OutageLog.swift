import Foundation
import GridModel

/// Why customers lost supply.
public enum OutageCause: String, Sendable, CaseIterable {
    case planned
    case fault
    /// Outside the distribution network (transmission, generation).
    case external
    /// Supply shortage / load shedding (限电); excluded by DL/T 836 RS-3.
    case supplyShortage
}

/// One row of the outage event log.
public struct OutageRecord: Sendable, Equatable {
    public struct Step: Sendable, Equatable {
        public var time: Timestamp
        /// Load points restored at `time` (index), or
        public var loadPoints: [Int]
        /// a number of customers restored at `time` (rows without load points).
        public var customers: Int
    }

    public var id: String
    /// 1-based line in the log file.
    public var line: Int
    public var start: Timestamp
    public var end: Timestamp
    public var cause: OutageCause
    /// Feeder index, when given and known.
    public var feeder: Int?
    /// Load points interrupted (indices); empty when only counts are given.
    public var loadPoints: [Int]
    /// Customers interrupted (from the load points, or the `customers` column).
    public var customers: Int
    /// DL/T 836 users interrupted (from the load points, or the `mv_users` column, else customers).
    public var mvUsers: Int
    /// Restoration steps before `end`, in time order.
    public var steps: [Step]

    public init(id: String, line: Int, start: Timestamp, end: Timestamp, cause: OutageCause, feeder: Int?, loadPoints: [Int], customers: Int, mvUsers: Int, steps: [Step]) {
        self.id = id
        self.line = line
        self.start = start
        self.end = end
        self.cause = cause
        self.feeder = feeder
        self.loadPoints = loadPoints
        self.customers = customers
        self.mvUsers = mvUsers
        self.steps = steps
    }
}

/// A file of records and everything that was wrong with it.
public struct ParsedLog<Record: Sendable>: Sendable {
    public var file: String
    public var records: [Record]
    /// Rows that could not be used, each located; plus warnings.
    public var diagnostics: [Diagnostic]
    public var rejectedRows: Int

    public init(file: String, records: [Record], diagnostics: [Diagnostic], rejectedRows: Int) {
        self.file = file
        self.records = records
        self.diagnostics = diagnostics
        self.rejectedRows = rejectedRows
    }
}

/// Reads the outage event log (docs/audit-format.md).
public enum OutageLogReader {
    public static let columns = ["event_id", "start", "end", "cause", "feeder", "load_points", "customers", "mv_users", "steps"]

    public static func read(path: String, network: Network) throws(AuditInputError) -> ParsedLog<OutageRecord> {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AuditInputError(diagnostics: [Diagnostic(severity: .error, file: path, message: FileManager.default.fileExists(atPath: path) ? "cannot read the file; check its permissions" : "no such file")])
        }
        return try parse(SourceText(fileName: path, bytes: [UInt8](data)), network: network)
    }

    /// Parses the log. Rows with problems are reported (file, line, column) and left out; a file
    /// that cannot be read as a log at all (not UTF-8, no header, missing columns) throws.
    public static func parse(_ source: SourceText, network: Network) throws(AuditInputError) -> ParsedLog<OutageRecord> {
        let table = try CSVTable(source, columns: columns, required: ["event_id", "start", "end", "cause"])
        // Duplicate ids first (sequential, cheap), then the rows in parallel chunks, merged in order.
        var firstLine: [String: Int] = [:]
        firstLine.reserveCapacity(table.rows.count)
        var duplicateOf = [Int](repeating: 0, count: table.rows.count)
        let cID = table.column("event_id")
        for (index, row) in table.rows.enumerated() {
            guard let id = row.value(at: cID) else { continue }
            if let first = firstLine[id] { duplicateOf[index] = first } else { firstLine[id] = row.line }
        }
        let feederIndex = network.sourceIndex
        let (cStart, cEnd, cCause, cFeeder, cLoadPoints, cCustomers, cUsers, cSteps) = (
            table.column("start"), table.column("end"), table.column("cause"), table.column("feeder"),
            table.column("load_points"), table.column("customers"), table.column("mv_users"), table.column("steps"))
        let rows = table.rows
        let duplicates = duplicateOf
        let chunkSize = 50_000
        let chunkCount = (rows.count + chunkSize - 1) / chunkSize
        let box = ChunkedResults<(records: [OutageRecord], diagnostics: [Diagnostic], rejected: Int)>(count: chunkCount)
        DispatchQueue.concurrentPerform(iterations: max(1, min(2, chunkCount))) { worker in
            var chunk = worker
            while chunk < chunkCount {
                var records: [OutageRecord] = []
                var diagnostics: [Diagnostic] = []
                var rejected = 0
                for index in (chunk * chunkSize)..<min(rows.count, (chunk + 1) * chunkSize) {
                    let row = rows[index]
                    var problems: [(String, String)] = []
                    let id = row.value(at: cID) ?? ""
                    if id.isEmpty { problems.append(("event_id", "missing event id")) }
                    if duplicates[index] > 0 {
                        problems.append(("event_id", "duplicate event id; line \(duplicates[index]) has it too"))
                    }
                    let start = row.value(at: cStart).flatMap(Timestamp.init)
                    if start == nil { problems.append(("start", row.value(at: cStart).map { "'\($0)' is not a time; write YYYY-MM-DDTHH:MM" } ?? "missing start time")) }
                    let end = row.value(at: cEnd).flatMap(Timestamp.init)
                    if end == nil { problems.append(("end", row.value(at: cEnd).map { "'\($0)' is not a time; write YYYY-MM-DDTHH:MM" } ?? "missing end time")) }
                    if let start, let end, end < start { problems.append(("end", "end \(end) is before start \(start)")) }
                    let causeText = row.value(at: cCause) ?? ""
                    let cause = OutageCause(rawValue: causeText)
                    if cause == nil { problems.append(("cause", "unknown cause '\(causeText)'; use one of \(OutageCause.allCases.map(\.rawValue).joined(separator: ", "))")) }
                    var feeder: Int?
                    if let text = row.value(at: cFeeder) {
                        if let index = feederIndex[SourceID(text)] { feeder = index } else { problems.append(("feeder", "unknown feeder '\(text)' in the network")) }
                    }
                    var loadPoints: [Int] = []
                    if let text = row.value(at: cLoadPoints) {
                        for part in text.split(separator: ";") {
                            let name = String(part).trimmingSpaces()
                            if let lp = network.loadPointIndex[LoadPointID(name)] {
                                if loadPoints.contains(lp) {
                                    problems.append(("load_points", "load point '\(name)' is listed twice; name each load point once per event"))
                                } else {
                                    loadPoints.append(lp)
                                }
                            } else {
                                problems.append(("load_points", "unknown load point '\(name)' in the network"))
                            }
                        }
                    }
                    var customers = loadPoints.reduce(0) { $0 + network.model.loadPoints[$1].customers }
                    var mvUsers = loadPoints.reduce(0) { $0 + network.model.loadPoints[$1].mvUsers }
                    if loadPoints.isEmpty {
                        if let text = row.value(at: cCustomers) {
                            if let count = Int(text), (0...1_000_000_000).contains(count) { customers = count } else { problems.append(("customers", "'\(text)' is not a customer count in 0…1000000000")) }
                        } else if row.value(at: cLoadPoints) == nil {
                            problems.append(("load_points", "give the load points interrupted or a customer count"))
                        }
                        mvUsers = customers
                        if let text = row.value(at: cUsers) {
                            if let count = Int(text), (0...1_000_000_000).contains(count) { mvUsers = count } else { problems.append(("mv_users", "'\(text)' is not a count in 0…1000000000")) }
                        }
                    }
                    var steps: [OutageRecord.Step] = []
                    if let text = row.value(at: cSteps) {
                        for part in text.split(separator: ";", omittingEmptySubsequences: true) {
                            let pieces = part.split(separator: "=", maxSplits: 1)
                            guard pieces.count == 2, let time = Timestamp(String(pieces[0]).trimmingSpaces()) else {
                                problems.append(("steps", "step '\(part)' is not TIME=LOADPOINT|LOADPOINT or TIME=CUSTOMERS"))
                                continue
                            }
                            if let start, let end, time < start || end < time {
                                problems.append(("steps", "step at \(time) is outside the event \(start)…\(end)"))
                            }
                            let what = String(pieces[1]).trimmingSpaces()
                            if loadPoints.isEmpty {
                                guard let count = Int(what), (0...1_000_000_000).contains(count) else {
                                    problems.append(("steps", "step '\(part)': without load points a step restores a customer count"))
                                    continue
                                }
                                steps.append(OutageRecord.Step(time: time, loadPoints: [], customers: count))
                            } else {
                                var restored: [Int] = []
                                for name in what.split(separator: "|") {
                                    if let lp = network.loadPointIndex[LoadPointID(String(name))], loadPoints.contains(lp) { restored.append(lp) } else {
                                        problems.append(("steps", "step '\(part)': '\(name)' is not one of the event's load points"))
                                    }
                                }
                                steps.append(OutageRecord.Step(time: time, loadPoints: restored, customers: 0))
                            }
                        }
                        if loadPoints.isEmpty, steps.reduce(0, { $0 + $1.customers }) > customers {
                            problems.append(("steps", "steps restore more customers than the event interrupted (\(customers))"))
                        }
                    }
                    if !problems.isEmpty {
                        rejected += 1
                        for (column, message) in problems {
                            diagnostics.append(Diagnostic(severity: .error, file: source.fileName, line: row.line, path: column, elementID: id.isEmpty ? nil : id, message: message))
                        }
                        continue
                    }
                    records.append(OutageRecord(
                        id: id, line: row.line, start: start!, end: end!, cause: cause!, feeder: feeder, loadPoints: loadPoints, customers: customers,
                        mvUsers: mvUsers, steps: steps.sorted { $0.time < $1.time }))
        
                }
                box.set(chunk, (records, diagnostics, rejected))
                chunk += max(1, min(2, chunkCount))
            }
        }
        var diagnostics = table.diagnostics
        var records: [OutageRecord] = []
        records.reserveCapacity(rows.count)
        var rejected = table.malformedRows
        for part in box.all() {
            records += part.records
            diagnostics += part.diagnostics
            rejected += part.rejected
        }
        return ParsedLog(file: source.fileName, records: records, diagnostics: diagnostics, rejectedRows: rejected)
    }
}

/// A log or claims file that cannot be used at all.
public struct AuditInputError: Error, Sendable {
    public var diagnostics: [Diagnostic]
}

/// A CSV file with a header, rows addressable by column name.
struct CSVTable {
    struct Row {
        var line: Int
        var fields: [String]
        /// Column positions (shared by all rows).
        var position: [String: Int]

        /// The trimmed value of a column, or nil when absent or empty.
        func value(_ column: String) -> String? {
            value(at: position[column])
        }

        /// The trimmed value at a column position (from ``CSVTable/column(_:)``).
        func value(at index: Int?) -> String? {
            guard let index, index < fields.count else { return nil }
            let text = fields[index].trimmingSpaces()
            return text.isEmpty ? nil : text
        }
    }

    var rows: [Row] = []
    var diagnostics: [Diagnostic] = []
    /// Rows with the wrong number of fields (reported, and counted as rejected by the readers).
    var malformedRows = 0
    private var positions: [String: Int] = [:]

    /// Position of a column in the rows, or nil when the file does not have it.
    func column(_ name: String) -> Int? { positions[name] }

    init(_ source: SourceText, columns: [String], required: [String]) throws(AuditInputError) {
        if let bad = source.firstInvalidUTF8Offset() {
            let position = source.lineColumn(of: bad)
            throw AuditInputError(diagnostics: [Diagnostic(severity: .error, file: source.fileName, line: position.line, column: position.column, message: "byte 0x\(String(source.bytes[bad], radix: 16, uppercase: true)) is not valid UTF-8; save the file as UTF-8 CSV")])
        }
        var header: CSVReader.Record?
        var position: [String: Int] = [:]
        var rows: [Row] = []
        var width = 0
        var diagnostics: [Diagnostic] = []
        var malformed = 0
        do {
            try CSVReader.forEach(source.bytes) { record in
                guard header != nil else {
                    header = record
                    for (index, name) in record.fields.enumerated() {
                        let column = name.trimmingSpaces()
                        if !columns.contains(column) {
                            diagnostics.append(Diagnostic(severity: .error, file: source.fileName, line: record.line, path: column, message: UnknownName.message("column", column, known: columns)))
                        } else if position[column] == nil {
                            position[column] = index
                        } else {
                            diagnostics.append(Diagnostic(severity: .error, file: source.fileName, line: record.line, path: column, message: "column '\(column)' appears twice; keep one"))
                        }
                    }
                    width = record.fields.count
                    return
                }
                if record.fields.count != width {
                    diagnostics.append(Diagnostic(severity: .error, file: source.fileName, line: record.line, message: "row has \(record.fields.count) fields, the header \(width); the row is not used"))
                    malformed += 1
                    return
                }
                rows.append(Row(line: record.line, fields: record.fields, position: position))
            }
        } catch {
            if case .unclosedQuote(let line) = error {
                throw AuditInputError(diagnostics: [Diagnostic(severity: .error, file: source.fileName, line: line, message: "a quoted field is not closed; add the closing '\"'")])
            }
        }
        guard let header else {
            throw AuditInputError(diagnostics: [Diagnostic(severity: .error, file: source.fileName, message: "the file is empty; expected a header row (\(columns.joined(separator: ",")))")])
        }
        let missing = required.filter { position[$0] == nil }
        if !missing.isEmpty {
            throw AuditInputError(diagnostics: diagnostics + missing.map {
                Diagnostic(severity: .error, file: source.fileName, line: header.line, path: $0, message: "required column '\($0)' is missing from the header")
            })
        }
        self.rows = rows
        self.diagnostics = diagnostics
        self.malformedRows = malformed
        self.positions = position
    }
}

/// Results of parallel chunks, kept in chunk order.
final class ChunkedResults<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Value?]
    init(count: Int) { items = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: Value) { lock.lock(); items[index] = value; lock.unlock() }
    func all() -> [Value] { lock.lock(); defer { lock.unlock() }; return items.compactMap { $0 } }
}

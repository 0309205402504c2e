import Foundation
import GridModel

/// How a job was done, as logged.
public enum LoggedMethod: String, Sendable, CaseIterable {
    case liveLine
    case bypass
    case transfer
    case outage

    /// No customer interruption by design (不停电作业).
    public var isLive: Bool { self == .liveLine || self == .bypass }
}

/// One row of the executed work log.
public struct WorkRecord: Sendable, Equatable {
    public var job: String
    public var line: Int
    public var start: Timestamp
    public var end: Timestamp
    public var method: LoggedMethod
    /// Section worked on (index), when given.
    public var section: Int?
    /// Zone of the work (from the section), when known.
    public var zone: Int?
    public var feeder: Int?
    /// The bypass cable set or mobile generator used (the `equipment` column), when given.
    public var equipment: String?
    /// Whether the log has an `equipment` column at all (a bypass row can then be checked).
    public var equipmentRecorded = false

    public var hours: Double { Double(end.minutes - start.minutes) / 60 }

    public init(job: String, line: Int, start: Timestamp, end: Timestamp, method: LoggedMethod, section: Int?, zone: Int?, feeder: Int?) {
        self.job = job
        self.line = line
        self.start = start
        self.end = end
        self.method = method
        self.section = section
        self.zone = zone
        self.feeder = feeder
    }
}

/// Reads the executed work log (docs/audit-format.md).
public enum WorkLogReader {
    public static let columns = ["job_id", "date", "start", "end", "method", "section", "feeder", "equipment"]

    public static func read(path: String, network: Network) throws(AuditInputError) -> ParsedLog<WorkRecord> {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AuditInputError(diagnostics: [Diagnostic(severity: .error, file: path, message: FileManager.default.fileExists(atPath: path) ? "cannot read the file; check its permissions" : "no such file")])
        }
        return try parse(SourceText(fileName: path, bytes: [UInt8](data)), network: network)
    }

    public static func parse(_ source: SourceText, network: Network) throws(AuditInputError) -> ParsedLog<WorkRecord> {
        let table = try CSVTable(source, columns: columns, required: ["job_id", "date", "start", "end", "method"])
        var diagnostics = table.diagnostics
        var records: [WorkRecord] = []
        var rejected = table.malformedRows
        var seen: [String: Int] = [:]
        for row in table.rows {
            var problems: [(String, String)] = []
            let id = row.value("job_id") ?? ""
            if id.isEmpty { problems.append(("job_id", "missing job id")) }
            if !id.isEmpty, let first = seen[id] { problems.append(("job_id", "duplicate job id; line \(first) has it too")) }
            let date = row.value("date") ?? ""
            if CivilDate(date) == nil { problems.append(("date", date.isEmpty ? "missing date" : "'\(date)' is not a date; write YYYY-MM-DD")) }
            let start = Timestamp(date: date, time: row.value("start") ?? "")
            let end = Timestamp(date: date, time: row.value("end") ?? "")
            if CivilDate(date) != nil && start == nil { problems.append(("start", "'\(row.value("start") ?? "")' is not a time; write HH:MM")) }
            if CivilDate(date) != nil && end == nil { problems.append(("end", "'\(row.value("end") ?? "")' is not a time; write HH:MM")) }
            if let start, let end, end < start { problems.append(("end", "end \(end) is before start \(start)")) }
            let methodText = row.value("method") ?? ""
            let method = LoggedMethod(rawValue: methodText)
            if method == nil { problems.append(("method", "unknown method '\(methodText)'; use one of \(LoggedMethod.allCases.map(\.rawValue).joined(separator: ", "))")) }
            var section: Int?
            if let text = row.value("section") {
                if let index = network.sectionIndex[SectionID(text)] { section = index } else { problems.append(("section", "unknown section '\(text)' in the network")) }
            }
            var feeder: Int?
            if let text = row.value("feeder") {
                if let index = network.sourceIndex[SourceID(text)] { feeder = index } else { problems.append(("feeder", "unknown feeder '\(text)' in the network")) }
            }
            if let section, let given = feeder, network.topology.feederOfSection[section] != given {
                problems.append(("feeder", "section '\(network.model.sections[section].id.rawValue)' is on feeder '\(network.model.sources[network.topology.feederOfSection[section]].id.rawValue)', not '\(network.model.sources[given].id.rawValue)'"))
            }
            if !problems.isEmpty {
                rejected += 1
                for (column, message) in problems {
                    diagnostics.append(Diagnostic(severity: .error, file: source.fileName, line: row.line, path: column, elementID: id.isEmpty ? nil : id, message: message))
                }
                continue
            }
            seen[id] = row.line
            var record = WorkRecord(
                job: id, line: row.line, start: start!, end: end!, method: method!, section: section,
                zone: section.map { network.topology.zoneOfSection[$0] }, feeder: feeder ?? section.map { network.topology.feederOfSection[$0] })
            record.equipmentRecorded = table.column("equipment") != nil
            record.equipment = row.value("equipment")
            records.append(record)
        }
        return ParsedLog(file: source.fileName, records: records, diagnostics: diagnostics, rejectedRows: rejected)
    }
}

import Foundation
import GridModel

/// The schedule format (docs/schedule-format.md): written by `liveline plan`, read by
/// `liveline simulate --schedule`. Per-job rows for people; zone outages for simulation — jobs
/// sharing one outage appear once there.
public struct PlannedSchedule: Sendable, Equatable {
    public struct JobEntry: Sendable, Equatable {
        public var job: String
        public var date: CivilDate
        public var method: String
        public var section: SectionID
        public var durationHours: Double
        /// Id of the zone outage the job rides on, for de-energising methods.
        public var outage: String?
        public var description: String?
        public var workType: String?

        public init(job: String, date: CivilDate, method: String, section: SectionID, durationHours: Double, outage: String?, description: String?, workType: String?) {
            self.job = job
            self.date = date
            self.method = method
            self.section = section
            self.durationHours = durationHours
            self.outage = outage
            self.description = description
            self.workType = workType
        }
    }

    public struct Outage: Sendable, Equatable {
        public var id: String
        public var date: CivilDate
        /// A section of the zone switched out (the zone is derived from the network).
        public var section: SectionID
        /// Hour the switching starts, 0…23.
        public var startHour: Int
        /// Hours of work between isolating and restoring.
        public var workHours: Double
        /// Load below the zone moved over ties (transfer) or left out (outage).
        public var transfer: Bool
        public var jobs: [String]

        public init(id: String, date: CivilDate, section: SectionID, startHour: Int, workHours: Double, transfer: Bool, jobs: [String]) {
            self.id = id
            self.date = date
            self.section = section
            self.startHour = startHour
            self.workHours = workHours
            self.transfer = transfer
            self.jobs = jobs
        }
    }

    public var name: String
    public var network: String?
    public var start: CivilDate
    public var end: CivilDate
    public var closedLoopTransfer: Bool
    public var jobs: [JobEntry]
    public var outages: [Outage]

    public init(name: String, network: String?, start: CivilDate, end: CivilDate, closedLoopTransfer: Bool, jobs: [JobEntry], outages: [Outage]) {
        self.name = name
        self.network = network
        self.start = start
        self.end = end
        self.closedLoopTransfer = closedLoopTransfer
        self.jobs = jobs
        self.outages = outages
    }

    public func jsonOutput() -> JSONOutput {
        .object([
            ("formatVersion", .integer(1)),
            ("kind", .string("liveline-schedule")),
            ("name", .string(name)),
            ("network", network.map { .string($0) } ?? .null),
            ("horizon", .object([("start", .string(start.description)), ("end", .string(end.description))])),
            ("closedLoopTransfer", .bool(closedLoopTransfer)),
            ("outages", .array(outages.map { outage in
                .object([
                    ("id", .string(outage.id)), ("date", .string(outage.date.description)), ("section", .string(outage.section.rawValue)),
                    ("startHour", .integer(outage.startHour)), ("workHours", .number(outage.workHours)), ("transfer", .bool(outage.transfer)),
                    ("jobs", .array(outage.jobs.map { .string($0) })),
                ])
            })),
            ("jobs", .array(jobs.map { job in
                var fields: [(String, JSONOutput)] = [
                    ("job", .string(job.job)), ("date", .string(job.date.description)), ("method", .string(job.method)),
                    ("section", .string(job.section.rawValue)), ("durationHours", .number(job.durationHours)),
                ]
                if let outage = job.outage { fields.append(("outage", .string(outage))) }
                if let workType = job.workType { fields.append(("workType", .string(workType))) }
                if let description = job.description { fields.append(("description", .string(description))) }
                return .object(fields)
            })),
        ])
    }

    /// Reads a schedule; sections are checked against `network`. Every problem is reported.
    public static func load(path: String, network: Network) throws(ScheduleError) -> PlannedSchedule {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScheduleError(diagnostics: [Diagnostic(severity: .error, file: path, message: FileManager.default.fileExists(atPath: path) ? "cannot read the file; check its permissions" : "no such file")])
        }
        return try decode(SourceText(fileName: path, bytes: [UInt8](data)), network: network)
    }

    public static func decode(_ source: SourceText, network: Network) throws(ScheduleError) -> PlannedSchedule {
        var log = DiagnosticLog(source: source)
        func fail() -> ScheduleError { ScheduleError(diagnostics: log.diagnostics) }
        guard let root = log.parseJSONDocument(utf8Advice: "") else { throw fail() }
        guard var top = FieldReader(root, path: "", log: &log) else { throw fail() }
        if let version = top.integer("formatVersion", required: true, log: &log), version != 1 {
            log.error(at: top.node("formatVersion")?.offset, path: "formatVersion", "unsupported formatVersion \(version); write 1")
        }
        if let kind = top.string("kind", required: true, log: &log), kind != "liveline-schedule" {
            log.error(at: top.node("kind")?.offset, path: "kind", "expected \"liveline-schedule\", found \"\(kind)\"")
        }
        let name = top.string("name", required: false, log: &log) ?? source.fileName
        let networkName = top.string("network", required: false, log: &log)
        var start: CivilDate?
        var end: CivilDate?
        if let node = top.node("horizon"), var horizon = FieldReader(node, path: "horizon", log: &log) {
            start = readDate(&horizon, "start", log: &log)
            end = readDate(&horizon, "end", log: &log)
            horizon.reportUnknown(log: &log, known: ["start", "end"])
        } else {
            log.error(at: top.offset, path: "", "required field 'horizon' is missing")
        }
        let closedLoop = top.bool("closedLoopTransfer", log: &log) ?? false
        var outages: [Outage] = []
        for (index, item) in (top.array("outages", required: true, log: &log) ?? []).enumerated() {
            guard var reader = FieldReader(item, path: "outages[\(index)]", log: &log) else { continue }
            let errors = log.errorCount
            let id = reader.string("id", required: true, log: &log)
            reader.elementID = id
            let date = readDate(&reader, "date", log: &log)
            let section = reader.string("section", required: true, log: &log)
            if let section, network.sectionIndex[SectionID(section)] == nil {
                log.error(at: reader.node("section")?.offset, path: reader.fieldPath("section"), id: id, "unknown section '\(section)' in the network")
            }
            let hour = reader.integer("startHour", required: false, log: &log, minimum: 0) ?? 9
            if hour > 23 { log.error(at: reader.node("startHour")?.offset, path: reader.fieldPath("startHour"), id: id, "must be an hour 0…23") }
            let work = reader.double("workHours", required: true, log: &log, minimum: 0, unit: "hours")
            let transfer = reader.bool("transfer", log: &log) ?? false
            let jobs = reader.stringArray("jobs", required: false, log: &log) ?? []
            reader.reportUnknown(log: &log, known: ["id", "date", "section", "startHour", "workHours", "transfer", "jobs"])
            if let id, let date, let section, let work, log.errorCount == errors {
                outages.append(Outage(id: id, date: date, section: SectionID(section), startHour: hour, workHours: work, transfer: transfer, jobs: jobs))
            }
        }
        var jobs: [JobEntry] = []
        for (index, item) in (top.array("jobs", required: false, log: &log) ?? []).enumerated() {
            guard var reader = FieldReader(item, path: "jobs[\(index)]", log: &log) else { continue }
            let errors = log.errorCount
            let id = reader.string("job", required: true, log: &log)
            reader.elementID = id
            let date = readDate(&reader, "date", log: &log)
            let method = reader.string("method", required: true, log: &log)
            let section = reader.string("section", required: true, log: &log)
            let duration = reader.double("durationHours", required: true, log: &log, minimum: 0)
            let outage = reader.string("outage", required: false, log: &log)
            let workType = reader.string("workType", required: false, log: &log)
            let description = reader.string("description", required: false, log: &log)
            reader.reportUnknown(log: &log, known: ["job", "date", "method", "section", "durationHours", "outage", "workType", "description"])
            if let id, let date, let method, let section, let duration, log.errorCount == errors {
                jobs.append(JobEntry(job: id, date: date, method: method, section: SectionID(section), durationHours: duration, outage: outage, description: description, workType: workType))
            }
        }
        top.reportUnknown(log: &log, known: ["formatVersion", "kind", "name", "network", "horizon", "closedLoopTransfer", "outages", "jobs"])
        guard let start, let end, !log.hasErrors else { throw fail() }
        return PlannedSchedule(name: name, network: networkName, start: start, end: end, closedLoopTransfer: closedLoop, jobs: jobs, outages: outages)
    }

    private static func readDate(_ reader: inout FieldReader, _ key: String, log: inout DiagnosticLog) -> CivilDate? {
        guard let text = reader.string(key, required: true, log: &log, what: "a date YYYY-MM-DD") else { return nil }
        guard let date = CivilDate(text) else {
            log.error(at: reader.node(key)?.offset, path: reader.fieldPath(key), id: reader.elementID, "'\(text)' is not a date; write YYYY-MM-DD")
            return nil
        }
        return date
    }
}

public struct ScheduleError: Error, Sendable {
    public var diagnostics: [Diagnostic]
}

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
        /// The switching sequence (times after `startHour`); nil when the file gives none, and the
        /// engine derives it from the zone, method and hours.
        public var switching: [SwitchingOperation]?

        public init(id: String, date: CivilDate, section: SectionID, startHour: Int, workHours: Double, transfer: Bool, jobs: [String],
                    switching: [SwitchingOperation]? = nil) {
            self.id = id
            self.date = date
            self.section = section
            self.startHour = startHour
            self.workHours = workHours
            self.transfer = transfer
            self.jobs = jobs
            self.switching = switching
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

    /// The schedule as JSON (format version 2); `network` names elements in the switching steps.
    public func jsonOutput(network: Network) -> JSONOutput {
        let outageItems: [JSONOutput] = outages.map { Self.outageJSON($0, network: network) }
        let jobItems: [JSONOutput] = jobs.map(Self.jobJSON)
        let horizon = JSONOutput.object([("start", .string(start.description)), ("end", .string(end.description))])
        return .object([
            ("formatVersion", .integer(2)),
            ("kind", .string("liveline-schedule")),
            ("name", .string(name)),
            ("network", self.network.map { JSONOutput.string($0) } ?? .null),
            ("horizon", horizon),
            ("closedLoopTransfer", .bool(closedLoopTransfer)),
            ("outages", .array(outageItems)),
            ("jobs", .array(jobItems)),
        ])
    }

    static func outageJSON(_ outage: Outage, network: Network) -> JSONOutput {
        var fields: [(String, JSONOutput)] = [
            ("id", .string(outage.id)), ("date", .string(outage.date.description)), ("section", .string(outage.section.rawValue)),
            ("startHour", .integer(outage.startHour)), ("workHours", .number(outage.workHours)), ("transfer", .bool(outage.transfer)),
            ("jobs", .array(outage.jobs.map { .string($0) })),
        ]
        if let switching = outage.switching {
            let steps: [JSONOutput] = switching.map { stepJSON($0, network: network) }
            fields.append(("switching", .array(steps)))
        }
        return .object(fields)
    }

    static func jobJSON(_ job: JobEntry) -> JSONOutput {
        var fields: [(String, JSONOutput)] = [
            ("job", .string(job.job)), ("date", .string(job.date.description)), ("method", .string(job.method)),
            ("section", .string(job.section.rawValue)), ("durationHours", .number(job.durationHours)),
        ]
        if let outage = job.outage { fields.append(("outage", .string(outage))) }
        if let workType = job.workType { fields.append(("workType", .string(workType))) }
        if let description = job.description { fields.append(("description", .string(description))) }
        return .object(fields)
    }
}

extension PlannedSchedule {
    /// One switching step as written in the file: `at` (hours after the outage's start),
    /// `action`, the element (`device`, `tie`, `feederHead` with the zone's first `section`, or
    /// `lowVoltage` with a load point id)
    /// and `purpose`.
    static func stepJSON(_ step: SwitchingOperation, network: Network) -> JSONOutput {
        var fields: [(String, JSONOutput)] = [("at", .number(step.atHours)), ("action", .string(step.action.rawValue))]
        switch step.element {
        case .device(let d): fields.append(("device", .string(network.model.devices[d].id.rawValue)))
        case .tie(let t): fields.append(("tie", .string(network.model.ties[t].id.rawValue)))
        case .feederBay(let zone):
            let info = network.topology.zones[zone]
            fields.append(("feederHead", .string(network.model.sources[info.feeder].id.rawValue)))
            if let section = info.sections.first { fields.append(("section", .string(network.model.sections[section].id.rawValue))) }
        case .lowVoltage(let lp): fields.append(("lowVoltage", .string(network.model.loadPoints[lp].id.rawValue)))
        }
        fields.append(("purpose", .string(step.purpose.rawValue)))
        return .object(fields)
    }
}

public struct ScheduleError: Error, Sendable {
    public var diagnostics: [Diagnostic]
}
